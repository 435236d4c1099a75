"""Shape manipulation: reshape, permute, concatenate, repeat, pad, resize,
slice, gather, stack and friends."""
import builtins

import numpy as np
import tensorflow as tf

from .. import common
from .graph import in_graph
from .variables import int_shape, ndim, is_sparse, is_tensor, to_dense

_tf_v1 = tf.compat.v1

__all__ = ['arange', 'batch_flatten', 'concatenate', 'equal_dimensions',
           'expand_dims', 'flatten', 'funequal', 'gather', 'inc_subtensor',
           'one_hot', 'pattern_broadcast', 'permute_dimensions', 'repeat',
           'repeatRdim',
           'repeat_elements', 'reshape', 'resize_images', 'resize_volumes',
           'reverse', 'set_subtensor', 'shape', 'size', 'slice',
           'spatial_2d_padding', 'spatial_3d_padding', 'squeeze', 'stack',
           'temporal_padding', 'tile', 'tril']


@in_graph
def shape(x):
    """Returns the symbolic shape of a tensor or variable (int32 tensor)."""
    if is_sparse(x):
        return x.dense_shape
    return tf.shape(x)


@in_graph
def size(x, name=None):
    """Returns the number of elements of `x` as a scalar int32 tensor."""
    return tf.size(x, name=name)


@in_graph
def reshape(x, shape):
    """Reshapes a tensor to the specified shape.

    # Arguments
        x: Tensor or variable.
        shape: Target shape tuple (one entry may be -1).

    # Returns
        A tensor.
    """
    return tf.reshape(x, shape)


@in_graph
def permute_dimensions(x, pattern):
    """Permutes axes in a tensor.

    # Arguments
        x: Tensor or variable.
        pattern: A tuple of dimension indices, e.g. `(0, 2, 1)`.

    # Returns
        A tensor.

    # Raises
        ValueError: if `pattern` is not a permutation of the axes of `x`.
    """
    pattern = tuple(pattern)
    rank = ndim(x)
    if rank is not None and sorted(pattern) != list(range(rank)):
        raise ValueError('permute_dimensions: pattern %s is not a permutation '
                         'of the %d axes of a tensor of shape %s.'
                         % (pattern, rank, int_shape(x)))
    return tf.transpose(x, perm=pattern)


@in_graph
def concatenate(tensors, axis=-1):
    """Concatenates a list of tensors alongside the specified axis.

    # Arguments
        tensors: list of tensors to concatenate.
        axis: concatenation axis.

    # Returns
        A tensor.
    """
    if axis < 0:
        rank = ndim(tensors[0])
        axis = axis % rank if rank else 0
    if builtins.all(is_sparse(x) for x in tensors):
        return tf.sparse.concat(axis, list(tensors))
    return tf.concat([to_dense(x) for x in tensors], axis)


@in_graph
def repeat_elements(x, rep, axis):
    """Repeats the elements of a tensor along an axis, like `np.repeat`.

    If `x` has shape `(s1, s2, s3)` and `axis` is `1`, the output
    will have shape `(s1, s2 * rep, s3)`.

    # Arguments
        x: Tensor or variable.
        rep: Python integer, number of times to repeat.
        axis: Axis along which to repeat.

    # Returns
        A tensor.
    """
    static = list(int_shape(x))
    out = tf.repeat(x, rep, axis=axis)
    if static[axis] is not None:
        static[axis] *= rep
    out.set_shape(static)
    return out


@in_graph
def repeat(x, n):
    """Repeats a 2D tensor.

    If `x` has shape `(samples, dim)` and `n` is `2`,
    the output will have shape `(samples, 2, dim)`.

    # Arguments
        x: Tensor or variable.
        n: Python integer, number of times to repeat.

    # Returns
        A tensor.

    # Raises
        ValueError: if `x` is not 2D.
    """
    if ndim(x) != 2:
        raise ValueError('repeat expects a 2D tensor, got shape %s.'
                         % (int_shape(x),))
    return repeatRdim(x, n, axis=1)


@in_graph
def repeatRdim(x, n, axis=1):
    """Repeats an N-D tensor along a new axis.

    If `x` has shape `(samples, dim1, dim2)`, `n=2` and `axis=1`,
    the output has shape `(samples, 2, dim1, dim2)`.

    # Arguments
        x: Tensor or variable.
        n: Python integer, number of times to repeat.
        axis: Position of the new axis.

    # Returns
        A tensor.
    """
    x = tf.expand_dims(x, axis)
    multiples = [1] * len(x.shape)
    multiples[axis] = n
    return tf.tile(x, multiples)


@in_graph
def arange(start, stop=None, step=1, dtype='int32'):
    """Creates a 1D tensor containing a sequence of integers.

    Like Theano's arange: with one argument, it is the "stop" argument and
    "start" is 0; a negative stop gives an empty sequence.

    # Arguments
        start: Start value.
        stop: Stop value.
        step: Difference between two successive values.
        dtype: Integer dtype to use.

    # Returns
        An integer tensor.
    """
    if stop is None:
        if is_tensor(start):
            start = tf.maximum(start, tf.zeros((), start.dtype))
        elif start < 0:
            start = 0
    result = tf.range(start, limit=stop, delta=step, name='arange')
    if dtype != 'int32':
        result = tf.cast(result, dtype)
    return result


@in_graph
def tile(x, n):
    """Creates a tensor by tiling `x` by `n`.

    # Arguments
        x: A tensor or variable
        n: A list of integer (or an integer). Shorter lists are padded
            with 1s on the left.

    # Returns
        A tiled tensor.
    """
    if isinstance(n, int):
        n = (n,)
    if not is_tensor(n):
        n = tuple(n)
        rank = ndim(x)
        if len(n) < rank:
            n = (1,) * (rank - len(n)) + n
        elif len(n) != rank:
            raise ValueError('tile: got %d repetitions for a tensor of rank '
                             '%d (shape %s).' % (len(n), rank, int_shape(x)))
    return tf.tile(x, n)


@in_graph
def flatten(x):
    """Flatten a tensor (reshaped into 1-D)."""
    return tf.reshape(x, [-1])


@in_graph
def batch_flatten(x):
    """Turn a nD tensor into a 2D tensor with same 0th dimension.

    In other words, it flattens each data samples of a batch.

    # Arguments
        x: A tensor or variable.

    # Returns
        A tensor.
    """
    static = int_shape(x)
    if static is not None and builtins.all(d is not None for d in static[1:]):
        return tf.reshape(x, [-1, int(np.prod(static[1:]))])
    return tf.reshape(x, tf.stack([-1, tf.reduce_prod(tf.shape(x)[1:])]))


@in_graph
def expand_dims(x, axis=-1):
    """Adds a 1-sized dimension at index `axis`."""
    return tf.expand_dims(x, axis)


@in_graph
def squeeze(x, axis):
    """Removes a 1-dimension from the tensor at index `axis`."""
    return tf.squeeze(x, [axis])


def _check_pair(name, pair):
    try:
        left, right = pair
        return [int(left), int(right)]
    except (TypeError, ValueError):
        raise ValueError('%s: expected a padding pair (left, right), got %r.'
                         % (name, pair))


def _check_pairs(name, padding, count):
    if len(padding) != count:
        raise ValueError('%s: expected %d padding pairs, got %r.'
                         % (name, count, padding))
    return [_check_pair(name, p) for p in padding]


def _spatial_padding(x, pairs, data_format):
    data_format = common.normalize_data_format(data_format)
    pattern = list(pairs)
    if data_format == 'channels_first':
        pattern = [[0, 0], [0, 0]] + pattern
    else:
        pattern = [[0, 0]] + pattern + [[0, 0]]
    return tf.pad(x, pattern)


@in_graph
def temporal_padding(x, padding=(1, 1)):
    """Pads the middle dimension of a 3D tensor with zeros.

    # Arguments
        x: Tensor or variable.
        padding: Tuple of 2 integers, how many zeros to
            add at the start and end of dim 1.

    # Returns
        A padded 3D tensor.
    """
    pair = _check_pair('temporal_padding', padding)
    return tf.pad(x, [[0, 0], pair, [0, 0]])


@in_graph
def spatial_2d_padding(x, padding=((1, 1), (1, 1)), data_format=None):
    """Pads the 2nd and 3rd dimensions of a 4D tensor.

    # Arguments
        x: Tensor or variable.
        padding: Tuple of 2 tuples, padding pattern.
        data_format: string, `"channels_last"` or `"channels_first"`.

    # Returns
        A padded 4D tensor.

    # Raises
        ValueError: if `data_format` is
        neither `"channels_last"` or `"channels_first"`.
    """
    pairs = _check_pairs('spatial_2d_padding', padding, 2)
    return _spatial_padding(x, pairs, data_format)


@in_graph
def spatial_3d_padding(x, padding=((1, 1), (1, 1), (1, 1)), data_format=None):
    """Pads 5D tensor with zeros along the depth, height, width dimensions.

    # Arguments
        x: Tensor or variable.
        padding: Tuple of 3 tuples, padding pattern.
        data_format: string, `"channels_last"` or `"channels_first"`.

    # Returns
        A padded 5D tensor.

    # Raises
        ValueError: if `data_format` is
        neither `"channels_last"` or `"channels_first"`.
    """
    pairs = _check_pairs('spatial_3d_padding', padding, 3)
    return _spatial_padding(x, pairs, data_format)


def _spatial_axes(data_format, count):
    data_format = common.normalize_data_format(data_format)
    start = 2 if data_format == 'channels_first' else 1
    return data_format, list(range(start, start + count))


@in_graph
def resize_images(x, height_factor, width_factor, data_format,
                  interpolation='nearest'):
    """Resizes the images contained in a 4D tensor.

    # Arguments
        x: Tensor or variable to resize.
        height_factor: Positive integer.
        width_factor: Positive integer.
        data_format: string, `"channels_last"` or `"channels_first"`.
        interpolation: A string, one of `nearest` or `bilinear`.

    # Returns
        A tensor.

    # Raises
        ValueError: if `data_format` or `interpolation` is invalid.
    """
    data_format, (rows, cols) = _spatial_axes(data_format, 2)
    if interpolation == 'nearest':
        x = repeat_elements(x, height_factor, axis=rows)
        return repeat_elements(x, width_factor, axis=cols)
    if interpolation != 'bilinear':
        raise ValueError('interpolation should be one of "nearest" or '
                         '"bilinear", got %r.' % (interpolation,))
    static = list(int_shape(x))
    if data_format == 'channels_first':
        x = tf.transpose(x, (0, 2, 3, 1))
    new_size = tf.shape(x)[1:3] * tf.constant([height_factor, width_factor])
    x = tf.raw_ops.ResizeBilinear(images=x, size=new_size,
                                  align_corners=False,
                                  half_pixel_centers=False)
    if data_format == 'channels_first':
        x = tf.transpose(x, (0, 3, 1, 2))
    for axis, factor in ((rows, height_factor), (cols, width_factor)):
        if static[axis] is not None:
            static[axis] *= factor
    x.set_shape(static)
    return x


@in_graph
def resize_volumes(x, depth_factor, height_factor, width_factor, data_format):
    """Resizes the volume contained in a 5D tensor.

    # Arguments
        x: Tensor or variable to resize.
        depth_factor: Positive integer.
        height_factor: Positive integer.
        width_factor: Positive integer.
        data_format: string, `"channels_last"` or `"channels_first"`.

    # Returns
        A tensor.

    # Raises
        ValueError: if `data_format` is invalid.
    """
    _, axes = _spatial_axes(data_format, 3)
    for axis, factor in zip(axes, (depth_factor, height_factor,
                                   width_factor)):
        x = repeat_elements(x, factor, axis=axis)
    return x


@in_graph
def stack(x, axis=0):
    """Stacks a list of rank `R` tensors into a rank `R+1` tensor."""
    return tf.stack(x, axis=axis)


@in_graph
def one_hot(indices, num_classes):
    """Computes the one-hot representation of an integer tensor.

    # Arguments
        indices: nD integer tensor of shape
            `(batch_size, dim1, dim2, ... dim(n-1))`
        num_classes: Integer, number of classes to consider.

    # Returns
        (n + 1)D one hot representation of the input
        with shape `(batch_size, dim1, dim2, ... dim(n-1), num_classes)`
    """
    return tf.one_hot(indices, depth=num_classes, axis=-1,
                      dtype=common.floatx())


@in_graph
def reverse(x, axes):
    """Reverses a tensor along the specified axes.

    # Arguments
        x: Tensor to reverse.
        axes: Integer or iterable of integers. Axes to reverse.

    # Returns
        A tensor.
    """
    if isinstance(axes, int):
        axes = [axes]
    return tf.reverse(x, list(axes))


@in_graph
def slice(x, start, size):
    """Extracts a slice from a tensor.

    # Arguments
        x: Input tensor.
        start: Integer list/tuple or tensor, start indices along each axis.
        size: Integer list/tuple or tensor, slice sizes along each axis.

    # Returns
        `x[start[0]: start[0] + size[0], ..., start[-1]: start[-1] + size[-1]]`

    # Raises
        ValueError: if the dimension and the size of indices mismatches.
    """
    rank = ndim(x)
    lengths = [int_shape(v)[0] if is_tensor(v) else len(v)
               for v in (start, size)]
    if rank is not None and builtins.any(n is not None and n != rank
                                         for n in lengths):
        raise ValueError('slice: start and size should have one entry per '
                         'axis of x (shape %s); got %r and %r.'
                         % (int_shape(x), start, size))
    return tf.slice(x, start, size)


@in_graph
def gather(reference, indices):
    """Retrieves the elements of indices `indices` in the tensor `reference`.

    # Arguments
        reference: A tensor.
        indices: An integer tensor of indices.

    # Returns
        A tensor of same type as `reference`.
    """
    return tf.gather(reference, indices)


@in_graph
def pattern_broadcast(x, broadcastable):
    """Theano's broadcast pattern: TensorFlow broadcasts any size-1 axis, so
    this returns `x` unchanged (kept so engine-neutral code runs)."""
    return tf.identity(x)


@in_graph
def tril(x):
    """Lower triangle of a [batch of] square matrix (last two axes)."""
    return tf.linalg.band_part(x, -1, 0)


@in_graph
def set_subtensor(x, v):
    """Returns `x` overwritten by `v`.

    On a variable this is an assignment op; on a tensor the result is `v`
    broadcast to the shape of `x`.
    """
    if isinstance(x, tf.Variable):
        return _tf_v1.assign(x, v)
    return tf.zeros_like(x) + tf.cast(v, x.dtype)


@in_graph
def inc_subtensor(x, v):
    """Returns `x` incremented by `v`."""
    return tf.add(x, tf.cast(v, x.dtype))


@in_graph
def funequal(x, y):
    """Pads `y` with zeros at the end of axes 2 and 3 to the size of `x`.

    Used by `equal_dimensions` (fully convolutional nets whose up-sampled
    maps come out one row/column short).
    """
    sx, sy = tf.shape(x), tf.shape(y)
    extra = tf.maximum(sx[2:4] - sy[2:4], 0)
    zeros = tf.zeros((2,), 'int32')
    pattern = tf.stack([zeros, zeros, tf.stack([0, extra[0]]),
                        tf.stack([0, extra[1]])])
    rank = ndim(y)
    if rank > 4:
        pattern = tf.concat([pattern, tf.zeros((rank - 4, 2), 'int32')], 0)
    return tf.pad(y, pattern)


@in_graph
def equal_dimensions(x, y):
    """Returns `y`, zero-padded on axes 2 and 3 when `x` is larger there.

    # Arguments
        x: Reference tensor (4D, channels first).
        y: Tensor to match to `x`.

    # Returns
        `y` with axes 2 and 3 at least as large as those of `x`.
    """
    xs, ys = int_shape(x), int_shape(y)
    if xs[2:4] == ys[2:4] and None not in xs[2:4]:
        return y
    return funequal(x, y)
