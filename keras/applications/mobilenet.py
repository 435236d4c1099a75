"""MobileNet v1 model for Keras.

# Reference
- [MobileNets: Efficient Convolutional Neural Networks for
   Mobile Vision Applications](https://arxiv.org/abs/1704.04861)
"""
from __future__ import absolute_import

from .. import backend as K
from .. import layers
from . import _common
from ._mobile import check_imagenet, default_size, spatial_of
from .imagenet_utils import decode_predictions  # noqa: F401
from .imagenet_utils import preprocessor

BASE_WEIGHT_PATH = ('https://github.com/fchollet/deep-learning-models/'
                    'releases/download/v0.6/')
_ALPHA_TEXT = {1.0: '1_0', 0.75: '7_5', 0.50: '5_0', 0.25: '2_5'}
_SIZES = (128, 160, 192, 224)
# (pointwise filters, stride) of the 13 depthwise separable blocks.
_BLOCKS = ((64, 1), (128, 2), (128, 1), (256, 2), (256, 1), (512, 2),
           (512, 1), (512, 1), (512, 1), (512, 1), (512, 1), (1024, 2),
           (1024, 1))

preprocess_input = preprocessor('tf')


def _bn_relu6(x, name):
    x = layers.BatchNormalization(axis=_common.channel_axis(),
                                  name=name + '_bn')(x)
    return layers.ReLU(6., name=name + '_relu')(x)


def _conv_block(inputs, filters, alpha, kernel=(3, 3), strides=(1, 1)):
    """First layer: padded strided conv + BN + ReLU6."""
    x = layers.ZeroPadding2D(padding=((0, 1), (0, 1)), name='conv1_pad')(inputs)
    x = layers.Conv2D(int(filters * alpha), kernel, padding='valid',
                      use_bias=False, strides=strides, name='conv1')(x)
    return _bn_relu6(x, 'conv1')


def _depthwise_conv_block(inputs, pointwise_conv_filters, alpha,
                          depth_multiplier=1, strides=(1, 1), block_id=1):
    """Depthwise 3x3 conv + BN + ReLU6, pointwise 1x1 conv + BN + ReLU6."""
    x = inputs
    if strides != (1, 1):
        x = layers.ZeroPadding2D(((0, 1), (0, 1)),
                                 name='conv_pad_%d' % block_id)(x)
    x = layers.DepthwiseConv2D((3, 3),
                               padding='same' if strides == (1, 1)
                               else 'valid',
                               depth_multiplier=depth_multiplier,
                               strides=strides, use_bias=False,
                               name='conv_dw_%d' % block_id)(x)
    x = _bn_relu6(x, 'conv_dw_%d' % block_id)
    x = layers.Conv2D(int(pointwise_conv_filters * alpha), (1, 1),
                      padding='same', use_bias=False, strides=(1, 1),
                      name='conv_pw_%d' % block_id)(x)
    return _bn_relu6(x, 'conv_pw_%d' % block_id)


def _classifier(x, alpha, dropout, classes):
    if K.image_data_format() == 'channels_first':
        shape = (int(1024 * alpha), 1, 1)
    else:
        shape = (1, 1, int(1024 * alpha))
    x = layers.GlobalAveragePooling2D()(x)
    x = layers.Reshape(shape, name='reshape_1')(x)
    x = layers.Dropout(dropout, name='dropout')(x)
    x = layers.Conv2D(classes, (1, 1), padding='same', name='conv_preds')(x)
    x = layers.Reshape((classes,), name='reshape_2')(x)
    return layers.Activation('softmax', name='act_softmax')(x)


def MobileNet(input_shape=None, alpha=1.0, depth_multiplier=1, dropout=1e-3,
              include_top=True, weights='imagenet', input_tensor=None,
              pooling=None, classes=1000, **kwargs):
    """Instantiates the MobileNet architecture.

    # Arguments
        input_shape: optional shape tuple, only to be specified
            if `include_top` is False (otherwise the input shape
            has to be `(224, 224, 3)` (channels_last) or `(3, 224, 224)`
            (channels_first)). It should have exactly 3 input channels,
            and width and height should be no smaller than 32.
            With ImageNet weights, sizes 128, 160, 192 and 224 have
            weight files.
        alpha: controls the width of the network (the width multiplier):
            < 1.0 decreases and > 1.0 increases the number of filters in
            each layer; 1.0 gives the paper's number of filters.
        depth_multiplier: depth multiplier for depthwise convolution
            (the resolution multiplier).
        dropout: dropout rate.
        include_top: whether to include the fully-connected
            layer at the top of the network.
        weights: one of `None` (random initialization),
            'imagenet' (pre-training on ImageNet),
            or the path to the weights file to be loaded.
        input_tensor: optional Keras tensor (i.e. output of `layers.Input()`)
            to use as image input for the model.
        pooling: optional pooling mode for feature extraction
            when `include_top` is `False`: `None`, 'avg' or 'max'.
        classes: optional number of classes to classify images
            into, only to be specified if `include_top` is True, and
            if no `weights` argument is specified.

    # Returns
        A Keras model instance.

    # Raises
        ValueError: in case of invalid argument for `weights`,
            or invalid input shape, or of an alpha / depth multiplier
            without ImageNet weights.
    """
    _common.check_kwargs(kwargs, 'MobileNet')
    _common.check_weights(weights, include_top, classes, pooling)
    size = default_size(input_shape, None, _SIZES)
    img_input = _common.make_input(input_shape, input_tensor, size, 32,
                                   include_top, weights)
    rows, cols = spatial_of(img_input)
    if weights == 'imagenet':
        rows = check_imagenet(
            'MobileNet', rows, cols, alpha, tuple(_ALPHA_TEXT), _SIZES,
            extra_ok=depth_multiplier == 1,
            extra_msg='If imagenet weights are being loaded, depth multiplier '
                      'must be 1; got depth_multiplier=%s.' % depth_multiplier)
    x = _conv_block(img_input, 32, alpha, strides=(2, 2))
    for block_id, (filters, stride) in enumerate(_BLOCKS, 1):
        x = _depthwise_conv_block(x, filters, alpha, depth_multiplier,
                                  strides=(stride, stride), block_id=block_id)
    if include_top:
        x = _classifier(x, alpha, dropout, classes)
    else:
        x = _common.pool_features(x, pooling)
    model = _common.finish(img_input, input_tensor, x,
                           'mobilenet_%0.2f_%s' % (alpha, rows))

    def remote(top):
        name = 'mobilenet_%s_%d_tf%s.h5' % (_ALPHA_TEXT.get(alpha, ''), rows,
                                           '' if top else '_no_top')
        return name, BASE_WEIGHT_PATH + name, None
    return _common.load_weights(model, weights, include_top, remote)

