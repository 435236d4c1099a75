"""Initializers: shapes, moments, seeds, special matrices and
serialization."""
import numpy as np
import pytest

from keras import backend as K
from keras import initializers

SHAPE = (200, 100)


def _value(init, shape=SHAPE):
    return K.eval(K.variable(init(shape)))


def test_constant_initializers():
    np.testing.assert_array_equal(_value(initializers.Zeros(), (2, 3)), 0)
    np.testing.assert_array_equal(_value(initializers.Ones(), (2, 3)), 1)
    np.testing.assert_array_equal(_value(initializers.Constant(2.5), (3,)),
                                  2.5)


@pytest.mark.parametrize('init,mean,std,bound', [
    (initializers.RandomNormal(mean=1., stddev=0.5, seed=1), 1., 0.5, None),
    (initializers.RandomUniform(-1., 2., seed=1), 0.5, 3. / np.sqrt(12),
     (-1., 2.)),
    (initializers.TruncatedNormal(stddev=0.5, seed=1), 0., 0.5 * 0.8796,
     (-1., 1.)),
    (initializers.glorot_uniform(seed=1), 0., np.sqrt(2. / 300), None),
    (initializers.he_normal(seed=1), 0., np.sqrt(2. / 200), None),
    (initializers.lecun_normal(seed=1), 0., np.sqrt(1. / 200), None),
    (initializers.VarianceScaling(3., 'fan_out', 'uniform', seed=1), 0.,
     np.sqrt(3. / 100), None),
])
def test_random_initializer_moments(init, mean, std, bound):
    x = _value(init)
    assert x.shape == SHAPE
    assert abs(x.mean() - mean) < 0.05 * max(std, 0.1) + 0.01
    assert abs(x.std() - std) / std < 0.05
    if bound is not None:
        assert x.min() >= bound[0] - 1e-6 and x.max() <= bound[1] + 1e-6


def test_seeds_are_reproducible():
    a = _value(initializers.glorot_normal(seed=7), (5, 4))
    b = _value(initializers.glorot_normal(seed=7), (5, 4))
    np.testing.assert_allclose(a, b)
    init = initializers.RandomNormal(seed=3)
    first, second = _value(init, (6,)), _value(init, (6,))
    assert not np.allclose(first, second)
    assert init.seed == 5


def test_orthogonal_and_identity():
    q = _value(initializers.Orthogonal(gain=2., seed=1), (6, 4))
    np.testing.assert_allclose(q.T.dot(q), 4. * np.eye(4), atol=1e-5)
    q = _value(initializers.orthogonal(seed=2), (3, 3, 8))
    flat = q.reshape(9, 8)
    np.testing.assert_allclose(flat.T.dot(flat), np.eye(8), atol=1e-5)
    np.testing.assert_allclose(_value(initializers.Identity(0.5), (3, 3)),
                               0.5 * np.eye(3))
    # Keras 2.3: identity blocks concatenated along the long side.
    np.testing.assert_allclose(_value(initializers.Identity(0.5), (2, 6)),
                               0.5 * np.hstack([np.eye(2)] * 3))
    np.testing.assert_allclose(_value(initializers.identity(), (4, 2)),
                               np.vstack([np.eye(2)] * 2))
    with pytest.raises(ValueError, match='multiple'):
        initializers.Identity()((2, 3))
    with pytest.raises(ValueError, match='2D'):
        initializers.Identity()((2, 2, 2))


def test_fans_and_errors():
    assert initializers._compute_fans((3, 3, 4, 8)) == (36, 72)
    assert initializers._compute_fans((5, 6)) == (5, 6)
    assert initializers._compute_fans((2, 3, 4, 5, 6, 7))[0] == \
        pytest.approx(np.sqrt(5040))
    with pytest.raises(ValueError, match='scale'):
        initializers.VarianceScaling(scale=0.)
    with pytest.raises(ValueError, match='mode'):
        initializers.VarianceScaling(mode='fan_max')
    with pytest.raises(ValueError, match='distribution'):
        initializers.VarianceScaling(distribution='poisson')


def test_get_serialize_deserialize():
    init = initializers.get('glorot_uniform')
    assert isinstance(init, initializers.VarianceScaling)
    assert init.get_config() == {'scale': 1., 'mode': 'fan_avg',
                                 'distribution': 'uniform', 'seed': None}
    assert isinstance(initializers.get('zeros'), initializers.Zeros)
    config = initializers.serialize(initializers.RandomUniform(-1, 1, 4))
    assert config == {'class_name': 'RandomUniform',
                      'config': {'minval': -1, 'maxval': 1, 'seed': 4}}
    restored = initializers.deserialize(config)
    assert restored.get_config() == config['config']
    # tf.keras files may carry a dtype entry.
    assert isinstance(initializers.Zeros.from_config({'dtype': 'float32'}),
                      initializers.Zeros)
    assert initializers.zero is initializers.zeros is initializers.Zeros
    assert initializers.normal is initializers.RandomNormal
    with pytest.raises(ValueError):
        initializers.get(3)
