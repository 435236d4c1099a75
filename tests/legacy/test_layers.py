"""Tests of keras.legacy.layers: Merge, Highway, MaxoutDense, Atrous
convolutions and the Recurrent base class."""
import numpy as np
import pytest
from numpy.testing import assert_allclose

from keras import backend as K
from keras import layers
from keras.layers import Input
from keras.legacy import layers as legacy

RNG = np.random.RandomState(3)


def rand(*shape):
    return RNG.uniform(-1, 1, size=shape).astype('float32')


@pytest.mark.parametrize('mode,ref', [
    ('sum', lambda a, b: a + b), ('mul', lambda a, b: a * b),
    ('ave', lambda a, b: (a + b) / 2), ('max', np.maximum),
    ('concat', lambda a, b: np.concatenate([a, b], -1)),
    ('dot', lambda a, b: (a * b).sum(-1, keepdims=True)),
    ('cos', lambda a, b: (a * b).sum(-1, keepdims=True) /
     np.linalg.norm(a, axis=-1, keepdims=True) /
     np.linalg.norm(b, axis=-1, keepdims=True))])
def test_merge_modes(mode, ref):
    a, b = rand(2, 3), rand(2, 3)
    in_a, in_b = Input(shape=(3,)), Input(shape=(3,))
    with pytest.warns(UserWarning, match='deprecated'):
        out = legacy.merge([in_a, in_b], mode=mode)
    value = K.function([in_a, in_b], [out])([a, b])[0]
    assert_allclose(value, ref(a, b), atol=1e-5)
    assert K.int_shape(out)[1:] == value.shape[1:]


def test_merge_function_mode_and_layers_argument():
    in_a, in_b = Input(shape=(3,)), Input(shape=(3,))
    with pytest.warns(UserWarning):
        out = legacy.merge([in_a, in_b], mode=lambda xs: xs[0] - xs[1],
                           output_shape=(3,))
    a, b = rand(2, 3), rand(2, 3)
    assert_allclose(K.function([in_a, in_b], [out])([a, b])[0], a - b)
    dense_a, dense_b = layers.Dense(2), layers.Dense(2)
    dense_a(in_a)
    dense_b(in_b)
    with pytest.warns(UserWarning):
        merged = legacy.Merge([dense_a, dense_b], mode='concat')
    assert merged.output_shape == (None, 4)
    with pytest.raises(ValueError, match='mode'):
        legacy.Merge(mode='bogus')


def test_highway():
    x = rand(4, 3)
    with pytest.warns(UserWarning, match='deprecated'):
        layer = legacy.Highway(activation='tanh')
    inp = Input(shape=(3,))
    out = layer(inp)
    names = [w.name.split('/')[-1].split(':')[0] for w in layer.weights]
    assert names == ['W', 'W_carry', 'b', 'b_carry']
    W, Wc, b, bc = layer.get_weights()
    assert_allclose(bc, np.ones(3))
    gate = 1 / (1 + np.exp(-(x.dot(Wc) + bc)))
    expected = np.tanh(x.dot(W) + b) * gate + (1 - gate) * x
    value = K.function([inp], [out])([x])[0]
    assert_allclose(value, expected, atol=1e-5)
    grads = K.gradients(K.sum(out), layer.trainable_weights)
    assert all(g is not None for g in grads)


def test_maxout_dense():
    x = rand(4, 3)
    with pytest.warns(UserWarning):
        layer = legacy.MaxoutDense(2, nb_feature=3)
    inp = Input(shape=(3,))
    out = layer(inp)
    W, b = layer.get_weights()
    assert W.shape == (3, 3, 2) and b.shape == (3, 2)
    expected = np.max(np.einsum('be,keo->bko', x, W) + b, axis=1)
    assert_allclose(K.function([inp], [out])([x])[0], expected, atol=1e-5)
    config = layer.get_config()
    assert config['output_dim'] == 2 and config['nb_feature'] == 3


def test_atrous_convolutions():
    with pytest.warns(UserWarning):
        layer = legacy.AtrousConvolution2D(4, 3, 3, atrous_rate=(2, 2))
    assert isinstance(layer, layers.Conv2D)
    assert layer.dilation_rate == (2, 2) and layer.kernel_size == (3, 3)
    with pytest.warns(UserWarning):
        layer = layers.AtrousConv1D(4, 3, atrous_rate=2)
    assert isinstance(layer, layers.Conv1D) and layer.dilation_rate == (2,)


class _SumRNN(legacy.Recurrent):
    """h_t = tanh(x_t W + h_{t-1})."""

    def __init__(self, units, **kwargs):
        super(_SumRNN, self).__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.states = [None]
        self.kernel = self.add_weight(name='kernel',
                                      shape=(input_shape[-1], self.units))
        self.built = True

    def step(self, inputs, states):
        h = K.tanh(K.dot(inputs, self.kernel) + states[0])
        return h, [h]


def test_recurrent_base_class():
    x = rand(2, 4, 3)
    layer = _SumRNN(2, return_sequences=True, return_state=True)
    inp = Input(shape=(4, 3))
    seq, state = layer(inp)
    seq_v, state_v = K.function([inp], [seq, state])([x])
    W = layer.get_weights()[0]
    h = np.zeros((2, 2))
    hs = []
    for t in range(4):
        h = np.tanh(x[:, t].dot(W) + h)
        hs.append(h)
    assert_allclose(seq_v, np.stack(hs, 1), atol=1e-5)
    assert_allclose(state_v, h, atol=1e-5)
    assert layer.compute_output_shape((None, 4, 3)) == [(None, 4, 2),
                                                       (None, 2)]
    config = layer.get_config()
    assert config['return_sequences'] and config['implementation'] == 2


def test_conv_recurrent_2d_output_shape():
    layer = legacy.ConvRecurrent2D(4, 3, padding='same',
                                   return_sequences=True)
    assert layer.compute_output_shape((None, 5, 8, 8, 3)) == \
        (None, 5, 8, 8, 4)
