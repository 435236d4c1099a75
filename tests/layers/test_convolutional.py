"""Tests of keras.layers.convolutional against NumPy references, in both
data formats."""
import numpy as np
import pytest
from numpy.testing import assert_allclose


from keras import layers
from keras.layers import Input
from layer_helpers import check_layer
import np_reference as ref

RNG = np.random.RandomState(11)
FORMATS = ['channels_last', 'channels_first']


def rand(*shape):
    return RNG.uniform(-1, 1, size=shape).astype('float32')


def run_conv(layer, x_last, data_format, **kwargs):
    """Runs the layer on `x_last` given in the data format; returns the
    output in channels_last and the result dict."""
    x = x_last if data_format == 'channels_last' else ref.to_first(x_last)
    res = check_layer(layer, x, atol=1e-4, rtol=1e-4, **kwargs)
    out = res['output']
    return (out if data_format == 'channels_last' else ref.to_last(out)), res


@pytest.mark.parametrize('data_format', FORMATS)
@pytest.mark.parametrize('padding,strides,dilation', [
    ('valid', 1, 1), ('same', 2, 1), ('valid', 1, 2), ('causal', 1, 2)])
def test_conv1d(data_format, padding, strides, dilation):
    if padding == 'causal' and data_format == 'channels_first':
        with pytest.raises(ValueError, match='causal'):
            layers.Conv1D(2, 3, padding='causal', data_format=data_format)
        return
    x = rand(2, 7, 3)
    layer = layers.Conv1D(4, 3, strides=strides, padding=padding,
                          dilation_rate=dilation, data_format=data_format,
                          bias_initializer='uniform')
    out, res = run_conv(layer, x, data_format)
    kernel, bias = layer.get_weights()
    assert kernel.shape == (3, 3, 4) and bias.shape == (4,)
    expected = ref.conv(x, kernel, (strides,), padding, (dilation,)) + bias
    assert_allclose(out, expected, atol=1e-4)


@pytest.mark.parametrize('data_format', FORMATS)
@pytest.mark.parametrize('padding,strides,dilation', [
    ('valid', (1, 1), (1, 1)), ('same', (2, 1), (1, 1)),
    ('same', (1, 1), (2, 2))])
def test_conv2d(data_format, padding, strides, dilation):
    x = rand(2, 6, 5, 3)
    layer = layers.Conv2D(2, (3, 2), strides=strides, padding=padding,
                          dilation_rate=dilation, data_format=data_format,
                          activation='relu', bias_initializer='uniform')
    out, res = run_conv(layer, x, data_format)
    kernel, bias = layer.get_weights()
    assert kernel.shape == (3, 2, 3, 2)
    expected = np.maximum(ref.conv(x, kernel, strides, padding, dilation) +
                          bias, 0)
    assert_allclose(out, expected, atol=1e-4)


@pytest.mark.parametrize('data_format', FORMATS)
def test_conv3d(data_format):
    x = rand(1, 4, 5, 4, 2)
    layer = layers.Conv3D(2, 2, strides=(1, 2, 1), padding='same',
                          data_format=data_format)
    out, _ = run_conv(layer, x, data_format)
    kernel, bias = layer.get_weights()
    assert kernel.shape == (2, 2, 2, 2, 2)
    assert_allclose(out, ref.conv(x, kernel, (1, 2, 1), 'same', (1, 1, 1)) +
                    bias, atol=1e-4)


@pytest.mark.parametrize('data_format', FORMATS)
@pytest.mark.parametrize('padding,strides,output_padding', [
    ('valid', (2, 2), None), ('same', (2, 1), None), ('valid', (2, 2), (1, 0)),
    ('same', (2, 2), (1, 1))])
def test_conv2d_transpose(data_format, padding, strides, output_padding):
    x = rand(2, 3, 4, 3)
    layer = layers.Conv2DTranspose(2, (3, 2), strides=strides,
                                   padding=padding,
                                   output_padding=output_padding,
                                   data_format=data_format)
    out, res = run_conv(layer, x, data_format)
    kernel, bias = layer.get_weights()
    assert kernel.shape == (3, 2, 2, 3)  # (kh, kw, filters, in)
    expected = ref.conv_transpose(x, kernel, strides, padding,
                                  out.shape[1:3]) + bias
    assert_allclose(out, expected, atol=1e-4)


def test_conv2d_transpose_output_shape_arithmetic():
    layer = layers.Conv2DTranspose(2, 3, strides=2, padding='valid')
    assert layer.compute_output_shape((None, 4, 5, 3)) == (None, 9, 11, 2)
    layer = layers.Conv2DTranspose(2, 3, strides=2, padding='same',
                                   output_padding=1)
    assert layer.compute_output_shape((None, 4, 5, 3)) == (None, 8, 10, 2)
    with pytest.raises(ValueError, match='output_padding'):
        layers.Conv2DTranspose(2, 3, strides=1, output_padding=1)


@pytest.mark.parametrize('data_format', FORMATS)
def test_conv3d_transpose(data_format):
    x = rand(1, 2, 3, 2, 2)
    layer = layers.Conv3DTranspose(2, 2, strides=(2, 1, 2), padding='valid',
                                   data_format=data_format)
    out, _ = run_conv(layer, x, data_format)
    kernel, bias = layer.get_weights()
    assert kernel.shape == (2, 2, 2, 2, 2)
    assert_allclose(out, ref.conv_transpose(x, kernel, (2, 1, 2), 'valid',
                                            out.shape[1:4]) + bias,
                    atol=1e-4)
    assert 'dilation_rate' not in layer.get_config()


@pytest.mark.parametrize('data_format', FORMATS)
def test_separable_conv2d(data_format):
    x = rand(2, 5, 5, 3)
    layer = layers.SeparableConv2D(4, 3, depth_multiplier=2, padding='same',
                                   data_format=data_format,
                                   bias_initializer='uniform')
    out, _ = run_conv(layer, x, data_format)
    dw, pw, bias = layer.get_weights()
    assert dw.shape == (3, 3, 3, 2) and pw.shape == (1, 1, 6, 4)
    names = [w.name.split('/')[-1].split(':')[0] for w in layer.weights]
    assert names == ['depthwise_kernel', 'pointwise_kernel', 'bias']
    mid = ref.depthwise(x, dw, (1, 1), 'same', (1, 1))
    assert_allclose(out, mid.dot(pw[0, 0]) + bias, atol=1e-4)


@pytest.mark.parametrize('data_format', FORMATS)
def test_separable_conv1d(data_format):
    x = rand(2, 6, 3)
    layer = layers.SeparableConv1D(2, 3, strides=1, padding='valid',
                                   data_format=data_format)
    out, _ = run_conv(layer, x, data_format)
    dw, pw, bias = layer.get_weights()
    assert dw.shape == (3, 3, 1) and pw.shape == (1, 3, 2)
    mid = ref.depthwise(x, dw, (1,), 'valid', (1,))
    assert_allclose(out, mid.dot(pw[0]) + bias, atol=1e-4)


@pytest.mark.parametrize('data_format', FORMATS)
def test_depthwise_conv2d(data_format):
    x = rand(2, 5, 4, 3)
    layer = layers.DepthwiseConv2D((3, 2), depth_multiplier=2,
                                   strides=(2, 2), data_format=data_format,
                                   bias_initializer='uniform')
    out, _ = run_conv(layer, x, data_format)
    dw, bias = layer.get_weights()
    assert dw.shape == (3, 2, 3, 2) and bias.shape == (6,)
    assert_allclose(out, ref.depthwise(x, dw, (2, 2), 'valid', (1, 1)) +
                    bias, atol=1e-4)
    assert 'filters' not in layer.get_config()


def test_conv_errors_name_layer_and_argument():
    with pytest.raises(ValueError, match='conv2d.*larger than the input'):
        layers.Conv2D(2, 5)(Input(shape=(3, 3, 1)))
    with pytest.raises(ValueError, match='channel dimension'):
        layers.Conv2D(2, 3)(Input(shape=(5, 5, None)))
    with pytest.raises(ValueError, match='ndim=4|rank 4'):
        layers.Conv2D(2, 3)(Input(shape=(5, 5)))
    with pytest.raises(ValueError, match='padding'):
        layers.Conv2D(2, 3, padding='bogus')
    with pytest.raises(ValueError, match='data_format'):
        layers.Conv2D(2, 3, data_format='nhwc')
    with pytest.raises(ValueError, match='kernel_size'):
        layers.Conv2D(2, (3, 3, 3))


def test_aliases():
    assert layers.Convolution1D is layers.Conv1D
    assert layers.Convolution2D is layers.Conv2D
    assert layers.Convolution3D is layers.Conv3D
    assert layers.Deconvolution2D is layers.Conv2DTranspose
    assert layers.Deconv2D is layers.Conv2DTranspose
    assert layers.Convolution2DTranspose is layers.Conv2DTranspose
    assert layers.Deconvolution3D is layers.Conv3DTranspose
    assert layers.Deconv3D is layers.Conv3DTranspose
    assert layers.SeparableConvolution1D is layers.SeparableConv1D
    assert layers.SeparableConvolution2D is layers.SeparableConv2D
    from keras.layers import convolutional
    assert convolutional.MaxPooling2D is layers.MaxPooling2D


def test_conv_legacy_keras1_arguments():
    with pytest.warns(UserWarning, match='Conv2D'):
        layer = layers.Convolution2D(8, 3, 3, border_mode='same',
                                     subsample=(2, 2), dim_ordering='th',
                                     init='zeros', bias=False)
    assert layer.kernel_size == (3, 3) and layer.padding == 'same'
    assert layer.strides == (2, 2)
    assert layer.data_format == 'channels_first' and not layer.use_bias
    with pytest.warns(UserWarning):
        layer = layers.Conv1D(nb_filter=4, filter_length=3,
                              subsample_length=2, input_dim=5,
                              input_length=7)
    assert (layer.filters, layer.kernel_size, layer.strides) == (4, (3,),
                                                                 (2,))
    assert layer.batch_input_shape == (None, 7, 5)
    with pytest.warns(UserWarning):
        layer = layers.Conv3D(2, 1, 2, 3)
    assert layer.kernel_size == (1, 2, 3)
    with pytest.warns(UserWarning):
        layer = layers.Deconvolution2D(3, 3, 3, output_shape=(None, 8, 8, 3))
    assert layer.kernel_size == (3, 3)


def test_set_lr_multipliers():
    layer = layers.Conv2D(2, 3)
    layer.set_lr_multipliers(0.5, 2.0)
    layer(Input(shape=(5, 5, 1)))
    assert layer.kernel._learning_rate_multiplier == 0.5
    assert layer.bias._learning_rate_multiplier == 2.0
    sep = layers.SeparableConv2D(2, 3)
    sep(Input(shape=(5, 5, 1)))
    sep.set_lr_multipliers(0.1, None)
    assert sep.depthwise_kernel._learning_rate_multiplier == \
        pytest.approx(0.1)
    assert sep.pointwise_kernel._learning_rate_multiplier == \
        pytest.approx(0.1)


# --------------------------------------------------------------------------
# UpSampling, ZeroPadding, Cropping
# --------------------------------------------------------------------------


def run_resample(layer, x_last, data_format):
    x = x_last if data_format == 'channels_last' else ref.to_first(x_last)
    out = check_layer(layer, x)['output']
    return out if data_format == 'channels_last' else ref.to_last(out)


def test_1d_layers():
    x = RNG.uniform(size=(2, 4, 3)).astype('float32')
    assert_allclose(run_resample(layers.UpSampling1D(3), x, 'channels_last'),
                    np.repeat(x, 3, axis=1))
    assert_allclose(run_resample(layers.ZeroPadding1D((1, 2)), x, 'channels_last'),
                    np.pad(x, [(0, 0), (1, 2), (0, 0)]))
    assert_allclose(run_resample(layers.Cropping1D((1, 2)), x, 'channels_last'),
                    x[:, 1:2])


@pytest.mark.parametrize('data_format', FORMATS)
def test_2d_layers(data_format):
    x = RNG.uniform(size=(2, 4, 5, 3)).astype('float32')
    up = run_resample(layers.UpSampling2D((2, 3), data_format=data_format), x,
             data_format)
    assert_allclose(up, np.repeat(np.repeat(x, 2, 1), 3, 2))
    pad = run_resample(layers.ZeroPadding2D(((1, 0), (2, 1)), data_format=data_format),
              x, data_format)
    assert_allclose(pad, np.pad(x, [(0, 0), (1, 0), (2, 1), (0, 0)]))
    crop = run_resample(layers.Cropping2D(((1, 1), (0, 2)), data_format=data_format),
               x, data_format)
    assert_allclose(crop, x[:, 1:3, 0:3])


def test_upsampling2d_bilinear():
    x = RNG.uniform(size=(1, 2, 2, 1)).astype('float32')
    out = run_resample(layers.UpSampling2D(2, interpolation='bilinear'), x,
              'channels_last')
    assert out.shape == (1, 4, 4, 1)
    assert out.min() >= x.min() - 1e-6 and out.max() <= x.max() + 1e-6
    assert_allclose(out[0, 0, 0, 0], x[0, 0, 0, 0], atol=1e-6)
    with pytest.raises(ValueError, match='interpolation'):
        layers.UpSampling2D(interpolation='cubic')


@pytest.mark.parametrize('data_format', FORMATS)
def test_3d_layers(data_format):
    x = RNG.uniform(size=(1, 2, 3, 4, 2)).astype('float32')
    up = run_resample(layers.UpSampling3D((2, 1, 2), data_format=data_format), x,
             data_format)
    assert_allclose(up, np.repeat(np.repeat(x, 2, 1), 2, 3))
    pad = run_resample(layers.ZeroPadding3D(1, data_format=data_format), x,
              data_format)
    assert_allclose(pad, np.pad(x, [(0, 0)] + [(1, 1)] * 3 + [(0, 0)]))
    crop = run_resample(layers.Cropping3D(((0, 1), (1, 1), (1, 0)),
                                 data_format=data_format), x, data_format)
    assert_allclose(crop, x[:, 0:1, 1:2, 1:4])


def test_errors_and_legacy():
    with pytest.raises(ValueError, match='cropping'):
        layers.Cropping2D(((3, 2), (0, 0)))(Input(shape=(4, 4, 1)))
    # Keras 2.3: cropping everything leaves a length-0 axis
    layers.Cropping2D(((2, 2), (0, 0)))(Input(shape=(4, 4, 1)))  # accepted
    assert layers.Cropping2D(((2, 2), (0, 0))).compute_output_shape(
        (None, 4, 4, 1)) == (None, 0, 4, 1)
    with pytest.raises(ValueError, match='padding'):
        layers.ZeroPadding2D((1, 2, 3))
    with pytest.warns(UserWarning):
        layer = layers.ZeroPadding2D(padding={'top_pad': 1, 'left_pad': 2})
    assert layer.padding == ((1, 0), (2, 0))
    with pytest.warns(UserWarning):
        assert layers.UpSampling1D(length=3).size == (3,)


def test_conv_accepts_groups_1_written_by_tf_keras():
    from keras import layers as L
    config = L.Conv2D(2, 3).get_config()
    config['groups'] = 1
    assert L.Conv2D.from_config(config).get_config() == L.Conv2D(
        2, 3, name=config['name']).get_config()
    config['groups'] = 2
    with pytest.raises(ValueError, match='groups'):
        L.Conv2D.from_config(config)
