"""Behaviour of the TensorFlow engine that the other engines do not share:
the private graph and its Session, eager mode left on for raw TensorFlow
code, lazy variable initialization, the prepared-callable `K.function`,
the learning-phase placeholder, Python operators on graph tensors."""
import os

import numpy as np
import pytest

from keras import backend as K

pytestmark = pytest.mark.skipif(
    K.backend() != 'tensorflow',
    reason='TensorFlow engine internals (graph, Session); other engines '
           'are covered by the cross-engine backend suite')

if K.backend() == 'tensorflow':
    import tensorflow as tf


def test_eager_mode_stays_on_and_raw_tf_works():
    x = K.placeholder(shape=(None, 3))
    K.function([x], [K.sum(x * 2.)])([np.ones((2, 3))])
    assert tf.executing_eagerly()
    value = tf.constant([1., 2.]) * 3.
    np.testing.assert_allclose(value.numpy(), [3., 6.])
    v = tf.Variable(1.)
    v.assign_add(2.)
    assert float(v.numpy()) == 3.


def test_graph_is_private():
    x = K.placeholder(shape=(2,))
    assert x.graph is K.get_graph()
    assert tf.compat.v1.get_default_graph() is not K.get_graph()
    v = K.variable(np.zeros(2))
    assert v.graph is K.get_graph()


def test_session_is_cached_on_the_keras_graph():
    sess = K.get_session()
    assert isinstance(sess, tf.compat.v1.Session)
    assert sess.graph is K.get_graph()
    assert K.get_session() is sess
    threads = sess._config.intra_op_parallelism_threads
    assert threads == (os.cpu_count() or 1)


def test_set_session_adopts_its_graph():
    graph = tf.Graph()
    session = tf.compat.v1.Session(graph=graph)
    K.set_session(session)
    assert K.get_session() is session
    assert K.get_graph() is graph
    v = K.variable([1., 2.])
    assert v.graph is graph
    np.testing.assert_allclose(K.eval(v), [1., 2.])
    with pytest.raises(TypeError):
        K.set_session('not a session')


def test_clear_session_gives_fresh_graph_session_and_uids():
    old_graph, old_session = K.get_graph(), K.get_session()
    assert K.get_uid('dense') == 1
    assert K.get_uid('dense') == 2
    K.clear_session()
    assert K.get_graph() is not old_graph
    assert K.get_session() is not old_session
    assert K.get_uid('dense') == 1
    K.reset_uids()
    assert K.get_uid('dense') == 1


def test_variables_are_initialized_lazily():
    v = K.variable(np.arange(6).reshape((2, 3)), name='w')
    assert v.name == 'w:0'
    assert K.dtype(v) == 'float32'
    np.testing.assert_allclose(K.eval(v), np.arange(6).reshape((2, 3)))
    # Variables made by raw TF code in the Keras graph are initialized too.
    with K.get_graph().as_default():
        raw = tf.compat.v1.get_variable('raw', shape=(2,),
                                        initializer=tf.ones_initializer())
    np.testing.assert_allclose(K.eval(raw), [1., 1.])


def test_manual_variable_initialization():
    K.manual_variable_initialization(True)
    try:
        v = K.variable([1.])
        with pytest.raises(tf.errors.FailedPreconditionError):
            K.eval(v)
        K.get_session().run(v.initializer)
        np.testing.assert_allclose(K.eval(v), [1.])
    finally:
        K.manual_variable_initialization(False)


def test_set_value_does_not_grow_the_graph():
    v = K.variable(np.zeros((2, 2)))
    K.set_value(v, np.ones((2, 2)))
    count = len(K.get_graph().get_operations())
    for i in range(3):
        K.set_value(v, np.full((2, 2), i))
    K.batch_set_value([(v, np.full((2, 2), 7.))])
    assert len(K.get_graph().get_operations()) == count
    np.testing.assert_allclose(K.get_value(v), np.full((2, 2), 7.))
    with pytest.raises(ValueError, match='shape'):
        K.set_value(v, np.zeros((3,)))


def test_function_uses_a_prepared_callable():
    x = K.placeholder(shape=(None, 2))
    w = K.variable(np.eye(2))
    f = K.function([x], [K.dot(x, w)])
    data = np.array([[1., 2.]], 'float32')
    np.testing.assert_allclose(f([data])[0], data)
    assert f._callable is not None
    count = len(K.get_graph().get_operations())
    for _ in range(5):
        out = f([data])
    assert len(K.get_graph().get_operations()) == count
    assert isinstance(out, list) and isinstance(out[0], np.ndarray)


def test_function_updates_fetches_and_feed_dict():
    x = K.placeholder(shape=())
    counter = K.variable(0.)
    total = K.variable(0.)
    fetched = K.variable(0.)
    scale = K.placeholder(shape=())
    f = K.function([x], [x * scale],
                   updates=[(counter, counter + 1.),
                            K.update_add(total, x)],
                   fetches=[K.update_add(fetched, 10.)],
                   feed_dict={scale: 3.})
    assert np.allclose(f([2.])[0], 6.)
    assert np.allclose(f([4.])[0], 12.)
    np.testing.assert_allclose(K.get_value(counter), 2.)
    np.testing.assert_allclose(K.get_value(total), 6.)
    np.testing.assert_allclose(K.get_value(fetched), 20.)


def test_function_outputs_keep_their_structure():
    x = K.placeholder(shape=(2,))
    f = K.function([x], x * 2.)
    np.testing.assert_allclose(f([np.array([1., 2.])]), [2., 4.])
    with pytest.raises(TypeError):
        K.function([x], [x], updates=K.update_add(K.variable(0.), 1.))
    with pytest.raises(ValueError):
        K.function([x], [x], unknown_argument=1)


def test_learning_phase_placeholder_defaults_to_test():
    phase = K.learning_phase()
    assert phase.dtype == tf.bool
    assert phase is K.learning_phase()
    out = K.in_train_phase(lambda: K.constant(1.), K.constant(0.))
    assert getattr(out, '_uses_learning_phase', False)
    np.testing.assert_allclose(K.eval(out), 0.)
    f = K.function([phase], [out])
    assert f([1])[0] == 1. and f([0])[0] == 0.


def test_set_learning_phase_fixes_a_python_int():
    K.set_learning_phase(1)
    assert K.learning_phase() == 1
    assert K.eval(K.in_train_phase(K.constant(1.), K.constant(0.))) == 1.
    with pytest.raises(ValueError):
        K.set_learning_phase(2)
    K.clear_session()
    assert K.learning_phase() is not 1
    with K.learning_phase_scope(0):
        assert K.learning_phase() == 0


def test_name_scope_names_variables():
    with K.name_scope('dense_1'):
        kernel = K.variable(np.zeros((2, 2)), name='kernel')
    assert kernel.name == 'dense_1/kernel:0'


def test_python_operators_on_graph_tensors_from_eager_code():
    x = K.placeholder(shape=(None, 2))
    v = K.variable([1., 2.])
    y = (1. - x) * v + x[:, :1] ** 2 - (-v) / 2.
    f = K.function([x], [y])
    data = np.array([[3., 4.]], 'float32')
    expected = (1. - data) * [1., 2.] + data[:, :1] ** 2 + np.array(
        [1., 2.]) / 2.
    np.testing.assert_allclose(f([data])[0], expected)
    # Variables stay hashable and comparable by identity (Keras 2 code
    # keeps them in sets and dicts).
    assert v in {v}
    assert v in [v]
    assert len({x, x}) == 1


def test_raw_tf_ops_inside_the_keras_graph():
    x = K.placeholder(shape=(None, 3))
    with K.get_graph().as_default():
        y = tf.reduce_max(tf.nn.relu(x), axis=1)
    f = K.function([x], [y])
    np.testing.assert_allclose(f([np.array([[-1., 2., 5.]])])[0], [5.])


def test_is_keras_tensor_rejects_non_tensors():
    with pytest.raises(ValueError):
        K.is_keras_tensor(np.zeros(2))
    assert not K.is_keras_tensor(K.placeholder(shape=(2,)))
    assert K.is_placeholder(K.placeholder(shape=(2,)))
    assert K.is_symbolic(K.placeholder(shape=(2,)))


def test_dot_error_names_both_shapes():
    with pytest.raises(ValueError, match=r'\(2, 3\).*\(4, 5\)'):
        K.dot(K.placeholder(shape=(2, 3)), K.placeholder(shape=(4, 5)))


def test_sparse_placeholder_fed_with_scipy_matrix():
    sparse = pytest.importorskip('scipy.sparse')
    x = K.placeholder(shape=(2, 3), sparse=True)
    assert K.is_sparse(x)
    w = K.variable(np.ones((3, 1)))
    f = K.function([x], [K.dot(x, w)])
    value = sparse.csr_matrix(np.array([[1., 0., 2.], [0., 3., 0.]]))
    np.testing.assert_allclose(f([value])[0], [[3.], [3.]])


@pytest.mark.parametrize('unroll', [False, True])
def test_rnn_gradients_through_while_loop_and_unrolled(unroll):
    w = K.variable(np.array([[0.5]]))
    x = K.constant(np.ones((1, 3, 1)))

    def step(inputs, states):
        out = K.dot(inputs, w) + states[0]
        return out, [out]

    last, outputs, states = K.rnn(step, x, [K.zeros((1, 1))],
                                  unroll=unroll)
    grad = K.gradients(K.sum(outputs), [w])[0]
    # outputs: 0.5 w-units at t=1, 2 at t=2, 3 at t=3 -> d/dw = 1 + 2 + 3
    np.testing.assert_allclose(K.eval(grad), [[6.]])
    np.testing.assert_allclose(K.eval(last), [[1.5]])


@pytest.mark.parametrize('unroll', [False, True])
def test_rnn_extra_output_states_are_time_major_histories(unroll):
    x = K.constant(np.ones((2, 4, 1)))

    def step(inputs, states):
        out = inputs + states[0]
        return out, [out, states[1] * 2.]

    _, _, states = K.rnn(step, x, [K.zeros((2, 1)), K.ones((2, 1))],
                         unroll=unroll, pos_extra_outputs_states=[1])
    np.testing.assert_allclose(K.eval(states[0]), [[4.], [4.]])
    history = K.eval(states[1])
    assert history.shape == (4, 2, 1)
    np.testing.assert_allclose(history[:, 0, 0], [2., 4., 8., 16.])


def test_ctc_batch_cost_counts_paths():
    # T=2, C=3 (blank=2), label [1]: paths "11", "1b", "b1" -> p = 3 / 9.
    y_pred = K.constant(np.full((1, 2, 3), 1. / 3.))
    cost = K.ctc_batch_cost(K.constant([[1]]), y_pred,
                            K.constant([[2]]), K.constant([[1]]))
    np.testing.assert_allclose(K.eval(cost), [[np.log(3.)]], rtol=1e-4)


def test_ctc_decode_greedy_and_beam():
    probs = np.array([[[0.1, 0.8, 0.1], [0.1, 0.8, 0.1], [0.1, 0.1, 0.8],
                       [0.8, 0.1, 0.1]]], 'float32')
    decoded, log_prob = K.ctc_decode(K.constant(probs), K.constant([4]))
    np.testing.assert_array_equal(K.eval(decoded[0]), [[1, 0]])
    decoded, log_prob = K.ctc_decode(K.constant(probs), K.constant([4]),
                                     greedy=False, beam_width=4, top_paths=2)
    assert len(decoded) == 2
    assert K.eval(log_prob).shape == (1, 2)
    np.testing.assert_array_equal(K.eval(decoded[0]), [[1, 0]])
