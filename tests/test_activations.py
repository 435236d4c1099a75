"""Activation functions against NumPy; lookup and serialization."""
import numpy as np
import pytest

from keras import activations
from keras import backend as K

X = np.array([[-3., -0.5, 0., 0.4, 2.5]], dtype='float32')


def _apply(fn, x=X, **kwargs):
    return K.eval(fn(K.variable(x), **kwargs))


def test_elementwise_activations_match_numpy():
    alpha, scale = 1.6732632423543772, 1.0507009873554805
    cases = {
        'relu': np.maximum(X, 0),
        'elu': np.where(X > 0, X, np.exp(X) - 1),
        'selu': scale * np.where(X > 0, X, alpha * (np.exp(X) - 1)),
        'softplus': np.log(np.exp(X) + 1),
        'softsign': X / (np.abs(X) + 1),
        'tanh': np.tanh(X),
        'sigmoid': 1. / (1. + np.exp(-X)),
        'hard_sigmoid': np.clip(0.2 * X + 0.5, 0, 1),
        'exponential': np.exp(X),
        'linear': X,
    }
    for name, expected in cases.items():
        np.testing.assert_allclose(_apply(activations.get(name)), expected,
                                   rtol=1e-5, atol=1e-6, err_msg=name)


def test_relu_options_and_elu_alpha():
    np.testing.assert_allclose(
        _apply(activations.relu, alpha=0.1, max_value=2., threshold=0.2),
        np.where(X >= 2., 2., np.where(X > 0.2, X, 0.1 * (X - 0.2))),
        rtol=1e-5)
    np.testing.assert_allclose(_apply(activations.elu, alpha=0.5),
                               np.where(X > 0, X, 0.5 * (np.exp(X) - 1)),
                               rtol=1e-5)


def test_softmax_axes():
    x = np.random.RandomState(0).rand(2, 3, 4).astype('float32')
    for axis in (-1, 1, 0):
        e = np.exp(x - x.max(axis=axis, keepdims=True))
        np.testing.assert_allclose(_apply(activations.softmax, x, axis=axis),
                                   e / e.sum(axis=axis, keepdims=True),
                                   rtol=1e-5)
    x2 = x[0]
    e = np.exp(x2)
    np.testing.assert_allclose(_apply(activations.softmax, x2),
                               e / e.sum(-1, keepdims=True), rtol=1e-5)
    with pytest.raises(ValueError, match='1D'):
        activations.softmax(K.variable(np.ones(3)))


def test_get_serialize_deserialize():
    assert activations.get(None) is activations.linear
    assert activations.get('relu') is activations.relu
    assert activations.serialize(activations.tanh) == 'tanh'
    assert activations.deserialize('sigmoid') is activations.sigmoid
    custom = lambda x: x * 2  # noqa: E731
    assert activations.get(custom) is custom
    assert activations.deserialize('double', custom_objects={
        'double': custom}) is custom
    with pytest.raises(ValueError):
        activations.get('no_such_activation')
    with pytest.raises(ValueError):
        activations.get(1)
