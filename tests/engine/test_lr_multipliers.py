"""Per-layer learning-rate multipliers (the multimodal fork's feature):
one optimizer step moves a weight `multiplier` times as far."""
import numpy as np
import pytest

from keras import optimizers
from keras.layers import Dense, Input
from keras.models import Model

X = np.array([[1., 2.], [0.5, -1.], [2., 0.]], 'float32')
Y = np.array([[1., 0., 1.], [0., 1., 0.], [1., 1., 0.]], 'float32')


def _step(optimizer, **dense_kwargs):
    """Weights before and after one training step of a Dense(3) layer."""
    inputs = Input(shape=(2,))
    layer = Dense(3, kernel_initializer='ones', bias_initializer='zeros',
                  **dense_kwargs)
    model = Model(inputs, layer(inputs))
    model.compile(optimizer, 'mse')
    before = [w.copy() for w in layer.get_weights()]
    model.train_on_batch(X, Y)
    return [a - b for a, b in zip(layer.get_weights(), before)]


@pytest.mark.parametrize('spelling', ['W', 'kernel'])
def test_sgd_step_scales_exactly(spelling):
    plain = _step(optimizers.SGD(lr=0.01))
    kwargs = {spelling + '_learning_rate_multiplier': 10.0,
              ('b' if spelling == 'W' else 'bias') +
              '_learning_rate_multiplier': 10.0}
    scaled = _step(optimizers.SGD(lr=0.01), **kwargs)
    for p, s in zip(plain, scaled):
        assert np.abs(p).max() > 0
        np.testing.assert_allclose(s, 10. * p, rtol=1e-5, atol=1e-7)


def test_multiplier_only_on_kernel():
    plain = _step(optimizers.SGD(lr=0.01))
    scaled = _step(optimizers.SGD(lr=0.01), kernel_learning_rate_multiplier=3.)
    np.testing.assert_allclose(scaled[0], 3. * plain[0], rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(scaled[1], plain[1], rtol=1e-5, atol=1e-7)


def test_zero_multiplier_freezes_weight():
    scaled = _step(optimizers.SGD(lr=0.1), W_learning_rate_multiplier=0.,
                   b_learning_rate_multiplier=0.)
    for s in scaled:
        np.testing.assert_allclose(s, 0., atol=1e-7)


@pytest.mark.parametrize('make', [lambda: optimizers.Adam(lr=0.01),
                                  lambda: optimizers.RMSprop(lr=0.01)])
def test_adaptive_optimizers_scale_the_step(make):
    plain = _step(make())
    scaled = _step(make(), kernel_learning_rate_multiplier=10.0,
                   bias_learning_rate_multiplier=10.0)
    for p, s in zip(plain, scaled):
        np.testing.assert_allclose(s, 10. * p, rtol=1e-4, atol=1e-6)


def test_variables_carry_the_multiplier():
    inputs = Input(shape=(2,))
    layer = Dense(3, W_learning_rate_multiplier=2.0,
                  b_learning_rate_multiplier=0.5)
    layer(inputs)
    assert getattr(layer.kernel, '_learning_rate_multiplier') == 2.0
    assert getattr(layer.bias, '_learning_rate_multiplier') == 0.5
