"""Tests of LocallyConnected1D/2D against NumPy (both implementations,
both data formats)."""
import numpy as np
import pytest
from numpy.testing import assert_allclose

from keras import layers
from keras.layers import Input
from layer_helpers import check_layer
import np_reference as ref

RNG = np.random.RandomState(9)
FORMATS = ['channels_last', 'channels_first']


def keras_bias(bias, channels_first):
    """The bias as added in channels_last layout. Keras 2's `bias_add`
    reads an N-D bias `space + (filters,)` of a channels_first output as a
    raw reshape to `(filters,) + space` (weights stay file-compatible)."""
    if not channels_first:
        return bias
    return np.moveaxis(bias.reshape((bias.shape[-1],) + bias.shape[:-1]),
                       0, -1)


@pytest.mark.parametrize('implementation', [1, 2])
@pytest.mark.parametrize('data_format', FORMATS)
def test_locally_connected_1d(implementation, data_format):
    x = RNG.uniform(-1, 1, (2, 7, 3)).astype('float32')
    layer = layers.LocallyConnected1D(4, 3, strides=2,
                                      data_format=data_format,
                                      implementation=implementation,
                                      bias_initializer='uniform')
    feed = x if data_format == 'channels_last' else ref.to_first(x)
    out = check_layer(layer, feed, atol=1e-4)['output']
    if data_format == 'channels_first':
        out = ref.to_last(out)
    kernel, bias = layer.get_weights()
    assert kernel.shape == (3, 9, 4) and bias.shape == (3, 4)
    cf = data_format == 'channels_first'
    assert_allclose(out, ref.local(x, kernel, (3,), (2,), (3,),
                                   channels_first_order=cf) +
                    keras_bias(bias, cf), atol=1e-4)


@pytest.mark.parametrize('implementation', [1, 2])
@pytest.mark.parametrize('data_format', FORMATS)
def test_locally_connected_2d(implementation, data_format):
    x = RNG.uniform(-1, 1, (2, 4, 5, 2)).astype('float32')
    layer = layers.LocallyConnected2D(3, (2, 3), strides=(2, 1),
                                      data_format=data_format,
                                      implementation=implementation,
                                      bias_initializer='uniform')
    feed = x if data_format == 'channels_last' else ref.to_first(x)
    out = check_layer(layer, feed, atol=1e-4)['output']
    if data_format == 'channels_first':
        out = ref.to_last(out)
    kernel, bias = layer.get_weights()
    assert kernel.shape == (2 * 3, 2 * 3 * 2, 3) and bias.shape == (2, 3, 3)
    expected = ref.local(x, kernel, (2, 3), (2, 1), (2, 3),
                         channels_first_order=data_format ==
                         'channels_first') + \
        keras_bias(bias, data_format == 'channels_first')
    assert_allclose(out, expected, atol=1e-4)


def test_locally_connected_errors():
    with pytest.raises(ValueError, match='valid'):
        layers.LocallyConnected2D(2, 3, padding='same')
    with pytest.raises(ValueError, match='larger than the input'):
        layers.LocallyConnected1D(2, 5)(Input(shape=(3, 2)))
    with pytest.raises(ValueError, match='fully defined'):
        layers.LocallyConnected1D(2, 2)(Input(shape=(None, 2)))
    with pytest.warns(UserWarning):
        layer = layers.LocallyConnected1D(nb_filter=2, filter_length=3)
    assert layer.filters == 2 and layer.kernel_size == (3,)
