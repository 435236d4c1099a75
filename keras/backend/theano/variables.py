"""Variables, placeholders, constants and their values (PyTensor engine).

Variables are PyTensor shared variables with a fixed static shape (as
TensorFlow variables); placeholders are symbolic tensors whose known
dimensions become PyTensor static shapes, so `int_shape` works on every
tensor derived from them.
"""
import numpy as np
import pytensor
import pytensor.tensor as pt
from pytensor.compile.sharedvalue import SharedVariable
from pytensor.graph.basic import Constant, Variable

from .. import common
from . import graph

try:
    import pytensor.sparse as th_sparse
except ImportError:  # pragma: no cover - pytensor without scipy
    th_sparse = None


def _floatx_dtype(dtype):
    return common.floatx() if dtype is None else str(dtype)


def _static_shape(shape):
    """Converts a Keras shape (ints and None) to a PyTensor static shape."""
    return tuple(None if d is None or d < 0 else int(d) for d in shape)


def is_sparse(tensor):
    """Returns whether `tensor` is a sparse tensor.

    # Arguments
        tensor: A tensor instance.

    # Returns
        A boolean.
    """
    return (th_sparse is not None and
            isinstance(getattr(tensor, 'type', None), th_sparse.SparseTensorType))


def to_dense(tensor):
    """Converts a sparse tensor into a dense tensor (others are returned).

    # Arguments
        tensor: A tensor instance (potentially sparse).

    # Returns
        A dense tensor.
    """
    if is_sparse(tensor):
        return th_sparse.dense_from_sparse(tensor)
    return tensor


def variable(value, dtype=None, name=None, constraint=None):
    """Instantiates a variable and returns it.

    # Arguments
        value: Numpy array (or scipy sparse matrix, or tensor to evaluate),
            initial value of the variable.
        dtype: Tensor type (default: `K.floatx()`).
        name: Optional name; it is prefixed with the active name scopes.
        constraint: Optional projection function applied to the variable
            after an optimizer update.

    # Returns
        A PyTensor shared variable (with Keras metadata included).
    """
    dtype = _floatx_dtype(dtype)
    full_name = graph.scoped_name(name)
    if hasattr(value, 'tocoo'):
        if th_sparse is None:
            raise ImportError('Sparse variables need scipy.')
        var = th_sparse.shared(value.astype(dtype).tocsr(), name=full_name)
        var._keras_shape = value.shape
    else:
        if isinstance(value, Variable):
            value = eval(value)
        value = np.asarray(value, dtype=dtype)
        var = pytensor.shared(value, name=full_name, strict=False,
                              shape=value.shape)
    var._uses_learning_phase = False
    var.constraint = constraint
    return var


def is_variable(x):
    """Returns whether `x` is a Keras (shared) variable."""
    return isinstance(x, SharedVariable)


def constant(value, dtype=None, shape=None, name=None):
    """Creates a constant tensor.

    # Arguments
        value: A constant value (or list).
        dtype: The type of the elements of the resulting tensor.
        shape: Optional dimensions of the resulting tensor; a scalar value
            is broadcast to it.
        name: Optional name for the tensor.

    # Returns
        A constant tensor.
    """
    dtype = _floatx_dtype(dtype)
    array = np.asarray(value, dtype=dtype)
    if shape is not None:
        shape = tuple(shape)
        if array.size == int(np.prod(shape)):
            array = array.reshape(shape)
        else:
            array = np.broadcast_to(array, shape).copy()
    return pt.constant(array, name=name, dtype=dtype)


def is_tensor(x):
    """Returns whether `x` is a symbolic tensor (or variable)."""
    return isinstance(x, Variable)


def is_keras_tensor(x):
    """Returns whether `x` is a Keras tensor (the output of a Keras layer
    or of `Input`).

    # Raises
        ValueError: In case `x` is not a symbolic tensor.
    """
    if not is_tensor(x):
        raise ValueError('Unexpectedly found an instance of type `%s`. '
                         'Expected a symbolic tensor instance.' % type(x))
    return hasattr(x, '_keras_history')


def placeholder(shape=None, ndim=None, dtype=None, sparse=False, name=None):
    """Instantiates a placeholder tensor and returns it.

    # Arguments
        shape: Shape of the placeholder (tuple of ints and None entries).
        ndim: Number of axes, used when `shape` is None.
        dtype: Placeholder type (default: `K.floatx()`).
        sparse: Boolean, whether the placeholder is a sparse (CSR) matrix.
        name: Optional name string for the placeholder.

    # Returns
        A symbolic tensor with static shape information.

    # Raises
        ValueError: if neither `shape` nor `ndim` is given.
    """
    dtype = _floatx_dtype(dtype)
    if shape is None and ndim is None:
        raise ValueError('placeholder: specify either a shape or ndim value.')
    if shape is not None:
        shape = tuple(shape)
    else:
        shape = (None,) * int(ndim)
    if sparse:
        if th_sparse is None:
            raise ImportError('Sparse placeholders need scipy.')
        if len(shape) != 2:
            raise ValueError('placeholder: sparse placeholders must be 2D, '
                             'got shape %s.' % (shape,))
        x = th_sparse.csr_matrix(name=name, dtype=dtype)
    else:
        x = pt.tensor(dtype=dtype, shape=_static_shape(shape), name=name)
    x._keras_shape = shape
    x._uses_learning_phase = False
    x._theano_placeholder = True
    return x


def is_placeholder(x):
    """Returns whether `x` is a placeholder."""
    return bool(getattr(x, '_theano_placeholder', False))


def shape(x):
    """Returns the symbolic shape of a tensor (an int64 vector)."""
    return x.shape


def int_shape(x):
    """Returns the shape of a tensor or variable as a tuple of ints/None.

    # Arguments
        x: Tensor, variable or Numpy array.

    # Returns
        A tuple of integers (or None entries).
    """
    if hasattr(x, '_keras_shape'):
        return tuple(x._keras_shape)
    if isinstance(x, SharedVariable):
        return tuple(x.get_value(borrow=True, return_internal_type=True).shape)
    if isinstance(x, np.ndarray):
        return x.shape
    static = getattr(getattr(x, 'type', None), 'shape', None)
    if static is None:
        if hasattr(x, 'ndim'):
            return (None,) * x.ndim
        return None
    return tuple(None if d is None else int(d) for d in static)


def ndim(x):
    """Returns the number of axes of a tensor, as an integer."""
    return x.ndim


def dtype(x):
    """Returns the dtype of a tensor or variable, as a string."""
    return x.dtype


def eval(x):
    """Evaluates the value of a tensor (or variable) without inputs.

    # Returns
        A Numpy array.
    """
    if isinstance(x, SharedVariable) and not is_sparse(x):
        return x.get_value()
    if isinstance(x, Constant):
        return np.array(x.data)
    if not is_tensor(x):
        return np.asarray(x)
    fn = pytensor.function([], to_dense(x), mode='FAST_COMPILE',
                           on_unused_input='ignore')
    return fn()


def zeros(shape, dtype=None, name=None):
    """Instantiates an all-zeros variable (a tensor for symbolic shapes)."""
    dtype = _floatx_dtype(dtype)
    if _is_static(shape):
        return variable(np.zeros(shape), dtype, name)
    return pt.zeros(shape, dtype=dtype)


def ones(shape, dtype=None, name=None):
    """Instantiates an all-ones variable (a tensor for symbolic shapes)."""
    dtype = _floatx_dtype(dtype)
    if _is_static(shape):
        return variable(np.ones(shape), dtype, name)
    return pt.ones(shape, dtype=dtype)


def zeros_symbolic(shape, dtype=None, name=None):
    """Returns a symbolic all-zeros tensor (never a variable)."""
    out = pt.zeros(shape, dtype=_floatx_dtype(dtype))
    if name:
        out.name = name
    return out


def _is_static(shape):
    if isinstance(shape, (int, np.integer)):
        return True
    return (isinstance(shape, (list, tuple)) and
            all(isinstance(d, (int, np.integer)) for d in shape))


def eye(size, dtype=None, name=None):
    """Instantiates an identity matrix variable (`size` int or (n, m))."""
    if isinstance(size, (list, tuple)):
        n, m = size
    else:
        n, m = size, size
    return variable(np.eye(n, m), _floatx_dtype(dtype), name)


def zeros_like(x, dtype=None, name=None):
    """A tensor of zeros with the shape of `x` (dtype of `x` by default)."""
    return pt.zeros_like(x, dtype=dtype or x.dtype)


def ones_like(x, dtype=None, name=None):
    """A tensor of ones with the shape of `x` (dtype of `x` by default)."""
    return pt.ones_like(x, dtype=dtype or x.dtype)


def identity(x, name=None):
    """Returns a tensor with the same content as the input tensor."""
    return pt.as_tensor_variable(x).copy(name=name)


def _rng(seed):
    if seed is None:
        seed = np.random.randint(10e6)
    return np.random.RandomState(seed)


def random_uniform_variable(shape, low, high, dtype=None, name=None,
                            seed=None):
    """A variable filled with values drawn uniformly from [low, high)."""
    value = _rng(seed).uniform(low=low, high=high, size=shape)
    return variable(value, dtype=dtype, name=name)


def random_normal_variable(shape, mean, scale, dtype=None, name=None,
                           seed=None):
    """A variable filled with values drawn from N(mean, scale**2)."""
    value = _rng(seed).normal(loc=mean, scale=scale, size=shape)
    return variable(value, dtype=dtype, name=name)


def count_params(x):
    """Returns the static number of elements in a variable or tensor."""
    return int(np.prod(int_shape(x)))


def cast(x, dtype):
    """Casts a tensor to a different dtype and returns it."""
    return pt.cast(x, dtype)


def _as_update_value(x, new_x):
    new_x = pt.as_tensor_variable(new_x)
    if new_x.dtype != x.dtype:
        new_x = pt.cast(new_x, x.dtype)
    return new_x


def update(x, new_x):
    """Returns the update `(x, new_x)` for `K.function(updates=...)`."""
    return (x, _as_update_value(x, new_x))


def update_add(x, increment):
    """Returns the update `(x, x + increment)`."""
    return (x, _as_update_value(x, x + increment))


def update_sub(x, decrement):
    """Returns the update `(x, x - decrement)`."""
    return (x, _as_update_value(x, x - decrement))


def moving_average_update(variable, value, momentum):
    """Returns the update `(variable, variable * momentum + value *
    (1 - momentum))`."""
    x = variable
    momentum = pt.cast(momentum, x.dtype)
    return (x, _as_update_value(x, x * momentum + value * (1. - momentum)))


def get_value(x):
    """Returns the value of a variable as a Numpy array.

    # Raises
        TypeError: if `x` is a symbolic expression (use `K.eval`).
    """
    if isinstance(x, np.ndarray):
        return x
    if isinstance(x, Constant):
        return np.array(x.data)
    if not hasattr(x, 'get_value'):
        raise TypeError('get_value can only be called on a variable, got '
                        '%r. Use K.eval() for an expression.' % (x,))
    return x.get_value()


def batch_get_value(xs):
    """Returns the values of a list of variables."""
    return [get_value(x) for x in xs]


def set_value(x, value):
    """Sets the value of a variable from a Numpy array of the same shape.

    # Raises
        ValueError: if the shape of `value` differs from the variable's.
    """
    value = np.asarray(value, dtype=x.dtype)
    old_shape = x.get_value(borrow=True, return_internal_type=True).shape
    if value.shape != old_shape:
        if value.size == int(np.prod(old_shape)):
            value = value.reshape(old_shape)
        else:
            raise ValueError('set_value: variable %s has shape %s, the value '
                             'has shape %s.' % (x.name, old_shape, value.shape))
    x.set_value(value)


def batch_set_value(tuples):
    """Sets the values of many variables: a list of `(variable, value)`."""
    for x, value in tuples:
        set_value(x, value)


def get_variable_shape(x):
    """Returns the shape of a variable as a tuple of integers."""
    return int_shape(x)


def print_tensor(x, message=''):
    """Returns `x`, printing `message` and its value when evaluated."""
    return pytensor.printing.Print(message)(x)


def as_tensor_variable(x, name=None, ndim=None):
    """Converts `x` (array, number, tensor) to a symbolic tensor."""
    return pt.as_tensor_variable(x, name=name, ndim=ndim)


def pattern_broadcast(x, broadcastable):
    """Marks the axes flagged True in `broadcastable` as broadcastable
    (length 1); the others are left as they are.
    """
    axes = [i for i, b in enumerate(broadcastable) if b]
    if not axes:
        return x
    return pt.specify_broadcastable(x, *axes)


def set_subtensor(x, v):
    """Returns the tensor that `x` (a subtensor `a[...]`) is taken from,
    with that part overwritten by `v`."""
    return pt.set_subtensor(x, v)


def inc_subtensor(x, v):
    """Returns the tensor that `x` (a subtensor `a[...]`) is taken from,
    with that part incremented by `v`."""
    return pt.inc_subtensor(x, v)
