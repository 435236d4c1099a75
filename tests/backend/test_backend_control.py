"""`rnn` (masks, go_backwards, constants, unroll, extra state sequences),
`switch`, learning phase, folds and `map_fn` on both engines."""
import numpy as np
import pytest

from keras.backend import numpy_backend as KNP

from backend_test_utils import covers, cover, randn, run, assert_close

cover('rnn', 'gradients', 'ctc_batch_cost')

BATCH, TIME, IN_DIM, UNITS = 3, 4, 2, 5


def make_step(B, W, U, with_constant=False, extra_state=False):
    """A tanh RNN step written once for any backend module `B` (an engine
    or the NumPy reference). States: `[h]` (+ `[e]`, an extra state that
    records `2 * h`) (+ a constant bias when `with_constant`)."""
    def step(x, states):
        h = states[0]
        pre = B.dot(x, W) + B.dot(h, U)
        if with_constant:
            pre = pre + states[-1]
        out = B.tanh(pre)
        new_states = [out]
        if extra_state:
            new_states.append(out * 2.)
        return out, new_states
    return step


def _data():
    x = randn((BATCH, TIME, IN_DIM), 1)
    h0 = randn((BATCH, UNITS), 2)
    W = randn((IN_DIM, UNITS), 3)
    U = randn((UNITS, UNITS), 4, -0.5, 0.5)
    c = randn((BATCH, UNITS), 5)
    mask = np.array([[1, 1, 1, 1], [1, 1, 0, 0], [1, 0, 1, 0]],
                    dtype='float32')
    return x, h0, W, U, c, mask


def _rnn_variants():
    variants = []
    for go_backwards in (False, True):
        for use_mask in (False, True):
            for use_constant in (False, True):
                variants.append(dict(go_backwards=go_backwards,
                                     use_mask=use_mask,
                                     use_constant=use_constant))
    return variants


def _call_rnn(B, x, h0, W, U, c, mask, variant, unroll):
    step = make_step(B, W, U, with_constant=variant['use_constant'])
    kwargs = dict(go_backwards=variant['go_backwards'],
                  mask=mask if variant['use_mask'] else None,
                  constants=[c] if variant['use_constant'] else None)
    if B is not KNP:
        kwargs.update(unroll=unroll, input_length=TIME)
    return B.rnn(step, x, [h0], **kwargs)


@pytest.mark.parametrize('unroll', [False, True], ids=['scan', 'unrolled'])
def test_rnn(engine, unroll):
    x, h0, W, U, c, mask = _data()
    variants = _rnn_variants()

    def build(xs, h, m, const):
        Wv, Uv = engine.variable(W), engine.variable(U)
        outs = []
        for v in variants:
            last, seq, states = _call_rnn(engine, xs, h, Wv, Uv, const, m, v,
                                          unroll)
            outs += [last, seq] + list(states)
        return outs

    values, symbolic = run(engine, build, [x, h0, mask, c])
    for i, v in enumerate(variants):
        last, seq, states = _call_rnn(KNP, x, h0, W, U, c, mask, v, unroll)
        for got, want, sym, what in zip(values[3 * i:3 * i + 3],
                                        [last, seq, states[0]],
                                        symbolic[3 * i:3 * i + 3],
                                        ['last_output', 'outputs', 'state']):
            assert_close(engine, got, want, sym, rtol=1e-4, atol=1e-5,
                         what='%s %s unroll=%s' % (what, v, unroll))


@pytest.mark.parametrize('unroll', [False, True], ids=['scan', 'unrolled'])
def test_rnn_leading_masked_step_outputs_zeros(engine, unroll):
    """A masked first step outputs zeros (no previous output yet) and keeps
    the initial state."""
    x, h0, W, U, _, _ = _data()
    mask = np.array([[0, 1, 1, 1], [0, 0, 1, 1], [1, 1, 1, 1]], 'float32')

    def build(xs, h, m):
        step = make_step(engine, engine.variable(W), engine.variable(U))
        last, seq, states = engine.rnn(step, xs, [h], mask=m, unroll=unroll,
                                       input_length=TIME)
        return [last, seq, states[0]]

    values, _ = run(engine, build, [x, h0, mask])
    last, seq, states = KNP.rnn(make_step(KNP, W, U), x, [h0], mask=mask)
    assert np.all(seq[:2, 0] == 0.)
    for got, want in zip(values, [last, seq, states[0]]):
        np.testing.assert_allclose(got, want, rtol=1e-4, atol=1e-5)


def test_rnn_bool_mask_and_unknown_batch(engine):
    x, h0, W, U, _, mask = _data()

    xs = engine.placeholder(shape=(None, TIME, IN_DIM))
    h = engine.placeholder(shape=(None, UNITS))
    m = engine.placeholder(shape=(None, TIME), dtype='bool')
    step = make_step(engine, engine.variable(W), engine.variable(U))
    last, seq, states = engine.rnn(step, xs, [h], mask=m)
    assert engine.int_shape(seq) in ((None, TIME, UNITS), (None, None, UNITS))
    f = engine.function([xs, h, m], [last, seq])
    got = f([x, h0, mask.astype(bool)])
    want = KNP.rnn(make_step(KNP, W, U), x, [h0], mask=mask)
    np.testing.assert_allclose(got[0], want[0], rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(got[1], want[1], rtol=1e-4, atol=1e-5)


@pytest.mark.parametrize('unroll', [False, True], ids=['scan', 'unrolled'])
def test_rnn_pos_extra_outputs_states(engine, unroll):
    """States listed in `pos_extra_outputs_states` come back as their whole
    sequence, time-major `(time, samples, ...)` (the multimodal fork's
    convention)."""
    x, h0, W, U, _, mask = _data()
    e0 = np.zeros_like(h0)

    def build(xs, h, e):
        step = make_step(engine, engine.variable(W), engine.variable(U),
                         extra_state=True)
        last, seq, states = engine.rnn(step, xs, [h, e], unroll=unroll,
                                       input_length=TIME,
                                       pos_extra_outputs_states=[1])
        return [seq, states[0], states[1]]

    values, _ = run(engine, build, [x, h0, e0])
    _, seq, states = KNP.rnn(make_step(KNP, W, U, extra_state=True), x,
                             [h0, e0], pos_extra_outputs_states=[1])
    assert states[1].shape == (TIME, BATCH, UNITS)
    for got, want in zip(values, [seq, states[0], states[1]]):
        np.testing.assert_allclose(got, want, rtol=1e-4, atol=1e-5)


def test_rnn_gradient(engine):
    """Gradients flow through the loop: d(sum(outputs))/d(inputs)."""
    x, h0, W, U, _, mask = _data()

    def build(xs, h):
        step = make_step(engine, engine.variable(W), engine.variable(U))
        _, seq, _ = engine.rnn(step, xs, [h], mask=engine.constant(mask))
        return engine.gradients(engine.sum(seq), [xs, h])

    grads, _ = run(engine, build, [x, h0])

    def loss(xv, hv):
        return np.sum(KNP.rnn(make_step(KNP, W.astype('float64'),
                                        U.astype('float64')),
                              xv, [hv], mask=mask)[1])
    eps = 1e-4
    for i, (a, g) in enumerate(zip([x, h0], grads)):
        base = [x.astype('float64'), h0.astype('float64')]
        num = np.zeros(a.shape)
        for idx in np.ndindex(a.shape):
            up = [b.copy() for b in base]
            down = [b.copy() for b in base]
            up[i][idx] += eps
            down[i][idx] -= eps
            num[idx] = (loss(*up) - loss(*down)) / (2 * eps)
        np.testing.assert_allclose(g, num, rtol=1e-2, atol=1e-3)


def test_rnn_rejects_2d_inputs(engine):
    x = engine.placeholder(shape=(3, 4))
    h = engine.placeholder(shape=(3, 5))
    with pytest.raises((ValueError, AssertionError)):
        engine.rnn(lambda i, s: (i, s), x, [h])


@covers('switch')
def test_switch(engine):
    a, b = randn((2, 3), 1), randn((2, 3), 2)
    cond_full = (randn((2, 3), 3) > 0)
    cond_row = np.array([True, False])

    def build(x, y, cf, cr):
        return [engine.switch(cf, x, y), engine.switch(cr, x, y),
                engine.switch(engine.greater(engine.sum(x), 100.), x, y),
                engine.switch(engine.less(engine.sum(x), 100.),
                              lambda: x * 2., lambda: y)]

    values, symbolic = run(engine, build, [a, b, cond_full, cond_row])
    expected = [KNP.switch(cond_full, a, b), KNP.switch(cond_row, a, b), b,
                a * 2.]
    for got, want, sym in zip(values, expected, symbolic):
        assert_close(engine, got, want, sym)


@covers('in_train_phase', 'in_test_phase', 'learning_phase')
def test_learning_phase_switching(engine):
    x = randn((2, 3), 1)
    ph = engine.placeholder(shape=(2, 3))
    train = engine.in_train_phase(ph * 2., ph * 3.)
    test = engine.in_test_phase(ph * 2., ph * 3.)
    # not fed: the learning phase defaults to 0 (test)
    f = engine.function([ph], [train, test])
    got_train, got_test = f([x])
    np.testing.assert_allclose(got_train, x * 3., rtol=1e-6)
    np.testing.assert_allclose(got_test, x * 2., rtol=1e-6)
    # fed explicitly
    g = engine.function([ph, engine.learning_phase()], [train, test])
    got_train, got_test = g([x, 1])
    np.testing.assert_allclose(got_train, x * 2., rtol=1e-6)
    np.testing.assert_allclose(got_test, x * 3., rtol=1e-6)
    got_train, _ = g([x, 0])
    np.testing.assert_allclose(got_train, x * 3., rtol=1e-6)


def test_in_train_phase_with_python_flags(engine):
    x = engine.placeholder(shape=(2,))
    assert engine.in_train_phase(x, x * 2., training=1) is x
    alt = engine.in_train_phase(lambda: x, lambda: x * 2., training=False)
    f = engine.function([x], [alt])
    np.testing.assert_allclose(f([np.ones(2, 'float32')])[0], [2., 2.])
    # a symbolic training flag
    flag = engine.placeholder(shape=(), dtype='bool')
    sel = engine.in_train_phase(x, x * 2., training=flag)
    g = engine.function([x, flag], [sel])
    np.testing.assert_allclose(g([np.ones(2, 'float32'), True])[0], [1., 1.])
    np.testing.assert_allclose(g([np.ones(2, 'float32'), False])[0],
                               [2., 2.])


@covers('set_learning_phase')
def test_set_learning_phase(engine):
    try:
        engine.set_learning_phase(1)
        assert engine.learning_phase() == 1
        x = engine.placeholder(shape=(2,))
        out = engine.in_train_phase(x * 2., x * 3.)
        f = engine.function([x], [out])
        np.testing.assert_allclose(f([np.ones(2, 'float32')])[0], [2., 2.])
        engine.set_learning_phase(0)
        assert engine.learning_phase() == 0
        with pytest.raises(ValueError):
            engine.set_learning_phase(2)
    finally:
        engine.clear_session()
    # clear_session restores the symbolic learning phase
    assert engine.is_tensor(engine.learning_phase())


@covers('foldl', 'foldr', 'map_fn')
def test_foldl_foldr_map_fn(engine):
    x = randn((4, 3), 1)

    def build(t):
        return [engine.foldl(lambda acc, e: acc + e, t),
                engine.foldr(lambda acc, e: acc * 0.5 + e, t),
                engine.foldl(lambda acc, e: acc + e * e, t,
                             initializer=engine.zeros((3,))),
                engine.map_fn(lambda e: engine.sum(e * e), t),
                engine.map_fn(lambda e: e * 2., t)]

    values, _ = run(engine, build, [x])
    expected = [KNP.foldl(lambda a, e: a + e, x),
                KNP.foldr(lambda a, e: a * 0.5 + e, x),
                KNP.foldl(lambda a, e: a + e * e, x, np.zeros(3, 'float32')),
                KNP.map_fn(lambda e: np.sum(e * e), x),
                KNP.map_fn(lambda e: e * 2., x)]
    for got, want in zip(values, expected):
        np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-6)


def test_ctc_batch_cost(engine):
    """Two time steps, one label: the loss is -log of the summed
    probability of the paths 'a-', '-a' and 'aa' (blank is the last
    class)."""
    probs = np.array([[[0.6, 0.4], [0.3, 0.7]],
                      [[0.9, 0.1], [0.8, 0.2]]], dtype='float32')
    labels = np.array([[0], [0]], dtype='int32')
    input_length = np.array([[2], [2]], dtype='int32')
    label_length = np.array([[1], [1]], dtype='int32')

    def build(p, labels_, il, ll):
        return engine.ctc_batch_cost(labels_, p, il, ll)

    values, _ = run(engine, build, [probs, labels, input_length,
                                    label_length])
    p = probs
    expected = -np.log(p[:, 0, 0] * p[:, 1, 1] + p[:, 0, 1] * p[:, 1, 0] +
                       p[:, 0, 0] * p[:, 1, 0])
    np.testing.assert_allclose(values[0].reshape(-1), expected, rtol=1e-3,
                               atol=1e-4)
    assert values[0].shape == (2, 1)


@covers('ctc_decode')
def test_ctc_decode_greedy(engine):
    # classes a=0, b=1, blank=2; best path per sample: a a - b -> "ab"
    probs = np.array([[[0.8, 0.1, 0.1], [0.7, 0.2, 0.1], [0.1, 0.1, 0.8],
                       [0.1, 0.8, 0.1]]], dtype='float32')
    lengths = np.array([4], dtype='int32')

    def build(p, n):
        decoded, log_prob = engine.ctc_decode(p, n, greedy=True)
        return [decoded[0], log_prob]

    values, _ = run(engine, build, [probs, lengths])
    np.testing.assert_array_equal(values[0][0][:2], [0, 1])
    np.testing.assert_allclose(values[1].reshape(-1),
                               [-np.log(0.8 * 0.7 * 0.8 * 0.8)], rtol=1e-4)


@covers('ctc_label_dense_to_sparse')
def test_ctc_label_dense_to_sparse(engine):
    labels = np.array([[1, 2, 0], [3, 0, 0]], dtype='int32')
    lengths = np.array([2, 1], dtype='int32')
    sparse = engine.ctc_label_dense_to_sparse(engine.constant(labels,
                                                              'int32'),
                                              engine.constant(lengths,
                                                              'int32'))
    dense = engine.eval(engine.to_dense(sparse)) if engine.is_sparse(
        sparse) else engine.eval(sparse)
    np.testing.assert_array_equal(dense[0, :2], [1, 2])
    assert dense[1, 0] == 3
