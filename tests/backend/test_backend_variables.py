"""Variables, placeholders, `function` with updates, graph utilities."""
import numpy as np
import pytest

from backend_test_utils import covers, cover, randn, run, assert_close

cover('variable', 'constant', 'placeholder', 'function', 'eval', 'get_value',
      'set_value', 'batch_get_value', 'batch_set_value', 'dtype', 'ndim',
      'int_shape')


def test_variable_value_dtype_and_name(engine):
    value = randn((2, 3))
    v = engine.variable(value, name='my_var')
    assert engine.is_variable(v) and engine.is_tensor(v)
    assert engine.dtype(v) == 'float32'
    assert engine.int_shape(v) == (2, 3)
    assert 'my_var' in v.name
    np.testing.assert_array_equal(engine.get_value(v), value)
    np.testing.assert_array_equal(engine.eval(v), value)
    v64 = engine.variable(value, dtype='float64')
    assert engine.dtype(v64) == 'float64'
    assert engine.get_value(v64).dtype == np.float64
    vi = engine.variable(np.arange(3), dtype='int32')
    assert engine.dtype(vi) == 'int32'


def test_variable_follows_floatx(engine):
    engine_floatx = 'float64'
    from keras.backend import common
    common.set_floatx(engine_floatx)
    v = engine.variable(np.ones(2))
    assert engine.dtype(v) == 'float64'
    assert engine.dtype(engine.zeros((2,))) == 'float64'
    assert engine.dtype(engine.placeholder(shape=(2,))) == 'float64'


def test_set_value_and_batch_value(engine):
    a = engine.variable(np.zeros((2, 2)))
    b = engine.variable(np.zeros(3))
    engine.set_value(a, np.ones((2, 2)))
    np.testing.assert_array_equal(engine.get_value(a), np.ones((2, 2)))
    engine.batch_set_value([(a, np.full((2, 2), 2.)), (b, np.arange(3.))])
    got_a, got_b = engine.batch_get_value([a, b])
    np.testing.assert_array_equal(got_a, np.full((2, 2), 2.))
    np.testing.assert_array_equal(got_b, np.arange(3.))
    assert engine.batch_get_value([]) == []


def test_constant(engine):
    c = engine.constant([[1, 2], [3, 4]])
    assert engine.dtype(c) == 'float32'
    np.testing.assert_array_equal(engine.eval(c), [[1, 2], [3, 4]])
    c2 = engine.constant(5., shape=(2, 3))
    np.testing.assert_array_equal(engine.eval(c2), np.full((2, 3), 5.))
    assert engine.int_shape(c2) == (2, 3)
    c3 = engine.constant(3, dtype='int32')
    assert engine.dtype(c3) == 'int32'


@covers('zeros', 'ones', 'eye')
def test_zeros_ones_eye(engine):

    def build():
        return [engine.zeros((2, 3)), engine.ones((3,), dtype='int32'),
                engine.eye(3), engine.eye((2, 3)),
                engine.zeros((2, 2), dtype='float64')]

    values, symbolic = run(engine, build)
    expected = [np.zeros((2, 3), 'float32'), np.ones(3, 'int32'),
                np.eye(3, dtype='float32'), np.eye(2, 3, dtype='float32'),
                np.zeros((2, 2), 'float64')]
    for got, want, sym in zip(values, expected, symbolic):
        assert_close(engine, got, want, sym)
    # the Keras 2 creators return variables
    assert engine.is_variable(engine.zeros((2,)))
    assert engine.is_variable(engine.eye(2))


def test_zeros_like_ones_like_variable_dtype(engine):
    v = engine.variable(np.ones((2, 3)))
    assert engine.dtype(engine.zeros_like(v, dtype='int32')) == 'int32'
    np.testing.assert_array_equal(engine.eval(engine.ones_like(v)),
                                  np.ones((2, 3)))


@covers('cast')
def test_cast(engine):
    x = np.array([1.7, -1.2, 0.], dtype='float32')

    def build(t):
        return [engine.cast(t, 'int32'), engine.cast(t, 'float64'),
                engine.cast(t, 'bool'), engine.cast(t, 'float16')]

    values, symbolic = run(engine, build, [x])
    assert values[0].dtype == np.int32
    np.testing.assert_array_equal(values[0], [1, -1, 0])
    assert values[1].dtype == np.float64
    np.testing.assert_array_equal(values[2], [True, True, False])
    assert values[3].dtype == np.float16
    assert [engine.dtype(s) for s in symbolic] == ['int32', 'float64', 'bool',
                                                   'float16']


@covers('is_placeholder', 'is_keras_tensor', 'is_sparse', 'is_tensor',
        'is_variable')
def test_placeholder(engine):
    x = engine.placeholder(shape=(None, 4), name='inp')
    assert engine.int_shape(x) == (None, 4)
    assert engine.is_placeholder(x)
    assert engine.is_tensor(x)
    assert not engine.is_variable(x)
    assert not engine.is_sparse(x)
    y = engine.placeholder(ndim=3, dtype='int32')
    assert engine.ndim(y) == 3 and engine.dtype(y) == 'int32'
    assert engine.int_shape(y) == (None, None, None)
    v = engine.variable(np.zeros(2))
    assert not engine.is_placeholder(v)
    assert not engine.is_placeholder(x * 2.)


@covers('to_dense')
def test_sparse_placeholder(engine):
    x = engine.placeholder(shape=(2, 3), sparse=True)
    assert engine.is_sparse(x)
    dense = engine.to_dense(x)
    assert not engine.is_sparse(dense)


def test_is_keras_tensor(engine):
    x = engine.placeholder(shape=(2,))
    # a raw backend tensor is not a Keras tensor until a layer marks it
    assert not engine.is_keras_tensor(x)
    with pytest.raises(ValueError):
        engine.is_keras_tensor(np.zeros(2))
    x._keras_history = (None, 0, 0)
    assert engine.is_keras_tensor(x)


def test_is_tensor_on_numpy(engine):
    assert not engine.is_tensor(np.zeros(2))
    assert not engine.is_variable(np.zeros(2))


@covers('count_params')
def test_count_params(engine):
    assert engine.count_params(engine.variable(np.zeros((2, 3)))) == 6
    assert engine.count_params(engine.zeros((4,))) == 4


@covers('update', 'update_add', 'update_sub')
def test_function_with_updates(engine):
    a = engine.variable(np.zeros((2,)))
    b = engine.variable(np.ones((2,)))
    c = engine.variable(np.full((2,), 5.))
    x = engine.placeholder(shape=(2,))
    f = engine.function([x], [x * 2.],
                        updates=[engine.update_add(a, x), (b, b * 3.),
                                 engine.update_sub(c, x)])
    out = f([np.array([1., 2.], 'float32')])
    np.testing.assert_allclose(out[0], [2., 4.])
    f([np.array([1., 2.], 'float32')])
    np.testing.assert_allclose(engine.get_value(a), [2., 4.])
    np.testing.assert_allclose(engine.get_value(b), [9., 9.])
    np.testing.assert_allclose(engine.get_value(c), [3., 1.])
    g = engine.function([x], [], updates=[engine.update(a, x)])
    g([np.array([7., 8.], 'float32')])
    np.testing.assert_allclose(engine.get_value(a), [7., 8.])


def test_function_updates_accumulate_across_calls(engine):
    """Each call applies the updates once; outputs of the same call may see
    the value before or after them (the order is the engine's)."""
    v = engine.variable(np.array([1.]))
    f = engine.function([], [v * 1.], updates=[(v, v + 1.)])
    assert float(f([])[0][0]) in (1., 2.)
    f([])
    assert float(engine.get_value(v)[0]) == 3.


def test_function_errors(engine):
    x = engine.placeholder(shape=(2,))
    with pytest.raises((TypeError, ValueError)):
        engine.function([x], [x], nonexistent_argument=True)


def test_function_accepts_scalars_and_lists(engine):
    x = engine.placeholder(shape=(2,))
    f = engine.function([x], [x + 1.])
    np.testing.assert_allclose(f([[1., 2.]])[0], [2., 3.])


@covers('moving_average_update')
def test_moving_average_update(engine):
    x = engine.variable(np.array([1., 2.]))
    value = engine.variable(np.array([3., 6.]))
    f = engine.function([], [], updates=[
        engine.moving_average_update(x, value, 0.9)])
    f([])
    np.testing.assert_allclose(engine.get_value(x), [1.2, 2.4], rtol=1e-5)


def test_update_ops_with_function_without_inputs(engine):
    v = engine.variable(np.zeros(3))
    inc = engine.update_add(v, engine.ones((3,)))
    f = engine.function([], [], updates=[inc])
    f([])
    f([])
    np.testing.assert_allclose(engine.get_value(v), [2., 2., 2.])


@covers('stop_gradient', 'gradients')
def test_stop_gradient(engine):
    x = engine.placeholder(shape=(3,))
    y = engine.sum(x * x) + engine.sum(engine.stop_gradient(x * x))
    both = engine.stop_gradient([x, x * 2.])
    assert isinstance(both, list) and len(both) == 2
    f = engine.function([x], engine.gradients(y, [x]))
    np.testing.assert_allclose(f([np.array([1., 2., 3.], 'float32')])[0],
                               [2., 4., 6.])


def test_gradients_wrt_variables(engine):
    w = engine.variable(np.array([[1., 2.], [3., 4.]]))
    x = engine.placeholder(shape=(1, 2))
    loss = engine.sum(engine.dot(x, w))
    grads = engine.gradients(loss, [w])
    f = engine.function([x], grads)
    np.testing.assert_allclose(f([np.array([[1., 2.]], 'float32')])[0],
                               [[1., 1.], [2., 2.]])


@covers('print_tensor')
def test_print_tensor_is_identity(engine):
    x = randn((2, 2))
    values, symbolic = run(engine, lambda t: engine.print_tensor(t, 'x = '),
                           [x])
    np.testing.assert_array_equal(values[0], x)


@covers('get_uid', 'reset_uids')
def test_uids(engine):
    engine.reset_uids()
    assert engine.get_uid('dense') == 1
    assert engine.get_uid('dense') == 2
    assert engine.get_uid('conv') == 1
    engine.reset_uids()
    assert engine.get_uid('dense') == 1


@covers('clear_session')
def test_clear_session_resets_uids(engine):
    engine.get_uid('foo')
    engine.clear_session()
    assert engine.get_uid('foo') == 1


@covers('name_scope')
def test_name_scope(engine):
    with engine.name_scope('block'):
        v = engine.variable(np.zeros(2), name='kernel')
    assert v.name.startswith('block/kernel')


@covers('get_session', 'set_session', 'manual_variable_initialization',
        'get_graph')
def test_session_functions(engine):
    session = engine.get_session()
    engine.set_session(session)
    assert engine.get_session() is session
    engine.manual_variable_initialization(False)
    with engine.get_graph().as_default():
        pass


@covers('symbolic', 'eager')
def test_symbolic_and_eager_decorators(engine):

    @engine.symbolic
    def double(t):
        return t * 2.

    @engine.eager
    def triple(t):
        return t * 3.

    x = engine.placeholder(shape=(2,))
    f = engine.function([x], [double(x), triple(x)])
    out = f([np.ones(2, 'float32')])
    np.testing.assert_allclose(out[0], [2., 2.])
    np.testing.assert_allclose(out[1], [3., 3.])


@covers('control_dependencies')
def test_control_dependencies(engine):
    v = engine.variable(np.zeros(1))
    with engine.control_dependencies([engine.update_add(v, np.ones(1))]):
        out = engine.identity(v)
    assert out is not None


@covers('get_variable_shape')
def test_get_variable_shape(engine):
    assert tuple(engine.get_variable_shape(
        engine.variable(np.zeros((3, 2))))) == (3, 2)
