"""Optimizers: update equations against NumPy, learning-rate multipliers,
clipping, state and config round trips (run on the active backend)."""
import numpy as np
import pytest

from keras import backend as K
from keras import optimizers

X0 = np.array([1.0, -2.0, 0.5], dtype='float32')
TARGET = np.array([3.0, 1.0, -1.0], dtype='float32')
EPS = 1e-7


def grad_fn(w):
    """Gradient of sum((w - TARGET) ** 2)."""
    return 2. * (w - TARGET)


# NumPy references of the Keras 2.3 update equations: each takes the
# parameters and the number of steps, returns the parameters after them.

def np_sgd(w, steps, lr=0.01, momentum=0., nesterov=False, decay=0.):
    m = np.zeros_like(w)
    for t in range(steps):
        g = grad_fn(w)
        lr_t = lr / (1. + decay * t)
        v = momentum * m - lr_t * g
        m = v
        w = w + momentum * v - lr_t * g if nesterov else w + v
    return w


def np_rmsprop(w, steps, lr=0.001, rho=0.9):
    a = np.zeros_like(w)
    for _ in range(steps):
        g = grad_fn(w)
        a = rho * a + (1. - rho) * g ** 2
        w = w - lr * g / (np.sqrt(a) + EPS)
    return w


def np_adagrad(w, steps, lr=0.01):
    a = np.zeros_like(w)
    for _ in range(steps):
        g = grad_fn(w)
        a = a + g ** 2
        w = w - lr * g / (np.sqrt(a) + EPS)
    return w


def np_adadelta(w, steps, lr=1.0, rho=0.95):
    a = np.zeros_like(w)
    d = np.zeros_like(w)
    for _ in range(steps):
        g = grad_fn(w)
        a = rho * a + (1. - rho) * g ** 2
        update = g * np.sqrt(d + EPS) / np.sqrt(a + EPS)
        w = w - lr * update
        d = rho * d + (1. - rho) * update ** 2
    return w


def np_adam(w, steps, lr=0.001, beta_1=0.9, beta_2=0.999, amsgrad=False):
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    vhat = np.zeros_like(w)
    for t in range(1, steps + 1):
        g = grad_fn(w)
        lr_t = lr * np.sqrt(1. - beta_2 ** t) / (1. - beta_1 ** t)
        m = beta_1 * m + (1. - beta_1) * g
        v = beta_2 * v + (1. - beta_2) * g ** 2
        vhat = np.maximum(vhat, v)
        w = w - lr_t * m / (np.sqrt(vhat if amsgrad else v) + EPS)
    return w


def np_adamax(w, steps, lr=0.002, beta_1=0.9, beta_2=0.999):
    m = np.zeros_like(w)
    u = np.zeros_like(w)
    for t in range(1, steps + 1):
        g = grad_fn(w)
        lr_t = lr / (1. - beta_1 ** t)
        m = beta_1 * m + (1. - beta_1) * g
        u = np.maximum(beta_2 * u, np.abs(g))
        w = w - lr_t * m / (u + EPS)
    return w


def np_nadam(w, steps, lr=0.002, beta_1=0.9, beta_2=0.999,
             schedule_decay=0.004):
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    m_schedule = 1.
    for t in range(1, steps + 1):
        g = grad_fn(w)
        mc_t = beta_1 * (1. - 0.5 * 0.96 ** (t * schedule_decay))
        mc_t1 = beta_1 * (1. - 0.5 * 0.96 ** ((t + 1) * schedule_decay))
        m_schedule_new = m_schedule * mc_t
        m_schedule_next = m_schedule * mc_t * mc_t1
        m_schedule = m_schedule_new
        g_prime = g / (1. - m_schedule_new)
        m = beta_1 * m + (1. - beta_1) * g
        m_prime = m / (1. - m_schedule_next)
        v = beta_2 * v + (1. - beta_2) * g ** 2
        v_prime = v / (1. - beta_2 ** t)
        m_bar = (1. - mc_t) * g_prime + mc_t1 * m_prime
        w = w - lr * m_bar / (np.sqrt(v_prime) + EPS)
    return w


CASES = [
    (optimizers.SGD, dict(lr=0.05), np_sgd, dict(lr=0.05)),
    (optimizers.SGD, dict(learning_rate=0.05, momentum=0.9, nesterov=True,
                          decay=0.1), np_sgd,
     dict(lr=0.05, momentum=0.9, nesterov=True, decay=0.1)),
    (optimizers.RMSprop, dict(learning_rate=0.01), np_rmsprop,
     dict(lr=0.01)),
    (optimizers.Adagrad, dict(learning_rate=0.1), np_adagrad, dict(lr=0.1)),
    (optimizers.Adadelta, dict(), np_adadelta, dict(lr=1.0)),
    (optimizers.Adam, dict(learning_rate=0.1), np_adam, dict(lr=0.1)),
    (optimizers.Adam, dict(learning_rate=0.1, amsgrad=True), np_adam,
     dict(lr=0.1, amsgrad=True)),
    (optimizers.Adamax, dict(), np_adamax, dict(lr=0.002)),
    (optimizers.Nadam, dict(), np_nadam, dict(lr=0.002)),
]
IDS = ['sgd', 'sgd_nesterov_decay', 'rmsprop', 'adagrad', 'adadelta', 'adam',
       'amsgrad', 'adamax', 'nadam']


def make_problem(x0=X0):
    w = K.variable(x0, name='w')
    loss = K.sum(K.square(w - K.constant(TARGET)))
    return w, loss


def run_steps(optimizer, params, loss, steps):
    updates = optimizer.get_updates(loss, params)
    step = K.function([], [loss], updates=updates)
    for _ in range(steps):
        step([])


@pytest.mark.parametrize('cls,kwargs,reference,ref_kwargs', CASES, ids=IDS)
def test_update_equations_and_lr_multiplier_match_numpy(cls, kwargs,
                                                         reference,
                                                         ref_kwargs):
    w, loss = make_problem()
    # A learning-rate multiplier scales the step size: the trajectory is
    # that of the same optimizer with a scaled learning rate.
    w_slow, loss_slow = make_problem()
    w_slow._learning_rate_multiplier = 0.25
    opt = cls(**kwargs)
    run_steps(opt, [w, w_slow], loss + loss_slow, 3)
    expected = reference(X0.astype('float64'), 3, **ref_kwargs)
    np.testing.assert_allclose(K.get_value(w), expected, rtol=1e-4,
                               atol=1e-5)
    slow_kwargs = dict(ref_kwargs, lr=0.25 * ref_kwargs['lr'])
    expected_slow = reference(X0.astype('float64'), 3, **slow_kwargs)
    np.testing.assert_allclose(K.get_value(w_slow), expected_slow,
                               rtol=1e-4, atol=1e-5)
    assert K.get_value(opt.iterations) == 3
    # Keras 2.3 weight order: iterations first.
    assert opt.weights[0] is opt.iterations


def test_get_updates_with_lr_multipliers_overrides_attribute():
    w1, loss1 = make_problem()
    w2, loss2 = make_problem()
    w2._learning_rate_multiplier = 3.0
    opt = optimizers.SGD(lr=0.1)
    updates = opt.get_updates_with_lr_multipliers(loss1 + loss2, [w1, w2],
                                                  [2.0, 0.5])
    K.function([], [], updates=updates)([])
    step1 = K.get_value(w1) - X0
    step2 = K.get_value(w2) - X0
    np.testing.assert_allclose(step1, -0.1 * 2.0 * grad_fn(X0), rtol=1e-5)
    np.testing.assert_allclose(step2, -0.1 * 0.5 * grad_fn(X0), rtol=1e-5)
    with pytest.raises(ValueError, match='multipliers'):
        opt.get_updates_with_lr_multipliers(loss1, [w1], [1., 2.])


def test_clipnorm_and_clipvalue():
    w = K.variable(np.array([3.0, 4.0], dtype='float32'))
    loss = K.sum(w * K.constant(np.array([3.0, 4.0], dtype='float32')))
    grads = K.function([], optimizers.SGD(clipnorm=1.0).get_gradients(
        loss, [w]))([])
    np.testing.assert_allclose(grads[0], [0.6, 0.8], rtol=1e-5)
    grads = K.function([], optimizers.SGD(clipnorm=10.0).get_gradients(
        loss, [w]))([])
    np.testing.assert_allclose(grads[0], [3.0, 4.0], rtol=1e-5)
    grads = K.function([], optimizers.SGD(clipvalue=3.5).get_gradients(
        loss, [w]))([])
    np.testing.assert_allclose(grads[0], [3.0, 3.5], rtol=1e-5)


def test_clip_norm_function():
    g = K.constant(np.array([3.0, 4.0], dtype='float32'))
    np.testing.assert_allclose(
        K.eval(optimizers.clip_norm(g, 1.0, K.constant(5.0))), [0.6, 0.8],
        rtol=1e-5)
    assert optimizers.clip_norm(g, 0, K.constant(5.0)) is g


@pytest.mark.parametrize('cls,kwargs', [(c[0], c[1]) for c in CASES[::2]],
                         ids=IDS[::2])
def test_weights_round_trip(cls, kwargs):
    w, loss = make_problem()
    opt = cls(**kwargs)
    run_steps(opt, [w], loss, 2)
    saved = opt.get_weights()
    clone = optimizers.deserialize(optimizers.serialize(opt))
    assert type(clone) is cls
    assert clone.get_config() == opt.get_config()
    clone.get_updates(loss, [w])
    clone.set_weights(saved)
    for a, b in zip(clone.get_weights(), saved):
        np.testing.assert_allclose(a, b)
    with pytest.raises(ValueError, match='Length'):
        clone.set_weights(saved[:-1] + saved)


def test_legacy_weights_without_iterations():
    w, loss = make_problem()
    opt = optimizers.RMSprop()
    opt.get_updates(loss, [w])
    opt.set_weights([np.ones(3, dtype='float32')])
    values = opt.get_weights()
    assert values[0] == 0
    np.testing.assert_allclose(values[1], np.ones(3))


def test_learning_rate_variable_can_be_set_during_training():
    w, loss = make_problem()
    opt = optimizers.SGD(learning_rate=0.1)
    assert opt.lr is opt.learning_rate
    step = K.function([], [], updates=opt.get_updates(loss, [w]))
    K.set_value(opt.lr, 0.0)
    step([])
    np.testing.assert_allclose(K.get_value(w), X0)
    opt.set_lr(0.5)
    assert abs(opt.get_lr() - 0.5) < 1e-7
    step([])
    np.testing.assert_allclose(K.get_value(w), X0 - 0.5 * grad_fn(X0),
                               rtol=1e-5)


def test_config_and_get():
    opt = optimizers.Adam(lr=0.02, beta_1=0.8, decay=0.01, epsilon=1e-6,
                          amsgrad=True, clipnorm=2.0)
    config = opt.get_config()
    assert config == pytest.approx({
        'learning_rate': 0.02, 'beta_1': 0.8, 'beta_2': 0.999,
        'decay': 0.01, 'epsilon': 1e-6, 'amsgrad': True, 'clipnorm': 2.0})
    assert isinstance(optimizers.get('Adam'), optimizers.Adam)
    assert isinstance(optimizers.get('rmsprop'), optimizers.RMSprop)
    assert optimizers.get(opt) is opt
    restored = optimizers.get({'class_name': 'SGD',
                               'config': {'lr': 0.3, 'momentum': 0.5}})
    assert restored.get_config()['learning_rate'] == pytest.approx(0.3)
    assert restored.get_config()['momentum'] == pytest.approx(0.5)
    with pytest.raises(ValueError):
        optimizers.get(42)
    with pytest.raises(ValueError):
        optimizers.get('no_such_optimizer')
    with pytest.raises(TypeError, match='clipnorm'):
        optimizers.SGD(bad_argument=1)


def test_constraint_applied_after_update():
    w = K.variable(X0, constraint=lambda x: K.clip(x, -0.5, 0.5))
    loss = K.sum(K.square(w - K.constant(TARGET)))
    run_steps(optimizers.SGD(lr=0.1), [w], loss, 1)
    assert np.all(np.abs(K.get_value(w)) <= 0.5 + 1e-7)


def test_legacy_get_updates_signature():
    w, loss = make_problem()
    opt = optimizers.SGD(lr=0.1)
    with pytest.warns(UserWarning):
        updates = opt.get_updates([w], {}, loss)
    K.function([], [], updates=updates)([])
    np.testing.assert_allclose(K.get_value(w), X0 - 0.1 * grad_fn(X0),
                               rtol=1e-5)


def test_tfoptimizer():
    if K.backend() != 'tensorflow':
        with pytest.raises(RuntimeError, match='TensorFlow backend'):
            optimizers.TFOptimizer(object())
        return
    import tensorflow as tf
    w, loss = make_problem()
    tf_opt = tf.compat.v1.train.GradientDescentOptimizer(0.1)
    opt = optimizers.get(tf_opt)
    assert isinstance(opt, optimizers.TFOptimizer)
    run_steps(opt, [w], loss, 1)
    np.testing.assert_allclose(K.get_value(w), X0 - 0.1 * grad_fn(X0),
                               rtol=1e-5)
    with pytest.raises(NotImplementedError):
        opt.get_config()


# Optimizers of the multimodal fork.

def np_fork_adam_accumulate(w, steps, lr=0.001, accum=20, beta_1=0.9,
                            beta_2=0.999, amsgrad=False):
    """The multimodal fork's AdamAccumulate, step by step."""
    m, v, vhat, acc = (np.zeros_like(w) for _ in range(4))
    for k in range(steps):
        g = grad_fn(w)
        flag = 1. if k % accum == 0 else 0.
        t = k + 1
        lr_t = lr * np.sqrt(1. - beta_2 ** t) / (1. - beta_1 ** t)
        mean = (acc + flag * g) / accum
        m_t = beta_1 * m + (1. - beta_1) * mean
        v_t = beta_2 * v + (1. - beta_2) * mean ** 2
        if amsgrad:
            vhat = np.maximum(vhat, v_t)
            w = w - lr_t * m_t / (np.sqrt(vhat) + EPS)
        else:
            w = w - lr_t * m_t / (np.sqrt(v_t) + EPS)
        m = flag * m_t + (1. - flag) * m
        v = flag * v_t + (1. - flag) * v
        acc = (1. - flag) * (acc + g)
    return w


@pytest.mark.parametrize('amsgrad', [False, True])
def test_adam_accumulate_follows_the_fork(amsgrad):
    w, loss = make_problem()
    opt = optimizers.AdamAccumulate(lr=0.1, accum_iters=3, amsgrad=amsgrad)
    run_steps(opt, [w], loss, 7)
    np.testing.assert_allclose(
        K.get_value(w), np_fork_adam_accumulate(X0, 7, lr=0.1, accum=3,
                                                amsgrad=amsgrad), rtol=1e-5)
    # saved state: Adam's (the accumulators are not saved, as in the fork)
    assert len(opt.weights) == 1 + 3
    config = opt.get_config()
    assert config['accum_iters'] == 3 and config['lr'] == pytest.approx(0.1)
    assert isinstance(optimizers.deserialize(optimizers.serialize(opt)),
                      optimizers.AdamAccumulate)
    with pytest.raises(ValueError, match='accum_iters'):
        optimizers.AdamAccumulate(accum_iters=0)


def test_adam_accumulate_with_one_iteration_is_adam():
    w, loss = make_problem()
    run_steps(optimizers.AdamAccumulate(lr=0.1, accum_iters=1), [w], loss, 4)
    np.testing.assert_allclose(K.get_value(w), np_adam(X0, 4, lr=0.1),
                               rtol=1e-5)


def test_sgdhd_adapts_learning_rate():
    w, loss = make_problem()
    opt = optimizers.SGDHD(lr=0.01, hypergrad_lr=0.001)
    updates = opt.get_updates(loss, [w])
    step = K.function([], [], updates=updates)
    lr, x = 0.01, X0.astype('float64')
    prev = np.zeros_like(x)
    for _ in range(3):
        step([])
        g = grad_fn(x)
        lr = lr + 0.001 * np.sum(g * prev)
        x = x - lr * g
        prev = g
    np.testing.assert_allclose(K.get_value(w), x, rtol=1e-4)
    assert opt.get_lr() == pytest.approx(lr, rel=1e-4)
    assert set(opt.get_config()) >= {'lr', 'momentum', 'decay', 'nesterov',
                                     'hypergrad_lr'}


def test_qhsgd_quasi_hyperbolic_step():
    w, loss = make_problem()
    opt = optimizers.QHSGD(lr=0.1, momentum=0.9, quasi_hyperbolic_momentum=0.7)
    run_steps(opt, [w], loss, 2)
    x, buf = X0.astype('float64'), np.zeros(3)
    for _ in range(2):
        g = grad_fn(x)
        buf = 0.9 * buf + g
        x = x - 0.1 * (0.3 * g + 0.7 * buf)
    np.testing.assert_allclose(K.get_value(w), x, rtol=1e-4)
    with pytest.raises(ValueError, match='Nesterov'):
        optimizers.QHSGD(nesterov=True)


def test_adamhd_and_qhsgdhd_build_and_step():
    for opt in [optimizers.AdamHD(lr=0.1),
                optimizers.QHSGDHD(lr=0.1, momentum=0.5,
                                   quasi_hyperbolic_momentum=0.5)]:
        w, loss = make_problem()
        run_steps(opt, [w], loss, 2)
        before = np.sum((X0 - TARGET) ** 2)
        after = np.sum((K.get_value(w) - TARGET) ** 2)
        assert after < before
        config = opt.get_config()
        clone = type(opt).from_config(config)
        assert clone.get_config() == pytest.approx(config)


def test_passive_aggressive_optimizers():
    shapes = [('w_ref', (3,))]
    for cls, expected in [
            (optimizers.PAS, lambda x, w0, g, l: x - 0.1 * (x - w0 + l * g)),
            (optimizers.PAS2, lambda x, w0, g, l: x - 0.1 * (g + (x - w0)))]:
        w, loss = make_problem()
        opt = cls(shapes, lr=0.1, c=1.0)
        w0 = np.zeros(3, dtype='float32')
        opt.set_weights([w0])
        K.set_value(opt.loss_value, 2.0)
        run_steps(opt, [w], loss, 1)
        np.testing.assert_allclose(K.get_value(w),
                                   expected(X0, w0, grad_fn(X0), 2.0),
                                   rtol=1e-5)
        clone = cls.from_config(opt.get_config())
        assert clone.trainable_weights_shapes == opt.trainable_weights_shapes
    w, loss = make_problem()
    opt = optimizers.PPAS(shapes, lr=0.1, c=2.0)
    run_steps(opt, [w], loss, 1)
    assert np.linalg.norm(K.get_value(w)) == pytest.approx(2.0, rel=1e-5)
