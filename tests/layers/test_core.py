"""Tests of keras.layers.core against NumPy implementations."""

import numpy as np
import pytest
from numpy.testing import assert_allclose

from keras import backend as K
from keras import layers
from keras.layers import Input
from layer_helpers import check_layer, eval_layer

RNG = np.random.RandomState(1234)


def rand(*shape):
    return RNG.uniform(-1, 1, size=shape).astype('float32')


# --------------------------------------------------------------------------
# Dense
# --------------------------------------------------------------------------

def np_dense(x, kernel, bias=None, activation=None):
    y = np.tensordot(x, kernel, axes=([x.ndim - 1], [0]))
    if bias is not None:
        y = y + bias
    return activation(y) if activation else y


@pytest.mark.parametrize('shape', [(3, 4), (2, 3, 4)])
def test_dense_values_shapes_gradients(shape):
    x = rand(*shape)
    layer = layers.Dense(5, activation='tanh', bias_initializer='uniform')
    res = check_layer(layer, x)
    kernel, bias = layer.get_weights()
    assert kernel.shape == (4, 5) and bias.shape == (5,)
    assert_allclose(res['output'], np_dense(x, kernel, bias, np.tanh),
                    atol=1e-5)
    names = [w.name for w in layer.weights]
    assert names[0].startswith(layer.name + '/kernel')
    assert names[1].startswith(layer.name + '/bias')


def test_dense_no_bias_and_input_dim():
    layer = layers.Dense(2, use_bias=False, input_dim=3)
    assert layer.batch_input_shape == (None, 3)
    x = rand(4, 3)
    res = check_layer(layer, x)
    assert len(layer.weights) == 1
    assert_allclose(res['output'], x.dot(layer.get_weights()[0]), atol=1e-5)


def test_dense_bad_input():
    with pytest.raises(ValueError, match='dense'):
        layers.Dense(3)(Input(batch_shape=(None, None)))
    with pytest.raises(ValueError):
        layers.Dense(0)


def test_dense_legacy_arguments():
    with pytest.warns(UserWarning, match='Keras 2 API'):
        layer = layers.Dense(output_dim=3, init='zeros', bias=False,
                             W_regularizer='l2')
    assert layer.units == 3 and layer.use_bias is False
    assert layer.kernel_regularizer is not None
    config = layer.get_config()
    assert config['kernel_initializer']['class_name'] == 'Zeros'


# --------------------------------------------------------------------------
# Activation, Masking, ActivityRegularization
# --------------------------------------------------------------------------

def test_activation():
    x = rand(3, 4)
    res = check_layer(layers.Activation('relu'), x)
    assert_allclose(res['output'], np.maximum(x, 0), atol=1e-6)


def test_masking_values_and_mask():
    x = rand(2, 4, 3)
    x[0, 1] = 0.
    x[1, 3] = 0.
    res = check_layer(layers.Masking(mask_value=0.), x)
    expected_mask = np.any(x != 0, axis=-1)
    assert_allclose(res['output'], x * expected_mask[..., None])
    assert (res['mask'][0] == expected_mask).all()


def test_activity_regularization_adds_loss():
    x = rand(3, 4)
    layer = layers.ActivityRegularization(l1=0.1, l2=0.2)
    inp = Input(shape=(4,))
    out = layer(inp)
    assert len(layer.losses) == 1
    value, loss = K.function([inp], [out, layer.losses[0]])([x])
    assert_allclose(value, x)
    assert_allclose(loss, 0.1 * np.abs(x).sum() + 0.2 * (x ** 2).sum(),
                    rtol=1e-5)
    config = layer.get_config()
    assert config['l1'] == 0.1 and config['l2'] == 0.2


# --------------------------------------------------------------------------
# Dropout family
# --------------------------------------------------------------------------

def test_dropout_test_and_train_phase():
    x = np.ones((20, 30), dtype='float32')
    layer = layers.Dropout(0.5, seed=1)
    inp = Input(shape=(30,))
    out = layer(inp)
    f = K.function([inp, K.learning_phase()], [out])
    assert_allclose(f([x, 0])[0], x)
    train = f([x, 1])[0]
    assert set(np.unique(train)) <= {0., 2.}
    assert 0.3 < (train == 0).mean() < 0.7
    assert layer.get_config()['rate'] == 0.5


def test_dropout_noise_shape():
    x = np.ones((4, 6, 5), dtype='float32')
    out = eval_layer(layers.Dropout(0.5, noise_shape=(None, 1, None)), x,
                     learning_phase=1)[0]
    assert (out == out[:, :1, :]).all()


def test_dropout_bad_noise_shape():
    with pytest.raises(ValueError, match='noise_shape'):
        layers.Dropout(0.5, noise_shape=(None, 1))(Input(shape=(3, 4)))


def test_dropout_legacy_p():
    with pytest.warns(UserWarning, match='rate'):
        layer = layers.Dropout(p=0.3)
    assert layer.rate == 0.3


@pytest.mark.parametrize('cls,shape,data_format', [
    (layers.SpatialDropout1D, (4, 5, 6), 'channels_last'),
    (layers.SpatialDropout2D, (4, 5, 5, 6), 'channels_last'),
    (layers.SpatialDropout2D, (4, 5, 5, 6), 'channels_first'),
    (layers.SpatialDropout3D, (2, 3, 3, 3, 6), 'channels_last'),
    (layers.SpatialDropout3D, (2, 3, 3, 3, 6), 'channels_first')])
def test_spatial_dropout(cls, shape, data_format):
    kwargs = {} if cls is layers.SpatialDropout1D else \
        {'data_format': data_format}
    x = np.ones(shape, dtype='float32')
    layer = cls(0.5, **kwargs)
    out = eval_layer(layer, x, learning_phase=1)[0]
    channel_axis = 1 if data_format == 'channels_first' and kwargs else -1
    moved = np.moveaxis(out, channel_axis, 1).reshape(shape[0],
                                                      out.shape[channel_axis],
                                                      -1)
    # Each whole feature map is either dropped or kept (and scaled by 2).
    assert (moved == moved[:, :, :1]).all()
    assert set(np.unique(out)) <= {0., 2.}
    clone = cls.from_config(layer.get_config())
    assert clone.get_config() == layer.get_config()


def test_spatial_dropout_rank_error():
    with pytest.raises(ValueError):
        layers.SpatialDropout2D(0.5)(Input(shape=(3, 4)))


# --------------------------------------------------------------------------
# Flatten, Reshape, Permute, RepeatVector
# --------------------------------------------------------------------------

@pytest.mark.parametrize('data_format', ['channels_first', 'channels_last'])
def test_flatten(data_format):
    x = rand(2, 3, 4, 5)
    res = check_layer(layers.Flatten(data_format=data_format), x)
    ref = np.transpose(x, (0, 2, 3, 1)) if data_format == 'channels_first' \
        else x
    assert_allclose(res['output'], ref.reshape(2, -1))


def test_flatten_unknown_dims():
    with pytest.raises(ValueError, match='not fully defined'):
        layers.Flatten()(Input(shape=(None, 3)))


@pytest.mark.parametrize('target', [(6, 2), (-1, 4), (2, -1, 2)])
def test_reshape(target):
    x = rand(3, 3, 4)
    res = check_layer(layers.Reshape(target), x)
    assert_allclose(res['output'], x.reshape((3,) + target))


def test_reshape_unknown_input_dims():
    x = rand(2, 6, 2)
    res = check_layer(layers.Reshape((-1, 4)), x, static_dims=False)
    assert_allclose(res['output'], x.reshape(2, 3, 4))


def test_reshape_errors():
    with pytest.raises(ValueError, match='total size'):
        layers.Reshape((5,))(Input(shape=(2, 3)))
    with pytest.raises(ValueError):
        layers.Reshape((-1, -1))


def test_permute():
    x = rand(2, 3, 4, 5)
    res = check_layer(layers.Permute((3, 1, 2)), x)
    assert_allclose(res['output'], np.transpose(x, (0, 3, 1, 2)))
    with pytest.raises(ValueError, match='permutation'):
        layers.Permute((0, 1))


def test_repeat_vector():
    x = rand(2, 3)
    res = check_layer(layers.RepeatVector(4), x)
    assert_allclose(res['output'], np.repeat(x[:, None, :], 4, axis=1))
    with pytest.raises(ValueError):
        layers.RepeatVector(2)(Input(shape=(3, 4)))


# --------------------------------------------------------------------------
# Lambda
# --------------------------------------------------------------------------

def test_lambda_lambda_function_round_trip():
    x = rand(2, 3)
    layer = layers.Lambda(lambda t: K.concatenate([t, t * 2], axis=-1),
                          output_shape=lambda s: (s[0], 2 * s[1]))
    res = check_layer(layer, x)
    assert_allclose(res['output'], np.concatenate([x, 2 * x], -1), atol=1e-6)
    assert layer.get_config()['function_type'] == 'lambda'


def _scale(t, factor=1.0):
    return t * factor


def test_lambda_arguments_and_tuple_output_shape():
    x = rand(2, 3)
    layer = layers.Lambda(_scale, output_shape=(3,),
                          arguments={'factor': 3.0})
    res = check_layer(layer, x)
    assert_allclose(res['output'], 3 * x, rtol=1e-6)
    assert layer.compute_output_shape((None, 3)) == (None, 3)


def test_lambda_numpy_argument_serialized():
    layer = layers.Lambda(_scale, arguments={'factor': np.array([1., 2.])})
    config = layer.get_config()
    assert config['arguments']['factor']['type'] == 'ndarray'
    clone = layers.Lambda.from_config(config,
                                      custom_objects={'_scale': _scale})
    assert isinstance(clone.arguments['factor'], np.ndarray)
    assert clone.function is _scale  # the known function, not rebuilt


def test_lambda_inferred_output_shape_and_multiple_inputs():
    a, b = rand(2, 3), rand(2, 3)
    layer = layers.Lambda(lambda ts: ts[0] - ts[1])
    res = check_layer(layer, [a, b])
    assert_allclose(res['output'], a - b, atol=1e-6)


def test_lambda_mask_function():
    x = rand(2, 4, 3)
    layer = layers.Lambda(lambda t: t,
                          mask=lambda inputs, mask: K.greater(
                              K.sum(inputs, axis=-1), 0.))
    res = check_layer(layer, x)
    assert (res['mask'][0] == (x.sum(-1) > 0)).all()


def test_lambda_receives_mask():
    seen = []

    def fn(t, mask=None):
        seen.append(mask)
        return t

    inp = Input(shape=(3, 2))
    masked = layers.Masking()(inp)
    layers.Lambda(fn)(masked)
    assert any(m is not None for m in seen)


def test_lambda_bad_output_shape():
    with pytest.raises(TypeError):
        layers.Lambda(lambda t: t, output_shape=3)


# --------------------------------------------------------------------------
# Serialization through keras.layers.serialize / deserialize
# --------------------------------------------------------------------------

def test_layers_serialize_deserialize():
    layer = layers.Dense(3, activation='relu', name='d')
    config = layers.serialize(layer)
    assert config['class_name'] == 'Dense'
    clone = layers.deserialize(config)
    assert isinstance(clone, layers.Dense)
    assert clone.get_config() == layer.get_config()


def test_core_reexports_layer_and_inputspec():
    from keras.layers import core
    from keras.engine.base_layer import Layer, InputSpec
    assert core.Layer is Layer and core.InputSpec is InputSpec
