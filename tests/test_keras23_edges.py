"""Keras 2.3 behaviours at the edges that third-party code relies on:
argument validation no stricter than 2.3, unknown ranks, utilities,
training API edges (issue 12)."""
import json

import numpy as np
import pytest

import keras
from keras import backend as K
from keras import layers as L
from keras.models import Model, Sequential, model_from_json, load_model


I64 = np.int64


# --------------------------------------------------------------------------
# 1. Argument validation not stricter than Keras 2.3
# --------------------------------------------------------------------------

def test_numpy_integer_arguments_build_serialize_and_reload(tmp_path):
    model = Sequential([
        L.Conv2D(filters=I64(4), kernel_size=(I64(3), np.int32(2)),
                 strides=I64(1), input_shape=(6, 6, 2)),
        L.ZeroPadding2D(I64(1)),
        L.Cropping2D(I64(1)),
        L.MaxPooling2D(I64(2)),
        L.Reshape((I64(2), I64(-1))),
        L.Permute((I64(2), I64(1))),
        L.Dense(I64(3)),
        L.BatchNormalization(axis=I64(-1)),
        L.Flatten(),
        L.RepeatVector(I64(2)),
        L.LSTM(units=I64(2)),
    ])
    conv = model.layers[0]
    assert conv.filters == 4 and conv.kernel_size == (3, 2)
    assert type(conv.kernel_size[0]) is int
    assert model.output_shape == (None, 2)
    x = np.random.RandomState(0).rand(2, 6, 6, 2).astype('float32')
    expected = model.predict(x)
    clone = model_from_json(model.to_json())
    clone.set_weights(model.get_weights())
    np.testing.assert_allclose(clone.predict(x), expected, atol=1e-6)
    path = str(tmp_path / 'np_ints.h5')
    model.save(path)
    np.testing.assert_allclose(load_model(path).predict(x), expected,
                               atol=1e-6)


def test_numpy_integer_axes_and_units():
    a, b = L.Input((3,)), L.Input((3,))
    out = L.Dot(axes=I64(1))([a, b])
    model = Model([a, b], out)
    x1 = np.arange(6, dtype='float32').reshape(2, 3)
    x2 = np.ones((2, 3), dtype='float32')
    np.testing.assert_allclose(model.predict([x1, x2]),
                               (x1 * x2).sum(1, keepdims=True))
    assert L.Dot(axes=(I64(1), I64(1))).axes == (1, 1)
    with pytest.raises(TypeError):
        L.Dot(axes='1')
    # still refused as before: not integers at all
    with pytest.raises((TypeError, ValueError)):
        L.Conv2D(filters=4, kernel_size='3')


def test_cropping1d_that_leaves_nothing_gives_an_empty_axis():
    inputs = L.Input((3, 2))
    layer = L.Cropping1D((1, 2))
    outputs = layer(inputs)
    assert K.int_shape(outputs) == (None, 0, 2)
    assert layer.compute_output_shape((None, 3, 2)) == (None, 0, 2)
    y = Model(inputs, outputs).predict(np.ones((2, 3, 2), 'float32'))
    assert y.shape == (2, 0, 2)
    with pytest.raises(ValueError, match='cropping'):
        L.Cropping1D((2, 2))(L.Input((3, 2)))


# --------------------------------------------------------------------------
# 2. Tensors of unknown rank (K.ndim(x) is None)
# --------------------------------------------------------------------------

unknown_rank = pytest.mark.skipif(
    K.backend() != 'tensorflow',
    reason='PyTensor tensors always have a known rank')


@unknown_rank
@pytest.mark.parametrize('cls,reference', [
    (L.Add, lambda a, b: a + b),
    (L.Subtract, lambda a, b: a - b),
    (L.Multiply, lambda a, b: a * b),
    (L.Average, lambda a, b: (a + b) / 2),
    (L.Maximum, np.maximum),
    (L.Minimum, np.minimum),
])
def test_merge_layers_on_unknown_rank(cls, reference):
    x, y = K.placeholder(shape=None), K.placeholder(shape=None)
    assert K.ndim(x) is None
    out = cls()([x, y])
    rng = np.random.RandomState(1)
    a, b = rng.rand(2, 3, 2), rng.rand(2, 3, 2)
    np.testing.assert_allclose(K.function([x, y], [out])([a, b])[0],
                               reference(a, b), atol=1e-6)
    # an unknown rank next to a known one
    z = K.placeholder(shape=(None, 3, 2))
    out = cls()([x, z])
    np.testing.assert_allclose(K.function([x, z], [out])([a, b])[0],
                               reference(a, b), atol=1e-6)


@unknown_rank
def test_concatenate_on_unknown_rank_as_keras23():
    x, y = K.placeholder(shape=None), K.placeholder(shape=None)
    a, b = np.ones((2, 3)), np.zeros((2, 3))
    # Keras 2.3's backend: a negative axis on an unknown rank is axis 0
    out = L.Concatenate()([x, y])
    np.testing.assert_allclose(K.function([x, y], [out])([a, b])[0],
                               np.concatenate([a, b], 0))
    out = L.Concatenate(axis=1)([x, y])
    np.testing.assert_allclose(K.function([x, y], [out])([a, b])[0],
                               np.concatenate([a, b], 1))


@unknown_rank
def test_losses_on_unknown_rank():
    yt, yp, sw = (K.placeholder(shape=None) for _ in range(3))
    t = np.array([[0., 1., 0.], [1., 0., 0.]])
    p = np.array([[.2, .7, .1], [.5, .25, .25]])
    w = np.array([1., 3.])
    mse = ((t - p) ** 2).mean(-1)
    cce = -(t * np.log(p / p.sum(-1, keepdims=True))).sum(-1)
    for fn, per_sample in ((keras.losses.mean_squared_error, mse),
                           (keras.losses.categorical_crossentropy, cce)):
        f = K.function([yt, yp], [fn(yt, yp)])
        np.testing.assert_allclose(f([t, p])[0], per_sample, rtol=1e-5)
    for obj, per_sample in ((keras.losses.MeanSquaredError(), mse),
                            (keras.losses.CategoricalCrossentropy(), cce)):
        f = K.function([yt, yp, sw], [obj(yt, yp, sample_weight=sw)])
        np.testing.assert_allclose(f([t, p, w])[0],
                                   (per_sample * w).mean(), rtol=1e-5)
    labels = K.placeholder(shape=None)
    sparse = keras.losses.sparse_categorical_crossentropy(labels, yp)
    f = K.function([labels, yp], [sparse])
    np.testing.assert_allclose(f([np.array([1., 0.]), p])[0], cce,
                               rtol=1e-5)
