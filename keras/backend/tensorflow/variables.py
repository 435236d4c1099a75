"""Variables, constants, placeholders and their inspection.

Variables live in the Keras graph and are initialized lazily by
`get_session()`. `set_value` reuses one assign placeholder per variable, so
repeated calls do not grow the graph.
"""
import numpy as np
import tensorflow as tf

from .. import common
from .graph import get_graph, get_session, in_graph, track_variable

_tf_v1 = tf.compat.v1

__all__ = ['batch_get_value', 'batch_set_value', 'cast', 'constant',
           'count_params', 'dtype', 'eval', 'eye', 'get_value',
           'get_variable_shape', 'identity', 'int_shape',
           'is_keras_tensor', 'is_placeholder', 'is_sparse',
           'is_symbolic', 'is_tensor', 'is_variable',
           'moving_average_update', 'ndim', 'ones', 'ones_like',
           'placeholder', 'random_normal_variable',
           'random_uniform_variable', 'set_value', 'to_dense',
           'update', 'update_add', 'update_sub', 'variable',
           'zeros', 'zeros_like']


def _dtype_name(dtype):
    """Canonical dtype string (`None` -> floatx)."""
    if dtype is None:
        return common.floatx()
    return tf.as_dtype(dtype).name


def _is_scipy_sparse(value):
    return hasattr(value, 'tocoo') and hasattr(value, 'nnz')


def _sparse_constant(value, dtype):
    coo = value.tocoo()
    indices = np.stack([coo.row, coo.col], axis=1).astype('int64')
    return tf.SparseTensor(indices=indices,
                           values=coo.data.astype(dtype),
                           dense_shape=coo.shape)


@in_graph
def variable(value, dtype=None, name=None, constraint=None):
    """Instantiates a variable and returns it.

    # Arguments
        value: Numpy array (or scipy sparse matrix, or tensor), initial value.
        dtype: Tensor type (default: `floatx()`).
        name: Optional name string for the tensor.
        constraint: Optional projection function to be applied to the
            variable after an optimizer update.

    # Returns
        A variable instance (with Keras metadata included).

    # Examples
    ```python
        >>> kvar = K.variable(np.array([[1, 2], [3, 4]]), name='example_var')
        >>> K.eval(kvar)
        array([[ 1.,  2.],
               [ 3.,  4.]], dtype=float32)
    ```
    """
    dtype = _dtype_name(dtype)
    if _is_scipy_sparse(value):
        v = _sparse_constant(value, dtype)
        v._keras_shape = tuple(value.shape)
        v._uses_learning_phase = False
        return v
    if isinstance(value, tf.Variable):
        value = value.read_value() if value.graph is get_graph() else \
            value.numpy()
    if not tf.is_tensor(value):
        value = np.asarray(value, dtype=dtype)
    v = tf.Variable(value, dtype=tf.as_dtype(dtype), name=name,
                    constraint=constraint)
    v._uses_learning_phase = False
    track_variable(v)
    return v


@in_graph
def constant(value, dtype=None, shape=None, name=None):
    """Creates a constant tensor.

    # Arguments
        value: A constant value (or list)
        dtype: The type of the elements of the resulting tensor.
        shape: Optional dimensions of resulting tensor.
        name: Optional name for the tensor.

    # Returns
        A Constant Tensor.
    """
    return tf.constant(value, dtype=_dtype_name(dtype), shape=shape,
                       name=name)


@in_graph
def placeholder(shape=None, ndim=None, dtype=None, sparse=False, name=None):
    """Instantiates a placeholder tensor and returns it.

    # Arguments
        shape: Shape of the placeholder
            (integer tuple, may include `None` entries).
        ndim: Number of axes of the tensor.
            At least one of {`shape`, `ndim`} must be specified.
            If both are specified, `shape` is used.
        dtype: Placeholder type.
        sparse: Boolean, whether the placeholder should have a sparse type.
        name: Optional name string for the placeholder.

    # Returns
        Tensor instance (with Keras metadata included).

    # Examples
    ```python
        >>> input_ph = K.placeholder(shape=(2, 4, 5))
        >>> K.int_shape(input_ph)
        (2, 4, 5)
    ```
    """
    dtype = _dtype_name(dtype)
    if shape is None and ndim is not None:
        shape = (None,) * int(ndim)
    if shape is not None:
        shape = tuple(shape)
    if sparse:
        x = _tf_v1.sparse_placeholder(dtype, shape=shape, name=name)
    else:
        x = _tf_v1.placeholder(dtype, shape=shape, name=name)
    x._uses_learning_phase = False
    return x


def is_sparse(tensor):
    """Returns whether a tensor is a sparse tensor.

    # Arguments
        tensor: A tensor instance.

    # Returns
        A boolean.
    """
    return isinstance(tensor, (tf.SparseTensor, _tf_v1.SparseTensorValue))


@in_graph
def to_dense(tensor):
    """Converts a sparse tensor into a dense tensor and returns it.

    # Arguments
        tensor: A tensor instance (potentially sparse).

    # Returns
        A dense tensor.
    """
    if is_sparse(tensor):
        return tf.sparse.to_dense(tensor)
    return tensor


def is_variable(x):
    """Returns whether `x` is a backend variable."""
    return isinstance(x, tf.Variable)


def is_tensor(x):
    """Returns whether `x` is a symbolic tensor (or variable).

    # Arguments
        x: A candidate tensor.

    # Returns
        A boolean.
    """
    return isinstance(x, (tf.Tensor, tf.Variable, tf.SparseTensor)) or \
        tf.is_tensor(x)


def is_symbolic(x):
    """Returns whether `x` is a graph (non-eager) tensor."""
    return isinstance(x, tf.Tensor) and hasattr(x, 'op')


def is_keras_tensor(x):
    """Returns whether `x` is a Keras tensor (output of a layer or `Input`).

    # Arguments
        x: A candidate tensor.

    # Returns
        A boolean.

    # Raises
        ValueError: In case `x` is not a symbolic tensor.
    """
    if not is_tensor(x):
        raise ValueError('Unexpectedly found an instance of type `%s`. '
                         'Expected a symbolic tensor instance.' % type(x))
    return hasattr(x, '_keras_history')


def is_placeholder(x):
    """Returns whether `x` is a placeholder.

    # Arguments
        x: A candidate placeholder.

    # Returns
        Boolean.
    """
    if is_sparse(x):
        x = x.indices
    op = getattr(x, 'op', None)
    return op is not None and op.type in ('Placeholder',
                                          'PlaceholderWithDefault')


def int_shape(x):
    """Returns the shape of tensor or variable as a tuple of int or None.

    # Arguments
        x: Tensor, variable or NumPy array.

    # Returns
        A tuple of integers (or None entries), or None for an unknown rank.

    # Examples
    ```python
        >>> K.int_shape(K.placeholder(shape=(2, 4, 5)))
        (2, 4, 5)
    ```
    """
    if hasattr(x, '_keras_shape'):
        return x._keras_shape
    if isinstance(x, np.ndarray) or np.isscalar(x):
        return np.shape(x)
    try:
        shape = x.shape if hasattr(x, 'shape') else x.get_shape()
        if not isinstance(shape, tf.TensorShape):
            shape = tf.TensorShape(shape)
        if shape.rank is None:
            return None
        return tuple(shape.as_list())
    except (ValueError, TypeError):
        return None


def ndim(x):
    """Returns the number of axes in a tensor, as an integer (None if unknown).
    """
    shape = int_shape(x)
    return None if shape is None else len(shape)


def dtype(x):
    """Returns the dtype of a Keras tensor or variable, as a string.

    # Examples
    ```python
        >>> K.dtype(K.placeholder(shape=(2, 4, 5)))
        'float32'
    ```
    """
    if isinstance(x, np.ndarray):
        return x.dtype.name
    return x.dtype.base_dtype.name


def get_variable_shape(x):
    """Returns the shape of a variable (same as `int_shape`)."""
    return int_shape(x)


def count_params(x):
    """Returns the static number of elements in a variable or tensor.

    # Examples
    ```python
        >>> K.count_params(K.zeros((2, 3)))
        6
    ```
    """
    return int(np.prod(int_shape(x)))


def _as_numpy(x):
    """The value of `x` when it needs no session (None otherwise)."""
    if isinstance(x, (np.ndarray, np.generic, int, float, bool, list)):
        return np.asarray(x)
    try:
        graph = x.graph
    except AttributeError:
        graph = None
    if graph is None and hasattr(x, 'numpy'):
        return x.numpy()
    if graph is not None and graph is not get_graph():
        raise ValueError('Tensor %r belongs to another graph than the '
                         'Keras graph (K.get_graph()).' % (x,))
    return None


@in_graph
def batch_get_value(ops):
    """Returns the value of more than one tensor variable.

    # Arguments
        ops: list of ops to run.

    # Returns
        A list of Numpy arrays.
    """
    ops = list(ops)
    if not ops:
        return []
    values = [_as_numpy(x) for x in ops]
    todo = [(i, to_dense(x)) for i, (x, v) in enumerate(zip(ops, values))
            if v is None]
    if todo:
        fetched = get_session().run([t for _, t in todo])
        for (i, _), value in zip(todo, fetched):
            values[i] = value
    return values


def get_value(x):
    """Returns the value of a variable (or tensor) as a NumPy array.

    # Arguments
        x: input variable.

    # Returns
        A Numpy array.
    """
    return batch_get_value([x])[0]


def eval(x):
    """Evaluates the value of a tensor or variable.

    # Arguments
        x: A tensor or variable (sparse tensors are densified).

    # Returns
        A Numpy array.

    # Examples
    ```python
        >>> kvar = K.variable(np.array([[1, 2], [3, 4]]), dtype='float32')
        >>> K.eval(kvar)
        array([[ 1.,  2.],
               [ 3.,  4.]], dtype=float32)
    ```
    """
    return get_value(x)


def _assign_op(x):
    """The cached (placeholder, assign op) pair of variable `x`."""
    cached = getattr(x, '_keras_assign', None)
    if cached is None:
        with get_graph().as_default():
            ph = _tf_v1.placeholder(x.dtype.base_dtype,
                                    shape=[None] * len(x.shape),
                                    name='assign_placeholder')
            cached = (ph, _tf_v1.assign(x, ph).op)
        x._keras_assign = cached
    return cached


def _check_assign(x, value):
    value = np.asarray(value, dtype=x.dtype.base_dtype.as_numpy_dtype)
    shape = int_shape(x)
    if shape is not None and (value.ndim != len(shape) or any(
            s is not None and s != d for s, d in zip(shape, value.shape))):
        raise ValueError('Cannot assign a value of shape %s to the variable '
                         '%r of shape %s.' % (value.shape, x.name, shape))
    return value


def batch_set_value(tuples):
    """Sets the values of many tensor variables at once.

    # Arguments
        tuples: a list of tuples `(tensor, value)`.
            `value` should be a Numpy array.
    """
    tuples = list(tuples)
    if not tuples:
        return
    feed_dict = {}
    ops = []
    for x, value in tuples:
        value = _check_assign(x, value)
        ph, op = _assign_op(x)
        feed_dict[ph] = value
        ops.append(op)
    get_session().run(ops, feed_dict=feed_dict)


def set_value(x, value):
    """Sets the value of a variable, from a Numpy array.

    # Arguments
        x: Variable to set to a new value.
        value: Value to set the tensor to, as a Numpy array
            (of the same shape).

    # Raises
        ValueError: if the shape of `value` does not match.
    """
    batch_set_value([(x, value)])


@in_graph
def update(x, new_x):
    """Update the value of `x` to `new_x`.

    # Returns
        The variable `x` updated (an op of the graph).
    """
    return _tf_v1.assign(x, new_x)


@in_graph
def update_add(x, increment):
    """Update the value of `x` by adding `increment`.

    # Returns
        The variable `x` updated.
    """
    return _tf_v1.assign_add(x, increment)


@in_graph
def update_sub(x, decrement):
    """Update the value of `x` by subtracting `decrement`.

    # Returns
        The variable `x` updated.
    """
    return _tf_v1.assign_sub(x, decrement)


@in_graph
def moving_average_update(x, value, momentum):
    """Compute the moving average of a variable.

    `x <- x * momentum + value * (1 - momentum)`.

    # Arguments
        x: A `Variable`.
        value: A tensor with the same shape as `x`.
        momentum: The moving average momentum.

    # Returns
        An operation to update the variable.
    """
    value = tf.cast(value, x.dtype.base_dtype)
    momentum = tf.cast(momentum, x.dtype.base_dtype)
    return _tf_v1.assign_sub(x, (x - value) * (1. - momentum))


@in_graph
def cast(x, dtype):
    """Casts a tensor to a different dtype and returns it.

    # Arguments
        x: Keras tensor (or variable).
        dtype: String, either (`'float16'`, `'float32'`, or `'float64'`).

    # Returns
        Keras tensor with dtype `dtype`.
    """
    return tf.cast(x, dtype)


def _filled_variable(fill, shape, dtype, name):
    dtype = _dtype_name(dtype)
    return variable(fill(tuple(shape), dtype=dtype), dtype, name)


def zeros(shape, dtype=None, name=None):
    """Instantiates an all-zeros variable and returns it.

    # Arguments
        shape: Tuple of integers, shape of returned Keras variable
        dtype: String, data type of returned Keras variable
        name: String, name of returned Keras variable

    # Returns
        A variable (including Keras metadata), filled with `0.0`.
    """
    return _filled_variable(np.zeros, shape, dtype, name)


def ones(shape, dtype=None, name=None):
    """Instantiates an all-ones variable and returns it.

    # Arguments
        shape: Tuple of integers, shape of returned Keras variable.
        dtype: String, data type of returned Keras variable.
        name: String, name of returned Keras variable.

    # Returns
        A Keras variable, filled with `1.0`.
    """
    return _filled_variable(np.ones, shape, dtype, name)


def eye(size, dtype=None, name=None):
    """Instantiate an identity matrix and returns it.

    # Arguments
        size: Integer, number of rows (and columns), or a tuple
            `(rows, columns)`.
        dtype: String, data type of returned Keras variable.
        name: String, name of returned Keras variable.

    # Returns
        A Keras variable, an identity matrix.
    """
    dims = tuple(size) if isinstance(size, (tuple, list)) else (size, size)
    return variable(np.eye(*dims), dtype, name)


@in_graph
def zeros_like(x, dtype=None, name=None):
    """Instantiates an all-zeros tensor of the same shape as `x`.

    # Arguments
        x: Keras variable or Keras tensor.
        dtype: String, dtype of returned tensor (default: dtype of `x`).
        name: String, name for the variable to create.

    # Returns
        A tensor filled with zeros.
    """
    return tf.zeros_like(x, dtype=dtype, name=name)


@in_graph
def ones_like(x, dtype=None, name=None):
    """Instantiates an all-ones tensor of the same shape as `x`.

    # Arguments
        x: Keras variable or tensor.
        dtype: String, dtype of returned tensor (default: dtype of `x`).
        name: String, name for the variable to create.

    # Returns
        A tensor filled with ones.
    """
    return tf.ones_like(x, dtype=dtype, name=name)


@in_graph
def identity(x, name=None):
    """Returns a tensor with the same content as the input tensor.

    # Arguments
        x: The input tensor.
        name: String, name for the variable to create.

    # Returns
        A tensor of the same shape, type and content.
    """
    return tf.identity(x, name=name)


def _random_variable(initializer, shape, dtype, name, seed):
    dtype = _dtype_name(dtype)
    if seed is None:
        seed = np.random.randint(10e6)
    with get_graph().as_default():
        value = initializer(seed)(tuple(shape), dtype=dtype)
    return variable(value, dtype=dtype, name=name)


def random_uniform_variable(shape, low, high, dtype=None, name=None,
                            seed=None):
    """Instantiates a variable with values drawn from a uniform distribution.

    # Arguments
        shape: Tuple of integers, shape of returned Keras variable.
        low: Float, lower boundary of the output interval.
        high: Float, upper boundary of the output interval.
        dtype: String, dtype of returned Keras variable.
        name: String, name of returned Keras variable.
        seed: Integer, random seed.

    # Returns
        A Keras variable, filled with drawn samples.
    """
    return _random_variable(
        lambda s: _tf_v1.random_uniform_initializer(low, high, seed=s),
        shape, dtype, name, seed)


def random_normal_variable(shape, mean, scale, dtype=None, name=None,
                           seed=None):
    """Instantiates a variable with values drawn from a normal distribution.

    # Arguments
        shape: Tuple of integers, shape of returned Keras variable.
        mean: Float, mean of the normal distribution.
        scale: Float, standard deviation of the normal distribution.
        dtype: String, dtype of returned Keras variable.
        name: String, name of returned Keras variable.
        seed: Integer, random seed.

    # Returns
        A Keras variable, filled with drawn samples.
    """
    return _random_variable(
        lambda s: _tf_v1.random_normal_initializer(mean, scale, seed=s),
        shape, dtype, name, seed)
