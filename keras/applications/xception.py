"""Xception V1 model for Keras.

# Reference
- [Xception: Deep Learning with Depthwise Separable Convolutions](
    https://arxiv.org/abs/1610.02357) (CVPR 2017)
"""
from __future__ import absolute_import

from .. import layers
from . import _common
from .imagenet_utils import decode_predictions  # noqa: F401
from .imagenet_utils import preprocessor

WEIGHTS_PATH = ('https://github.com/fchollet/deep-learning-models/'
                'releases/download/v0.4/')
_HASHES = ('0a58e3b7378bc2990ea3b43d5981f1f6',
           'b0042744bf5b25fce3cb969f33bebb97')

preprocess_input = preprocessor('tf')


def _bn(name=None):
    return layers.BatchNormalization(axis=_common.channel_axis(), name=name)


def _sep_bn(x, filters, name, relu_before=True, relu_after=False):
    """[ReLU] + SeparableConv2D 3x3 (no bias) + BN [+ ReLU]."""
    if relu_before:
        x = layers.Activation('relu', name=name + '_act')(x)
    x = layers.SeparableConv2D(filters, (3, 3), padding='same',
                               use_bias=False, name=name)(x)
    x = _bn(name + '_bn')(x)
    if relu_after:
        x = layers.Activation('relu', name=name + '_act')(x)
    return x


def _downsampling_block(x, filters1, filters2, block, first=False):
    """Two separable convs + 3x3/2 max pooling, plus a strided 1x1
    projection of the input; the first block has no leading ReLU."""
    residual = layers.Conv2D(filters2, (1, 1), strides=(2, 2), padding='same',
                             use_bias=False)(x)
    residual = _bn()(residual)
    prefix = 'block%d_sepconv' % block
    x = _sep_bn(x, filters1, prefix + '1', relu_before=not first)
    x = _sep_bn(x, filters2, prefix + '2')
    x = layers.MaxPooling2D((3, 3), strides=(2, 2), padding='same',
                            name='block%d_pool' % block)(x)
    return layers.add([x, residual])


def _middle_block(x, block):
    residual = x
    for i in range(1, 4):
        x = _sep_bn(x, 728, 'block%d_sepconv%d' % (block, i))
    return layers.add([x, residual])


def Xception(include_top=True, weights='imagenet', input_tensor=None,
             input_shape=None, pooling=None, classes=1000, **kwargs):
    """Instantiates the Xception architecture.

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
            has to be `(299, 299, 3)` (channels_last) or
            `(3, 299, 299)` (channels_first)). It should have exactly
            3 input channels, and width and height should be no smaller
            than 71.
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
    _common.check_kwargs(kwargs, 'Xception')
    _common.check_weights(weights, include_top, classes, pooling)
    img_input = _common.make_input(input_shape, input_tensor, 299, 71,
                                   include_top, weights)
    x = _common.conv_bn(img_input, 32, (3, 3), strides=(2, 2),
                        padding='valid', name='block1_conv1',
                        bn_name='block1_conv1_bn', act_name='block1_conv1_act')
    x = _common.conv_bn(x, 64, (3, 3), padding='valid', name='block1_conv2',
                        bn_name='block1_conv2_bn', act_name='block1_conv2_act')
    x = _downsampling_block(x, 128, 128, 2, first=True)
    x = _downsampling_block(x, 256, 256, 3)
    x = _downsampling_block(x, 728, 728, 4)
    for block in range(5, 13):
        x = _middle_block(x, block)
    x = _downsampling_block(x, 728, 1024, 13)
    x = _sep_bn(x, 1536, 'block14_sepconv1', relu_before=False,
                relu_after=True)
    x = _sep_bn(x, 2048, 'block14_sepconv2', relu_before=False,
                relu_after=True)
    x = _common.gap_head(x, include_top, pooling, classes,
                         avg_name='avg_pool', max_name=None)
    model = _common.finish(img_input, input_tensor, x, 'xception')
    stem_name = 'xception_weights_tf_dim_ordering_tf_kernels'
    return _common.load_weights(
        model, weights, include_top,
        lambda top: _common.github_release(
            WEIGHTS_PATH, top, stem_name + '.h5', stem_name + '_notop.h5',
            *_HASHES))
