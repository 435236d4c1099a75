"""Linear algebra, reductions and element-wise math (PyTensor engine)."""
import builtins

import numpy as np
import pytensor
import pytensor.tensor as pt

from .. import common
from .variables import is_sparse, int_shape, th_sparse


def _is_int(x):
    return 'int' in x.dtype or x.dtype == 'bool'


def _float(x):
    """Casts an integer/bool tensor to floatx (float tensors unchanged)."""
    x = pt.as_tensor_variable(x)
    return pt.cast(x, common.floatx()) if _is_int(x) else x


def _axis(axis):
    if isinstance(axis, (list, tuple)):
        return [int(a) for a in axis]
    return axis


def dims_of(x):
    """Per-axis sizes: static ints where known, symbolic scalars otherwise."""
    static = x.type.shape
    return [static[i] if static[i] is not None else x.shape[i]
            for i in range(x.ndim)]


def dot(x, y):
    """Multiplies 2 tensors (and/or variables) and returns a tensor.

    For nD tensors it follows Theano/TensorFlow-Keras semantics:
    `(2, 3) . (4, 3, 5) -> (2, 4, 5)`; an nD `x` times a 2D `y` is one
    matrix product over the flattened leading axes.
    """
    if is_sparse(x):
        return th_sparse.structured_dot(x, y)
    x = pt.as_tensor_variable(x)
    y = pt.as_tensor_variable(y)
    if x.ndim > 2 and y.ndim == 2:
        lead = dims_of(x)[:-1]
        flat = pt.reshape(x, (-1, x.shape[-1]))
        out = pt.dot(flat, y)
        return pt.reshape(out, lead + [dims_of(y)[1]])
    if x.ndim >= 2 and y.ndim > 2:
        # contract last axis of x with second-to-last axis of y
        y_axes = list(range(y.ndim))
        perm = [y_axes[-2]] + y_axes[:-2] + y_axes[-1:]
        y_t = pt.transpose(y, perm)
        y_dims = dims_of(y_t)
        y_flat = pt.reshape(y_t, (y_t.shape[0], -1))
        x_dims = dims_of(x)
        x_flat = pt.reshape(x, (-1, x.shape[-1]))
        out = pt.dot(x_flat, y_flat)
        return pt.reshape(out, x_dims[:-1] + y_dims[1:])
    return pt.dot(x, y)


def dot_product(x, kernel):
    """Same as `dot` (kept for code written for both engines)."""
    return dot(x, kernel)


def batch_dot(x, y, axes=None):
    """Batchwise dot product (Keras 2.3 semantics).

    # Arguments
        x, y: tensors with ndim >= 2 and the same batch size.
        axes: int or (int, int): the axes to contract (never 0).
            Default: last axis of x with the last axis of y when `y` is
            2D, else with the second-to-last axis of y.

    # Returns
        A tensor: x's shape without the contracted axis followed by y's
        shape without the batch and contracted axes; 2D x 2D gives
        `(batch, 1)`.

    # Raises
        ValueError: for invalid axes or incompatible shapes.
    """
    x = pt.as_tensor_variable(x)
    y = pt.as_tensor_variable(y)
    x_ndim, y_ndim = x.ndim, y.ndim
    if x_ndim < 2 or y_ndim < 2:
        raise ValueError('batch_dot requires inputs of rank >= 2, got ranks '
                         '%d and %d.' % (x_ndim, y_ndim))
    x_shape, y_shape = int_shape(x), int_shape(y)
    if (x_shape[0] is not None and y_shape[0] is not None and
            x_shape[0] != y_shape[0]):
        raise ValueError('batch_dot: the batch sizes differ: %s and %s.'
                         % (x_shape, y_shape))
    if isinstance(axes, int):
        axes = [axes, axes]
    if axes is None:
        axes = [x_ndim - 1, y_ndim - 1 if y_ndim == 2 else y_ndim - 2]
    if builtins.any(isinstance(a, (list, tuple)) for a in axes):
        raise ValueError('batch_dot: multiple target dimensions are not '
                         'supported. Expected None, int or (int, int), got %s.'
                         % (axes,))
    a0, a1 = [int(a) for a in axes]
    a0 = a0 + x_ndim if a0 < 0 else a0
    a1 = a1 + y_ndim if a1 < 0 else a1
    if a0 == 0 or a1 == 0:
        raise ValueError('batch_dot: can not perform batch_dot over axis 0. '
                         'Add a batch dimension with K.expand_dims(x, 0).')
    d1, d2 = x_shape[a0], y_shape[a1]
    if d1 is not None and d2 is not None and d1 != d2:
        raise ValueError('batch_dot: cannot contract axis %d of shape %s '
                         'with axis %d of shape %s.' % (a0, x_shape, a1, y_shape))
    if x_ndim == 2:
        x = pt.shape_padaxis(x, 1)
        a0 += 1
    if y_ndim == 2:
        y = pt.shape_padright(y)
    xn, yn = x.ndim, y.ndim
    if a0 != xn - 1:
        perm = [i for i in range(xn) if i != a0] + [a0]
        x = pt.transpose(x, perm)
    if a1 != 1:
        perm = [0, a1] + [i for i in range(1, yn) if i != a1]
        y = pt.transpose(y, perm)
    x_dims, y_dims = dims_of(x), dims_of(y)
    x3 = pt.reshape(x, (x.shape[0], -1, x.shape[-1])) if xn > 3 else x
    y3 = pt.reshape(y, (y.shape[0], y.shape[1], -1)) if yn > 3 else y
    out = pt.matmul(x3, y3)
    if xn > 3 or yn > 3:
        out = pt.reshape(out, [x_dims[0]] + x_dims[1:-1] + y_dims[2:])
    if x_ndim == 2:
        out = pt.squeeze(out, axis=1)
    elif y_ndim == 2:
        out = pt.squeeze(out, axis=-1)
    return out


def transpose(x):
    """Reverses the axes of a tensor."""
    return pt.transpose(x)


def gather(reference, indices):
    """Retrieves the slices `reference[indices]` along axis 0."""
    indices = pt.as_tensor_variable(indices)
    if not _is_int(indices):
        indices = pt.cast(indices, 'int64')
    return pt.take(reference, indices, axis=0)


def _reduce(op, x, axis, keepdims):
    return op(x, axis=_axis(axis), keepdims=keepdims)


def max(x, axis=None, keepdims=False):
    """Maximum value in a tensor, along `axis`."""
    return _reduce(pt.max, x, axis, keepdims)


def min(x, axis=None, keepdims=False):
    """Minimum value in a tensor, along `axis`."""
    return _reduce(pt.min, x, axis, keepdims)


def sum(x, axis=None, keepdims=False):
    """Sum of the values in a tensor, along `axis`."""
    x = pt.as_tensor_variable(x)
    return pt.sum(x, axis=_axis(axis), keepdims=keepdims,
                  acc_dtype=None, dtype=x.dtype if x.dtype != 'bool' else None)


def prod(x, axis=None, keepdims=False):
    """Product of the values in a tensor, along `axis`."""
    x = pt.as_tensor_variable(x)
    return pt.prod(x, axis=_axis(axis), keepdims=keepdims,
                   dtype=x.dtype if x.dtype != 'bool' else None)


def cumsum(x, axis=0):
    """Cumulative sum of the values in a tensor, along `axis`."""
    return pt.cumsum(x, axis=axis)


def cumprod(x, axis=0):
    """Cumulative product of the values in a tensor, along `axis`."""
    return pt.cumprod(x, axis=axis)


def mean(x, axis=None, keepdims=False):
    """Mean of a tensor along `axis` (integer input gives floatx)."""
    x = _float(x)
    return pt.mean(x, axis=_axis(axis), keepdims=keepdims, dtype=x.dtype)


def var(x, axis=None, keepdims=False):
    """Variance (population, ddof=0) of a tensor along `axis`."""
    x = _float(x)
    m = pt.mean(x, axis=_axis(axis), keepdims=True, dtype=x.dtype)
    return pt.mean(pt.sqr(x - m), axis=_axis(axis), keepdims=keepdims,
                   dtype=x.dtype)


def std(x, axis=None, keepdims=False):
    """Standard deviation of a tensor along `axis`."""
    return pt.sqrt(var(x, axis=axis, keepdims=keepdims))


def any(x, axis=None, keepdims=False):
    """Logical OR reduction (a bool tensor)."""
    return _reduce(pt.any, x, axis, keepdims)


def all(x, axis=None, keepdims=False):
    """Logical AND reduction (a bool tensor)."""
    return _reduce(pt.all, x, axis, keepdims)


def argmax(x, axis=-1):
    """Index of the maximum value along an axis (int64)."""
    return pt.argmax(x, axis=axis)


def argmin(x, axis=-1):
    """Index of the minimum value along an axis (int64)."""
    return pt.argmin(x, axis=axis)


def square(x):
    """Element-wise square."""
    return pt.sqr(x)


def abs(x):
    """Element-wise absolute value."""
    return pt.abs(x)


def sqrt(x):
    """Element-wise square root (negative inputs are clipped to 0)."""
    x = _float(x)
    return pt.sqrt(pt.clip(x, np.asarray(0., x.dtype), np.asarray(np.inf, x.dtype)))


def exp(x):
    """Element-wise exponential."""
    return pt.exp(x)


def log(x):
    """Element-wise natural logarithm."""
    return pt.log(x)


def log2(x):
    """Element-wise base-2 logarithm."""
    return pt.log2(x)


def logsumexp(x, axis=None, keepdims=False):
    """log(sum(exp(x))) along `axis`, computed stably."""
    x = _float(x)
    axis = _axis(axis)
    m = pt.max(x, axis=axis, keepdims=True)
    m = pt.switch(pt.isinf(m), pt.zeros_like(m), m)
    m = pytensor.gradient.disconnected_grad(m)
    out = pt.log(pt.sum(pt.exp(x - m), axis=axis, keepdims=True)) + m
    if not keepdims:
        if axis is None:
            out = pt.squeeze(out)
        else:
            out = pt.squeeze(out, axis=axis)
    return out


def round(x):
    """Element-wise rounding, ties to even."""
    return pt.round(x, mode='half_to_even')


def sign(x):
    """Element-wise sign."""
    return pt.sign(x)


def pow(x, a):
    """Element-wise exponentiation `x ** a`."""
    x = pt.as_tensor_variable(x)
    if isinstance(a, (int, float)) and not isinstance(a, bool):
        a = np.asarray(a, dtype=x.dtype if not _is_int(x) or
                       isinstance(a, int) else common.floatx())
    return pt.pow(x, a)


def clip(x, min_value, max_value):
    """Element-wise clipping into [min_value, max_value].

    `None` bounds are unbounded; a max below the min becomes the min.
    """
    x = pt.as_tensor_variable(x)
    if (isinstance(min_value, (int, float)) and
            isinstance(max_value, (int, float)) and max_value < min_value):
        max_value = min_value
    if min_value is None:
        min_value = -np.inf
    if max_value is None:
        max_value = np.inf
    return pt.clip(x, _like(min_value, x), _like(max_value, x))


def _like(value, x):
    """A Python number as a constant of `x`'s dtype (else unchanged)."""
    if isinstance(value, (int, float, np.number)):
        return np.asarray(value, dtype=x.dtype)
    return value


def equal(x, y):
    """Element-wise `x == y` (bool)."""
    return pt.eq(x, y)


def not_equal(x, y):
    """Element-wise `x != y` (bool)."""
    return pt.neq(x, y)


def greater(x, y):
    """Element-wise `x > y` (bool)."""
    return pt.gt(x, y)


def greater_equal(x, y):
    """Element-wise `x >= y` (bool)."""
    return pt.ge(x, y)


def less(x, y):
    """Element-wise `x < y` (bool)."""
    return pt.lt(x, y)


def less_equal(x, y):
    """Element-wise `x <= y` (bool)."""
    return pt.le(x, y)


def maximum(x, y):
    """Element-wise maximum."""
    return pt.maximum(x, y)


def minimum(x, y):
    """Element-wise minimum."""
    return pt.minimum(x, y)


def sin(x):
    """Element-wise sine."""
    return pt.sin(x)


def cos(x):
    """Element-wise cosine."""
    return pt.cos(x)


def ceil(x, name=None):
    """Element-wise ceiling."""
    return pt.ceil(x)


def floor(x):
    """Element-wise floor."""
    return pt.floor(x)


def real(x):
    """Real part of a complex tensor."""
    return pt.real(x)


def fft(x, norm=None):
    """Real FFT over the last axis.

    Follows Theano's `rfft` layout: the output has an extra last axis of
    size 2 holding the real and imaginary parts.
    """
    from pytensor.tensor import fft as pt_fft
    return pt_fft.rfft(x, norm=norm)


def ifft(x, norm=None, is_odd=False):
    """Inverse of `fft` (Theano's `irfft` layout)."""
    from pytensor.tensor import fft as pt_fft
    return pt_fft.irfft(x, norm=norm, is_odd=is_odd)


def tril(x):
    """Lower triangle of a matrix (of each matrix of a batch)."""
    x = pt.as_tensor_variable(x)
    if x.ndim == 2:
        return pt.tril(x)
    rows = x.shape[-2]
    cols = x.shape[-1]
    mask = pt.ge(pt.arange(rows)[:, None], pt.arange(cols)[None, :])
    return x * pt.cast(mask, x.dtype)
