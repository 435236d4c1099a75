"""The fork's convolutional additions: ClassActivationMapping and the
(compact) bilinear pooling layers, against NumPy."""
import numpy as np
import pytest
from numpy.testing import assert_allclose

from keras import backend as K
from keras import layers
from keras.layers import Input
from keras.models import Model, load_model
from layer_helpers import check_layer

RNG = np.random.RandomState(77)


def rand(*shape):
    return RNG.uniform(-1, 1, size=shape).astype('float32')


def np_sketch(x, h, s, d):
    out = np.zeros((x.shape[0], d), 'float64')
    for j in range(x.shape[1]):
        out[:, h[j]] += s[j] * x[:, j]
    return out


def np_projected_outer_product(x, y, h0, s0, h1, s1, d):
    """The outer product x y^T, every entry (j, k) sent to bucket
    (h0[j] + h1[k]) mod d with sign s0[j] s1[k]: what compact bilinear
    pooling computes, without any FFT."""
    out = np.zeros((x.shape[0], d), 'float64')
    outer = x[:, :, None] * y[:, None, :]
    for j in range(x.shape[1]):
        for k in range(y.shape[1]):
            out[:, (h0[j] + h1[k]) % d] += s0[j] * s1[k] * outer[:, j, k]
    return out


@pytest.mark.parametrize('d', [8, 7])
def test_compact_bilinear_pooling_is_the_sketched_outer_product(d, tmp_path):
    x, y = rand(3, 5), rand(3, 4)
    layer = layers.CompactBilinearPooling(d)
    res = check_layer(layer, [x, y])
    h0, h1, s0, s1 = layer.get_weights()
    assert [w.shape for w in (h0, h1, s0, s1)] == [(5,), (4,), (5,), (4,)]
    assert all(w.dtype == np.int64 for w in (h0, h1, s0, s1))
    assert set(np.unique(np.concatenate([s0, s1]))) <= {-1, 1}
    assert h0.min() >= 0 and h0.max() < d
    assert layer.trainable_weights == [] and len(layer.weights) == 4
    names = [w.name.split('/')[-1].split(':')[0] for w in layer.weights]
    assert names == ['h0', 'h1', 's0', 's1']
    expected = np_projected_outer_product(x, y, h0, s0, h1, s1, d)
    assert_allclose(res['output'], expected, atol=1e-4)
    # the hashes are saved: a reloaded model gives the same output
    a, b = Input(shape=(5,)), Input(shape=(4,))
    model = Model([a, b], layers.CompactBilinearPooling(d)([a, b]))
    path = str(tmp_path / 'cbp.h5')
    model.save(path)
    assert_allclose(load_model(path).predict([x, y]),
                    model.predict([x, y]), atol=1e-5)


def test_compact_bilinear_pooling_gradients_and_extra_outputs():
    x, y, z = rand(2, 3), rand(2, 4), rand(2, 2)
    inputs = [Input(shape=(3,)), Input(shape=(4,)), Input(shape=(2,))]
    layer = layers.CompactBilinearPooling(6, return_extra=True)
    outputs = layer(inputs)
    assert len(outputs) == 4
    assert [K.int_shape(o) for o in outputs] == [(None, 6)] * 4
    grads = K.gradients(K.sum(outputs[0] * K.constant(rand(2, 6))), inputs)
    values = K.function(inputs, outputs + grads)([x, y, z])
    h, s = layer.get_weights()[:3], layer.get_weights()[3:]
    sketches = [np_sketch(v, hi, si, 6) for v, hi, si in zip((x, y, z), h, s)]
    for got, sketch in zip(values[1:4], sketches):
        assert_allclose(got, sketch, atol=1e-5)
    # three inputs: circular convolution of the three sketches
    spectrum = np.prod([np.fft.fft(v) for v in sketches], axis=0)
    assert_allclose(values[0], np.fft.ifft(spectrum).real, atol=1e-4)
    assert all(np.any(g != 0) for g in values[4:])


def test_compact_bilinear_pooling_bad_input():
    with pytest.raises(ValueError, match='CompactBilinearPooling.*at least 2'):
        layers.CompactBilinearPooling(4)([Input(shape=(3,))])
    with pytest.raises(ValueError, match='rank 2'):
        layers.CompactBilinearPooling(4)([Input(shape=(3, 2)),
                                          Input(shape=(3,))])
    with pytest.raises(ValueError, match='conv_type'):
        layers.CompactBilinearPooling(4, conv_type='outer')


def test_count_sketch_not_saved():
    x, y = rand(3, 5), rand(3, 2)
    layer = layers.CountSketch(4)
    inputs = [Input(shape=(5,)), Input(shape=(2,))]
    outputs = layer(inputs)
    assert [K.int_shape(o) for o in outputs] == \
        layer.compute_output_shape([(None, 5), (None, 2)])
    values = K.function(inputs, outputs)([x, y])
    assert layer.weights == []  # as in the fork: the hashes are not saved
    config = layers.CountSketch.from_config(layer.get_config()).get_config()
    assert config == layer.get_config()
    h = [K.get_value(v) for v in layer.h]
    s = [K.get_value(v) for v in layer.s]
    for got, arr, hi, si in zip(values, (x, y), h, s):
        assert_allclose(got, np_sketch(arr, hi, si, 4), atol=1e-5)
    with pytest.raises(ValueError, match='return_extra'):
        layers.CountSketch(4, return_extra=True)


def test_bilinear_pooling_is_a_circular_convolution():
    x, y = rand(3, 6), rand(3, 6)
    expected = np.fft.ifft(np.fft.fft(x) * np.fft.fft(y)).real
    check_layer(layers.BilinearPooling(6), [x, y], expected=expected,
                atol=1e-4)
    with pytest.raises(ValueError, match='same shape'):
        layers.BilinearPooling(6)([Input(shape=(6,)), Input(shape=(5,))])


@pytest.mark.parametrize('data_format', ['channels_first', 'channels_last'])
def test_class_activation_mapping(data_format):
    w = rand(3, 2)
    if data_format == 'channels_first':
        maps = rand(2, 3, 4, 5)
        expected = np.einsum('bkxy,kc->bcxy', maps, w)
    else:
        maps = rand(2, 4, 5, 3)
        expected = np.einsum('bxyk,kc->bxyc', maps, w)
    layer = layers.ClassActivationMapping((3, 2), weights=[w],
                                          data_format=data_format)
    check_layer(layer, maps, expected=expected)
    assert layer.weights[0].name.split('/')[-1].startswith(layer.name + '_W')
    with pytest.raises(ValueError, match='weights_shape'):
        layers.ClassActivationMapping((4, 2), data_format=data_format)(
            Input(shape=maps.shape[1:]))
