"""Tests of keras.layers.advanced_activations against NumPy."""
import numpy as np
import pytest
from numpy.testing import assert_allclose

from keras import layers
from keras.layers import Input
from layer_helpers import check_layer

X = np.random.RandomState(3).uniform(-2, 2, (2, 3, 4)).astype('float32')


@pytest.mark.parametrize('layer,ref', [
    (lambda: layers.LeakyReLU(0.2), lambda x: np.where(x > 0, x, 0.2 * x)),
    (lambda: layers.ELU(0.7), lambda x: np.where(x > 0, x,
                                                 0.7 * (np.exp(x) - 1))),
    (lambda: layers.ThresholdedReLU(0.5), lambda x: np.where(x > 0.5, x, 0)),
    (lambda: layers.Softmax(axis=1),
     lambda x: np.exp(x) / np.exp(x).sum(1, keepdims=True)),
    (lambda: layers.ReLU(max_value=1.5, negative_slope=0.1, threshold=0.5),
     lambda x: np.where(x >= 1.5, 1.5,
                        np.where(x >= 0.5, x, 0.1 * (x - 0.5)))),
])
def test_parameter_free_activations(layer, ref):
    res = check_layer(layer(), X)
    assert_allclose(res['output'], ref(X), atol=1e-5)


def test_relu_invalid_arguments():
    with pytest.raises(ValueError, match='max_value'):
        layers.ReLU(max_value=-1)
    with pytest.raises(ValueError, match='negative_slope'):
        layers.ReLU(negative_slope=-1)


@pytest.mark.parametrize('shared_axes', [None, [1]])
def test_prelu(shared_axes):
    layer = layers.PReLU(alpha_initializer='uniform', shared_axes=shared_axes)
    res = check_layer(layer, X)
    alpha = layer.get_weights()[0]
    expected_shape = (3, 4) if shared_axes is None else (1, 4)
    assert alpha.shape == expected_shape
    assert layer.weights[0].name.startswith(layer.name + '/alpha')
    assert_allclose(res['output'], np.where(X > 0, X, alpha * X), atol=1e-5)


def test_prelu_legacy_init_and_errors():
    with pytest.warns(UserWarning):
        layer = layers.PReLU(init='ones')
    assert layer.get_config()['alpha_initializer']['class_name'] == 'Ones'
    with pytest.raises(ValueError, match='shared_axes'):
        layers.PReLU(shared_axes=[3])(Input(shape=(3, 4)))
