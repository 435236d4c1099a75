"""Inception V3 model for Keras.

# Reference
- [Rethinking the Inception Architecture for Computer Vision](
    http://arxiv.org/abs/1512.00567) (CVPR 2016)
"""
from __future__ import absolute_import

from .. import layers
from . import _common
from .imagenet_utils import decode_predictions  # noqa: F401
from .imagenet_utils import preprocessor

WEIGHTS_PATH = ('https://github.com/fchollet/deep-learning-models/'
                'releases/download/v0.5/')
_HASHES = ('9a0d58056eeedaa3f26cb7ebd46da564',
           'bcbd6486424b2319ff4ef7d526e38f63')

preprocess_input = preprocessor('tf')


def conv2d_bn(x, filters, num_row, num_col, padding='same', strides=(1, 1),
              name=None):
    """Conv2D (no bias) + BatchNormalization (no scale) + ReLU; `name`
    names the activation, `name + '_conv'` / `name + '_bn'` the others."""
    return _common.conv_bn(
        x, filters, (num_row, num_col), strides=strides, padding=padding,
        scale=False, name=name + '_conv' if name else None,
        bn_name=name + '_bn' if name else None, act_name=name)


def _avg_branch(x, filters):
    x = layers.AveragePooling2D((3, 3), strides=(1, 1), padding='same')(x)
    return conv2d_bn(x, filters, 1, 1)


def _chain(x, specs):
    """Applies conv2d_bn for each (filters, rows, cols[, strides, padding])."""
    for spec in specs:
        x = conv2d_bn(x, *spec[:3], **dict(zip(('strides', 'padding'),
                                               spec[3:])))
    return x


def _concat(branches, name=None):
    return layers.concatenate(branches, axis=_common.channel_axis(),
                              name=name)


def _block_35(x, pool_filters, name):
    b1 = conv2d_bn(x, 64, 1, 1)
    b5 = _chain(x, [(48, 1, 1), (64, 5, 5)])
    b3 = _chain(x, [(64, 1, 1), (96, 3, 3), (96, 3, 3)])
    return _concat([b1, b5, b3, _avg_branch(x, pool_filters)], name)


def _block_17(x, mid, name):
    b1 = conv2d_bn(x, 192, 1, 1)
    b7 = _chain(x, [(mid, 1, 1), (mid, 1, 7), (192, 7, 1)])
    b7d = _chain(x, [(mid, 1, 1), (mid, 7, 1), (mid, 1, 7), (mid, 7, 1),
                     (192, 1, 7)])
    return _concat([b1, b7, b7d, _avg_branch(x, 192)], name)


def _split_3x3(x):
    return [conv2d_bn(x, 384, 1, 3), conv2d_bn(x, 384, 3, 1)]


def _block_8(x, index):
    b1 = conv2d_bn(x, 320, 1, 1)
    b3 = _concat(_split_3x3(conv2d_bn(x, 384, 1, 1)),
                 'mixed9_' + str(index))
    b3d = _chain(x, [(448, 1, 1), (384, 3, 3)])
    b3d = _concat(_split_3x3(b3d))
    return _concat([b1, b3, b3d, _avg_branch(x, 192)],
                   'mixed' + str(9 + index))


def _reduction(x, branches, name):
    pool = layers.MaxPooling2D((3, 3), strides=(2, 2))(x)
    return _concat([_chain(x, specs) for specs in branches] + [pool], name)


def InceptionV3(include_top=True, weights='imagenet', input_tensor=None,
                input_shape=None, pooling=None, classes=1000, **kwargs):
    """Instantiates the InceptionV3 architecture.

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
    _common.check_kwargs(kwargs, 'InceptionV3')
    _common.check_weights(weights, include_top, classes, pooling)
    img_input = _common.make_input(input_shape, input_tensor, 299, 75,
                                   include_top, weights)
    x = _chain(img_input, [(32, 3, 3, (2, 2), 'valid'),
                           (32, 3, 3, (1, 1), 'valid'), (64, 3, 3)])
    x = layers.MaxPooling2D((3, 3), strides=(2, 2))(x)
    x = _chain(x, [(80, 1, 1, (1, 1), 'valid'), (192, 3, 3, (1, 1), 'valid')])
    x = layers.MaxPooling2D((3, 3), strides=(2, 2))(x)
    for i, pool_filters in enumerate((32, 64, 64)):
        x = _block_35(x, pool_filters, 'mixed%d' % i)
    x = _reduction(x, [[(384, 3, 3, (2, 2), 'valid')],
                       [(64, 1, 1), (96, 3, 3),
                        (96, 3, 3, (2, 2), 'valid')]], 'mixed3')
    for i, mid in enumerate((128, 160, 160, 192)):
        x = _block_17(x, mid, 'mixed%d' % (4 + i))
    x = _reduction(x, [[(192, 1, 1), (320, 3, 3, (2, 2), 'valid')],
                       [(192, 1, 1), (192, 1, 7), (192, 7, 1),
                        (192, 3, 3, (2, 2), 'valid')]], 'mixed8')
    for i in range(2):
        x = _block_8(x, i)
    x = _common.gap_head(x, include_top, pooling, classes, max_name=None,
                         avg_name='avg_pool')
    model = _common.finish(img_input, input_tensor, x, 'inception_v3')
    stem_name = 'inception_v3_weights_tf_dim_ordering_tf_kernels'
    return _common.load_weights(
        model, weights, include_top,
        lambda top: _common.github_release(
            WEIGHTS_PATH, top, stem_name + '.h5', stem_name + '_notop.h5',
            *_HASHES))
