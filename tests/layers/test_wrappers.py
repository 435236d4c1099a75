"""TimeDistributed and Bidirectional against NumPy, in functional and
Sequential models."""
import numpy as np
import pytest

from keras import backend as K
from keras import layers
from keras.engine.input_layer import Input
from keras.models import Model, Sequential

RNG = np.random.RandomState(7)
X = RNG.randn(2, 4, 3).astype('float32')


def sigmoid(x):
    return 1. / (1. + np.exp(-x))


def np_simple_rnn_last(x, kernel, recurrent, bias):
    h = np.zeros((x.shape[0], recurrent.shape[0]), 'float32')
    outputs = []
    for t in range(x.shape[1]):
        h = np.tanh(x[:, t] @ kernel + h @ recurrent + bias)
        outputs.append(h)
    return np.stack(outputs, 1)


def test_time_distributed_dense_matches_numpy():
    model = Sequential()
    model.add(layers.TimeDistributed(layers.Dense(5), input_shape=(4, 3)))
    assert model.output_shape == (None, 4, 5)
    kernel, bias = model.get_weights()
    out = model.predict(X)
    np.testing.assert_allclose(out, X @ kernel + bias, rtol=1e-5, atol=1e-6)
    assert [w.shape for w in model.layers[0].get_weights()] == [(3, 5), (5,)]


def test_time_distributed_of_model_and_masks():
    inner_in = Input((3,))
    inner = Model(inner_in, layers.Dense(2, activation='relu')(inner_in))
    inputs = Input((4, 3))
    masked = layers.Masking(0.)(inputs)
    td = layers.TimeDistributed(inner)
    out = td(masked)
    mask = td.compute_mask(masked, K.not_equal(K.sum(K.abs(masked), -1), 0))
    x = X.copy()
    x[0, 2] = 0.
    got_mask = K.function([inputs], [mask])([x])[0]
    np.testing.assert_array_equal(got_mask, np.any(x != 0, axis=-1))
    result = K.function([inputs], [out])([x])[0]
    w, b = inner.get_weights()
    np.testing.assert_allclose(result, np.maximum(x @ w + b, 0), rtol=1e-5,
                               atol=1e-6)


def test_time_distributed_needs_rank_3():
    with pytest.raises(ValueError, match='rank 3'):
        layers.TimeDistributed(layers.Dense(2))(Input((3,)))


def test_time_distributed_config_round_trip():
    layer = layers.TimeDistributed(layers.Dense(3, use_bias=False))
    config = layers.serialize(layer)
    clone = layers.deserialize(config)
    assert isinstance(clone.layer, layers.Dense)
    assert clone.get_config() == layer.get_config()


@pytest.mark.parametrize('merge_mode', ['concat', 'sum', 'mul', 'ave', None])
def test_bidirectional_merge_modes(merge_mode):
    inputs = Input((4, 3))
    layer = layers.Bidirectional(
        layers.SimpleRNN(2, return_sequences=True), merge_mode=merge_mode)
    out = layer(inputs)
    outs = out if isinstance(out, list) else [out]
    weights = [RNG.uniform(-0.5, 0.5, w.shape).astype('float32')
               for w in layer.get_weights()]
    layer.set_weights(weights)
    results = K.function([inputs], outs)([X])
    fwd = np_simple_rnn_last(X, *weights[:3])
    bwd = np_simple_rnn_last(X[:, ::-1], *weights[3:])[:, ::-1]
    expected = {'concat': [np.concatenate([fwd, bwd], -1)],
                'sum': [fwd + bwd], 'mul': [fwd * bwd],
                'ave': [(fwd + bwd) / 2], None: [fwd, bwd]}[merge_mode]
    for result, exp in zip(results, expected):
        np.testing.assert_allclose(result, exp, rtol=1e-4, atol=1e-5)
    shapes = layer.compute_output_shape((None, 4, 3))
    shapes = shapes if isinstance(shapes, list) else [shapes]
    for symbolic, shape in zip(outs, shapes):
        assert K.int_shape(symbolic)[1:] == shape[1:]


def test_bidirectional_weight_order_and_names():
    inputs = Input((4, 3))
    layer = layers.Bidirectional(layers.LSTM(2), name='bidi')
    layer(inputs)
    names = [w.name.split(':')[0] for w in layer.weights]
    assert names[0].startswith('bidi/forward_')
    assert names[3].startswith('bidi/backward_')
    assert [w.shape for w in layer.get_weights()] == \
        [(3, 8), (2, 8), (8,)] * 2


def test_bidirectional_return_state_and_initial_state():
    inputs = Input((4, 3))
    states = [Input((2,)) for _ in range(4)]
    layer = layers.Bidirectional(layers.LSTM(2, return_state=True))
    outputs = layer(inputs, initial_state=states)
    assert len(outputs) == 5
    assert K.int_shape(outputs[0]) == (None, 4)
    values = [RNG.randn(2, 2).astype('float32') for _ in range(4)]
    results = K.function([inputs] + states, outputs)([X] + values)
    assert results[0].shape == (2, 4)
    np.testing.assert_allclose(results[0][:, :2], results[1], rtol=1e-5)


def test_bidirectional_in_sequential_trains_and_round_trips(tmp_path):
    model = Sequential()
    model.add(layers.Bidirectional(layers.GRU(3), input_shape=(4, 3)))
    model.add(layers.Dense(1))
    model.compile('sgd', 'mse')
    y = RNG.randn(2, 1).astype('float32')
    history = model.fit(X, y, epochs=2, verbose=0)
    assert len(history.history['loss']) == 2
    path = str(tmp_path / 'bidi.h5')
    model.save(path)
    from keras.models import load_model
    loaded = load_model(path)
    np.testing.assert_allclose(loaded.predict(X), model.predict(X),
                               rtol=1e-5, atol=1e-6)


def test_bidirectional_rejects_bad_merge_mode():
    with pytest.raises(ValueError, match='merge mode'):
        layers.Bidirectional(layers.LSTM(2), merge_mode='max')
