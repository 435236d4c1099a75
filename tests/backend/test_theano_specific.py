"""Behaviour specific to the PyTensor (theano) engine: PyTensor settings
(floatX, BLAS detection), compile-once functions, the learning-phase
default, weight names and static shapes.

The engine module is imported directly, so these tests run whatever
`KERAS_BACKEND` is.
"""
import os
import types
import warnings

import numpy as np
import pytest

pytensor = pytest.importorskip('pytensor', reason='PyTensor is not installed')

from keras.backend import common  # noqa: E402
import keras.backend.theano_backend as KT  # noqa: E402
from keras.backend.theano import config as th_config  # noqa: E402


@pytest.fixture(autouse=True)
def _fast_compile(monkeypatch):
    """Python implementations compile fastest for these tiny graphs; the
    default C mode is checked by `test_default_mode_uses_blas_kernels`."""
    if 'KERAS_PYTENSOR_MODE' not in os.environ:
        monkeypatch.setenv('KERAS_PYTENSOR_MODE', 'FAST_COMPILE')
    yield
    KT.clear_session()


def test_floatx_is_applied_to_pytensor():
    assert pytensor.config.floatX == common.floatx()


def test_python_scalars_do_not_upcast():
    x = KT.placeholder((None, 3))
    assert (x * 0.5 + 1.25).dtype == 'float32'
    assert KT.mean(KT.placeholder((2,), dtype='int32')).dtype == 'float32'
    w = KT.variable(np.ones(3))
    new_w = KT.update_sub(w, 0.1 * KT.sqrt(w))[1]
    assert new_w.dtype == 'float32'


def test_blas_found_in_library_path(tmp_path, monkeypatch):
    (tmp_path / 'libopenblas.so').write_bytes(b'')
    monkeypatch.setenv('LIBRARY_PATH', str(tmp_path))
    flags = th_config.find_blas_ldflags()
    assert flags == '-L%s -Wl,-rpath,%s -lopenblas' % (tmp_path, tmp_path)


def test_missing_blas_warns_once_and_keeps_working(tmp_path, monkeypatch):
    monkeypatch.setattr(th_config, '_library_dirs', lambda: [str(tmp_path)])
    monkeypatch.setattr(th_config, '_warned', [])
    monkeypatch.delenv('PYTENSOR_FLAGS', raising=False)
    fake = types.SimpleNamespace(floatX='float64', blas__ldflags='unset')
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter('always')
        assert th_config.configure(fake) == ''
        th_config.configure(fake)
    messages = [str(w.message) for w in caught]
    assert len(messages) == 1
    assert 'libopenblas-dev' in messages[0]
    assert fake.blas__ldflags == ''
    assert fake.floatX == common.floatx()


def test_explicit_pytensor_flags_win(monkeypatch):
    monkeypatch.setenv('PYTENSOR_FLAGS', 'floatX=float64,blas__ldflags=-lmkl')
    fake = types.SimpleNamespace(floatX='float64', blas__ldflags='-lmkl')
    assert th_config.configure(fake) == '-lmkl'
    assert fake.floatX == 'float64'


def test_function_mode_from_environment(monkeypatch):
    monkeypatch.setenv('KERAS_PYTENSOR_MODE', 'FAST_COMPILE')
    assert th_config.function_mode() == 'FAST_COMPILE'
    monkeypatch.delenv('KERAS_PYTENSOR_MODE')
    monkeypatch.setenv('PYTENSOR_FLAGS', 'mode=NUMBA')
    assert th_config.function_mode() is None
    monkeypatch.setenv('PYTENSOR_FLAGS', 'floatX=float32')
    assert th_config.function_mode() == 'CVM'


def test_function_compiles_once_and_applies_updates(monkeypatch):
    calls = []
    original = pytensor.function

    def counting(*args, **kwargs):
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(pytensor, 'function', counting)
    x = KT.placeholder((2,))
    total = KT.variable(np.zeros(2))
    fn = KT.function([x], [KT.sum(x)], updates=[KT.update_add(total, x)])
    assert len(calls) == 1
    for _ in range(3):
        out = fn([np.array([1., 2.], 'float32')])
    assert len(calls) == 1
    np.testing.assert_allclose(out[0], 3.)
    np.testing.assert_allclose(KT.get_value(total), [3., 6.])


def test_default_mode_uses_blas_kernels(monkeypatch):
    monkeypatch.delenv('KERAS_PYTENSOR_MODE', raising=False)
    monkeypatch.delenv('PYTENSOR_FLAGS', raising=False)
    x = KT.placeholder((2, 3))
    w = KT.variable(np.arange(6.).reshape(3, 2))
    fn = KT.function([x], [KT.dot(x, w)])
    out = fn([np.ones((2, 3), 'float32')])[0]
    np.testing.assert_allclose(out, [[6., 9.], [6., 9.]])
    ops = [type(node.op).__name__
           for node in fn.function.maker.fgraph.toposort()]
    if pytensor.config.blas__ldflags:
        assert any(name in ('Dot22', 'Gemm', 'CGemv', 'Gemv')
                   for name in ops), ops


def test_function_checks_its_inputs():
    x = KT.placeholder((2,))
    fn = KT.function([x], [x * 2])
    with pytest.raises(ValueError, match='expects 1 inputs, got 2'):
        fn([np.zeros(2), np.zeros(2)])
    with pytest.raises(TypeError):
        fn(np.zeros(2))
    with pytest.raises(ValueError, match='Invalid argument "nonsense"'):
        KT.function([x], [x], nonsense=True)


def test_learning_phase_defaults_to_test():
    x = KT.placeholder((2,))
    y = KT.in_train_phase(x * 2., x * 3.)
    assert getattr(y, '_uses_learning_phase', False)
    data = np.array([1., 2.], 'float32')
    np.testing.assert_allclose(KT.function([x], [y])([data])[0], [3., 6.])
    fed = KT.function([x, KT.learning_phase()], [y])
    np.testing.assert_allclose(fed([data, 1])[0], [2., 4.])
    np.testing.assert_allclose(fed([data, 0])[0], [3., 6.])


def test_fixed_learning_phase_is_a_python_int():
    KT.set_learning_phase(1)
    assert KT.learning_phase() == 1
    x = KT.placeholder((2,))
    y = KT.in_train_phase(x * 2., x * 3.)
    data = np.array([1., 2.], 'float32')
    np.testing.assert_allclose(KT.function([x], [y])([data])[0], [2., 4.])
    KT.clear_session()
    assert KT.learning_phase().name == 'keras_learning_phase'
    with pytest.raises(ValueError):
        KT.set_learning_phase(2)


def test_weight_names_join_scopes_without_suffix():
    with KT.name_scope('bidirectional_1'):
        with KT.name_scope('forward_lstm_1'):
            v = KT.variable(np.zeros((2, 2)), name='kernel')
    assert v.name == 'bidirectional_1/forward_lstm_1/kernel'
    assert KT.variable(0., name='bias').name == 'bias'


def test_static_shapes_of_placeholders_and_results():
    x = KT.placeholder((None, 4, 3))
    w = KT.variable(np.zeros((3, 5)))
    assert x.type.shape == (None, 4, 3)
    assert KT.int_shape(KT.dot(x, w)) == (None, 4, 5)
    assert KT.int_shape(KT.batch_flatten(x)) == (None, 12)
    assert KT.int_shape(w) == (3, 5)


def test_get_graph_is_a_harmless_context():
    with KT.get_graph().as_default():
        v = KT.variable(1.)
    with KT.get_graph():
        pass
    assert KT.eval(v) == 1.


def test_random_generators_advance_and_respect_seeds():
    r = KT.random_uniform((4,), seed=3)
    fn = KT.function([], [r])
    first, second = fn([])[0], fn([])[0]
    assert not np.allclose(first, second)
    again = KT.function([], [KT.random_uniform((4,), seed=3)])([])[0]
    np.testing.assert_allclose(first, again)


def test_no_pytensor_default_inputs_needed():
    """PyTensor 3 has no inputs with default values: the learning phase is
    appended by `Function` itself, also alongside updates."""
    x = KT.placeholder((2,))
    counter = KT.variable(0.)
    y = KT.in_train_phase(x, -x)
    fn = KT.function([x], [y], updates=[KT.update_add(counter, 1.)])
    np.testing.assert_allclose(fn([np.ones(2, 'float32')])[0], [-1., -1.])
    assert KT.get_value(counter) == 1.


def test_compiledir_is_writable():
    compiledir = pytensor.config.compiledir
    os.makedirs(compiledir, exist_ok=True)
    assert os.access(compiledir, os.W_OK)


# Theano-only functions of the fork (no TensorFlow counterpart) --------------

from backend_test_utils import covers  # noqa: E402


def _ctc_brute_force(probs, label, blank):
    """-log p(label | probs) by enumerating every path."""
    import itertools
    total = 0.
    steps, classes = probs.shape
    for path in itertools.product(range(classes), repeat=steps):
        collapsed = [c for i, c in enumerate(path)
                     if c != blank and (i == 0 or c != path[i - 1])]
        if collapsed == list(label):
            total += np.prod([probs[t, c] for t, c in enumerate(path)])
    return -np.log(total)


@covers('ctc_cost', 'ctc_interleave_blanks', 'ctc_create_skip_idxs')
def test_ctc_cost_matches_path_enumeration():
    probs = np.random.RandomState(0).dirichlet(np.ones(3), size=4)
    label = [0, 1]
    cost = KT.eval(KT.ctc_cost(KT.constant(probs), KT.constant(label,
                                                               'int64')))
    np.testing.assert_allclose(cost, _ctc_brute_force(probs, label, 2),
                               rtol=1e-4)
    np.testing.assert_array_equal(
        KT.eval(KT.ctc_interleave_blanks(KT.constant([3, 3, 4], 'int64'))),
        [-1, 3, -1, 3, -1, 4, -1])
    interleaved = KT.constant([-1, 3, -1, 3, -1, 4, -1], 'int64')
    np.testing.assert_array_equal(
        KT.eval(KT.ctc_create_skip_idxs(interleaved)), [3])


@covers('ctc_path_probs', 'ctc_update_log_p')
def test_ctc_forward_probabilities():
    probs = np.random.RandomState(1).dirichlet(np.ones(3), size=3)
    interleaved = KT.ctc_interleave_blanks(KT.constant([0, 1], 'int64'))
    log_f, mask = KT.ctc_path_probs(KT.constant(probs), interleaved,
                                    alpha=0.)
    log_f, mask = KT.eval(log_f), KT.eval(mask)
    assert log_f.shape == mask.shape == (3, 5)
    # at t=0 only the first blank and the first label are reachable
    np.testing.assert_array_equal(mask[0], [True, True, False, False, False])
    np.testing.assert_allclose(np.exp(log_f[0, :2]), probs[0, [2, 0]],
                               rtol=1e-5)
    # p(label) = alpha_T at the last label + alpha_T at the last blank
    total = -np.log(np.exp(log_f[-1, -1]) + np.exp(log_f[-1, -2]))
    np.testing.assert_allclose(total, _ctc_brute_force(probs, [0, 1], 2),
                               rtol=1e-4)
    active, step = KT.ctc_update_log_p(
        KT.constant([], 'int64'), KT.zeros_symbolic((5,)), 2,
        KT.constant(np.log(np.full(5, 0.5))),
        KT.constant(np.log([0.5, 0.5, 1e-30, 1e-30, 1e-30])))
    assert KT.eval(active) == 4
    np.testing.assert_allclose(np.exp(KT.eval(step))[:3],
                               [0.25, 0.5, 0.25], rtol=1e-5)


@covers('as_tensor_variable', 'zeros_symbolic', 'random_multinomial')
def test_symbolic_helpers_and_multinomial():
    t = KT.as_tensor_variable(np.ones((2, 3)), name='t')
    assert KT.is_tensor(t) and t.name == 't' and not KT.is_variable(t)
    z = KT.zeros_symbolic((2, KT.shape(t)[1]))
    assert not KT.is_variable(z)
    np.testing.assert_array_equal(KT.eval(z), np.zeros((2, 3)))
    p = np.array([[0., 1., 0.], [0.2, 0.3, 0.5]], 'float32')
    draws = KT.eval(KT.random_multinomial((2, 3), p=p, seed=5))
    assert draws.shape == (2, 3)
    np.testing.assert_array_equal(draws.sum(axis=1), [1, 1])
    np.testing.assert_array_equal(draws[0], [0, 1, 0])


def _closure_mask_rnn(mask):
    """`h_t = h_{t-1} * mask + x_t` over a (2, 4, 3) input with weight `w`."""
    x = KT.placeholder((2, 4, 3))
    w = KT.variable(np.full((3,), 2.))

    def step(x_t, states):
        h = states[0] * mask + x_t * w
        return h, [h]

    h0 = KT.ones_like(x[:, 0, :])
    _, outputs, _ = KT.rnn(step, x, [h0])
    return x, w, outputs


@pytest.mark.parametrize('draw', ['dropout', 'binomial'])
def test_rnn_closure_random_mask_is_drawn_once_per_call(draw):
    ones = KT.ones((2, 3))
    if draw == 'dropout':
        mask = KT.dropout(ones, 0.5, seed=3)
    else:
        mask = KT.random_binomial((2, 3), p=0.5, seed=3)
    x, w, outputs = _closure_mask_rnn(mask)
    loss = KT.sum(outputs)
    grads = KT.gradients(loss, [w, x])
    fn = KT.function([x], [outputs, mask] + grads)
    x_val = np.random.RandomState(0).rand(2, 4, 3).astype('float32')
    out, m, g_w, g_x = fn([x_val])
    # same mask at every step: replay the recurrence with the returned mask
    h, expected = np.ones((2, 3)), []
    for t in range(4):
        h = h * m + 2. * x_val[:, t]
        expected.append(h)
    np.testing.assert_allclose(out, np.stack(expected, 1), rtol=1e-5)
    assert set(np.unique(m)) <= ({0., 2.} if draw == 'dropout' else {0., 1.})
    # d loss / d x_t = 2 * (1 + m + m^2 + ... up to the last step)
    powers = [sum(m ** k for k in range(4 - t)) for t in range(4)]
    np.testing.assert_allclose(g_x, 2. * np.stack(powers, 1), rtol=1e-5)
    np.testing.assert_allclose(g_w, (x_val * np.stack(powers, 1))
                               .sum(axis=(0, 1)), rtol=1e-5)
    # the draw happens outside the loop, once per call
    scans = [node for node in fn.function.maker.fgraph.toposort()
             if type(node.op).__name__ == 'Scan']
    for node in scans:
        inner = node.op.fgraph.toposort()
        assert not any('rv' in type(n.op).__name__.lower() or
                       'Random' in type(n.op).__name__ for n in inner)


def test_rnn_draws_inside_the_step_advance_every_step():
    """A random draw made inside the step function (not a closure) gives
    new values at every step and every call: the generator advances
    through scan's updates. (Gradients through such draws are limited by
    PyTensor's scan, which leaves them undefined; Keras layers draw their
    masks outside the loop.)"""
    x = KT.placeholder((2, 6, 5))
    w = KT.variable(np.full((5,), 0.5))

    def step(x_t, states):
        h = KT.dropout(states[0] + x_t * w, 0.5, seed=4)
        return h, [h]

    _, outputs, _ = KT.rnn(step, x, [KT.zeros_like(x[:, 0])])
    fn = KT.function([x], [outputs])
    x_val = np.ones((2, 6, 5), 'float32')
    first = fn([x_val])[0]
    second = fn([x_val])[0]
    prev = np.zeros((2, 5))
    kept = []
    for t in range(6):
        h = first[:, t]
        full = 2. * (prev + 0.5)
        assert np.all(np.isclose(h, 0.) | np.isclose(h, full))
        kept.append(np.isclose(h, full).tobytes())
        prev = h
    assert len(set(kept)) > 1
    assert not np.array_equal(first, second)


def test_rnn_constant_computed_from_another_constant():
    """A constant computed from another constant and weights (attention
    over the inputs: `[x, x . w + b]`) stays one non-sequence of the scan
    (it used to be rebuilt inside the step, leaving `w` and `b` out)."""
    x = KT.placeholder((None, 4, 3))
    w = KT.variable(np.arange(9.).reshape(3, 3) / 10.)
    b = KT.variable(np.ones(3))

    def step(x_t, states):
        seq, projected = states[1:]
        scores = KT.sum(projected + KT.expand_dims(states[0], 1), axis=-1,
                        keepdims=True)
        alphas = KT.softmax(scores, axis=1)
        h = states[0] + x_t + KT.sum(alphas * seq, axis=1)
        return h, [h]

    _, outputs, _ = KT.rnn(step, x, [KT.zeros_like(x[:, 0])],
                           constants=[x, KT.bias_add(KT.dot(x, w), b)])
    x_val = np.random.RandomState(1).rand(2, 4, 3).astype('float32')
    out = KT.function([x], [outputs])([x_val])[0]
    projected = x_val @ KT.get_value(w) + 1.
    h, expected = np.zeros((2, 3)), []
    for t in range(4):
        scores = (projected + h[:, None]).sum(-1, keepdims=True)
        alphas = np.exp(scores) / np.exp(scores).sum(1, keepdims=True)
        h = h + x_val[:, t] + (alphas * x_val).sum(1)
        expected.append(h)
    np.testing.assert_allclose(out, np.stack(expected, 1), rtol=1e-5)


def test_lstm_with_recurrent_dropout_fits_one_epoch():
    import importlib
    keras = importlib.import_module('keras')
    if keras.backend.backend() != 'theano':
        pytest.skip('the model API runs on the active backend; this test '
                    'checks PyTensor (run with KERAS_BACKEND=theano)')
    from keras import layers
    model = keras.models.Sequential([
        layers.LSTM(4, recurrent_dropout=0.2, dropout=0.2,
                    input_shape=(3, 2)),
        layers.Dense(1)])
    model.compile('sgd', 'mse')
    before = [w.copy() for w in model.get_weights()]
    history = model.fit(np.ones((4, 3, 2)), np.ones((4, 1)), epochs=1,
                        batch_size=2, verbose=0)
    assert np.isfinite(history.history['loss'][0])
    assert any(not np.allclose(a, b)
               for a, b in zip(before, model.get_weights()))


@pytest.mark.parametrize('shape,pool,padding,data_format', [
    ((2, 5, 7, 3), (2, 2), 'valid', 'channels_last'),
    ((2, 4, 6, 3), (2, 3), 'same', 'channels_last'),
    ((1, 2, 6, 5), (3, 2), 'valid', 'channels_first'),
    ((1, 4, 4, 4, 2), (2, 2, 2), 'valid', 'channels_last')])
@pytest.mark.parametrize('mode', ['max', 'avg'])
def test_tiled_pooling_matches_window_pooling(shape, pool, padding,
                                              data_format, mode):
    """Non-overlapping pooling is one reshape + reduction; values and
    gradients equal those of the general strided-window path."""
    from keras.backend.theano import conv
    rank = len(pool)
    x = KT.placeholder(shape)
    tiled = conv._pool(x, pool, pool, padding, data_format, mode, rank)
    assert conv._tiled_pool(conv._to_last(x, data_format), pool, pool,
                            padding, mode) is not None
    original = conv._tiled_pool
    conv._tiled_pool = lambda *args: None
    try:
        windows = conv._pool(x, pool, pool, padding, data_format, mode, rank)
    finally:
        conv._tiled_pool = original
    grads = KT.gradients(KT.sum(KT.square(tiled)), [x]) + \
        KT.gradients(KT.sum(KT.square(windows)), [x])
    fn = KT.function([x], [tiled, windows] + grads)
    x_val = np.random.RandomState(1).randn(*shape).astype('float32')
    a, b, g_a, g_b = fn([x_val])
    assert a.shape == b.shape
    np.testing.assert_allclose(a, b, rtol=1e-6)
    np.testing.assert_allclose(g_a, g_b, rtol=1e-6)


def test_tiled_pooling_is_not_used_for_overlapping_or_padded_windows():
    from keras.backend.theano import conv
    x = KT.placeholder((1, 5, 5, 2))
    assert conv._tiled_pool(x, (2, 2), (1, 1), 'valid', 'max') is None
    assert conv._tiled_pool(x, (2, 2), (2, 2), 'same', 'max') is None
