"""Tests for keras.utils.np_utils."""
import numpy as np
import pytest

from keras.utils import np_utils, to_categorical, normalize


def test_to_categorical_shapes_and_values():
    labels = np.array([0, 2, 1, 2, 0])
    one_hot = to_categorical(labels)
    np.testing.assert_array_equal(one_hot, np.eye(3)[labels])
    assert one_hot.dtype == np.float32
    # a trailing axis of size 1 is squeezed; other axes are kept
    assert to_categorical(labels.reshape((5, 1)), 4).shape == (5, 4)
    grid = np.array([[0, 1], [1, 0]])
    out = to_categorical(grid, num_classes=2, dtype='int32')
    assert out.shape == (2, 2, 2) and out.dtype == np.int32
    np.testing.assert_array_equal(out[0, 1], [0, 1])
    assert np_utils.to_categorical(3, 5).tolist() == [0, 0, 0, 1, 0]


def test_to_categorical_out_of_range():
    with pytest.raises(ValueError, match=r'\[0, 2\)'):
        to_categorical([0, 2], num_classes=2)
    with pytest.raises(ValueError):
        to_categorical([-1, 0])


def test_normalize():
    x = np.array([[3.0, 4.0], [0.0, 0.0]])
    np.testing.assert_allclose(normalize(x), [[0.6, 0.8], [0.0, 0.0]])
    np.testing.assert_allclose(normalize(x, axis=0, order=1),
                               [[1.0, 1.0], [0.0, 0.0]])
    v = normalize(np.array([1.0, 1.0]))
    np.testing.assert_allclose(np.linalg.norm(v), 1.0)
