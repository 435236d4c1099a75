"""Tests of keras.layers.pooling against NumPy, both data formats."""
import numpy as np
import pytest
from numpy.testing import assert_allclose

from keras import backend as K
from keras import layers
from keras.layers import Input
from layer_helpers import check_layer
import np_reference as ref

RNG = np.random.RandomState(2)
FORMATS = ['channels_last', 'channels_first']


def run(layer, x_last, data_format):
    x = x_last if data_format == 'channels_last' else ref.to_first(x_last)
    out = check_layer(layer, x)['output']
    return out if data_format == 'channels_last' or out.ndim == 2 \
        else ref.to_last(out)


@pytest.mark.parametrize('data_format', FORMATS)
@pytest.mark.parametrize('rank,cls,mode', [
    (1, layers.MaxPooling1D, 'max'), (1, layers.AveragePooling1D, 'avg'),
    (2, layers.MaxPooling2D, 'max'), (2, layers.AveragePooling2D, 'avg'),
    (3, layers.MaxPooling3D, 'max'), (3, layers.AveragePooling3D, 'avg')])
@pytest.mark.parametrize('padding', ['valid', 'same'])
def test_pooling(data_format, rank, cls, mode, padding):
    shape = {1: (2, 7, 3), 2: (2, 5, 4, 3), 3: (1, 3, 5, 4, 2)}[rank]
    x = RNG.uniform(-1, 1, shape).astype('float32')
    size = (2,) * rank
    strides = (2,) + (1,) * (rank - 1)
    layer = cls(pool_size=size if rank > 1 else 2,
                strides=strides if rank > 1 else 2, padding=padding,
                data_format=data_format)
    out = run(layer, x, data_format)
    assert_allclose(out, ref.pool(x, size, strides if rank > 1 else (2,),
                                  padding, mode), atol=1e-5)


@pytest.mark.parametrize('data_format', FORMATS)
@pytest.mark.parametrize('rank,cls,fn', [
    (1, layers.GlobalMaxPooling1D, np.max),
    (1, layers.GlobalAveragePooling1D, np.mean),
    (2, layers.GlobalMaxPooling2D, np.max),
    (2, layers.GlobalAveragePooling2D, np.mean),
    (3, layers.GlobalMaxPooling3D, np.max),
    (3, layers.GlobalAveragePooling3D, np.mean)])
def test_global_pooling(data_format, rank, cls, fn):
    shape = (2,) + (3,) * rank + (4,)
    x = RNG.uniform(-1, 1, shape).astype('float32')
    out = run(cls(data_format=data_format), x, data_format)
    assert_allclose(out, fn(x, axis=tuple(range(1, rank + 1))), atol=1e-5)


def test_global_average_pooling_1d_mask():
    x = RNG.uniform(-1, 1, (2, 4, 3)).astype('float32')
    x[0, 2:] = 0.
    inp = Input(shape=(4, 3))
    out = layers.GlobalAveragePooling1D()(layers.Masking()(inp))
    value = K.function([inp], [out])([x])[0]
    mask = np.any(x != 0, -1)[..., None]
    assert_allclose(value, (x * mask).sum(1) / mask.sum(1), atol=1e-5)


def test_pooling_errors_and_aliases():
    with pytest.raises(ValueError, match='pool_size'):
        layers.MaxPooling2D(4)(Input(shape=(3, 3, 1)))
    with pytest.raises(ValueError, match='padding'):
        layers.MaxPooling2D(padding='causal')
    assert layers.MaxPool2D is layers.MaxPooling2D
    assert layers.AvgPool1D is layers.AveragePooling1D
    assert layers.GlobalAvgPool2D is layers.GlobalAveragePooling2D
    assert layers.GlobalMaxPool3D is layers.GlobalMaxPooling3D


def test_pooling_legacy_arguments():
    with pytest.warns(UserWarning):
        layer = layers.MaxPooling1D(pool_length=3, stride=1,
                                    border_mode='same')
    assert (layer.pool_size, layer.strides, layer.padding) == ((3,), (1,),
                                                               'same')
    with pytest.warns(UserWarning):
        layer = layers.AveragePooling2D((2, 2), dim_ordering='th')
    assert layer.data_format == 'channels_first'
    with pytest.warns(UserWarning):
        layer = layers.GlobalMaxPooling2D(dim_ordering='tf')
    assert layer.data_format == 'channels_last'
