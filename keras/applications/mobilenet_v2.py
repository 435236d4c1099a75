"""MobileNet v2 model for Keras.

# Reference
- [MobileNetV2: Inverted Residuals and Linear Bottlenecks](
    https://arxiv.org/abs/1801.04381) (CVPR 2018)
"""
from __future__ import absolute_import

from .. import backend as K
from .. import layers
from . import _common
from ._mobile import check_imagenet, default_size, spatial_of
from .imagenet_utils import decode_predictions  # noqa: F401
from .imagenet_utils import preprocessor

BASE_WEIGHT_PATH = ('https://github.com/JonathanCMitchell/mobilenet_v2_keras/'
                    'releases/download/v1.1/')
_ALPHAS = (0.35, 0.50, 0.75, 1.0, 1.3, 1.4)
_SIZES = (96, 128, 160, 192, 224)
# (filters, stride, expansion) of the 17 inverted residual blocks.
_BLOCKS = ((16, 1, 1), (24, 2, 6), (24, 1, 6), (32, 2, 6), (32, 1, 6),
           (32, 1, 6), (64, 2, 6), (64, 1, 6), (64, 1, 6), (64, 1, 6),
           (96, 1, 6), (96, 1, 6), (96, 1, 6), (160, 2, 6), (160, 1, 6),
           (160, 1, 6), (320, 1, 6))

preprocess_input = preprocessor('tf')


def _make_divisible(v, divisor=8, min_value=None):
    """Rounds `v` to a multiple of `divisor`, never going 10% below it."""
    if min_value is None:
        min_value = divisor
    new_v = max(min_value, int(v + divisor / 2) // divisor * divisor)
    if new_v < 0.9 * v:
        new_v += divisor
    return new_v


def _bn(x, name):
    return layers.BatchNormalization(axis=_common.channel_axis(), epsilon=1e-3,
                                     momentum=0.999, name=name)(x)


def _inverted_res_block(inputs, expansion, stride, alpha, filters, block_id):
    """Expand (1x1) + depthwise 3x3 + linear projection (1x1) [+ add]."""
    in_channels = K.int_shape(inputs)[_common.channel_axis()]
    pointwise_filters = _make_divisible(int(filters * alpha), 8)
    x = inputs
    if block_id:
        prefix = 'block_{}_'.format(block_id)
        x = layers.Conv2D(expansion * in_channels, kernel_size=1,
                          padding='same', use_bias=False, activation=None,
                          name=prefix + 'expand')(x)
        x = _bn(x, prefix + 'expand_BN')
        x = layers.ReLU(6., name=prefix + 'expand_relu')(x)
    else:
        prefix = 'expanded_conv_'
    if stride == 2:
        x = layers.ZeroPadding2D(padding=_common.correct_pad(x, 3),
                                 name=prefix + 'pad')(x)
    x = layers.DepthwiseConv2D(kernel_size=3, strides=stride, activation=None,
                               use_bias=False,
                               padding='same' if stride == 1 else 'valid',
                               name=prefix + 'depthwise')(x)
    x = _bn(x, prefix + 'depthwise_BN')
    x = layers.ReLU(6., name=prefix + 'depthwise_relu')(x)
    x = layers.Conv2D(pointwise_filters, kernel_size=1, padding='same',
                      use_bias=False, activation=None,
                      name=prefix + 'project')(x)
    x = _bn(x, prefix + 'project_BN')
    if in_channels == pointwise_filters and stride == 1:
        return layers.Add(name=prefix + 'add')([inputs, x])
    return x


def MobileNetV2(input_shape=None, alpha=1.0, include_top=True,
                weights='imagenet', input_tensor=None, pooling=None,
                classes=1000, **kwargs):
    """Instantiates the MobileNetV2 architecture.

    # Arguments
        input_shape: optional shape tuple, to be specified if you would
            like to use a model with an input image resolution that is not
            (224, 224, 3). It should have exactly 3 input channels and
            width and height no smaller than 32. With ImageNet weights,
            sizes 96, 128, 160, 192 and 224 have weight files.
        alpha: controls the width of the network (the width multiplier):
            < 1.0 decreases and > 1.0 increases the number of filters in
            each layer; 1.0 gives the paper's number of filters.
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
            or invalid input shape or alpha.
    """
    _common.check_kwargs(kwargs, 'MobileNetV2')
    _common.check_weights(weights, include_top, classes, pooling)
    size = default_size(input_shape, input_tensor, _SIZES)
    img_input = _common.make_input(input_shape, input_tensor, size, 32,
                                   include_top, weights)
    rows, cols = spatial_of(img_input)
    if weights == 'imagenet':
        rows = check_imagenet('MobileNetV2', rows, cols, alpha, _ALPHAS,
                              _SIZES)
    first_block_filters = _make_divisible(32 * alpha, 8)
    x = layers.ZeroPadding2D(padding=_common.correct_pad(img_input, 3),
                             name='Conv1_pad')(img_input)
    x = layers.Conv2D(first_block_filters, kernel_size=3, strides=(2, 2),
                      padding='valid', use_bias=False, name='Conv1')(x)
    x = _bn(x, 'bn_Conv1')
    x = layers.ReLU(6., name='Conv1_relu')(x)
    for block_id, (filters, stride, expansion) in enumerate(_BLOCKS):
        x = _inverted_res_block(x, filters=filters, alpha=alpha,
                                stride=stride, expansion=expansion,
                                block_id=block_id)
    last_block_filters = _make_divisible(1280 * alpha, 8) if alpha > 1.0 \
        else 1280
    x = layers.Conv2D(last_block_filters, kernel_size=1, use_bias=False,
                      name='Conv_1')(x)
    x = _bn(x, 'Conv_1_bn')
    x = layers.ReLU(6., name='out_relu')(x)
    if include_top:
        x = layers.GlobalAveragePooling2D()(x)
        x = layers.Dense(classes, activation='softmax', use_bias=True,
                         name='Logits')(x)
    else:
        x = _common.pool_features(x, pooling)
    model = _common.finish(img_input, input_tensor, x,
                           'mobilenetv2_%0.2f_%s' % (alpha, rows))

    def remote(top):
        name = ('mobilenet_v2_weights_tf_dim_ordering_tf_kernels_' +
                str(float(alpha)) + '_' + str(rows) +
                ('' if top else '_no_top') + '.h5')
        return name, BASE_WEIGHT_PATH + name, None
    return _common.load_weights(model, weights, include_top, remote)
