"""TensorFlow 1 code next to Keras 2: `TFOptimizer` with `tf.train.*`
optimizers, the `ConfigProto`/`Session`/`set_session` preamble, TF1 names
on the `tensorflow` module, and TF 2 eager code still working."""
import warnings

import numpy as np
import pytest

import keras
from keras import backend as K
from keras import optimizers
from keras.layers import Dense, Embedding, Input, LSTM, TimeDistributed
from keras.models import Model, Sequential, load_model

ON_TF = K.backend() == 'tensorflow'
needs_tf = pytest.mark.skipif(
    not ON_TF, reason='TF1 names and native TF optimizers exist on the '
                      'TensorFlow backend only')

if ON_TF:
    import tensorflow as tf
    from keras.backend.tensorflow import tf1_names


@pytest.fixture(autouse=True)
def fresh_session():
    K.clear_session()
    yield
    K.clear_session()


def test_tfoptimizer_refused_on_other_backends():
    if ON_TF:
        with pytest.raises(TypeError, match='tf.compat.v1.train.Optimizer'):
            optimizers.TFOptimizer(object())
    else:
        with pytest.raises(RuntimeError, match='TensorFlow backend'):
            optimizers.TFOptimizer(object())


def _nmt_like_model():
    """Embedding -> LSTM (sequences) -> softmax per step, as NMT-Keras."""
    words = Input(shape=(5,), dtype='int32')
    x = Embedding(12, 8)(words)
    x = LSTM(8, return_sequences=True)(x)
    out = TimeDistributed(Dense(12, activation='softmax'))(x)
    return Model(words, out)


@needs_tf
def test_nmt_style_adam_trains_and_loss_falls():
    rng = np.random.RandomState(0)
    x = rng.randint(1, 12, size=(32, 5)).astype('int32')
    y = np.eye(12, dtype='float32')[(x + 1) % 12]   # predict the next id
    model = _nmt_like_model()
    opt = optimizers.TFOptimizer(tf.train.AdamOptimizer(
        learning_rate=0.02, beta1=0.9, beta2=0.99, epsilon=1e-8))
    model.compile(opt, 'categorical_crossentropy',
                  sample_weight_mode='temporal')   # as NMT-Keras compiles
    weights = np.ones((32, 5), dtype='float32')
    history = model.fit(x, y, batch_size=8, epochs=6, verbose=0,
                        sample_weight=weights)
    losses = history.history['loss']
    assert losses[-1] < 0.8 * losses[0], losses
    assert K.get_value(opt.iterations) == 6 * 4
    # Adam's slots live in Keras's graph and were initialized by Keras.
    slots = [opt.optimizer.get_slot(w, 'm')
             for w in model.trainable_weights]
    assert all(s is not None and s.graph is K.get_graph() for s in slots)
    assert np.any(K.get_value(slots[0]) != 0)
    with pytest.raises(NotImplementedError):
        opt.weights


def _linear_problem():
    x = np.array([[1., 2.], [3., -1.], [0.5, 0.5]], dtype='float32')
    y = np.array([[1.], [0.], [2.]], dtype='float32')
    return x, y


def _mse_grad(w, b, x, y):
    err = x.dot(w) + b - y
    return 2 * x.T.dot(err) / err.size, 2 * err.sum(0) / err.size


def _one_step(tf_optimizer, **dense_kwargs):
    x, y = _linear_problem()
    model = Sequential([Dense(1, input_shape=(2,), **dense_kwargs)])
    model.compile(optimizers.TFOptimizer(tf_optimizer), 'mse')
    w0, b0 = model.get_weights()
    model.train_on_batch(x, y)
    w1, b1 = model.get_weights()
    return (w0, b0), (w1, b1), _mse_grad(w0, b0, x, y), model


TF1_OPTIMIZERS = {
    'GradientDescentOptimizer': lambda: tf.train.GradientDescentOptimizer(
        0.1),
    'MomentumOptimizer': lambda: tf.train.MomentumOptimizer(
        0.1, 0.9, use_nesterov=False),
    'AdagradOptimizer': lambda: tf.train.AdagradOptimizer(0.1),
    'RMSPropOptimizer': lambda: tf.train.RMSPropOptimizer(
        0.1, decay=0.9, momentum=0.0, epsilon=1e-7),
    'AdadeltaOptimizer': lambda: tf.train.AdadeltaOptimizer(
        learning_rate=1.0, rho=0.95, epsilon=1e-7),
    'AdamOptimizer': lambda: tf.train.AdamOptimizer(0.1),
}


def _adadelta_first_step(g, lr=1.0, rho=0.95, eps=1e-7):
    accum = (1 - rho) * g ** 2
    return lr * np.sqrt(eps) / np.sqrt(accum + eps) * g


# NumPy references of the first step of each `tf.train` optimizer above
# (TF1's initial accumulators: Adagrad 0.1, RMSProp's mean square 1).
FIRST_STEP = {
    'GradientDescentOptimizer': lambda g: 0.1 * g,
    'MomentumOptimizer': lambda g: 0.1 * g,
    'AdagradOptimizer': lambda g: 0.1 * g / np.sqrt(0.1 + g ** 2),
    'RMSPropOptimizer': lambda g: 0.1 * g / np.sqrt(
        0.9 + 0.1 * g ** 2 + 1e-7),
    'AdadeltaOptimizer': _adadelta_first_step,
    'AdamOptimizer': lambda g: 0.1 * g / (np.abs(g) + 1e-8),
}


@needs_tf
@pytest.mark.parametrize('name', sorted(TF1_OPTIMIZERS))
def test_tf1_optimizers_take_a_step(name):
    tf_opt = TF1_OPTIMIZERS[name]()
    assert isinstance(tf_opt, tf.compat.v1.train.Optimizer)
    (w0, b0), (w1, b1), (gw, gb), model = _one_step(tf_opt)
    assert K.get_value(model.optimizer.iterations) == 1
    # First step of every one of them moves against the gradient sign.
    assert np.all(np.sign(w0 - w1) == np.sign(gw))
    for p0, p1, g in ((w0, w1, gw), (b0, b1, gb)):
        np.testing.assert_allclose(p1, p0 - FIRST_STEP[name](g), rtol=1e-4,
                                   atol=1e-6)


@needs_tf
def test_tfoptimizer_learning_rate_multipliers():
    _, (w1, b1), (gw, gb), _ = _one_step(
        tf.train.GradientDescentOptimizer(0.1),
        kernel_initializer='ones', kernel_learning_rate_multiplier=0.5,
        bias_learning_rate_multiplier=0.0)
    np.testing.assert_allclose(w1, 1 - 0.05 * gw, rtol=1e-5)
    np.testing.assert_allclose(b1, 0 * gb, atol=0)
    with pytest.raises(ValueError, match='AdamOptimizer.*multiplier 0.5'):
        _one_step(tf.train.AdamOptimizer(0.1),
                  kernel_learning_rate_multiplier=0.5)


@needs_tf
def test_tfoptimizer_model_saved_without_optimizer(tmp_path):
    x, y = _linear_problem()
    _, _, _, model = _one_step(tf.train.AdamOptimizer(0.1))
    path = str(tmp_path / 'm.h5')
    with pytest.warns(UserWarning, match='compile your model again'):
        model.save(path)
    import h5py
    with h5py.File(path, 'r') as f:   # as Keras 2.3: no optimizer state
        assert 'training_config' not in f.attrs
        assert 'optimizer_weights' not in f
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        loaded = load_model(path)
    assert loaded.optimizer is None or not hasattr(loaded, 'train_function')
    np.testing.assert_allclose(loaded.predict(x), model.predict(x),
                               rtol=1e-6)


@needs_tf
def test_config_proto_session_preamble_then_training():
    config = tf.ConfigProto()
    config.gpu_options.allow_growth = True
    assert isinstance(config.gpu_options, tf.GPUOptions)
    sess = tf.Session(config=config)
    K.set_session(sess)
    assert K.get_session() is sess
    assert sess.graph is K.get_graph()
    assert sess._config.gpu_options.allow_growth
    x, y = _linear_problem()
    model = Sequential([Dense(1, input_shape=(2,))])
    model.compile(tf.train.GradientDescentOptimizer(0.05), 'mse')
    first = model.train_on_batch(x, y)
    for _ in range(10):
        last = model.train_on_batch(x, y)
    assert last < first
    assert isinstance(model.optimizer, optimizers.TFOptimizer)


@needs_tf
def test_set_session_after_building_reinitializes():
    model = Sequential([Dense(2, input_shape=(3,), kernel_initializer='ones')])
    x = np.ones((1, 3), dtype='float32')
    np.testing.assert_allclose(model.predict(x), [[3., 3.]])
    K.set_session(tf.Session())       # a fresh session on Keras's graph
    np.testing.assert_allclose(model.predict(x), [[3., 3.]])


@needs_tf
def test_graph_names_resolve_to_keras_graph():
    assert tf.get_default_graph() is K.get_graph()
    tf.set_random_seed(1234)
    assert K.get_graph().seed == 1234
    ph = tf.placeholder(tf.float32, shape=(None, 3), name='user_input')
    assert ph.graph is K.get_graph()
    w = K.variable(np.full((3, 1), 2.))
    out = K.dot(ph, w)
    sess = tf.Session()
    K.set_session(sess)
    sess.run(tf.global_variables_initializer())
    np.testing.assert_allclose(sess.run(out, {ph: np.ones((2, 3))}),
                               [[6.], [6.]])
    other = tf.Graph()
    with other.as_default():   # inside a graph: TF1's own behaviour
        assert tf.get_default_graph() is other
        assert tf.placeholder(tf.float32).graph is other
    for name in ('AdamOptimizer', 'GradientDescentOptimizer',
                 'MomentumOptimizer', 'AdagradOptimizer',
                 'RMSPropOptimizer', 'AdadeltaOptimizer'):
        assert getattr(tf.train, name) is getattr(tf.compat.v1.train, name)
    assert tf.ConfigProto is tf.compat.v1.ConfigProto
    assert tf.logging is tf.compat.v1.logging


def _public_values(module):
    """Public non-module attributes of `module` (no lazy loading)."""
    import types
    return {n: v for n, v in list(vars(module).items())
            if not n.startswith('_') and not isinstance(v, types.ModuleType)}


@needs_tf
def test_existing_tf_names_never_replaced():
    # TensorFlow imports keras while it initializes itself, so the check is
    # against TF 2's own API tree: every TF 2 name is still TF 2's object.
    import tensorflow.compat.v2 as tf2
    checked = 0
    for sub in (None, 'train', 'nn', 'math', 'image', 'random', 'data',
                'io', 'linalg', 'sparse', 'strings', 'summary'):
        ours = tf if sub is None else getattr(tf, sub)
        theirs = tf2 if sub is None else getattr(tf2, sub)
        for name, value in _public_values(theirs).items():
            assert getattr(ours, name) is value, (sub, name)
            checked += 1
    assert checked > 700
    added = tf1_names.installed_names()
    assert len(added) > 400
    assert 'Session' in added and 'train.AdamOptimizer' in added
    assert not {'constant', 'function', 'train.Checkpoint'} & set(added)


@needs_tf
def test_tf2_eager_code_works_after_import_keras():
    assert tf.executing_eagerly()

    @tf.function
    def affine(a, b):
        return tf.matmul(a, b) + 1.

    a = tf.constant([[1., 2.]])
    b = tf.constant([[3.], [4.]])
    np.testing.assert_allclose(affine(a, b).numpy(), [[12.]])
    v = tf.Variable(2.)
    v.assign_add(1.)
    assert float(v.numpy()) == 3.
    # Keras's graph work does not leak into the eager context.
    K.eval(K.variable(1.) + 1.)
    assert tf.executing_eagerly()
    np.testing.assert_allclose(affine(a, b).numpy(), [[12.]])


@needs_tf
def test_switch_turns_the_names_off(monkeypatch):
    tf1_names.uninstall()
    try:
        assert not hasattr(tf, 'Session')
        assert not hasattr(tf.train, 'AdamOptimizer')
        monkeypatch.setenv('KERAS_TF1_NAMES', '0')
        assert tf1_names.install() == 0
        assert not hasattr(tf, 'ConfigProto')
        monkeypatch.delenv('KERAS_TF1_NAMES')
    finally:
        tf1_names.install()
    assert tf.Session is tf1_names.Session
    assert tf.train.AdamOptimizer is tf.compat.v1.train.AdamOptimizer
