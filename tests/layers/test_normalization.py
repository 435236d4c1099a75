"""Tests of BatchNormalization: training statistics, moving averages
updated through `updates`, inference with the moving statistics."""
import numpy as np
import pytest
from numpy.testing import assert_allclose

from keras import backend as K
from keras import layers
from keras.layers import Input
from layer_helpers import check_layer

X = np.random.RandomState(5).normal(2., 3., (6, 3, 4)).astype('float32')


def np_batchnorm(x, axis, gamma, beta, eps):
    axes = tuple(i for i in range(x.ndim) if i != axis % x.ndim)
    shape = [1] * x.ndim
    shape[axis] = x.shape[axis]
    mean = x.mean(axis=axes).reshape(shape)
    var = x.var(axis=axes).reshape(shape)
    return (x - mean) / np.sqrt(var + eps) * gamma.reshape(shape) + \
        beta.reshape(shape)


@pytest.mark.parametrize('axis', [-1, 1])
def test_batchnorm_training_inference_and_updates(axis):
    layer = layers.BatchNormalization(axis=axis, momentum=0.8,
                                      gamma_initializer='uniform',
                                      beta_initializer='uniform')
    res = check_layer(layer, X, learning_phase=1, atol=1e-4, rtol=1e-4)
    gamma, beta, mean, var = layer.get_weights()
    c = X.shape[axis]
    assert [w.shape for w in layer.get_weights()] == [(c,)] * 4
    names = [w.name.split('/')[-1].split(':')[0] for w in layer.weights]
    assert names == ['gamma', 'beta', 'moving_mean', 'moving_variance']
    assert len(layer.trainable_weights) == 2
    assert len(layer.non_trainable_weights) == 2
    assert_allclose(res['output'], np_batchnorm(X, axis, gamma, beta, 1e-3),
                    atol=1e-4)

    # Running the updates moves the statistics towards the batch ones.
    inp = res['inputs'][0]
    assert len(layer.updates) == 2
    f = K.function([inp, K.learning_phase()], [res['outputs']],
                   updates=layer.updates)
    f([X, 1])
    new_mean, new_var = K.batch_get_value([layer.moving_mean,
                                           layer.moving_variance])
    axes = tuple(i for i in range(X.ndim) if i != axis % X.ndim)
    n = np.prod([X.shape[i] for i in axes])
    assert_allclose(new_mean, 0.8 * mean + 0.2 * X.mean(axes), rtol=1e-4)
    assert_allclose(new_var, 0.8 * var + 0.2 * X.var(axes) * n / (n - 1),
                    rtol=1e-3)

    # Inference uses the moving statistics.
    out = K.function([inp, K.learning_phase()], [res['outputs']])([X, 0])[0]
    shape = [1] * X.ndim
    shape[axis] = c
    expected = ((X - new_mean.reshape(shape)) /
                np.sqrt(new_var.reshape(shape) + 1e-3) *
                gamma.reshape(shape) + beta.reshape(shape))
    assert_allclose(out, expected, atol=1e-4)


def test_batchnorm_without_center_scale():
    layer = layers.BatchNormalization(center=False, scale=False)
    res = check_layer(layer, X, learning_phase=1, check_gradients=False)
    assert len(layer.weights) == 2
    assert_allclose(res['output'], np_batchnorm(
        X, -1, np.ones(4), np.zeros(4), 1e-3), atol=1e-4)


def test_batchnorm_mode_1_samplewise():
    layer = layers.BatchNormalization(mode=1)
    res = check_layer(layer, X, learning_phase=0)
    mean = X.mean(-1, keepdims=True)
    std = np.sqrt(X.var(-1, keepdims=True) + 1e-3)
    assert_allclose(res['output'], (X - mean) / (std + 1e-3), atol=1e-4)
    assert len(layer.weights) == 4


def test_batchnorm_errors_and_legacy():
    with pytest.raises(ValueError, match='defined dimension'):
        layers.BatchNormalization(axis=1)(Input(shape=(None, 3)))
    with pytest.raises(ValueError, match='out of range'):
        layers.BatchNormalization(axis=3)(Input(shape=(3,)))
    with pytest.raises(TypeError, match='positional'):
        layers.BatchNormalization(1e-3, 0)
    with pytest.warns(UserWarning):
        layer = layers.BatchNormalization(beta_init='ones', gamma_init='zeros')
    config = layer.get_config()
    assert config['beta_initializer']['class_name'] == 'Ones'
    assert config['gamma_initializer']['class_name'] == 'Zeros'
