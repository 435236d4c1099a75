"""keras-extra's TimeDistributed* layers with their 2016 spellings."""
import numpy as np
import pytest
from numpy.testing import assert_allclose

from keras import backend as K
from keras.layers import Input
from keras.layers.extra import (TimeDistributedConvolution2D,
                                TimeDistributedMaxPooling2D,
                                TimeDistributedAveragePooling2D,
                                TimeDistributedFlatten)
from keras.models import Sequential, load_model
from layer_helpers import check_layer

RNG = np.random.RandomState(2016)


def rand(*shape):
    return RNG.uniform(-1, 1, size=shape).astype('float32')


def np_conv_valid_last(x, kernel, bias, strides):
    """x (N, H, W, C), kernel (kh, kw, C, F): 'valid' cross-correlation."""
    kh, kw = kernel.shape[:2]
    sh, sw = strides
    rows = (x.shape[1] - kh) // sh + 1
    cols = (x.shape[2] - kw) // sw + 1
    out = np.zeros((x.shape[0], rows, cols, kernel.shape[3]))
    for i in range(rows):
        for j in range(cols):
            patch = x[:, i * sh:i * sh + kh, j * sw:j * sw + kw, :]
            out[:, i, j] = np.tensordot(patch, kernel, axes=3)
    return out + bias


def np_pool_last(x, size, reduce):
    n, h, w, c = x.shape
    rows, cols = h // size[0], w // size[1]
    x = x[:, :rows * size[0], :cols * size[1]]
    x = x.reshape(n, rows, size[0], cols, size[1], c)
    return reduce(reduce(x, axis=4), axis=2)


def per_timestep(fn, x, channels_first):
    """Applies `fn` (channels-last images) to every timestep of x."""
    b, t = x.shape[:2]
    frames = x.reshape((b * t,) + x.shape[2:])
    if channels_first:
        frames = frames.transpose(0, 2, 3, 1)
    out = fn(frames)
    if channels_first:
        out = out.transpose(0, 3, 1, 2)
    return out.reshape((b, t) + out.shape[1:])


@pytest.mark.parametrize('dim_ordering', ['th', 'tf'])
def test_time_distributed_convolution2d(dim_ordering):
    first = dim_ordering == 'th'
    x = rand(2, 3, 2, 6, 5) if first else rand(2, 3, 6, 5, 2)
    with pytest.warns(UserWarning, match='TimeDistributed\\(Conv2D'):
        layer = TimeDistributedConvolution2D(4, 3, 2, subsample=(2, 1),
                                             border_mode='valid',
                                             dim_ordering=dim_ordering,
                                             activation='tanh',
                                             init='uniform')
    res = check_layer(layer, x)
    kernel, bias = layer.get_weights()
    assert kernel.shape == (3, 2, 2, 4) and bias.shape == (4,)
    assert [w.name.split('/')[-1].split(':')[0] for w in layer.weights] == \
        ['kernel', 'bias']
    expected = per_timestep(
        lambda f: np.tanh(np_conv_valid_last(f, kernel, bias, (2, 1))),
        x, first)
    assert_allclose(res['output'], expected, atol=1e-5)
    config = layer.get_config()
    assert config['nb_filter'] == 4 and config['dim_ordering'] == \
        dim_ordering and 'layer' not in config


@pytest.mark.parametrize('dim_ordering', ['th', 'tf'])
@pytest.mark.parametrize('cls,reduce', [(TimeDistributedMaxPooling2D, np.max),
                                        (TimeDistributedAveragePooling2D,
                                         np.mean)])
def test_time_distributed_pooling(dim_ordering, cls, reduce):
    first = dim_ordering == 'th'
    x = rand(2, 3, 2, 6, 5) if first else rand(2, 3, 6, 5, 2)
    layer = cls(pool_size=(2, 2), border_mode='valid',
                dim_ordering=dim_ordering)
    expected = per_timestep(lambda f: np_pool_last(f, (2, 2), reduce), x,
                            first)
    check_layer(layer, x, expected=expected, atol=1e-6)


def test_time_distributed_flatten_keeps_the_stored_order():
    x = rand(2, 3, 2, 4, 5)
    check_layer(TimeDistributedFlatten(), x, expected=x.reshape(2, 3, -1))


def test_keras_extra_model_round_trip(tmp_path):
    x = rand(2, 4, 1, 8, 8)
    model = Sequential()
    model.add(TimeDistributedConvolution2D(3, 3, 3, border_mode='same',
                                           input_shape=(4, 1, 8, 8)))
    model.add(TimeDistributedMaxPooling2D(pool_size=(2, 2)))
    model.add(TimeDistributedFlatten())
    assert model.output_shape == (None, 4, 48)
    path = str(tmp_path / 'extra.h5')
    model.save(path)
    reloaded = load_model(path)
    assert type(reloaded.layers[0]) is TimeDistributedConvolution2D
    assert_allclose(reloaded.predict(x), model.predict(x), atol=1e-6)
    assert K.int_shape(reloaded.layers[0].weights[0]) == (3, 3, 1, 3)


def test_bad_arguments_name_the_layer():
    with pytest.raises(ValueError, match='TimeDistributedConvolution2D.*'
                       'border_mode'):
        TimeDistributedConvolution2D(2, 3, 3, border_mode='full')
    with pytest.raises(ValueError, match='TimeDistributedMaxPooling2D'):
        TimeDistributedMaxPooling2D(border_mode='full')
    with pytest.raises(ValueError, match='rank 3'):
        TimeDistributedFlatten()(Input(shape=(4,)))
