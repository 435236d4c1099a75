"""ConvLSTM2D against a NumPy reference, shapes in both data formats."""
import numpy as np
import pytest

from keras import backend as K
from keras import layers
from keras.engine.input_layer import Input

RNG = np.random.RandomState(3)


def sigmoid_hard(x):
    return np.clip(0.2 * x + 0.5, 0., 1.)


def np_conv_same(x, w):
    """'same' 2-D convolution (cross-correlation), channels_last."""
    kh, kw = w.shape[:2]
    ph, pw = (kh - 1) // 2, (kw - 1) // 2
    xp = np.pad(x, ((0, 0), (ph, kh - 1 - ph), (pw, kw - 1 - pw), (0, 0)))
    out = np.zeros(x.shape[:3] + (w.shape[-1],), 'float64')
    for i in range(x.shape[1]):
        for j in range(x.shape[2]):
            patch = xp[:, i:i + kh, j:j + kw, :]
            out[:, i, j] = np.tensordot(patch, w, axes=([1, 2, 3], [0, 1, 2]))
    return out


def np_conv_lstm(x, kernel, recurrent, bias, filters):
    b, t, r, c, _ = x.shape
    h = np.zeros((b, r, c, filters))
    cell = np.zeros_like(h)
    f = filters
    for step in range(t):
        z = np_conv_same(x[:, step], kernel) + np_conv_same(h, recurrent) + bias
        i = sigmoid_hard(z[..., :f])
        fg = sigmoid_hard(z[..., f:2 * f])
        cell = fg * cell + i * np.tanh(z[..., 2 * f:3 * f])
        o = sigmoid_hard(z[..., 3 * f:])
        h = o * np.tanh(cell)
    return h


def test_conv_lstm_matches_numpy():
    x = RNG.randn(2, 3, 4, 4, 2).astype('float32')
    inputs = Input(x.shape[1:])
    layer = layers.ConvLSTM2D(3, (3, 3), padding='same')
    out = layer(inputs)
    assert K.int_shape(out) == (None, 4, 4, 3)
    weights = [RNG.uniform(-0.3, 0.3, w.shape).astype('float32')
               for w in layer.get_weights()]
    layer.set_weights(weights)
    assert [w.shape for w in weights] == [(3, 3, 2, 12), (3, 3, 3, 12), (12,)]
    result = K.function([inputs], [out])([x])[0]
    expected = np_conv_lstm(x, *weights, filters=3)
    np.testing.assert_allclose(result, expected, rtol=1e-4, atol=1e-4)


@pytest.mark.parametrize('data_format', ['channels_last', 'channels_first'])
def test_conv_lstm_shapes(data_format):
    shape = (3, 6, 5, 2) if data_format == 'channels_last' else (3, 2, 6, 5)
    inputs = Input(shape)
    layer = layers.ConvLSTM2D(4, (3, 2), data_format=data_format,
                              return_sequences=True)
    out = layer(inputs)
    expected = layer.compute_output_shape((None,) + shape)
    assert K.int_shape(out) == expected
    x = RNG.randn(2, *shape).astype('float32')
    result = K.function([inputs], [out])([x])[0]
    assert result.shape == (2,) + expected[1:]


def test_conv_lstm_config_round_trip():
    layer = layers.ConvLSTM2D(2, 3, strides=2, dropout=0.1)
    config = layer.get_config()
    clone = layers.ConvLSTM2D.from_config(config)
    assert clone.get_config() == config
    assert config['kernel_size'] == (3, 3) and config['strides'] == (2, 2)
