"""Weight constraints against NumPy; aliases and config."""
import numpy as np
import pytest

from keras import backend as K
from keras import constraints

W = np.random.RandomState(3).randn(4, 3).astype('float32') * 3.


def _apply(constraint, w=W):
    return K.eval(constraint(K.variable(w)))


def test_max_norm():
    out = _apply(constraints.MaxNorm(max_value=2., axis=0))
    norms = np.sqrt(np.sum(W ** 2, axis=0, keepdims=True))
    expected = W * np.clip(norms, 0, 2.) / (1e-7 + norms)
    np.testing.assert_allclose(out, expected, rtol=1e-5)
    assert np.all(np.linalg.norm(out, axis=0) <= 2. + 1e-5)


def test_non_neg_unit_norm_min_max_norm():
    np.testing.assert_allclose(_apply(constraints.NonNeg()),
                               np.maximum(W, 0.))
    out = _apply(constraints.UnitNorm(axis=1))
    np.testing.assert_allclose(np.linalg.norm(out, axis=1), 1., rtol=1e-5)
    out = _apply(constraints.MinMaxNorm(min_value=5., max_value=6.,
                                        rate=0.5))
    norms = np.linalg.norm(W, axis=0)
    desired = 0.5 * np.clip(norms, 5., 6.) + 0.5 * norms
    np.testing.assert_allclose(np.linalg.norm(out, axis=0), desired,
                               rtol=1e-4)
    np.testing.assert_allclose(_apply(constraints.Constraint()), W)


def test_aliases_config_and_get():
    assert constraints.max_norm is constraints.maxnorm is constraints.MaxNorm
    assert constraints.non_neg is constraints.nonneg is constraints.NonNeg
    assert constraints.unit_norm is constraints.unitnorm is \
        constraints.UnitNorm
    assert constraints.min_max_norm is constraints.MinMaxNorm
    c = constraints.MinMaxNorm(0.5, 2., rate=0.3, axis=[0, 1])
    restored = constraints.get(constraints.serialize(c))
    assert isinstance(restored, constraints.MinMaxNorm)
    assert restored.get_config() == c.get_config()
    assert isinstance(constraints.get('max_norm'), constraints.MaxNorm)
    assert constraints.get(None) is None
    with pytest.raises(ValueError):
        constraints.get(1.5)
