"""Tests of keras.layers.Embedding."""
import numpy as np
import pytest
from numpy.testing import assert_allclose


from keras import layers
from layer_helpers import check_layer


def test_embedding_lookup_mask_and_gradients():
    ids = np.array([[1, 2, 0], [4, 0, 3]], dtype='int32')
    layer = layers.Embedding(5, 3, mask_zero=True)
    res = check_layer(layer, ids, input_dtypes='int32')
    table = layer.get_weights()[0]
    assert table.shape == (5, 3)
    assert layer.weights[0].name.startswith(layer.name + '/embeddings')
    assert_allclose(res['output'], table[ids], atol=1e-6)
    assert (res['mask'][0] == (ids != 0)).all()
    # Only the looked-up rows get a gradient.
    grad = res['grads'][0]
    used = np.unique(ids)
    assert np.all(grad[used] != 0)
    assert np.all(np.delete(grad, used, axis=0) == 0)


def test_embedding_float_input_and_input_length():
    layer = layers.Embedding(10, 4, input_length=3)
    assert layer.batch_input_shape == (None, 3)
    ids = np.array([[1, 2, 3]], dtype='float32')
    res = check_layer(layer, ids)
    assert res['output'].shape == (1, 3, 4)
    assert layer.compute_output_shape((None, 3)) == (None, 3, 4)
    assert layer.compute_mask(None) is None


def test_embedding_input_length_mismatch():
    layer = layers.Embedding(10, 4, input_length=3)
    with pytest.raises(ValueError, match='input_length'):
        layer.compute_output_shape((None, 5))
    with pytest.raises(ValueError, match='input_dim'):
        layers.Embedding(0, 4)


def test_embedding_legacy_arguments():
    with pytest.warns(UserWarning):
        layer = layers.Embedding(10, 4, init='zeros', dropout=0.2,
                                 W_regularizer='l2')
    assert layer.get_config()['embeddings_initializer']['class_name'] == \
        'Zeros'
    assert layer.embeddings_regularizer is not None
