"""The fork's Scale layer: output = input * gamma + beta along one axis."""
import numpy as np
import pytest

from keras.layers import Input, Scale
from keras.layers import normalization
from keras.models import Model

from layer_helpers import check_layer


@pytest.mark.parametrize('axis', [1, -1])
def test_scale_values_config_and_gradients(axis):
    rng = np.random.RandomState(0)
    x = rng.standard_normal((2, 3, 4)).astype('float32')
    dim = x.shape[axis]
    gamma = rng.standard_normal(dim).astype('float32')
    beta = rng.standard_normal(dim).astype('float32')
    shape = [1, 1, 1]
    shape[axis] = dim
    expected = x * gamma.reshape(shape) + beta.reshape(shape)
    result = check_layer(Scale(weights=[gamma, beta], axis=axis), x,
                         expected=expected)
    layer = result['layer']
    assert [w.name.split(':')[0].split('/')[-1] for w in layer.weights] == \
        ['%s_gamma' % layer.name, '%s_beta' % layer.name]
    assert layer.get_config()['momentum'] == 0.9


def test_scale_defaults_and_errors():
    assert normalization.Scale is Scale
    inputs = Input((3, 2))
    layer = Scale(axis=1)
    outputs = layer(inputs)
    gamma, beta = layer.get_weights()
    np.testing.assert_array_equal(gamma, np.ones(3))
    np.testing.assert_array_equal(beta, np.zeros(3))
    x = np.arange(6, dtype='float32').reshape(1, 3, 2)
    np.testing.assert_allclose(Model(inputs, outputs).predict(x), x)
    with pytest.raises(ValueError, match='out of range'):
        Scale(axis=3)(Input((3, 2)))
    with pytest.raises(ValueError, match=r'\[gamma, beta\]'):
        Scale(weights=[np.ones(2)], axis=1)(Input((3, 2)))
    with pytest.raises(TypeError, match='axis'):
        Scale(axis='1')
