"""DenseNet models (DenseNet121, DenseNet169, DenseNet201) for Keras.

# Reference
- [Densely Connected Convolutional Networks](
    https://arxiv.org/abs/1608.06993) (CVPR 2017 Best Paper Award)
"""
from __future__ import absolute_import

from .. import backend as K
from .. import layers
from . import _common
from .imagenet_utils import decode_predictions  # noqa: F401
from .imagenet_utils import preprocess_input as _preprocess_input

BASE_WEIGTHS_PATH = ('https://github.com/keras-team/keras-applications/'
                     'releases/download/densenet/')
# blocks per dense block -> (name, md5 with top, md5 without top)
_VARIANTS = {
    (6, 12, 24, 16): ('densenet121', '9d60b8095a5708f2dcce2bca79d332c7',
                      '30ee3e1110167f948a6b9946edeeb738'),
    (6, 12, 32, 32): ('densenet169', 'd699b8f76981ab1b30698df4c175e90b',
                      'b8c4d4c20dd625c148057b9ff1c1176b'),
    (6, 12, 48, 32): ('densenet201', '1ceb130c1ea1b78c3bf6114dbdfd8807',
                      'c13680b51ded0fb44dff2d8f86ac8bb1'),
}
_EPS = 1.001e-5


def preprocess_input(x, data_format=None, **kwargs):
    """Preprocesses a numpy array or tensor encoding a batch of images
    ('torch' mode: scaled to [0, 1], normalized per channel).

    # Arguments
        x: a 3D or 4D numpy array or tensor (RGB, values in [0, 255]).
        data_format: data format of the image tensor.

    # Returns
        Preprocessed array or tensor.
    """
    kwargs.pop('mode', None)
    return _preprocess_input(x, data_format, mode='torch', **kwargs)


def _bn_relu(x, name):
    x = layers.BatchNormalization(axis=_common.channel_axis(), epsilon=_EPS,
                                  name=name + '_bn')(x)
    return layers.Activation('relu', name=name + '_relu')(x)


def conv_block(x, growth_rate, name):
    """BN-ReLU-1x1 conv (4k) - BN-ReLU-3x3 conv (k), concatenated to `x`."""
    x1 = _bn_relu(x, name + '_0')
    x1 = layers.Conv2D(4 * growth_rate, 1, use_bias=False,
                       name=name + '_1_conv')(x1)
    x1 = _bn_relu(x1, name + '_1')
    x1 = layers.Conv2D(growth_rate, 3, padding='same', use_bias=False,
                       name=name + '_2_conv')(x1)
    return layers.Concatenate(axis=_common.channel_axis(),
                              name=name + '_concat')([x, x1])


def dense_block(x, blocks, name):
    """`blocks` conv blocks with growth rate 32."""
    for i in range(blocks):
        x = conv_block(x, 32, name=name + '_block' + str(i + 1))
    return x


def transition_block(x, reduction, name):
    """BN-ReLU-1x1 conv (channels x `reduction`) - 2x2 average pooling."""
    channels = K.int_shape(x)[_common.channel_axis()]
    x = _bn_relu(x, name)
    x = layers.Conv2D(int(channels * reduction), 1, use_bias=False,
                      name=name + '_conv')(x)
    return layers.AveragePooling2D(2, strides=2, name=name + '_pool')(x)


def DenseNet(blocks, include_top=True, weights='imagenet', input_tensor=None,
             input_shape=None, pooling=None, classes=1000, **kwargs):
    """Instantiates a DenseNet with `blocks` conv blocks in each of its 4
    dense blocks (ImageNet weights exist for DenseNet121/169/201)."""
    blocks = tuple(blocks)
    name, top_hash, notop_hash = _VARIANTS.get(
        blocks, ('densenet', None, None))
    _common.check_kwargs(kwargs, name)
    _common.check_weights(weights, include_top, classes, pooling)
    if weights == 'imagenet' and blocks not in _VARIANTS:
        raise ValueError('DenseNet: ImageNet weights exist only for blocks '
                         'in ' + str(sorted(_VARIANTS)) + '; got ' +
                         str(blocks) + '.')
    img_input = _common.make_input(input_shape, input_tensor, 224, 32,
                                   include_top, weights)
    x = layers.ZeroPadding2D(padding=((3, 3), (3, 3)))(img_input)
    x = layers.Conv2D(64, 7, strides=2, use_bias=False, name='conv1/conv')(x)
    x = layers.BatchNormalization(axis=_common.channel_axis(), epsilon=_EPS,
                                  name='conv1/bn')(x)
    x = layers.Activation('relu', name='conv1/relu')(x)
    x = layers.ZeroPadding2D(padding=((1, 1), (1, 1)))(x)
    x = layers.MaxPooling2D(3, strides=2, name='pool1')(x)
    for i, count in enumerate(blocks):
        x = dense_block(x, count, name='conv%d' % (i + 2))
        if i < len(blocks) - 1:
            x = transition_block(x, 0.5, name='pool%d' % (i + 2))
    x = layers.BatchNormalization(axis=_common.channel_axis(), epsilon=_EPS,
                                  name='bn')(x)
    x = layers.Activation('relu', name='relu')(x)
    x = _common.gap_head(x, include_top, pooling, classes, dense_name='fc1000')
    model = _common.finish(img_input, input_tensor, x, name)
    stem_name = name + '_weights_tf_dim_ordering_tf_kernels'
    return _common.load_weights(
        model, weights, include_top,
        lambda top: _common.github_release(
            BASE_WEIGTHS_PATH, top, stem_name + '.h5',
            stem_name + '_notop.h5', top_hash, notop_hash))


def DenseNet121(include_top=True, weights='imagenet', input_tensor=None,
               input_shape=None, pooling=None, classes=1000, **kwargs):
    """Instantiates the DenseNet121 architecture.

    # Arguments
        include_top: whether to include the fully-connected
            layer at the top of the network.
        weights: one of `None` (random initialization),
            'imagenet' (pre-training on ImageNet),
            or the path to the weights file to be loaded.
        input_tensor: optional Keras tensor (i.e. output of `layers.Input()`)
            to use as image input for the model.
        input_shape: optional shape tuple, only to be specified
            if `include_top` is False (otherwise the input shape
            has to be `(224, 224, 3)` (channels_last) or
            `(3, 224, 224)` (channels_first)). It should have exactly
            3 input channels, and width and height should be no smaller
            than 32.
        pooling: optional pooling mode for feature extraction
            when `include_top` is `False`: `None` (4D output of the
            last convolutional block), 'avg' or 'max' (global pooling, 2D).
        classes: optional number of classes to classify images
            into, only to be specified if `include_top` is True, and
            if no `weights` argument is specified.

    # Returns
        A Keras model instance.

    # Raises
        ValueError: in case of invalid argument for `weights`,
            or invalid input shape.
    """
    return DenseNet((6, 12, 24, 16), include_top, weights, input_tensor,
                    input_shape, pooling, classes, **kwargs)


def DenseNet169(include_top=True, weights='imagenet', input_tensor=None,
               input_shape=None, pooling=None, classes=1000, **kwargs):
    """Instantiates the DenseNet169 architecture.

    # Arguments
        include_top: whether to include the fully-connected
            layer at the top of the network.
        weights: one of `None` (random initialization),
            'imagenet' (pre-training on ImageNet),
            or the path to the weights file to be loaded.
        input_tensor: optional Keras tensor (i.e. output of `layers.Input()`)
            to use as image input for the model.
        input_shape: optional shape tuple, only to be specified
            if `include_top` is False (otherwise the input shape
            has to be `(224, 224, 3)` (channels_last) or
            `(3, 224, 224)` (channels_first)). It should have exactly
            3 input channels, and width and height should be no smaller
            than 32.
        pooling: optional pooling mode for feature extraction
            when `include_top` is `False`: `None` (4D output of the
            last convolutional block), 'avg' or 'max' (global pooling, 2D).
        classes: optional number of classes to classify images
            into, only to be specified if `include_top` is True, and
            if no `weights` argument is specified.

    # Returns
        A Keras model instance.

    # Raises
        ValueError: in case of invalid argument for `weights`,
            or invalid input shape.
    """
    return DenseNet((6, 12, 32, 32), include_top, weights, input_tensor,
                    input_shape, pooling, classes, **kwargs)


def DenseNet201(include_top=True, weights='imagenet', input_tensor=None,
               input_shape=None, pooling=None, classes=1000, **kwargs):
    """Instantiates the DenseNet201 architecture.

    # Arguments
        include_top: whether to include the fully-connected
            layer at the top of the network.
        weights: one of `None` (random initialization),
            'imagenet' (pre-training on ImageNet),
            or the path to the weights file to be loaded.
        input_tensor: optional Keras tensor (i.e. output of `layers.Input()`)
            to use as image input for the model.
        input_shape: optional shape tuple, only to be specified
            if `include_top` is False (otherwise the input shape
            has to be `(224, 224, 3)` (channels_last) or
            `(3, 224, 224)` (channels_first)). It should have exactly
            3 input channels, and width and height should be no smaller
            than 32.
        pooling: optional pooling mode for feature extraction
            when `include_top` is `False`: `None` (4D output of the
            last convolutional block), 'avg' or 'max' (global pooling, 2D).
        classes: optional number of classes to classify images
            into, only to be specified if `include_top` is True, and
            if no `weights` argument is specified.

    # Returns
        A Keras model instance.

    # Raises
        ValueError: in case of invalid argument for `weights`,
            or invalid input shape.
    """
    return DenseNet((6, 12, 48, 32), include_top, weights, input_tensor,
                    input_shape, pooling, classes, **kwargs)
