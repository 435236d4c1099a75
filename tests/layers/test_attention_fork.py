"""The fork's unfinished attention layers as built here (Attention,
AttentionComplex, SoftAttention, SoftMultistepsAttention, ConvAtt,
ConvCoAtt): values against NumPy, weights, masks, dropout, errors."""
import re

import numpy as np
import pytest
from numpy.testing import assert_allclose

from keras import backend as K
from keras import layers
from keras.layers import (Input, Attention, AttentionComplex, SoftAttention,
                          SoftMultistepsAttention, ConvAtt, ConvCoAtt)
from keras.models import Model, load_model
from layer_helpers import check_layer

RNG = np.random.RandomState(5)
X = RNG.normal(size=(2, 4, 3)).astype('float32')        # 4 vectors of 3
CTX = RNG.normal(size=(2, 5)).astype('float32')
CTX_SEQ = RNG.normal(size=(2, 3, 5)).astype('float32')  # 3 steps of 5


def sigmoid(x):
    return 1. / (1. + np.exp(-x))


def softmax(x, axis=-1, mask=None):
    e = np.exp(x - x.max(axis, keepdims=True))
    if mask is not None:
        e = e * mask
    return e / e.sum(axis, keepdims=True)


def short_names(layer):
    """Weight names without scope and TensorFlow's uniquifying suffix
    (TensorFlow compares names case-insensitively: `_w`, `_W` -> `_W_1`)."""
    names = [w.name.split('/')[-1].split(':')[0] for w in layer.weights]
    return [re.sub(r'_1$', '', n) for n in names]


def test_attention_values_and_weights():
    layer = Attention(2, init='uniform')
    layer_b = check_layer(layer, X)
    wa, ba = layer.get_weights()
    assert wa.shape == (3, 2) and ba.shape == (2,)
    assert short_names(layer) == [layer.name + '_Wa', layer.name + '_ba']
    assert_allclose(layer_b['output'], sigmoid(X @ wa + ba), atol=1e-5)
    assert layer.get_config()['nb_attention'] == 2


def test_attention_complex_values_and_weights():
    layer = AttentionComplex(3, W_regularizer='l2')
    res = check_layer(layer, X)
    w, W, b = layer.get_weights()
    assert (w.shape, W.shape, b.shape) == ((3, 3), (3, 3), (3,))
    assert short_names(layer) == [layer.name + n for n in ('_w', '_W', '_b')]
    assert_allclose(res['output'], np.tanh(X @ W + b) @ w, atol=1e-5)
    assert len(layer.losses) == 1


def test_per_step_attention_dropout_only_in_training_and_mask():
    x_in = Input((4, 3))
    layer = AttentionComplex(2, dropout_w=0.5, dropout_W=0.5)
    masking = layers.Masking(0.)
    out = layer(masking(x_in))
    assert layer.get_output_mask_at(0) is not None
    f = K.function([x_in, K.learning_phase()], [out])
    w, W, b = layer.get_weights()
    assert_allclose(f([X, 0])[0], np.tanh(X @ W + b) @ w, atol=1e-5)
    assert np.abs(f([X, 1])[0] - f([X, 0])[0]).max() > 1e-3


def np_soft(x, ctx_steps, weights, x_mask=None, act=np.tanh):
    wa, Wa, Ua, ba, ca = weights
    hidden = act((x @ Wa)[:, None] + (ctx_steps @ Ua + ba)[:, :, None])
    scores = hidden @ wa + ca                       # (B, T, n)
    mask = None if x_mask is None else x_mask[:, None]
    alphas = softmax(scores, mask=mask)
    return (alphas[..., None] * x[:, None]).sum(2), alphas


def test_soft_attention_values_and_weights():
    layer = SoftAttention(6)
    res = check_layer(layer, [X, CTX])
    weights = layer.get_weights()
    assert [w.shape for w in weights] == [(6,), (3, 6), (5, 6), (6,), (4,)]
    assert short_names(layer) == [layer.name + '_' + n
                                  for n in ('wa', 'Wa', 'Ua', 'ba', 'ca')]
    x_att, alphas = np_soft(X, CTX[:, None], weights)
    assert_allclose(res['output'][0], x_att[:, 0], atol=1e-5)
    assert_allclose(res['output'][1], alphas[:, 0], atol=1e-5)
    assert res['output'][0].shape == (2, 3)


def test_soft_attention_mask_and_unsummed_output():
    x = X.copy()
    x[0, 2:] = 0.
    x_in, c_in = Input((4, 3)), Input((5,))
    layer = SoftAttention(6, sum_weighted_output=False)
    x_att, alphas = layer([layers.Masking(0.)(x_in), c_in])
    values = K.function([x_in, c_in], [x_att, alphas])([x, CTX])
    mask = np.abs(x).sum(-1) != 0
    ref_att, ref_alphas = np_soft(x, CTX[:, None], layer.get_weights(), mask)
    assert_allclose(values[1], ref_alphas[:, 0], atol=1e-5)
    assert np.all(values[1][0, 2:] == 0)
    assert_allclose(values[0], ref_alphas[:, 0, :, None] * x, atol=1e-5)
    assert layer.compute_output_shape([(None, 4, 3), (None, 5)]) == \
        [(None, 4, 3), (None, 4)]


@pytest.mark.parametrize('return_sequences', [True, False])
def test_soft_multisteps_attention(return_sequences):
    layer = SoftMultistepsAttention(6, return_sequences=return_sequences)
    res = check_layer(layer, [X, CTX_SEQ])
    x_att, alphas = np_soft(X, CTX_SEQ, layer.get_weights())
    if not return_sequences:
        x_att, alphas = x_att[:, -1], alphas[:, -1]
    assert_allclose(res['output'][0], x_att, atol=1e-5)
    assert_allclose(res['output'][1], alphas, atol=1e-5)
    assert layer.get_config()['return_sequences'] is return_sequences


def test_soft_attention_save_load_and_errors(tmp_path):
    x_in, c_in = Input((4, 3)), Input((3, 5))
    model = Model([x_in, c_in],
                  SoftMultistepsAttention(6, dropout_Wa=0.2, name='soft')(
                      [x_in, c_in]))
    path = str(tmp_path / 'soft.h5')
    model.save(path)
    loaded = load_model(path)
    for a, b in zip(loaded.predict([X, CTX_SEQ]), model.predict([X, CTX_SEQ])):
        assert_allclose(a, b, atol=1e-6)
    with pytest.raises(ValueError, match='context input of rank 2'):
        SoftAttention(6)([Input((4, 3)), Input((3, 5))])
    with pytest.raises(ValueError, match='must be known'):
        SoftAttention(6)([Input((None, 3)), Input((5,))])
    with pytest.raises(ValueError, match='`dropout_Ua`'):
        SoftAttention(6, dropout_Ua=1.)
    with pytest.raises(ValueError, match='`nb_attention`'):
        Attention(0)
    with pytest.raises(ValueError, match='single input of rank 3'):
        Attention(2)(Input((3,)))


IMAGE = RNG.normal(size=(2, 3, 4, 5)).astype('float32')   # rows 3, cols 4
WORDS = RNG.normal(size=(2, 2, 6)).astype('float32')      # 2 words of 6


def np_conv_att(image, words, weights, glimpses, co=False, bias=True):
    """NumPy form of the fork's step functions, channels last."""
    if co:
        U, W, b = weights if glimpses else (None,) + tuple(weights)
        W = W.reshape(W.shape[2], W.shape[3])
        outs = []
        for t in range(words.shape[1]):
            tiled = np.broadcast_to(words[:, t, None, None],
                                    image.shape[:3] + (words.shape[2],))
            joint = np.concatenate([tiled, image], -1) @ W + b
            outs.append((joint, np.maximum(joint, 0.)))
    else:
        U, V, W, b = weights if glimpses else (None,) + tuple(weights)
        W = W.reshape(W.shape[2], W.shape[3])
        projected = image @ W + b
        outs = [(projected, np.tanh(projected + (words[:, t] @ V)[:, None,
                                                                  None]))
                for t in range(words.shape[1])]
    results = []
    for values, hidden in outs:
        scores = hidden @ U.reshape(U.shape[2], U.shape[3]) if glimpses \
            else hidden
        scores = scores.sum(-1)
        alphas = softmax(scores.reshape(scores.shape[0], -1)).reshape(
            scores.shape)
        results.append(values * alphas[..., None])
    return np.stack(results, 1)                # (B, T, rows, cols, emb)


@pytest.mark.parametrize('cls', [ConvAtt, ConvCoAtt])
@pytest.mark.parametrize('glimpses', [2, 0])
def test_conv_attention_channels_last(cls, glimpses):
    layer = cls(7, nb_glimpses=glimpses, dim_ordering='tf',
                concat_timesteps=False)
    res = check_layer(layer, [IMAGE, WORDS])
    weights = layer.get_weights()
    co = cls is ConvCoAtt
    shapes = [w.shape for w in weights]
    expected_shapes = ([(1, 1, 7, glimpses)] if glimpses else []) + \
        ([] if co else [(6, 7)]) + [(1, 1, 6 + 5 if co else 5, 7), (7,)]
    assert shapes == expected_shapes
    expected = np_conv_att(IMAGE, WORDS, weights, glimpses, co=co)
    assert res['output'].shape == (2, 2, 3, 4, 7)
    assert_allclose(res['output'], expected, atol=1e-5)


@pytest.mark.parametrize('cls', [ConvAtt, ConvCoAtt])
def test_conv_attention_channels_first_and_layouts(cls):
    image_th = IMAGE.transpose(0, 3, 1, 2)
    x_in, w_in = Input(image_th.shape[1:]), Input(WORDS.shape[1:])
    concat = cls(7, dim_ordering='th', name='concat')
    last = cls(7, dim_ordering='th', return_states=False, name='last')
    outputs = [concat([x_in, w_in]), last([x_in, w_in])]
    last.set_weights(concat.get_weights())
    values = K.function([x_in, w_in], outputs)([image_th, WORDS])
    weights = concat.get_weights()
    # 'th' kernels (out, in, 1, 1) -> the 'tf' layout of the reference
    tf_weights = [w.transpose(2, 3, 1, 0) if w.ndim == 4 else w
                  for w in weights]
    assert weights[0].shape == (1, 7, 1, 1)
    expected = np_conv_att(IMAGE, WORDS, tf_weights, 1, co=cls is ConvCoAtt)
    # concatenated: channel e * words + t, channels first
    joined = expected.transpose(0, 4, 1, 2, 3).reshape(2, 14, 3, 4)
    assert values[0].shape == (2, 14, 3, 4)
    assert_allclose(values[0], joined, atol=1e-5)
    assert_allclose(values[1], expected[:, -1].transpose(0, 3, 1, 2),
                    atol=1e-5)
    assert concat.compute_output_shape([(None, 5, 3, 4), (None, 2, 6)]) == \
        (None, 14, 3, 4)


def test_conv_attention_config_save_load_and_errors(tmp_path):
    x_in, w_in = Input(IMAGE.shape[1:]), Input(WORDS.shape[1:])
    layer = ConvAtt(7, dim_ordering='tf', activation='relu',
                    W_learning_rate_multiplier=0.5, name='conv_att')
    model = Model([x_in, w_in], layer([x_in, w_in]))
    path = str(tmp_path / 'conv_att.h5')
    model.save(path)
    loaded = load_model(path)
    assert_allclose(loaded.predict([IMAGE, WORDS]),
                    model.predict([IMAGE, WORDS]), atol=1e-6)
    config = loaded.get_layer('conv_att').get_config()
    assert config['dim_ordering'] == 'tf'
    assert config['W_learning_rate_multiplier'] == 0.5
    # U, V, W, b: the factor reaches W (named `conv_att_W`) only
    assert layer.learning_rate_multipliers == [1., 1., 0.5, 1.]
    layer.set_lr_multipliers(2., 3.)
    assert layer.learning_rate_multipliers == [1., 1., 2., 3.]
    assert layer.get_output_shape_for([(None, 3, 4, 5), (None, 2, 6)]) == \
        (None, 3, 4, 14)
    assert np.all(model.predict([IMAGE, WORDS]) >= 0)      # relu applied
    with pytest.raises(ValueError, match='`border_mode`'):
        ConvAtt(7, border_mode='wrap')
    with pytest.raises(ValueError, match='`dim_ordering`'):
        ConvAtt(7, dim_ordering='xy')
    with pytest.raises(ValueError, match='image input of rank 4'):
        ConvCoAtt(7)([Input((3, 4)), Input((2, 6))])
