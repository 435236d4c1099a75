"""Products, reductions and element-wise operations."""
import builtins

import numpy as np
import tensorflow as tf

from .. import common
from .graph import in_graph
from .variables import int_shape, is_sparse

_tf_v1 = tf.compat.v1

__all__ = ['abs', 'all', 'any', 'argmax', 'argmin', 'batch_dot',
           'ceil', 'clip', 'cos', 'cumprod', 'cumsum', 'dot',
           'dot_product', 'equal', 'exp', 'floor', 'greater',
           'greater_equal', 'less', 'less_equal', 'log', 'log2',
           'logsumexp', 'max', 'maximum', 'mean', 'min', 'minimum',
           'not_equal', 'pow', 'prod', 'real', 'round', 'sign',
           'sin', 'sqrt', 'square', 'std', 'sum', 'transpose', 'var']


def _to_tensor(x, dtype):
    """Converts `x` to a tensor of `dtype`."""
    return tf.convert_to_tensor(x, dtype=dtype)


def _shape_list(x):
    """Static dims where known, dynamic scalars elsewhere."""
    static = int_shape(x)
    dynamic = tf.shape(x)
    return [d if d is not None else dynamic[i] for i, d in enumerate(static)]


def _check_dim(name, x_shape, y_shape, dx, dy, detail=''):
    if dx is not None and dy is not None and dx != dy:
        raise ValueError('%s: incompatible shapes %s and %s%s (%d != %d).'
                         % (name, x_shape, y_shape, detail, dx, dy))


@in_graph
def dot(x, y):
    """Multiplies 2 tensors (and/or variables) and returns a *tensor*.

    With N-D tensors, behaves like Theano: the last axis of `x` is
    contracted with the second-to-last axis of `y`
    (`(2, 3, 4) . (4, 5) -> (2, 3, 5)`, `(32, 28, 3) . (2, 3, 4) ->
    (32, 28, 2, 4)`).

    # Arguments
        x: Tensor or variable.
        y: Tensor or variable.

    # Returns
        A tensor, dot product of `x` and `y`.

    # Raises
        ValueError: if the contracted dimensions differ.
    """
    x_shape, y_shape = int_shape(x), int_shape(y)
    if x_shape is None or y_shape is None:
        return tf.matmul(x, y)
    if len(x_shape) >= 1 and len(y_shape) >= 1:
        y_axis = -2 if len(y_shape) >= 2 else -1
        _check_dim('dot', x_shape, y_shape, x_shape[-1], y_shape[y_axis])
    if is_sparse(x):
        return tf.sparse.sparse_dense_matmul(x, y)
    if len(x_shape) <= 2 and len(y_shape) == 2:
        return tf.matmul(x, y)
    if len(y_shape) == 1:
        return tf.tensordot(x, y, axes=[[len(x_shape) - 1], [0]])
    xs, ys = _shape_list(x), _shape_list(y)
    perm = list(range(len(y_shape)))
    perm = [perm.pop(-2)] + perm
    xt = tf.reshape(x, [-1, xs[-1]])
    yt = tf.reshape(tf.transpose(y, perm), [ys[-2], -1])
    out = tf.reshape(tf.matmul(xt, yt), xs[:-1] + ys[:-2] + ys[-1:])
    out.set_shape(x_shape[:-1] + y_shape[:-2] + y_shape[-1:])
    return out


def _move_axis(x, source, target, rank):
    """Transposes `x` so that axis `source` lands at position `target`."""
    if source == target:
        return x
    perm = [i for i in range(rank) if i != source]
    perm.insert(target, source)
    return tf.transpose(x, perm)


def _batch_dot_axes(axes, x_ndim, y_ndim):
    if axes is None:
        axes = [x_ndim - 1, y_ndim - 1 if y_ndim == 2 else y_ndim - 2]
    elif isinstance(axes, int):
        axes = [axes, axes]
    if builtins.any(isinstance(a, (list, tuple)) for a in axes):
        raise ValueError('batch_dot: multiple target dimensions are not '
                         'supported. Expected: None, int, (int, int); '
                         'got axes=%s.' % (axes,))
    axes = list(axes)
    if len(axes) != 2:
        raise ValueError('batch_dot: axes should be an int or a pair of '
                         'ints, got %s.' % (axes,))
    axes[0] += x_ndim if axes[0] < 0 else 0
    axes[1] += y_ndim if axes[1] < 0 else 0
    if 0 in axes:
        raise ValueError('Can not perform batch_dot over axis 0. If your '
                         'inputs are not batched, add a dummy batch '
                         'dimension with K.expand_dims(x, 0).')
    return axes


@in_graph
def batch_dot(x, y, axes=None):
    """Batchwise dot product.

    `batch_dot(x, y)[i] = dot(x[i], y[i])` contracting axis `axes[0]` of `x`
    with axis `axes[1]` of `y`. The output has the remaining axes of `x`
    then those of `y`; rank-2 inputs give a `(batch, 1)` result when both
    are rank 2.

    # Arguments
        x: Keras tensor or variable with `ndim >= 2`.
        y: Keras tensor or variable with `ndim >= 2`.
        axes: int or tuple(int, int). Target dimensions to be reduced
            (default: last axis of `x`, second-to-last axis of `y`,
            or last axis of `y` when it is rank 2).

    # Returns
        A tensor with shape equal to the concatenation of `x`'s shape
        (less the dimension that was summed over) and `y`'s shape
        (less the batch dimension and the dimension that was summed over).
        If the final rank is 1, we reshape it to `(batch_size, 1)`.

    # Raises
        ValueError: on ranks < 2, different batch sizes or contracted
            dimensions that differ.
    """
    x_shape, y_shape = int_shape(x), int_shape(y)
    x_ndim, y_ndim = len(x_shape), len(y_shape)
    if x_ndim < 2 or y_ndim < 2:
        raise ValueError('Can not do batch_dot on inputs with rank < 2. '
                         'Received inputs with shapes %s and %s.'
                         % (x_shape, y_shape))
    _check_dim('batch_dot (batch size)', x_shape, y_shape,
               x_shape[0], y_shape[0])
    a0, a1 = _batch_dot_axes(axes, x_ndim, y_ndim)
    _check_dim('batch_dot', x_shape, y_shape, x_shape[a0], y_shape[a1],
               ' with axes=%s' % ([a0, a1],))
    out_static = ((x_shape[0],) + x_shape[1:a0] + x_shape[a0 + 1:] +
                  y_shape[1:a1] + y_shape[a1 + 1:])
    if x_ndim == 2:
        x = tf.expand_dims(x, 1)
        a0 += 1
    if y_ndim == 2:
        y = tf.expand_dims(y, 2)
    xr, yr = builtins.max(x_ndim, 3), builtins.max(y_ndim, 3)
    # x: (batch, ..., k); y: (batch, k, ...), then both squashed to rank 3.
    x = _move_axis(x, a0, xr - 1, xr)
    y = _move_axis(y, a1, 1, yr)
    xs, ys = tf.shape(x), tf.shape(y)
    x_mid, y_tail = xs[1:-1], ys[2:]
    if xr > 3:
        x = tf.reshape(x, tf.stack([xs[0], tf.reduce_prod(x_mid), xs[-1]]))
    if yr > 3:
        y = tf.reshape(y, tf.stack([ys[0], ys[1], tf.reduce_prod(y_tail)]))
    result = tf.matmul(x, y)
    if xr > 3 or yr > 3:
        rs = tf.shape(result)
        result = tf.reshape(result, tf.concat([rs[:1], x_mid, y_tail], 0))
    if x_ndim == 2:
        result = tf.squeeze(result, 1)
    elif y_ndim == 2:
        result = tf.squeeze(result, -1)
    if len(out_static) == 1:
        out_static = out_static + (1,)
    result.set_shape(out_static)
    return result


@in_graph
def dot_product(x, kernel):
    """Dot product of `x` with a weight vector `kernel` on the last axis.

    # Arguments
        x: Tensor of shape `(..., dim)`.
        kernel: Vector of shape `(dim,)`.

    # Returns
        A tensor of shape `(...)`.
    """
    return tf.squeeze(dot(x, tf.expand_dims(kernel, -1)), axis=-1)


@in_graph
def transpose(x):
    """Transposes a tensor and returns it (axes reversed)."""
    return tf.transpose(x)


def _reduction(tf_fn, cast_bool=None):
    def reduce(x, axis=None, keepdims=False):
        x = tf.convert_to_tensor(x) if not isinstance(x, tf.Variable) else x
        if cast_bool is not None and x.dtype.base_dtype == tf.bool:
            x = tf.cast(x, cast_bool())
        if isinstance(axis, list):
            axis = tuple(axis)
        return tf_fn(x, axis=axis, keepdims=keepdims)
    return reduce


def _define_reduction(name, tf_fn, doc, cast_bool=None):
    impl = _reduction(tf_fn, cast_bool)

    def fn(x, axis=None, keepdims=False):
        return impl(x, axis, keepdims)
    fn.__name__ = fn.__qualname__ = name
    fn.__doc__ = ('%s of the values in a tensor, alongside the specified '
                  'axis.\n\n    # Arguments\n        x: A tensor or variable.'
                  '\n        axis: An integer or list of integers, the axes '
                  'to reduce (all when None).\n        keepdims: A boolean, '
                  'whether to keep the reduced axes with length 1.\n\n'
                  '    # Returns\n        A tensor.\n    ' % doc)
    return in_graph(fn)


def _floatx():
    return common.floatx()


max = _define_reduction('max', tf.reduce_max, 'Maximum')
min = _define_reduction('min', tf.reduce_min, 'Minimum')
sum = _define_reduction('sum', tf.reduce_sum, 'Sum')
prod = _define_reduction('prod', tf.reduce_prod, 'Product')
mean = _define_reduction('mean', tf.reduce_mean, 'Mean', _floatx)
var = _define_reduction('var', tf.math.reduce_variance, 'Variance', _floatx)
std = _define_reduction('std', tf.math.reduce_std, 'Standard deviation',
                        _floatx)
logsumexp = _define_reduction('logsumexp', tf.reduce_logsumexp,
                              'Log of the sum of exponentials')


def _bool_reduction(tf_fn):
    def reduce(x, axis=None, keepdims=False):
        x = tf.cast(x, tf.bool)
        if isinstance(axis, list):
            axis = tuple(axis)
        return tf_fn(x, axis=axis, keepdims=keepdims)
    return reduce


@in_graph
def any(x, axis=None, keepdims=False):
    """Bitwise reduction (logical OR).

    # Arguments
        x: Tensor or variable.
        axis: axis along which to perform the reduction.
        keepdims: whether the drop or broadcast the reduction axes.

    # Returns
        A bool tensor.
    """
    return _bool_reduction(tf.reduce_any)(x, axis, keepdims)


@in_graph
def all(x, axis=None, keepdims=False):
    """Bitwise reduction (logical AND).

    # Arguments
        x: Tensor or variable.
        axis: axis along which to perform the reduction.
        keepdims: whether the drop or broadcast the reduction axes.

    # Returns
        A bool tensor.
    """
    return _bool_reduction(tf.reduce_all)(x, axis, keepdims)


@in_graph
def argmax(x, axis=-1):
    """Returns the index of the maximum value along an axis (int64)."""
    return tf.argmax(x, axis)


@in_graph
def argmin(x, axis=-1):
    """Returns the index of the minimum value along an axis (int64)."""
    return tf.argmin(x, axis)


@in_graph
def cumsum(x, axis=0):
    """Cumulative sum of the values in a tensor, alongside the specified axis.
    """
    return tf.cumsum(x, axis=axis)


@in_graph
def cumprod(x, axis=0):
    """Cumulative product of the values in a tensor, alongside the specified
    axis."""
    return tf.math.cumprod(x, axis=axis)


def _unary(name, tf_fn, doc, with_name=False):
    if with_name:
        def fn(x, name=None):
            return tf_fn(x, name=name)
    else:
        def fn(x):
            return tf_fn(x)
    fn.__name__ = fn.__qualname__ = name
    fn.__doc__ = ('%s\n\n    # Arguments\n        x: Tensor or variable.\n\n'
                  '    # Returns\n        A tensor.\n    ' % doc)
    return in_graph(fn)


square = _unary('square', tf.square, 'Element-wise square.')
abs = _unary('abs', tf.abs, 'Element-wise absolute value.')
exp = _unary('exp', tf.exp, 'Element-wise exponential.')
log = _unary('log', tf.math.log, 'Element-wise natural log.')
round = _unary('round', tf.round,
               'Element-wise rounding to the closest integer '
               '(ties to even).')
sign = _unary('sign', tf.sign, 'Element-wise sign.')
sin = _unary('sin', tf.sin, 'Computes sin of x element-wise.')
cos = _unary('cos', tf.cos, 'Computes cos of x element-wise.')
ceil = _unary('ceil', tf.math.ceil, 'Element-wise ceiling.', True)
floor = _unary('floor', tf.math.floor, 'Element-wise floor.', True)
real = _unary('real', tf.math.real, 'Real part of a (complex) tensor.')


@in_graph
def log2(x):
    """Element-wise base-2 logarithm."""
    x = tf.convert_to_tensor(x)
    return tf.math.log(x) / tf.math.log(tf.constant(2., x.dtype))


@in_graph
def sqrt(x):
    """Element-wise square root (negative inputs are clipped to 0)."""
    x = tf.convert_to_tensor(x)
    return tf.sqrt(tf.maximum(x, tf.zeros((), x.dtype)))


@in_graph
def pow(x, a):
    """Element-wise exponentiation `x ** a`."""
    x = tf.convert_to_tensor(x)
    if not tf.is_tensor(a):
        a = tf.constant(a, dtype=x.dtype)
    return tf.pow(x, a)


@in_graph
def clip(x, min_value, max_value):
    """Element-wise value clipping.

    # Arguments
        x: Tensor or variable.
        min_value: Python float, integer or tensor (None: no lower bound).
        max_value: Python float, integer or tensor (None: no upper bound).

    # Returns
        A tensor.
    """
    x = tf.convert_to_tensor(x)
    if isinstance(min_value, (int, float)) and \
            isinstance(max_value, (int, float)) and max_value < min_value:
        max_value = min_value
    if min_value is None:
        min_value = -np.inf
    if max_value is None:
        max_value = np.inf
    return tf.clip_by_value(x, tf.cast(min_value, x.dtype),
                            tf.cast(max_value, x.dtype))


def _binary(name, tf_fn, doc):
    def fn(x, y):
        return tf_fn(x, y)
    fn.__name__ = fn.__qualname__ = name
    fn.__doc__ = ('%s\n\n    # Arguments\n        x: Tensor or variable.\n'
                  '        y: Tensor or variable.\n\n    # Returns\n'
                  '        A tensor.\n    ' % doc)
    return in_graph(fn)


equal = _binary('equal', tf.equal, 'Element-wise equality between two '
                'tensors (bool tensor).')
not_equal = _binary('not_equal', tf.not_equal, 'Element-wise inequality '
                    'between two tensors (bool tensor).')
greater = _binary('greater', tf.greater, 'Element-wise truth value of '
                  '(x > y).')
greater_equal = _binary('greater_equal', tf.greater_equal,
                        'Element-wise truth value of (x >= y).')
less = _binary('less', tf.less, 'Element-wise truth value of (x < y).')
less_equal = _binary('less_equal', tf.less_equal,
                     'Element-wise truth value of (x <= y).')
maximum = _binary('maximum', tf.maximum, 'Element-wise maximum of two '
                  'tensors.')
minimum = _binary('minimum', tf.minimum, 'Element-wise minimum of two '
                  'tensors.')
