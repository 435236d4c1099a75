"""Recurrent layers: step equations against NumPy, shapes, masks, states,
dropout, configs; on the active backend."""
import numpy as np
import pytest

from keras import backend as K
from keras import layers
from keras.engine.input_layer import Input
from keras.models import Model, Sequential

RNG = np.random.RandomState(1234)
BATCH, TIME, DIM, UNITS = 3, 5, 4, 6


def sigmoid(x):
    return 1. / (1. + np.exp(-x))


# -- NumPy references (written from the equations, not from the layers) ----

def np_simple_rnn(x, kernel, recurrent, bias, h):
    outputs = []
    for t in range(x.shape[1]):
        h = np.tanh(x[:, t] @ kernel + h @ recurrent + bias)
        outputs.append(h)
    return np.stack(outputs, 1), [h]


def np_gru(x, kernel, recurrent, bias, h, reset_after=False):
    u = recurrent.shape[0]
    outputs = []
    for t in range(x.shape[1]):
        if reset_after:
            xp = x[:, t] @ kernel + bias[0]
            inner = h @ recurrent + bias[1]
            z = sigmoid(xp[:, :u] + inner[:, :u])
            r = sigmoid(xp[:, u:2 * u] + inner[:, u:2 * u])
            hh = np.tanh(xp[:, 2 * u:] + r * inner[:, 2 * u:])
        else:
            xp = x[:, t] @ kernel + bias
            z = sigmoid(xp[:, :u] + h @ recurrent[:, :u])
            r = sigmoid(xp[:, u:2 * u] + h @ recurrent[:, u:2 * u])
            hh = np.tanh(xp[:, 2 * u:] + (r * h) @ recurrent[:, 2 * u:])
        h = z * h + (1 - z) * hh
        outputs.append(h)
    return np.stack(outputs, 1), [h]


def np_lstm(x, kernel, recurrent, bias, h, c, mask=None):
    u = recurrent.shape[0]
    outputs = []
    for t in range(x.shape[1]):
        zz = x[:, t] @ kernel + h @ recurrent + bias
        i = sigmoid(zz[:, :u])
        f = sigmoid(zz[:, u:2 * u])
        c_new = f * c + i * np.tanh(zz[:, 2 * u:3 * u])
        o = sigmoid(zz[:, 3 * u:])
        h_new = o * np.tanh(c_new)
        if mask is not None:
            keep = mask[:, t:t + 1]
            h_new = np.where(keep, h_new, h)
            c_new = np.where(keep, c_new, c)
        h, c = h_new, c_new
        outputs.append(h)
    return np.stack(outputs, 1), [h, c]


def run(layer, x, extra_inputs=()):
    """Builds `layer` on `x`'s shape and evaluates it at test time."""
    inputs = [Input(batch_shape=x.shape)] + [
        Input(batch_shape=e.shape) for e in extra_inputs]
    if extra_inputs:
        outputs = layer(inputs[0], initial_state=inputs[1:])
    else:
        outputs = layer(inputs[0])
    outputs = outputs if isinstance(outputs, list) else [outputs]
    f = K.function(inputs, outputs)
    return f([x] + list(extra_inputs)), outputs


def random_weights(layer):
    weights = [RNG.uniform(-0.5, 0.5, w.shape).astype('float32')
               for w in layer.get_weights()]
    layer.set_weights(weights)
    return weights


X = RNG.randn(BATCH, TIME, DIM).astype('float32')
H0 = np.zeros((BATCH, UNITS), 'float32')


@pytest.mark.parametrize('go_backwards', [False, True])
def test_simple_rnn_matches_numpy(go_backwards):
    layer = layers.SimpleRNN(UNITS, return_sequences=True,
                             go_backwards=go_backwards)
    (out,), symbolic = run(layer, X)
    kernel, recurrent, bias = random_weights(layer)
    out = K.function([layer.input], [layer.output])([X])[0]
    x = X[:, ::-1] if go_backwards else X
    expected, _ = np_simple_rnn(x, kernel, recurrent, bias, H0)
    np.testing.assert_allclose(out, expected, rtol=1e-4, atol=1e-5)
    assert K.int_shape(symbolic[0]) == (BATCH, TIME, UNITS)


@pytest.mark.parametrize('reset_after', [False, True])
@pytest.mark.parametrize('implementation', [1, 2])
def test_gru_matches_numpy(reset_after, implementation):
    layer = layers.GRU(UNITS, reset_after=reset_after,
                       implementation=implementation, return_state=True)
    run(layer, X)
    kernel, recurrent, bias = random_weights(layer)
    assert bias.shape == ((2, 3 * UNITS) if reset_after else (3 * UNITS,))
    out, state = K.function([layer.input], layer.output)([X])
    _, (h,) = np_gru(X, kernel, recurrent, bias, H0, reset_after)
    np.testing.assert_allclose(out, h, rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(state, h, rtol=1e-4, atol=1e-5)


@pytest.mark.parametrize('implementation', [1, 2])
def test_lstm_matches_numpy_with_initial_state(implementation):
    layer = layers.LSTM(UNITS, return_sequences=True, return_state=True,
                        implementation=implementation)
    h0 = RNG.randn(BATCH, UNITS).astype('float32')
    c0 = RNG.randn(BATCH, UNITS).astype('float32')
    run(layer, X, extra_inputs=(h0, c0))
    kernel, recurrent, bias = random_weights(layer)
    f = K.function(layer.input, layer.output)
    seq, h, c = f([X, h0, c0])
    expected_seq, (eh, ec) = np_lstm(X, kernel, recurrent, bias, h0, c0)
    np.testing.assert_allclose(seq, expected_seq, rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(h, eh, rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(c, ec, rtol=1e-4, atol=1e-5)


def test_lstm_weights_layout_and_forget_bias():
    layer = layers.LSTM(UNITS)
    run(layer, X)
    names = [w.name for w in layer.weights]
    assert [n.split('/')[-1].split(':')[0] for n in names] == \
        ['kernel', 'recurrent_kernel', 'bias']
    kernel, recurrent, bias = layer.get_weights()
    assert kernel.shape == (DIM, 4 * UNITS)
    assert recurrent.shape == (UNITS, 4 * UNITS)
    np.testing.assert_array_equal(bias[UNITS:2 * UNITS], 1.)
    np.testing.assert_array_equal(bias[:UNITS], 0.)


def test_lstm_masking_keeps_state():
    x = X.copy()
    x[0, 3:] = 0.  # sample 0: last two steps masked
    x[1, 1] = 0.   # sample 1: step 1 masked
    inputs = Input(batch_shape=x.shape)
    masked = layers.Masking(0.)(inputs)
    lstm = layers.LSTM(UNITS, return_sequences=True)
    out = lstm(masked)
    kernel, recurrent, bias = random_weights(lstm)
    result = K.function([inputs], [out])([x])[0]
    mask = np.any(x != 0, axis=-1)
    expected, _ = np_lstm(x, kernel, recurrent, bias, H0, H0, mask=mask)
    np.testing.assert_allclose(result, expected, rtol=1e-4, atol=1e-5)


def test_unroll_equals_loop():
    a = layers.GRU(UNITS, return_sequences=True)
    b = layers.GRU(UNITS, return_sequences=True, unroll=True)
    run(a, X)
    run(b, X)
    b.set_weights(a.get_weights())
    out_a = K.function([a.input], [a.output])([X])[0]
    out_b = K.function([b.input], [b.output])([X])[0]
    np.testing.assert_allclose(out_a, out_b, rtol=1e-5, atol=1e-6)


def test_unroll_needs_fixed_timesteps():
    with pytest.raises(ValueError, match='unroll'):
        layers.LSTM(2, unroll=True)(Input((None, 3)))


def test_wrong_rank_raises_naming_layer():
    with pytest.raises(ValueError):
        layers.LSTM(2, name='my_lstm')(Input((3,)))


def test_stacked_cells_equal_two_layers():
    cells = [layers.LSTMCell(UNITS), layers.LSTMCell(3)]
    stacked = layers.RNN(cells, return_sequences=True)
    run(stacked, X)
    first = layers.LSTM(UNITS, return_sequences=True)
    second = layers.LSTM(3, return_sequences=True)
    inputs = Input(batch_shape=X.shape)
    out = second(first(inputs))
    weights = stacked.get_weights()
    first.set_weights(weights[:3])
    second.set_weights(weights[3:])
    expected = K.function([inputs], [out])([X])[0]
    result = K.function([stacked.input], [stacked.output])([X])[0]
    np.testing.assert_allclose(result, expected, rtol=1e-5, atol=1e-6)
    assert stacked.cell.state_size == (UNITS, UNITS, 3, 3)


def test_dropout_only_in_training():
    layer = layers.LSTM(UNITS, dropout=0.5, recurrent_dropout=0.5)
    inputs = Input(batch_shape=X.shape)
    out = layer(inputs)
    f = K.function([inputs, K.learning_phase()], [out])
    test_a = f([X, 0])[0]
    test_b = f([X, 0])[0]
    np.testing.assert_allclose(test_a, test_b)
    train = f([X, 1])[0]
    assert np.abs(train - test_a).max() > 1e-4


def test_gradients_reach_every_weight():
    layer = layers.GRU(UNITS, return_sequences=True, reset_after=True)
    inputs = Input(batch_shape=X.shape)
    out = layer(inputs)
    grads = K.gradients(K.sum(out * out), layer.trainable_weights)
    values = K.function([inputs], grads)([X])
    assert len(values) == 3
    for value, weight in zip(values, layer.trainable_weights):
        assert value.shape == K.int_shape(weight)
        assert np.abs(value).sum() > 0


def test_stateful_carries_and_resets_state():
    model = Sequential()
    model.add(layers.SimpleRNN(UNITS, stateful=True,
                               batch_input_shape=X.shape))
    layer = model.layers[0]
    kernel, recurrent, bias = random_weights(layer)
    f = K.function([model.input], [model.output], updates=model.updates)
    first = f([X])[0]
    second = f([X])[0]
    _, (h1,) = np_simple_rnn(X, kernel, recurrent, bias, H0)
    _, (h2,) = np_simple_rnn(X, kernel, recurrent, bias, h1)
    np.testing.assert_allclose(first, h1, rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(second, h2, rtol=1e-4, atol=1e-5)
    model.reset_states()
    np.testing.assert_allclose(f([X])[0], h1, rtol=1e-4, atol=1e-5)
    layer.reset_states([np.ones((BATCH, UNITS), 'float32')])
    np.testing.assert_allclose(K.get_value(layer.states[0]), 1.)
    with pytest.raises(ValueError, match='expected shape'):
        layer.reset_states([np.ones((BATCH + 1, UNITS))])


def test_stateful_needs_batch_size():
    with pytest.raises(ValueError, match='batch size'):
        layers.LSTM(2, stateful=True)(Input((3, 4)))


@pytest.mark.parametrize('cls,extra', [
    (layers.SimpleRNN, {}),
    (layers.GRU, {'reset_after': True, 'implementation': 1}),
    (layers.LSTM, {'unit_forget_bias': False, 'go_backwards': True}),
])
def test_config_round_trip(cls, extra):
    layer = cls(UNITS, return_sequences=True, dropout=0.25, **extra)
    config = layer.get_config()
    clone = cls.from_config(config)
    assert clone.get_config() == config
    assert config['units'] == UNITS and config['dropout'] == 0.25
    assert 'cell' not in config
    run(layer, X)
    run(clone, X)
    clone.set_weights(layer.get_weights())
    a = K.function([layer.input], [layer.output])([X])[0]
    b = K.function([clone.input], [clone.output])([X])[0]
    np.testing.assert_allclose(a, b, rtol=1e-6)


def test_rnn_with_custom_cell_and_constants():
    class AddConstantCell(layers.Layer):
        """h_t = h_{t-1} + x_t * w + c (c given as a constant)."""

        def __init__(self, units, **kwargs):
            self.units = units
            self.state_size = units
            super(AddConstantCell, self).__init__(**kwargs)

        def build(self, input_shape):
            self.w = self.add_weight(name='w', shape=(input_shape[0][-1],
                                                      self.units),
                                     initializer='ones')
            self.built = True

        def call(self, inputs, states, constants=None):
            h = states[0] + K.dot(inputs, self.w) + constants[0]
            return h, [h]

    x = Input((TIME, DIM))
    c = Input((UNITS,))
    out = layers.RNN(AddConstantCell(UNITS))(x, constants=c)
    cv = RNG.randn(BATCH, UNITS).astype('float32')
    result = K.function([x, c], [out])([X, cv])[0]
    expected = X.sum(axis=(1, 2))[:, None] + TIME * cv
    np.testing.assert_allclose(result, expected, rtol=1e-4, atol=1e-4)


def test_cudnn_layers_raise_clearly_without_gpu():
    for cls in (layers.CuDNNLSTM, layers.CuDNNGRU):
        with pytest.raises(RuntimeError, match='GPU|TensorFlow'):
            cls(4)(Input((3, 2)))


def test_cudnn_config_round_trip():
    for cls in (layers.CuDNNLSTM, layers.CuDNNGRU):
        layer = cls(5, return_sequences=True, kernel_regularizer='l2')
        config = layer.get_config()
        assert cls.from_config(config).get_config() == config
        assert config['units'] == 5 and 'go_backwards' not in config


def test_cudnn_lstm_equations_equal_lstm_with_summed_biases():
    # The cuDNN cell (run here through a plain RNN, which needs no GPU) has
    # two biases; the LSTM with their sum computes the same.
    from keras.layers.cudnn_recurrent import _CuDNNLSTMCell
    cudnn = layers.RNN(_CuDNNLSTMCell(UNITS), return_sequences=True)
    run(cudnn, X)
    kernel, recurrent, bias = random_weights(cudnn)
    assert bias.shape == (8 * UNITS,)
    lstm = layers.LSTM(UNITS, return_sequences=True)
    run(lstm, X)
    lstm.set_weights([kernel, recurrent, bias[:4 * UNITS] + bias[4 * UNITS:]])
    a = K.function([cudnn.input], [cudnn.output])([X])[0]
    b = K.function([lstm.input], [lstm.output])([X])[0]
    np.testing.assert_allclose(a, b, rtol=1e-4, atol=1e-5)
