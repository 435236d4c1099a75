"""Helpers shared by MobileNet and MobileNetV2: the choice of the default
input size (and so of the ImageNet weight file) from the given shape."""
from __future__ import absolute_import

import warnings

from .. import backend as K


def _spatial(shape):
    """(rows, cols) of a 3D shape in the current data format."""
    if shape is None or len(shape) != 3:
        return None, None
    if K.image_data_format() == 'channels_first':
        return shape[1], shape[2]
    return shape[0], shape[1]


def default_size(input_shape, input_tensor, sizes):
    """Default input size: the given (square) size when it has weights."""
    shape = input_shape
    if shape is None and input_tensor is not None:
        try:
            shape = K.int_shape(input_tensor)[1:]
        except (ValueError, TypeError, AttributeError):
            shape = None
    rows, cols = _spatial(shape)
    if rows is not None and rows == cols and rows in sizes:
        return rows
    return 224


def check_imagenet(name, rows, cols, alpha, alphas, sizes, extra_ok=True,
                   extra_msg=''):
    """Validates alpha/size for ImageNet weights; returns the weights' rows.

    # Raises
        ValueError: if `alpha` (or another model argument) has no weights.
    """
    if not extra_ok:
        raise ValueError(extra_msg)
    if alpha not in alphas:
        raise ValueError('If imagenet weights are being loaded, alpha can be '
                         'one of ' + ', '.join(str(a) for a in alphas) +
                         '; got alpha=' + str(alpha) + '.')
    if rows != cols or rows not in sizes:
        warnings.warn('`input_shape` is undefined or non-square, or `rows` '
                      'is not in ' + str(list(sizes)) + '. Weights for input '
                      'shape (224, 224) will be loaded as the default '
                      '(%s).' % name)
        return 224
    return rows


def spatial_of(tensor):
    """(rows, cols) of an image tensor."""
    return _spatial(K.int_shape(tensor)[1:])
