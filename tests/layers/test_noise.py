"""Tests of keras.layers.noise: identity at test time, noise in training."""
import numpy as np
import pytest
from numpy.testing import assert_allclose

from keras import layers
from layer_helpers import check_layer, eval_layer


@pytest.mark.parametrize('layer_fn', [lambda: layers.GaussianNoise(0.5),
                                      lambda: layers.GaussianDropout(0.4),
                                      lambda: layers.AlphaDropout(0.3)])
def test_identity_at_test_time_and_noisy_in_training(layer_fn):
    x = np.random.RandomState(0).uniform(1, 2, (200, 20)).astype('float32')
    res = check_layer(layer_fn(), x, learning_phase=0)
    assert_allclose(res['output'], x)
    noisy = eval_layer(layer_fn(), x, learning_phase=1)[0]
    assert noisy.shape == x.shape and not np.allclose(noisy, x)


def test_gaussian_noise_statistics():
    x = np.zeros((400, 50), dtype='float32')
    out = eval_layer(layers.GaussianNoise(0.5), x, learning_phase=1)[0]
    assert abs(out.mean()) < 0.02 and abs(out.std() - 0.5) < 0.02


def test_gaussian_dropout_statistics():
    x = np.ones((400, 50), dtype='float32')
    out = eval_layer(layers.GaussianDropout(0.2), x, learning_phase=1)[0]
    assert abs(out.mean() - 1) < 0.02
    assert abs(out.std() - np.sqrt(0.2 / 0.8)) < 0.02


def test_alpha_dropout_keeps_mean_and_variance():
    x = np.random.RandomState(1).normal(size=(400, 100)).astype('float32')
    out = eval_layer(layers.AlphaDropout(0.2), x, learning_phase=1)[0]
    assert abs(out.mean()) < 0.05 and abs(out.std() - 1) < 0.05
    alpha_p = -1.6732632423543772 * 1.0507009873554805
    a = ((1 - 0.2) * (1 + 0.2 * alpha_p ** 2)) ** -0.5
    dropped = np.isclose(out, a * alpha_p + (-a * alpha_p * 0.2), atol=1e-5)
    assert 0.15 < dropped.mean() < 0.25


def test_legacy_names():
    with pytest.warns(UserWarning):
        assert layers.GaussianNoise(sigma=0.3).stddev == 0.3
    with pytest.warns(UserWarning):
        assert layers.GaussianDropout(p=0.3).rate == 0.3
