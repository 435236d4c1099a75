"""The VGG architecture shared by VGG16 and VGG19."""
from __future__ import absolute_import

from .. import layers
from . import _common

_BASE = 'https://github.com/fchollet/deep-learning-models/releases/download/v0.1/'
_FILTERS = (64, 128, 256, 512, 512)


def build_vgg(name, convs_per_block, hashes, include_top, weights,
              input_tensor, input_shape, pooling, classes, kwargs):
    """Builds a VGG model with `convs_per_block[i]` convolutions in block i.

    # Arguments
        name: 'vgg16' or 'vgg19' (model name and weight file prefix).
        hashes: md5 of the (top, no-top) ImageNet weight files.
    """
    _common.check_kwargs(kwargs, name)
    _common.check_weights(weights, include_top, classes, pooling)
    img_input = _common.make_input(input_shape, input_tensor, 224, 32,
                                   include_top, weights)
    x = img_input
    for block, (filters, convs) in enumerate(zip(_FILTERS, convs_per_block)):
        prefix = 'block%d_' % (block + 1)
        for i in range(convs):
            x = layers.Conv2D(filters, (3, 3), activation='relu',
                              padding='same',
                              name=prefix + 'conv%d' % (i + 1))(x)
        x = layers.MaxPooling2D((2, 2), strides=(2, 2),
                                name=prefix + 'pool')(x)
    if include_top:
        x = layers.Flatten(name='flatten')(x)
        x = layers.Dense(4096, activation='relu', name='fc1')(x)
        x = layers.Dense(4096, activation='relu', name='fc2')(x)
        x = layers.Dense(classes, activation='softmax', name='predictions')(x)
    else:
        x = _common.pool_features(x, pooling)
    model = _common.finish(img_input, input_tensor, x, name)
    stem = name + '_weights_tf_dim_ordering_tf_kernels'
    return _common.load_weights(
        model, weights, include_top,
        lambda top: _common.github_release(
            _BASE, top, stem + '.h5', stem + '_notop.h5', *hashes))
