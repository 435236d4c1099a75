"""Regularizers: penalties against NumPy, lookup and config."""
import numpy as np
import pytest

from keras import backend as K
from keras import regularizers

W = np.array([[1., -2.], [0.5, 3.]], dtype='float32')


def test_l1_l2_penalties():
    x = K.variable(W)
    assert K.eval(regularizers.l1(0.1)(x)) == pytest.approx(
        0.1 * np.abs(W).sum())
    assert K.eval(regularizers.l2(0.2)(x)) == pytest.approx(
        0.2 * np.square(W).sum())
    assert K.eval(regularizers.l1_l2(0.1, 0.2)(x)) == pytest.approx(
        0.1 * np.abs(W).sum() + 0.2 * np.square(W).sum())
    assert regularizers.L1L2()(x) == 0.
    assert regularizers.Regularizer()(x) == 0.


def test_alpha_regularizer():
    alphas = np.random.RandomState(0).rand(4, 2, 3).astype('float32')
    expected = 0.5 * np.mean(np.sum((1. - alphas.sum(0)) ** 2, axis=0))
    value = K.eval(regularizers.AlphaRegularizer(0.5)(K.variable(alphas)))
    assert value == pytest.approx(expected, rel=1e-5)
    assert regularizers.AlphaRegularizer()(K.variable(alphas)) == 0.


def test_config_and_get():
    reg = regularizers.l1_l2(l1=0.3, l2=0.4)
    config = regularizers.serialize(reg)
    assert config['class_name'] == 'L1L2'
    assert config['config'] == pytest.approx({'l1': 0.3, 'l2': 0.4})
    restored = regularizers.get(config)
    assert restored.get_config() == reg.get_config()
    assert isinstance(regularizers.get('L1L2'), regularizers.L1L2)
    assert regularizers.get(None) is None
    assert regularizers.get('AlphaRegularizer').get_config() == {
        'alpha_factor': 0.0}
    with pytest.raises(ValueError):
        regularizers.get(5)
