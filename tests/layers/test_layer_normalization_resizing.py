"""keras-utility-layer-collection's LayerNormalization, Resize2D and
DiscreteResize2D against NumPy (and Resize2D against TensorFlow 1's
`resize_images`, which it reproduces)."""
import numpy as np
import pytest
from numpy.testing import assert_allclose

from keras import backend as K
from keras import layers
from keras.layers import (Input, LayerNormalization, Resize2D,
                          DiscreteResize2D)
from keras.models import Model, load_model
from layer_helpers import check_layer

RNG = np.random.RandomState(7)
IMAGES = RNG.rand(2, 5, 7, 3).astype('float32')


@pytest.mark.parametrize('shape', [(3, 6), (2, 4, 6), (2, 3, 2, 6)])
def test_layer_normalization_values(shape):
    x = RNG.normal(2., 3., size=shape).astype('float32')
    layer = LayerNormalization(epsilon=1e-3)
    res = check_layer(layer, x, check_gradients=False)
    gain, bias = layer.get_weights()
    assert_allclose(gain, 1.) and assert_allclose(bias, 0.)
    gain, bias = RNG.rand(6).astype('float32'), RNG.rand(6).astype('float32')
    layer.set_weights([gain, bias])
    out = K.function(res['inputs'], [res['outputs']])([x])[0]
    expected = gain * (x - x.mean(-1, keepdims=True)) / \
        (x.std(-1, keepdims=True) + 1e-3) + bias
    assert_allclose(out, expected, rtol=1e-4, atol=1e-4)
    names = [w.name.split('/')[-1].split(':')[0] for w in layer.weights]
    assert names == ['gain', 'bias']


def test_layer_normalization_gradients_mask_and_errors():
    x = RNG.normal(size=(2, 4, 5)).astype('float32')
    check_layer(LayerNormalization(), x)      # gradients reach gain, bias
    x_in = Input((4, 5))
    masking = layers.Masking(0.)
    norm = LayerNormalization()
    norm(masking(x_in))
    assert norm.get_output_mask_at(0) is not None
    assert LayerNormalization().get_config()['epsilon'] == 1e-8
    with pytest.raises(ValueError, match='feature dimension'):
        LayerNormalization()(Input((4, None)))


def np_resize_axis(n_in, n_out, method):
    """Explicit TF1 formulas (align_corners=False), per output pixel."""
    scale = n_in / n_out
    matrix = np.zeros((n_out, n_in))
    for i in range(n_out):
        src = i * scale
        if method == 'nearest_neighbor':
            matrix[i, min(int(np.floor(src)), n_in - 1)] = 1.
        else:
            lo = int(np.floor(src))
            hi = min(lo + 1, n_in - 1)
            matrix[i, lo] += 1. - (src - lo)
            matrix[i, hi] += src - lo
    return matrix


@pytest.mark.parametrize('method', ['bilinear', 'nearest_neighbor'])
@pytest.mark.parametrize('size', [(10, 14), (3, 4)])
def test_resize2d_against_numpy(method, size):
    layer = Resize2D(size, method=method)
    res = check_layer(layer, IMAGES)
    rows = np_resize_axis(5, size[0], method)
    cols = np_resize_axis(7, size[1], method)
    expected = np.einsum('ip,jq,bpqc->bijc', rows, cols, IMAGES)
    assert res['output'].shape == (2,) + size + (3,)
    assert_allclose(res['output'], expected, atol=1e-5)


def test_resize2d_matches_tensorflow_resize_images():
    tf = pytest.importorskip('tensorflow')
    codes = {'bilinear': 0, 'nearest_neighbor': 1, 'bicubic': 2, 'area': 3}
    x_in = Input((5, 7, 3))
    sizes = [(8, 4), (3, 11)]
    resized = [Resize2D(size, method)(x_in) for method in codes
               for size in sizes]
    values = K.function([x_in], resized)([IMAGES])
    expected = [tf.compat.v1.image.resize_images(
        tf.constant(IMAGES), size, method=code).numpy()
        for code in codes.values() for size in sizes]
    for value, ref in zip(values, expected):
        assert_allclose(value, ref, atol=1e-5)


def test_resize2d_gradients_config_and_errors():
    x_in = Input((5, 7, 3))
    out = Resize2D((4, 6), 'bicubic')(x_in)
    grad = K.gradients(K.sum(out), [x_in])[0]
    g = K.function([x_in], [grad])([IMAGES])[0]
    assert g.shape == IMAGES.shape and np.all(np.isfinite(g))
    layer = Resize2D((4, 6), method='area')
    assert Resize2D.from_config(layer.get_config()).target_shape == (4, 6)
    with pytest.raises(ValueError, match='`method`'):
        Resize2D((4, 6), method='lanczos')
    with pytest.raises(ValueError, match='`output_shape`'):
        Resize2D(4)
    with pytest.raises(ValueError, match='expected ndim=4'):
        Resize2D((4, 6))(Input((5, 7)))
    with pytest.raises(ValueError, match='rows and cols'):
        Resize2D((4, 6))(Input((None, 7, 3)))


def np_bilinear_kernel(size):
    factor = (size + 1) // 2
    center = factor - 1 if size % 2 else factor - 0.5
    return 1. - np.abs(np.arange(size) - center) / factor


def np_transposed_same(x, kernel_1d, stride):
    """1D transposed convolution, 'same' output (n * stride), TF's crop."""
    n, k = x.shape[0], kernel_1d.shape[0]
    full = np.zeros(((n - 1) * stride + k,) + x.shape[1:])
    for i in range(n):
        full[i * stride:i * stride + k] += kernel_1d.reshape(
            (-1,) + (1,) * (x.ndim - 1)) * x[i]
    pad = max(k - stride, 0) // 2
    return full[pad:pad + n * stride]


@pytest.mark.parametrize('factor', [2, (3, 2)])
def test_discrete_resize2d_values(factor):
    layer = DiscreteResize2D(factor)
    res = check_layer(layer, IMAGES, check_gradients=False)
    f_rows, f_cols = (factor, factor) if isinstance(factor, int) else factor
    (kernel,) = layer.get_weights()
    sizes = (2 * f_rows - f_rows % 2, 2 * f_cols - f_cols % 2)
    assert kernel.shape == sizes + (3, 3)
    assert layer.trainable_weights == []
    expected = np.stack([
        np.moveaxis(np_transposed_same(
            np.moveaxis(np_transposed_same(image, np_bilinear_kernel(
                sizes[0]), f_rows), 1, 0),
            np_bilinear_kernel(sizes[1]), f_cols), 0, 1)
        for image in IMAGES])
    assert res['output'].shape == (2, 5 * f_rows, 7 * f_cols, 3)
    assert_allclose(res['output'], expected, atol=1e-5)


def test_discrete_resize2d_save_load_and_errors(tmp_path):
    x_in = Input((5, 7, 3))
    model = Model(x_in, DiscreteResize2D(2, name='up')(x_in))
    path = str(tmp_path / 'up.h5')
    model.save(path)
    loaded = load_model(path)
    assert_allclose(loaded.predict(IMAGES), model.predict(IMAGES), atol=1e-6)
    assert loaded.get_layer('up').get_config()['upscaling_factor'] == (2, 2)
    with pytest.raises(ValueError, match='`upscaling_factor`'):
        DiscreteResize2D((2, 2, 2))
    with pytest.raises(ValueError, match='channels of the input'):
        DiscreteResize2D(2)(Input((5, 7, None)))
