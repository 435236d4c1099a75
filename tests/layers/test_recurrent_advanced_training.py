"""recurrent_advanced decoders in training: `stateful` carries the states
across calls, and per-layer learning-rate multipliers scale the steps of
their weights."""
import numpy as np

from keras import optimizers
from keras.layers import AttLSTMCond, Input
from keras.models import Model

B, T, E, S, D, U = 2, 3, 5, 4, 6, 4


def _data(steps, seed=0):
    rng = np.random.RandomState(seed)
    return (rng.randn(B, steps, E).astype('float32'),
            rng.randn(B, S, D).astype('float32'))


def _model(steps, **kwargs):
    x = Input(batch_shape=(B, steps, E))
    context = Input(batch_shape=(B, S, D))
    layer = AttLSTMCond(U, return_sequences=True, num_inputs=2, **kwargs)
    return Model([x, context], layer([x, context])), layer


def test_stateful_carries_the_states_across_calls():
    x, context = _data(2 * T)
    full, full_layer = _model(2 * T)
    stateful, layer = _model(T, stateful=True)
    layer.set_weights(full_layer.get_weights())
    expected = full.predict([x, context], batch_size=B)
    first = stateful.predict([x[:, :T], context], batch_size=B)
    second = stateful.predict([x[:, T:], context], batch_size=B)
    np.testing.assert_allclose(np.concatenate([first, second], 1), expected,
                               atol=1e-5)
    layer.reset_states()
    again = stateful.predict([x[:, :T], context], batch_size=B)
    np.testing.assert_allclose(again, first, atol=1e-6)


def _sgd_step(**kwargs):
    x, context = _data(T, seed=1)
    model, layer = _model(T, **kwargs)
    model.compile(optimizers.SGD(lr=0.1), 'mse')
    np.random.seed(2)
    initial = [np.random.uniform(-.5, .5, w.shape).astype('float32')
               for w in layer.get_weights()]
    layer.set_weights(initial)
    model.train_on_batch([x, context], np.ones((B, T, U), 'float32'))
    return [w - w0 for w, w0 in zip(layer.get_weights(), initial)]


def test_learning_rate_multipliers_scale_each_weight():
    plain = _sgd_step()
    count = len(plain)
    multipliers = [float(i % 3) for i in range(count)]  # 0, 1, 2, 0, ...
    scaled = _sgd_step(learning_rate_multipliers=multipliers)
    for p, s, m in zip(plain, scaled, multipliers):
        np.testing.assert_allclose(s, m * p, rtol=1e-4, atol=1e-7)
    assert any(np.abs(p).max() > 0 for p in plain)
