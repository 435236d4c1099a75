"""Shape manipulation: concatenation, reshapes, padding, tiling, slicing
(PyTensor engine)."""
import builtins

import numpy as np
import pytensor.tensor as pt

from .. import common
from .math import dims_of
from .variables import is_sparse, to_dense, int_shape, th_sparse


def _norm_axis(axis, ndim):
    return axis + ndim if axis < 0 else axis


def concatenate(tensors, axis=-1):
    """Concatenates a list of tensors along `axis`."""
    if builtins.all(is_sparse(t) for t in tensors):
        axis = axis % tensors[0].ndim
        if axis == 0:
            return th_sparse.vstack(tensors, format='csr')
        if axis == 1:
            return th_sparse.hstack(tensors, format='csr')
        raise ValueError('concatenate: invalid axis %d for sparse matrices.'
                         % axis)
    tensors = [pt.as_tensor_variable(to_dense(t)) for t in tensors]
    return pt.concatenate(tensors, axis=axis)


def reshape(x, shape):
    """Reshapes a tensor to `shape` (a tuple, may hold one -1, or a tensor)."""
    if isinstance(shape, (list, tuple)):
        shape = [int(d) if isinstance(d, (int, np.integer)) else d
                 for d in shape]
    return pt.reshape(x, shape)


def permute_dimensions(x, pattern):
    """Permutes the axes of a tensor, e.g. `pattern=(0, 2, 1)`."""
    return pt.transpose(x, [int(p) for p in pattern])


def repeat_elements(x, rep, axis):
    """Repeats the elements of a tensor along an axis, like `np.repeat`."""
    return pt.repeat(x, rep, axis=axis)


def resize_images(x, height_factor, width_factor, data_format,
                  interpolation='nearest'):
    """Resizes the images of a 4D tensor by integer factors.

    # Arguments
        x: 4D tensor.
        height_factor, width_factor: positive integers.
        data_format: `'channels_first'` or `'channels_last'`.
        interpolation: `'nearest'` or `'bilinear'`.

    # Raises
        ValueError: for an invalid `data_format` or `interpolation`.
    """
    data_format = common.normalize_data_format(data_format)
    rows, cols = (2, 3) if data_format == 'channels_first' else (1, 2)
    if interpolation == 'nearest':
        out = pt.repeat(x, height_factor, axis=rows)
        return pt.repeat(out, width_factor, axis=cols)
    if interpolation == 'bilinear':
        out = _bilinear_axis(x, rows, height_factor)
        return _bilinear_axis(out, cols, width_factor)
    raise ValueError('resize_images: interpolation should be "nearest" or '
                     '"bilinear", got %r.' % (interpolation,))


def _bilinear_axis(x, axis, factor):
    """Linear resampling along one axis with half-pixel centres
    (TensorFlow's `resize_images(..., align_corners=False)` rule)."""
    size = int_shape(x)[axis]
    if size is None:
        raise ValueError('resize_images: bilinear interpolation needs a '
                         'static size for axis %d.' % axis)
    new = size * factor
    src = np.arange(new, dtype='float64') / factor
    lo = np.floor(src).astype('int64')
    hi = np.minimum(lo + 1, size - 1)
    frac = (src - lo).astype(x.dtype)
    bshape = [1] * x.ndim
    bshape[axis] = new
    w = pt.constant(frac.reshape(bshape))
    a = pt.take(x, lo, axis=axis)
    b = pt.take(x, hi, axis=axis)
    return a + (b - a) * w


def resize_volumes(x, depth_factor, height_factor, width_factor, data_format):
    """Resizes the volumes of a 5D tensor by integer factors (nearest)."""
    data_format = common.normalize_data_format(data_format)
    first = 2 if data_format == 'channels_first' else 1
    out = x
    for i, factor in enumerate((depth_factor, height_factor, width_factor)):
        out = pt.repeat(out, factor, axis=first + i)
    return out


def repeat(x, n):
    """Repeats a 2D tensor: `(samples, dim)` -> `(samples, n, dim)`.

    # Raises
        ValueError: if `x` is not 2D.
    """
    if x.ndim != 2:
        raise ValueError('repeat expects a 2D tensor, got %dD.' % x.ndim)
    return repeatRdim(x, n, axis=1)


def repeatRdim(x, n, axis=1):
    """Repeats a tensor along a new axis `axis`:
    `(samples, d1, d2)`, n, axis=1 -> `(samples, n, d1, d2)`."""
    x = pt.as_tensor_variable(x)
    y = pt.expand_dims(x, axis)
    reps = [1] * y.ndim
    reps[axis] = n
    return pt.tile(y, reps)


def arange(start, stop=None, step=1, dtype='int32'):
    """A 1D tensor holding a sequence of numbers (as `np.arange`)."""
    return pt.arange(start, stop=stop, step=step, dtype=dtype)


def tile(x, n):
    """Tiles `x` by `n` (an int or a list with one entry per axis)."""
    x = pt.as_tensor_variable(x)
    if isinstance(n, (int, np.integer)):
        n = [n]
    if isinstance(n, (list, tuple)):
        n = list(n)
        if len(n) < x.ndim:
            n = [1] * (x.ndim - len(n)) + n
        return pt.tile(x, n)
    return pt.tile(x, n, ndim=x.ndim)


def flatten(x):
    """Flattens a tensor to 1D."""
    return pt.flatten(x)


def batch_flatten(x):
    """Flattens each sample: nD `(batch, ...)` -> 2D `(batch, prod(...))`."""
    x = pt.as_tensor_variable(x)
    rest = int_shape(x)[1:]
    if builtins.all(d is not None for d in rest):
        return pt.reshape(x, (x.shape[0], int(np.prod(rest))))
    return pt.reshape(x, (x.shape[0], -1))


def expand_dims(x, axis=-1):
    """Adds a 1-sized axis at index `axis` (-1 appends it)."""
    x = pt.as_tensor_variable(x)
    if axis < 0:
        axis = axis + x.ndim + 1
    return pt.expand_dims(x, axis)


def squeeze(x, axis):
    """Removes the 1-sized axis `axis`."""
    x = pt.as_tensor_variable(x)
    axis = _norm_axis(axis, x.ndim)
    if x.type.shape[axis] == 1:
        return pt.squeeze(x, axis=axis)
    dims = dims_of(x)
    del dims[axis]
    return pt.reshape(x, dims)


def pad(x, pads, value=0):
    """Pads `x` with `value`; `pads` is one (before, after) pair per axis
    (ints or symbolic scalars)."""
    x = pt.as_tensor_variable(x)
    if builtins.all(isinstance(a, int) and isinstance(b, int) and a == b == 0
                    for a, b in pads):
        return x
    dims = dims_of(x)
    out_shape = [d + a + b for d, (a, b) in zip(dims, pads)]
    out = pt.full(out_shape, np.asarray(value, dtype=x.dtype), dtype=x.dtype)
    index = tuple(builtins.slice(a, a + d) for d, (a, _) in zip(dims, pads))
    return pt.set_subtensor(out[index], x)


def temporal_padding(x, padding=(1, 1)):
    """Zero-pads the middle axis of a 3D tensor."""
    if len(padding) != 2:
        raise ValueError('temporal_padding: padding must be a pair, got %r.'
                         % (padding,))
    return pad(x, [(0, 0), tuple(padding), (0, 0)])


def _spatial_padding(x, padding, data_format, n):
    data_format = common.normalize_data_format(data_format)
    if len(padding) != n or builtins.any(len(p) != 2 for p in padding):
        raise ValueError('padding should be %d pairs of integers, got %r.'
                         % (n, padding))
    pads = [tuple(p) for p in padding]
    if data_format == 'channels_first':
        return pad(x, [(0, 0), (0, 0)] + pads)
    return pad(x, [(0, 0)] + pads + [(0, 0)])


def spatial_2d_padding(x, padding=((1, 1), (1, 1)), data_format=None):
    """Zero-pads the 2 spatial axes of a 4D tensor."""
    return _spatial_padding(x, padding, data_format, 2)


def spatial_3d_padding(x, padding=((1, 1), (1, 1), (1, 1)),
                       data_format=None):
    """Zero-pads the 3 spatial axes of a 5D tensor."""
    return _spatial_padding(x, padding, data_format, 3)


def stack(x, axis=0):
    """Stacks a list of rank-R tensors into one rank-(R+1) tensor."""
    return pt.stack([pt.as_tensor_variable(t) for t in x], axis=axis)


def one_hot(indices, num_classes):
    """One-hot encoding of an integer tensor: adds a last axis."""
    indices = pt.as_tensor_variable(indices)
    classes = pt.arange(num_classes, dtype=indices.dtype)
    return pt.cast(pt.eq(pt.shape_padright(indices), classes),
                   common.floatx())


def reverse(x, axes):
    """Reverses a tensor along the given axes (int or list)."""
    x = pt.as_tensor_variable(x)
    if isinstance(axes, int):
        axes = [axes]
    axes = [_norm_axis(a, x.ndim) for a in axes]
    index = tuple(builtins.slice(None, None, -1) if i in axes
                  else builtins.slice(None) for i in range(x.ndim))
    return x[index]


def slice(x, start, size):
    """Extracts the slice `x[start:start + size]` (one entry per axis).

    # Raises
        ValueError: if `start` and `size` do not match the rank of `x`.
    """
    if not (x.ndim == len(start) == len(size)):
        raise ValueError('slice: start %s and size %s must both have one '
                         'entry per axis of x (rank %d).'
                         % (start, size, x.ndim))
    index = []
    for i, (b, s) in enumerate(zip(start, size)):
        if isinstance(s, (int, np.integer)) and s == -1:
            index.append(builtins.slice(b, None))
        else:
            index.append(builtins.slice(b, b + s))
    return x[tuple(index)]


def size(x, name=None):
    """The number of elements of `x`, as a scalar tensor."""
    return pt.prod(pt.as_tensor_variable(x).shape)


def equal_dimensions(x, y):
    """Returns `y` zero-padded at the end of axes 2 and 3 so that those
    axes match `x` (for channels-first feature maps); `y` itself when they
    already match."""
    xs, ys = int_shape(x), int_shape(y)
    if xs[2] == ys[2] and xs[3] == ys[3] and xs[2] is not None:
        return y
    return funequal(x, y)


def funequal(x, y):
    """Zero-pads axes 2 and 3 of `y` at the end up to the sizes of `x`."""
    x = pt.as_tensor_variable(x)
    y = pt.as_tensor_variable(y)
    out_shape = [y.shape[0], y.shape[1], x.shape[2], x.shape[3]]
    out = pt.zeros(out_shape, dtype=y.dtype)
    return pt.set_subtensor(out[:, :, :y.shape[2], :y.shape[3]], y)
