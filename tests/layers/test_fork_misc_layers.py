"""The fork's normalization helpers, ChannelWisePReLU, the GoogLeNet
layers, the loss layers and the uncertainty layer, against NumPy."""
import numpy as np
import pytest
from numpy.testing import assert_allclose

from keras import backend as K
from keras import layers
from keras import optimizers
from keras.layers import Input, Lambda
from keras.layers.googlenet_custom_layers import LRN, PoolHelper
from keras.layers.loss_layers import (CustomMultiLossLayer, deactivate_loss,
                                      uncertainty_binary_crossentropy,
                                      uncertainty_categorical_crossentropy)
from keras.layers.uncertainty_layers import ConcatenateOutputWithSigma
from keras.models import Model, load_model
from layer_helpers import check_layer

RNG = np.random.RandomState(99)


def rand(*shape):
    return RNG.uniform(-1, 1, size=shape).astype('float32')


def evaluate(fn, *arrays):
    tensors = [K.constant(a) for a in arrays]
    return K.eval(fn(*tensors))


# --------------------------------------------------------------------------
# normalization helpers
# --------------------------------------------------------------------------

def test_normalization_functions():
    x = rand(3, 4)
    assert_allclose(evaluate(layers.signed_sqrt, x),
                    np.sign(x) * np.sqrt(np.abs(x)), atol=1e-6)
    assert_allclose(evaluate(layers.L2_norm, x),
                    x / np.linalg.norm(x, axis=1, keepdims=True), atol=1e-5)
    assert_allclose(evaluate(lambda t: layers.L2_norm(t, axis=0), x),
                    x / np.linalg.norm(x, axis=0, keepdims=True), atol=1e-5)
    assert_allclose(evaluate(layers.L1_norm, x),
                    x / np.abs(x).sum(1).max(), atol=1e-6)
    out = check_layer(Lambda(layers.signed_sqrt), x)['output']
    assert out.shape == x.shape


def test_sqrt_scaling_keeps_mask():
    x = rand(2, 3, 4)
    check_layer(layers.SqrtScaling(16), x, expected=4 * x)
    inp = Input(shape=(None,), dtype='int32')
    layer = layers.SqrtScaling(9.)
    out = layer(layers.Embedding(5, 2, mask_zero=True)(inp))
    words = np.array([[1, 0]], 'int32')
    mask = K.function([inp], [layer.output_mask])([words])[0]
    assert_allclose(mask, [[True, False]])
    assert K.int_shape(out) == (None, None, 2)
    with pytest.raises(ValueError, match='value'):
        layers.SqrtScaling(-1)


# --------------------------------------------------------------------------
# ChannelWisePReLU
# --------------------------------------------------------------------------

@pytest.mark.parametrize('axis,shared', [(1, False), (-1, False), (1, True)])
def test_channel_wise_prelu(axis, shared):
    x = rand(2, 3, 4, 5)
    size = 1 if shared else x.shape[axis]
    alphas = RNG.uniform(0.1, 0.9, size=(size,)).astype('float32')
    shape = [1] * 4
    shape[axis] = size
    expected = np.where(x >= 0, x, x * alphas.reshape(shape))
    layer = layers.ChannelWisePReLU(weights=[alphas], channels_shared=shared,
                                    axis=axis)
    check_layer(layer, x, expected=expected, atol=1e-6)
    assert layer.weights[0].name.split('/')[-1].startswith(
        layer.name + '_alphas')
    with pytest.raises(ValueError, match='axis'):
        layers.ChannelWisePReLU(axis=0)(Input(shape=(3, 4)))


# --------------------------------------------------------------------------
# GoogLeNet layers
# --------------------------------------------------------------------------

def np_lrn_channels_first(x, alpha, k, beta, n):
    half = n // 2
    sq = np.pad(x ** 2, ((0, 0), (half, half), (0, 0), (0, 0)))
    channels = x.shape[1]
    total = sum(sq[:, i:i + channels] for i in range(n))
    return x / (k + alpha / n * total) ** beta


@pytest.mark.parametrize('data_format', ['channels_first', 'channels_last'])
@pytest.mark.parametrize('n', [5, 2])
def test_lrn(data_format, n):
    x = rand(2, 6, 3, 4) * 3
    expected = np_lrn_channels_first(x, 0.5, 2., 0.75, n)
    if data_format == 'channels_last':
        x, expected = x.transpose(0, 2, 3, 1), expected.transpose(0, 2, 3, 1)
    layer = LRN(alpha=0.5, k=2., beta=0.75, n=n, data_format=data_format)
    check_layer(layer, x, expected=expected)
    assert layers.LRN is LRN


@pytest.mark.parametrize('data_format', ['channels_first', 'channels_last'])
def test_pool_helper(data_format):
    x = rand(2, 3, 5, 4)
    expected = x[:, :, 1:, 1:] if data_format == 'channels_first' \
        else x[:, 1:, 1:, :]
    layer = PoolHelper(data_format=data_format)
    check_layer(layer, x, expected=expected)
    assert layer.compute_output_shape((None, 3, 5, 4)) == \
        (None,) + expected.shape[1:]
    with pytest.raises(ValueError, match='rank 4'):
        PoolHelper()(Input(shape=(3, 4)))


# --------------------------------------------------------------------------
# Loss layers
# --------------------------------------------------------------------------

def test_custom_multi_loss_layer_learns_log_variances():
    x = rand(16, 3)
    y1, y2 = rand(16, 2), rand(16, 1) * 4
    inp = Input(shape=(3,))
    t1, t2 = Input(shape=(2,)), Input(shape=(1,))
    p1, p2 = layers.Dense(2)(inp), layers.Dense(1)(inp)
    loss_layer = CustomMultiLossLayer(nb_outputs=2)
    out = loss_layer([t1, t2, p1, p2])
    assert K.int_shape(out) == (None, 6)
    model = Model([inp, t1, t2], out)
    model.compile(optimizers.SGD(0.1), loss=None)
    # the loss at log_var = 0 is the summed squared error of both tasks
    w = model.get_weights()
    pred1 = x @ w[0] + w[1]
    pred2 = x @ w[2] + w[3]
    expected = ((y1 - pred1) ** 2).sum(1).mean() + \
        ((y2 - pred2) ** 2).sum(1).mean()
    first = model.train_on_batch([x, y1, y2], None)
    first = first[0] if isinstance(first, list) else first
    assert_allclose(first, expected, rtol=1e-4)
    for _ in range(3):
        model.train_on_batch([x, y1, y2], None)
    log_vars = [K.get_value(v)[0] for v in loss_layer.log_vars]
    assert all(v != 0 for v in log_vars)
    assert [w.name.split('/')[-1].split(':')[0]
            for w in loss_layer.weights] == ['log_var0', 'log_var1']
    with pytest.raises(ValueError, match='expected 4 inputs'):
        CustomMultiLossLayer(2)([t1, p1])


def test_custom_multi_loss_layer_with_loss_functions():
    y, p = rand(4, 3), rand(4, 3)
    layer = CustomMultiLossLayer(1, loss_functions=['mae'])
    t_in, p_in = Input(shape=(3,)), Input(shape=(3,))
    layer([t_in, p_in])
    K.set_value(layer.log_vars[0], np.array([0.5], 'float32'))
    value = K.eval(layer.multi_loss([K.constant(y)], [K.constant(p)]))
    assert_allclose(value, np.exp(-0.5) * np.abs(y - p).mean(1).mean() + 0.5,
                    rtol=1e-5)
    clone = CustomMultiLossLayer.from_config(layer.get_config())
    assert clone.loss_functions == ['mae'] and clone.nb_outputs == 1
    with pytest.raises(ValueError, match='loss functions'):
        CustomMultiLossLayer(2, loss_functions=['mse'])


def test_deactivate_loss_is_zero():
    loss = deactivate_loss()
    value = evaluate(loss, rand(3, 2), rand(3, 2))
    assert_allclose(value, np.zeros(3))


def np_bce(y, p):
    p = np.clip(p, 1e-7, 1 - 1e-7)
    return -(y * np.log(p) + (1 - y) * np.log(1 - p))


@pytest.mark.parametrize('auto_weight,norm', [(True, False), (False, False),
                                               (True, True)])
def test_uncertainty_crossentropies(auto_weight, norm):
    probs = RNG.dirichlet(np.ones(3), size=4).astype('float32')
    log_var = rand(4, 1)
    y_pred = np.concatenate([probs, log_var], axis=1)
    y_true = np.eye(3, dtype='float32')[[0, 2, 1, 1]]
    ce = -(y_true * np.log(probs)).sum(1)
    sig = 1 / (1 + np.exp(-rand(4, 3)))
    bce = np_bce(y_true, sig).sum(1)
    if norm:
        ce, bce = ce / 3, bce / 3
    if auto_weight:
        ce = np.exp(-log_var[:, 0]) * ce + log_var[:, 0]
        bce = np.exp(-log_var[:, 0]) * bce + log_var[:, 0]
    loss = uncertainty_categorical_crossentropy(auto_weight, norm)
    assert_allclose(evaluate(loss, y_true, y_pred), ce, rtol=1e-4)
    loss = uncertainty_binary_crossentropy(auto_weight, norm)
    y_pred = np.concatenate([sig, log_var], axis=1)
    assert_allclose(evaluate(loss, y_true, y_pred), bce, rtol=1e-4)
    # targets that carry the extra unit too
    padded = np.concatenate([y_true, np.zeros((4, 1), 'float32')], axis=1)
    assert_allclose(evaluate(loss, padded, y_pred), bce, rtol=1e-4)


# --------------------------------------------------------------------------
# Uncertainty layer
# --------------------------------------------------------------------------

def test_concatenate_output_with_sigma(tmp_path):
    x = rand(3, 4)
    layer = ConcatenateOutputWithSigma(5)
    res = check_layer(layer, x)
    assert_allclose(res['output'], np.concatenate([x, np.zeros((3, 1))], 1))
    assert layer.kernel is layer.weights[0]
    assert layer.weights[0].name.split('/')[-1].startswith('sigma')
    inp = Input(shape=(4,))
    probs = layers.Dense(3, activation='softmax')(inp)
    out = ConcatenateOutputWithSigma((None, 4))(probs)
    model = Model(inp, out)
    model.compile('sgd', loss=uncertainty_categorical_crossentropy())
    y = np.eye(3, dtype='float32')[[0, 1, 2]]
    model.train_on_batch(x, np.concatenate([y, np.zeros((3, 1))], 1))
    sigma = K.get_value(model.layers[-1].kernel)
    assert sigma[0] != 0
    path = str(tmp_path / 'u.h5')
    model.save(path)
    reloaded = load_model(path, custom_objects={
        'loss': uncertainty_categorical_crossentropy()})
    assert_allclose(reloaded.predict(x), model.predict(x), atol=1e-6)
    with pytest.raises(ValueError, match='output_dim'):
        ConcatenateOutputWithSigma(7)(Input(shape=(4,)))
