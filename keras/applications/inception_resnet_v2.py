"""Inception-ResNet V2 model for Keras.

# Reference
- [Inception-v4, Inception-ResNet and the Impact of
   Residual Connections on Learning](https://arxiv.org/abs/1602.07261)
   (AAAI 2017)
"""
from __future__ import absolute_import

from .. import backend as K
from .. import layers
from . import _common
from .imagenet_utils import decode_predictions  # noqa: F401
from .imagenet_utils import preprocessor

BASE_WEIGHT_URL = ('https://github.com/fchollet/deep-learning-models/'
                   'releases/download/v0.7/')
_HASHES = ('e693bd0210a403b3192acc6073ad2e96',
           'd19885ff4a710c122648d3b5c3b684e4')

preprocess_input = preprocessor('tf')

# Branches of each residual block type: lists of (filters, kernel_size).
_BLOCKS = {
    'block35': [[(32, 1)], [(32, 1), (32, 3)], [(32, 1), (48, 3), (64, 3)]],
    'block17': [[(192, 1)], [(128, 1), (160, (1, 7)), (192, (7, 1))]],
    'block8': [[(192, 1)], [(192, 1), (224, (1, 3)), (256, (3, 1))]],
}


def conv2d_bn(x, filters, kernel_size, strides=1, padding='same',
              activation='relu', use_bias=False, name=None):
    """Conv2D + BatchNormalization (no scale; only without bias) +
    activation, named `name`, `name + '_bn'`, `name + '_ac'`."""
    x = layers.Conv2D(filters, kernel_size, strides=strides, padding=padding,
                      use_bias=use_bias, name=name)(x)
    if not use_bias:
        x = layers.BatchNormalization(axis=_common.channel_axis(),
                                      scale=False,
                                      name=name + '_bn' if name else None)(x)
    if activation is not None:
        x = layers.Activation(activation,
                              name=name + '_ac' if name else None)(x)
    return x


def _scaled_sum(inputs, scale):
    return inputs[0] + inputs[1] * scale


def _chain(x, specs):
    for spec in specs:
        x = conv2d_bn(x, *spec[:2], **dict(zip(('strides', 'padding'),
                                               spec[2:])))
    return x


def inception_resnet_block(x, scale, block_type, block_idx,
                           activation='relu'):
    """Residual Inception block: `x + scale * conv(concat(branches))`.

    # Arguments
        block_type: 'block35', 'block17' or 'block8'.
        block_idx: index of the block, used in the layer names.

    # Raises
        ValueError: if `block_type` is unknown.
    """
    if block_type not in _BLOCKS:
        raise ValueError('Unknown Inception-ResNet block type. '
                         'Expects "block35", "block17" or "block8", '
                         'but got: ' + str(block_type))
    name = block_type + '_' + str(block_idx)
    axis = _common.channel_axis()
    branches = [_chain(x, specs) for specs in _BLOCKS[block_type]]
    mixed = layers.Concatenate(axis=axis, name=name + '_mixed')(branches)
    up = conv2d_bn(mixed, K.int_shape(x)[axis], 1, activation=None,
                   use_bias=True, name=name + '_conv')
    x = layers.Lambda(_scaled_sum, output_shape=K.int_shape(x)[1:],
                      arguments={'scale': scale}, name=name)([x, up])
    if activation is not None:
        x = layers.Activation(activation, name=name + '_ac')(x)
    return x


def _mixed(x, branches, pool_fn, name):
    """Concatenation of conv branches and a pooling branch (built last)."""
    convs = [_chain(x, specs) for specs in branches]
    return layers.Concatenate(axis=_common.channel_axis(), name=name)(
        convs + [pool_fn(x)])


def _max_pool(x):
    return layers.MaxPooling2D(3, strides=2, padding='valid')(x)


def _avg_pool_conv(x):
    x = layers.AveragePooling2D(3, strides=1, padding='same')(x)
    return conv2d_bn(x, 64, 1)


def InceptionResNetV2(include_top=True, weights='imagenet', input_tensor=None,
                      input_shape=None, pooling=None, classes=1000,
                      **kwargs):
    """Instantiates the InceptionResNetV2 architecture.

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
            than 75.
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
    _common.check_kwargs(kwargs, 'InceptionResNetV2')
    _common.check_weights(weights, include_top, classes, pooling)
    img_input = _common.make_input(input_shape, input_tensor, 299, 75,
                                   include_top, weights)
    x = _chain(img_input, [(32, 3, 2, 'valid'), (32, 3, 1, 'valid'),
                           (64, 3)])
    x = layers.MaxPooling2D(3, strides=2)(x)
    x = _chain(x, [(80, 1, 1, 'valid'), (192, 3, 1, 'valid')])
    x = layers.MaxPooling2D(3, strides=2)(x)
    x = _mixed(x, [[(96, 1)], [(48, 1), (64, 5)],
                   [(64, 1), (96, 3), (96, 3)]],
               _avg_pool_conv, 'mixed_5b')
    for idx in range(1, 11):
        x = inception_resnet_block(x, 0.17, 'block35', idx)
    x = _mixed(x, [[(384, 3, 2, 'valid')],
                   [(256, 1), (256, 3), (384, 3, 2, 'valid')]],
               _max_pool,
               'mixed_6a')
    for idx in range(1, 21):
        x = inception_resnet_block(x, 0.1, 'block17', idx)
    x = _mixed(x, [[(256, 1), (384, 3, 2, 'valid')],
                   [(256, 1), (288, 3, 2, 'valid')],
                   [(256, 1), (288, 3), (320, 3, 2, 'valid')]],
               _max_pool,
               'mixed_7a')
    for idx in range(1, 10):
        x = inception_resnet_block(x, 0.2, 'block8', idx)
    x = inception_resnet_block(x, 1., 'block8', 10, activation=None)
    x = conv2d_bn(x, 1536, 1, name='conv_7b')
    x = _common.gap_head(x, include_top, pooling, classes,
                         avg_name='avg_pool', max_name=None)
    model = _common.finish(img_input, input_tensor, x, 'inception_resnet_v2')
    stem_name = 'inception_resnet_v2_weights_tf_dim_ordering_tf_kernels'
    return _common.load_weights(
        model, weights, include_top,
        lambda top: _common.github_release(
            BASE_WEIGHT_URL, top, stem_name + '.h5',
            stem_name + '_notop.h5', *_HASHES))
