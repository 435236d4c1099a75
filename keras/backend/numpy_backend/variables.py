"""Tensors and variables of the NumPy reference backend.

A "variable" is a NumPy array that the update functions change in place;
a "tensor" is any NumPy array. Random functions draw from
`numpy.random.RandomState(seed)`.
"""
import numpy as np

from ..common import floatx

__all__ = ['variable', 'constant', 'zeros', 'ones', 'eye', 'zeros_like',
           'ones_like', 'identity', 'cast', 'int_shape', 'ndim', 'dtype',
           'shape', 'size', 'count_params', 'eval', 'get_value', 'set_value',
           'batch_get_value', 'batch_set_value', 'update', 'update_add',
           'update_sub', 'moving_average_update', 'is_tensor', 'is_variable',
           'is_sparse', 'to_dense', 'print_tensor', 'stop_gradient',
           'random_normal', 'random_uniform', 'random_binomial',
           'truncated_normal', 'random_normal_variable',
           'random_uniform_variable', 'get_variable_shape', 'arange']


def _dtype(dtype):
    return floatx() if dtype is None else dtype


def variable(value, dtype=None, name=None, constraint=None):
    """Returns a fresh NumPy array holding `value`, cast to `dtype`."""
    return np.array(value, dtype=_dtype(dtype))


def constant(value, dtype=None, shape=None, name=None):
    """Returns `value` as an array, broadcast to `shape` when given."""
    value = np.asarray(value, dtype=_dtype(dtype))
    if shape is not None:
        value = np.broadcast_to(value, shape).copy()
    return value


def zeros(shape, dtype=None, name=None):
    return np.zeros(shape, dtype=_dtype(dtype))


def ones(shape, dtype=None, name=None):
    return np.ones(shape, dtype=_dtype(dtype))


def eye(size, dtype=None, name=None):
    """Identity matrix; `size` is an int or a `(rows, cols)` tuple."""
    if isinstance(size, (list, tuple)):
        return np.eye(size[0], size[1], dtype=_dtype(dtype))
    return np.eye(size, dtype=_dtype(dtype))


def zeros_like(x, dtype=None, name=None):
    return np.zeros_like(x, dtype=dtype or np.asarray(x).dtype)


def ones_like(x, dtype=None, name=None):
    return np.ones_like(x, dtype=dtype or np.asarray(x).dtype)


def identity(x, name=None):
    return np.array(x, copy=True)


def cast(x, dtype):
    return np.asarray(x).astype(dtype)


def int_shape(x):
    return tuple(int(d) for d in np.shape(x))


def ndim(x):
    return np.ndim(x)


def dtype(x):
    return np.asarray(x).dtype.name


def shape(x):
    """Shape of `x` as an int32 vector (the symbolic engines' `K.shape`)."""
    return np.asarray(np.shape(x), dtype='int32')


def size(x, name=None):
    return np.asarray(np.size(x), dtype='int32')


def count_params(x):
    return int(np.size(x))


def get_variable_shape(x):
    return int_shape(x)


def eval(x):
    return np.asarray(x)


def get_value(x):
    return np.asarray(x)


def set_value(x, value):
    x[...] = np.asarray(value, dtype=x.dtype)


def batch_get_value(ops):
    return [get_value(x) for x in ops]


def batch_set_value(tuples):
    for x, value in tuples:
        set_value(x, value)


def update(x, new_x):
    x[...] = new_x
    return x


def update_add(x, increment):
    x[...] = x + increment
    return x


def update_sub(x, decrement):
    x[...] = x - decrement
    return x


def moving_average_update(x, value, momentum):
    """`x = x * momentum + value * (1 - momentum)`, in place."""
    return update(x, x * momentum + np.asarray(value) * (1. - momentum))


def is_tensor(x):
    return isinstance(x, np.ndarray)


def is_variable(x):
    return isinstance(x, np.ndarray)


def is_sparse(tensor):
    return False


def to_dense(tensor):
    return np.asarray(tensor)


def print_tensor(x, message=''):
    return x


def stop_gradient(variables):
    return variables


def arange(start, stop=None, step=1, dtype='int32'):
    if stop is None:
        start, stop = 0, start
    return np.arange(start, stop, step, dtype=dtype)


def _rng(seed):
    return np.random.RandomState(seed)


def random_normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None):
    return _rng(seed).normal(mean, stddev, shape).astype(_dtype(dtype))


def random_uniform(shape, minval=0.0, maxval=1.0, dtype=None, seed=None):
    return _rng(seed).uniform(minval, maxval, shape).astype(_dtype(dtype))


def random_binomial(shape, p=0.0, dtype=None, seed=None):
    return (_rng(seed).uniform(0., 1., shape) < p).astype(_dtype(dtype))


def truncated_normal(shape, mean=0.0, stddev=1.0, dtype=None, seed=None):
    """Normal samples redrawn until within two standard deviations."""
    rng = _rng(seed)
    out = rng.normal(0., 1., shape)
    bad = np.abs(out) > 2.
    while bad.any():
        out[bad] = rng.normal(0., 1., int(bad.sum()))
        bad = np.abs(out) > 2.
    return (mean + stddev * out).astype(_dtype(dtype))


def random_normal_variable(shape, mean, scale, dtype=None, name=None,
                           seed=None):
    return random_normal(shape, mean, scale, dtype, seed)


def random_uniform_variable(shape, low, high, dtype=None, name=None,
                            seed=None):
    return random_uniform(shape, low, high, dtype, seed)
