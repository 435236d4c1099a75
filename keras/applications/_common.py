"""Private building blocks shared by the application builders: argument
checks, the input layer, the classifier head, the final Model and the loading
of pretrained weights."""
from __future__ import absolute_import, division, print_function

import os

from .. import backend as K
from .. import layers
from ..engine.training import Model
from ..utils.data_utils import get_file
from ..utils.layer_utils import get_source_inputs
from .imagenet_utils import _obtain_input_shape

# Keyword arguments that `keras_modules_injection` (keras-applications
# style) passes; the builders here already use this package's modules.
_INJECTED = ('backend', 'layers', 'models', 'utils')


def check_kwargs(kwargs, builder):
    """Drops the injected module kwargs; raises on anything else."""
    for key in kwargs:
        if key not in _INJECTED:
            raise TypeError(builder + ': invalid keyword argument: ' + key)


def check_weights(weights, include_top, classes, pooling=None):
    """Validates `weights`, `classes` (like Keras) and `pooling`."""
    if pooling not in (None, 'avg', 'max'):
        raise ValueError('`pooling` should be None, "avg" or "max"; got ' +
                         repr(pooling) + '.')
    if not (weights in {'imagenet', None} or
            (isinstance(weights, str) and os.path.exists(weights))):
        raise ValueError('The `weights` argument should be either '
                         '`None` (random initialization), `imagenet` '
                         '(pre-training on ImageNet), '
                         'or the path to the weights file to be loaded; '
                         'got ' + repr(weights) + '.')
    if weights == 'imagenet' and include_top and classes != 1000:
        raise ValueError('If using `weights` as `"imagenet"` with '
                         '`include_top` as true, `classes` should be 1000; '
                         'got classes=' + str(classes) + '.')


def channel_axis():
    return 1 if K.image_data_format() == 'channels_first' else -1


def make_input(input_shape, input_tensor, default_size, min_size,
               include_top, weights, require_flatten=None):
    """Validates the shape and returns the input tensor of the model."""
    input_shape = _obtain_input_shape(
        input_shape, default_size=default_size, min_size=min_size,
        data_format=K.image_data_format(),
        require_flatten=include_top if require_flatten is None
        else require_flatten,
        weights=weights)
    if input_tensor is None:
        return layers.Input(shape=input_shape)
    if not K.is_keras_tensor(input_tensor):
        return layers.Input(tensor=input_tensor, shape=input_shape)
    return input_tensor


def pool_features(x, pooling, avg_name=None, max_name=None):
    """Optional global pooling of the feature map (include_top=False)."""
    if pooling == 'avg':
        return layers.GlobalAveragePooling2D(name=avg_name)(x)
    if pooling == 'max':
        return layers.GlobalMaxPooling2D(name=max_name)(x)
    if pooling is not None:
        raise ValueError('`pooling` should be None, "avg" or "max"; got ' +
                         repr(pooling) + '.')
    return x


def gap_head(x, include_top, pooling, classes, dense_name='predictions',
             avg_name='avg_pool', max_name='max_pool'):
    """Global average pooling + softmax classifier, or optional pooling."""
    if include_top:
        x = layers.GlobalAveragePooling2D(name=avg_name)(x)
        return layers.Dense(classes, activation='softmax', name=dense_name)(x)
    return pool_features(x, pooling, avg_name, max_name)


def finish(img_input, input_tensor, x, name):
    """Builds the Model from the source inputs of `input_tensor`."""
    inputs = img_input if input_tensor is None \
        else get_source_inputs(input_tensor)
    return Model(inputs, x, name=name)


def load_weights(model, weights, include_top, remote):
    """Loads the weights: 'imagenet' downloads them, else a local path.

    # Arguments
        remote: function `include_top -> (fname, origin, file_hash)` for
            the published ImageNet file.
    """
    if weights == 'imagenet':
        fname, origin, file_hash = remote(include_top)
        weights = get_file(fname, origin, cache_subdir='models',
                           file_hash=file_hash)
    if weights is not None:
        model.load_weights(weights)
    return model


def conv_bn(x, filters, kernel_size, name=None, strides=1, padding='same',
            activation='relu', use_bias=False, bn_name=None, act_name=None,
            scale=True, epsilon=1e-3, momentum=0.99):
    """Conv2D (no bias by default) + BatchNormalization + activation."""
    x = layers.Conv2D(filters, kernel_size, strides=strides, padding=padding,
                      use_bias=use_bias, name=name)(x)
    x = layers.BatchNormalization(axis=channel_axis(), scale=scale,
                                  epsilon=epsilon, momentum=momentum,
                                  name=bn_name)(x)
    if activation is not None:
        x = layers.Activation(activation, name=act_name)(x)
    return x


def correct_pad(inputs, kernel_size):
    """Zero padding for a 'valid' strided conv that mimics TF 'same'."""
    img_dim = 2 if K.image_data_format() == 'channels_first' else 1
    input_size = K.int_shape(inputs)[img_dim:img_dim + 2]
    if isinstance(kernel_size, int):
        kernel_size = (kernel_size, kernel_size)
    if input_size[0] is None:
        adjust = (1, 1)
    else:
        adjust = (1 - input_size[0] % 2, 1 - input_size[1] % 2)
    correct = (kernel_size[0] // 2, kernel_size[1] // 2)
    return ((correct[0] - adjust[0], correct[0]),
            (correct[1] - adjust[1], correct[1]))


def github_release(base, include_top, top_name, notop_name, top_hash,
                   notop_hash):
    """(fname, origin, hash) of a published weight file."""
    if include_top:
        return top_name, base + top_name, top_hash
    return notop_name, base + notop_name, notop_hash
