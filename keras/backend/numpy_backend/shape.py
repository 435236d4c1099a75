"""Reshaping, joining, padding, resizing and indexing (NumPy reference)."""
import numpy as np

from ..common import floatx, normalize_data_format

_builtin_slice = slice

__all__ = ['reshape', 'permute_dimensions', 'batch_flatten', 'flatten',
           'expand_dims', 'squeeze', 'concatenate', 'stack', 'tile', 'repeat',
           'repeat_elements', 'repeatRdim', 'reverse', 'slice', 'gather',
           'one_hot', 'pattern_broadcast', 'temporal_padding',
           'spatial_2d_padding', 'spatial_3d_padding', 'resize_images',
           'resize_volumes', 'equal_dimensions', 'funequal']


def reshape(x, shape):
    return np.reshape(x, shape)


def permute_dimensions(x, pattern):
    return np.transpose(x, pattern)


def batch_flatten(x):
    x = np.asarray(x)
    return x.reshape((x.shape[0], -1))


def flatten(x):
    return np.reshape(x, (-1,))


def expand_dims(x, axis=-1):
    return np.expand_dims(x, axis)


def squeeze(x, axis):
    return np.squeeze(x, axis)


def concatenate(tensors, axis=-1):
    return np.concatenate(tensors, axis=axis)


def stack(x, axis=0):
    return np.stack(x, axis=axis)


def tile(x, n):
    if isinstance(n, int):
        n = (n,)
    return np.tile(x, n)


def repeat(x, n):
    """`(batch, dim)` -> `(batch, n, dim)`."""
    x = np.asarray(x)
    if x.ndim != 2:
        raise ValueError('repeat expects a 2D tensor, got shape %s.'
                         % (x.shape,))
    return np.repeat(x[:, None, :], n, axis=1)


def repeat_elements(x, rep, axis):
    return np.repeat(x, rep, axis=axis)


def repeatRdim(x, n, axis=1):
    """Inserts a new axis at `axis` and repeats `x` `n` times along it."""
    return np.repeat(np.expand_dims(x, axis), n, axis=axis)


def reverse(x, axes):
    if isinstance(axes, int):
        axes = [axes]
    return np.flip(x, tuple(axes))


def slice(x, start, size):
    index = tuple(_builtin_slice(s, s + n) for s, n in zip(start, size))
    return np.asarray(x)[index]


def gather(reference, indices):
    return np.asarray(reference)[np.asarray(indices)]


def one_hot(indices, num_classes):
    indices = np.asarray(indices)
    return (indices[..., None] == np.arange(num_classes)).astype(floatx())


def pattern_broadcast(x, broadcastable):
    return x


def _pad(x, pads, data_format):
    """Zero-pads the `spatial` axes (counted from the first spatial axis)."""
    x = np.asarray(x)
    data_format = normalize_data_format(data_format)
    first = 2 if data_format == 'channels_first' else 1
    width = [(0, 0)] * x.ndim
    for i, pad in enumerate(pads):
        width[first + i] = tuple(pad)
    return np.pad(x, width)


def temporal_padding(x, padding=(1, 1)):
    return _pad(x, [padding], 'channels_last')


def spatial_2d_padding(x, padding=((1, 1), (1, 1)), data_format=None):
    return _pad(x, padding, data_format)


def spatial_3d_padding(x, padding=((1, 1), (1, 1), (1, 1)), data_format=None):
    return _pad(x, padding, data_format)


def _resize(x, factors, data_format):
    data_format = normalize_data_format(data_format)
    first = 2 if data_format == 'channels_first' else 1
    for i, factor in enumerate(factors):
        x = np.repeat(x, factor, axis=first + i)
    return x


def resize_images(x, height_factor, width_factor, data_format,
                  interpolation='nearest'):
    """Nearest-neighbour upsampling of the two spatial axes."""
    if interpolation != 'nearest':
        raise ValueError('The NumPy reference implements only '
                         "interpolation='nearest', got %r." % interpolation)
    return _resize(x, (height_factor, width_factor), data_format)


def resize_volumes(x, depth_factor, height_factor, width_factor,
                   data_format):
    return _resize(x, (depth_factor, height_factor, width_factor),
                   data_format)


def funequal(x, y):
    """Zero-pads `y` at the end of its two last axes to the shape of `x`
    (channels_first 4D feature maps)."""
    x, y = np.asarray(x), np.asarray(y)
    out = np.zeros(y.shape[:2] + x.shape[2:], dtype=y.dtype)
    out[:, :, :y.shape[2], :y.shape[3]] = y
    return out


def equal_dimensions(x, y):
    """Returns `y` when its two last axes match those of `x`, else `y`
    zero-padded to them (`funequal`)."""
    if np.shape(x)[2:4] == np.shape(y)[2:4]:
        return np.asarray(y)
    return funequal(x, y)
