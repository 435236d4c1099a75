"""MultiHeadAttention: values against a NumPy implementation of the fork's
equations, masks, mask_future, dropout, kulc's spelling, errors, save/load
and the files written by the fork itself."""
import os
import warnings

import numpy as np
import pytest
from numpy.testing import assert_allclose

from keras import backend as K
from keras import layers
from keras.layers import Input, MultiHeadAttention
from keras.models import Model, load_model
from layer_helpers import check_layer

# Copies of the fork's files (see tests/data/fork_reference/README.md).
FORK = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(
    __file__))), 'data', 'fork_reference')

RNG = np.random.RandomState(3)
Q = RNG.normal(size=(3, 4, 5)).astype('float32')
KV = RNG.normal(size=(3, 6, 7)).astype('float32')
Q[1, 3:] = 0.      # padded query steps
KV[0, 4:] = 0.     # padded key steps
KV[2, 1] = 0.


def np_relu(x):
    return np.maximum(x, 0.)


def np_mha(query, key, value, weights, n_heads, act=np_relu, use_bias=False,
           mask_future=False, query_mask=None, key_mask=None):
    """The fork's computation (weights.md section 2), head by head."""
    if use_bias:
        wq, wk, wv, wo, bq, bk, bv, bo = weights
    else:
        wq, wk, wv, wo = weights
        bq = bk = bv = bo = 0.
    if query_mask is None:
        query_mask = np.abs(query).sum(-1) != 0
    if key_mask is None:
        key_mask = np.abs(key).sum(-1) != 0
    query = query * query_mask[..., None]
    key = key * key_mask[..., None]
    value = key if value is None else value * key_mask[..., None]
    qp, kp, vp = act(query @ wq + bq), act(key @ wk + bk), act(value @ wv + bv)
    d_k, d_v = wq.shape[1] // n_heads, wv.shape[1] // n_heads
    keys_kept = np.abs(key).sum(-1) != 0           # (B, Tk)
    queries_kept = np.abs(query).sum(-1) != 0      # (B, Tq)
    tq, tk = query.shape[1], key.shape[1]
    heads, alphas_all = [], []
    for i in range(n_heads):
        qi = qp[..., i * d_k:(i + 1) * d_k]
        ki = kp[..., i * d_k:(i + 1) * d_k]
        vi = vp[..., i * d_v:(i + 1) * d_v]
        scores = qi @ ki.transpose(0, 2, 1) / np.sqrt(d_k)
        keep = np.broadcast_to(keys_kept[:, None, :], scores.shape)
        if mask_future:
            keep = keep & np.tril(np.ones((tq, tk), bool))[None]
        scores = np.where(keep, scores, -2. ** 32 + 1)
        scores = scores - scores.max(-1, keepdims=True)
        alphas = np.exp(scores) / np.exp(scores).sum(-1, keepdims=True)
        alphas = alphas * queries_kept[..., None]
        alphas_all.append(alphas)
        heads.append(alphas @ vi)
    out = act(np.concatenate(heads, -1) @ wo + bo)
    return out, np.concatenate(alphas_all, -1)


def test_cross_attention_values_weights_mask_and_gradients():
    layer = MultiHeadAttention(2, 6)
    res = check_layer(layer, [Q, KV])
    weights = layer.get_weights()
    assert [w.shape for w in weights] == [(5, 6), (7, 6), (7, 6), (6, 6)]
    names = [w.name.split('/')[-1].split(':')[0] for w in layer.weights]
    assert names == ['linear_q', 'linear_k', 'linear_v', 'linear_o']
    expected, _ = np_mha(Q, KV, None, weights, 2)
    assert_allclose(res['output'], expected, atol=1e-5)
    # No mask given: the output mask marks the non-zero query rows.
    assert_allclose(res['mask'][0], np.abs(Q).sum(-1) != 0)
    assert layer.name.startswith('multi_head_attention_')


def test_self_attention_mask_future_bias_linear():
    x = Q[:, :, :4].copy()
    layer = MultiHeadAttention(2, 4, mask_future=True, activation='linear',
                               use_bias=True, bias_initializer='uniform')
    res = check_layer(layer, [x, x])
    weights = layer.get_weights()
    assert [w.shape for w in weights] == [(4, 4)] * 4 + [(4,)] * 4
    expected, _ = np_mha(x, x, None, weights, 2, act=lambda v: v,
                         use_bias=True, mask_future=True)
    assert_allclose(res['output'], expected, atol=1e-5)
    # Changing a later step leaves the earlier outputs alone.
    changed = x.copy()
    changed[:, -1] += 1.
    other, _ = np_mha(changed, changed, None, weights, 2, act=lambda v: v,
                      use_bias=True, mask_future=True)
    assert_allclose(other[:, :-1], expected[:, :-1], atol=1e-5)


def test_keras_masks_in_and_out_and_three_inputs():
    words = np.array([[1, 2, 3, 0], [4, 0, 0, 0], [5, 6, 7, 8]], 'int32')
    w_in = Input((4,), dtype='int32')
    emb_layer, masking = layers.Embedding(10, 5, mask_zero=True), \
        layers.Masking(0.)
    emb = emb_layer(w_in)
    k_in, v_in = Input((6, 7)), Input((6, 3))
    k_masked = masking(k_in)
    layer = MultiHeadAttention(3, 6, d_k=4, d_v=2, return_attention=True)
    out, att = layer([emb, k_masked, v_in])
    masks = [emb_layer.get_output_mask_at(0), masking.get_output_mask_at(0),
             None]
    out_mask, att_mask = layer.compute_mask([emb, k_masked, v_in], masks)
    assert att_mask is None
    v = RNG.normal(size=(3, 6, 3)).astype('float32')
    f = K.function([w_in, k_in, v_in], [out, att, out_mask, emb])
    o, a, m, e = f([words, KV, v])
    weights = layer.get_weights()
    assert [w.shape for w in weights] == [(5, 12), (7, 12), (3, 6), (6, 6)]
    expected, alphas = np_mha(e, KV, v, weights, 3,
                              query_mask=words != 0)
    assert_allclose(o, expected, atol=1e-5)
    assert a.shape == (3, 4, 18)
    assert_allclose(a, alphas, atol=1e-5)
    assert_allclose(m, words != 0)
    # Masked keys get no weight; masked queries none at all.
    assert np.all(a[0, :, 4:6] < 1e-6) and np.all(a[1, 1:] == 0)
    assert layer.compute_output_shape([(None, 4, 5), (None, 6, 7),
                                       (None, 6, 3)]) == \
        [(None, 4, 6), (None, 4, 18)]


def test_dropout_only_in_training():
    layer = MultiHeadAttention(2, 4, dropout=0.5)
    q_in, k_in = Input((4, 5)), Input((6, 7))
    out = layer([q_in, k_in])
    f = K.function([q_in, k_in, K.learning_phase()], [out])
    test_a, test_b = f([Q, KV, 0])[0], f([Q, KV, 0])[0]
    train = f([Q, KV, 1])[0]
    expected, _ = np_mha(Q, KV, None, layer.get_weights(), 2)
    assert_allclose(test_a, expected, atol=1e-5)
    assert_allclose(test_a, test_b)
    assert np.abs(train - expected).max() > 1e-3


def test_kulc_spelling():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter('always')
        layer = MultiHeadAttention(h=2, d_k=3, d_model=5)
    assert any('n_heads' in str(w.message) for w in caught)
    assert (layer.n_heads, layer.d_k, layer.dmodel) == (2, 3, 5)
    assert layer.activation.__name__ == 'linear'
    res = check_layer(layer, [Q, KV, KV])
    weights = layer.get_weights()
    assert [w.shape for w in weights] == [(5, 6), (7, 6), (7, 6), (6, 5)]
    expected, _ = np_mha(Q, KV, KV, weights, 2, act=lambda v: v)
    assert_allclose(res['output'], expected, atol=1e-5)
    # d_model and d_k default to the keys' size, as in kulc.
    default = MultiHeadAttention(h=2)
    shape = default.compute_output_shape([(None, 4, 5), (None, 6, 7),
                                          (None, 6, 7)])
    assert shape == (None, 4, 7)


def test_config_and_save_load_round_trip(tmp_path):
    q_in, k_in = Input((4, 5)), Input((6, 7))
    layer = MultiHeadAttention(2, 4, mask_future=True, use_bias=True,
                               dropout=0.1, name='mha')
    model = Model([q_in, k_in], layer([q_in, k_in]))
    config = layer.get_config()
    assert config['n_heads'] == 2 and config['dmodel'] == 4
    assert config['mask_future'] and config['use_bias']
    path = str(tmp_path / 'mha.h5')
    model.save(path)
    loaded = load_model(path)
    assert_allclose(loaded.predict([Q, KV]), model.predict([Q, KV]),
                    atol=1e-6)
    assert loaded.get_layer('mha').get_config() == config


@pytest.mark.parametrize('kwargs, message', [
    (dict(n_heads=3, dmodel=4), 'multiple of `n_heads`'),
    (dict(n_heads=0, dmodel=4), '`n_heads` must be an integer'),
    (dict(n_heads=2, dmodel=4, dropout=1.5), '`dropout`'),
])
def test_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        MultiHeadAttention(**kwargs)


def test_bad_inputs():
    layer = MultiHeadAttention(2, 4)
    with pytest.raises(ValueError, match='list of 2 or 3 input'):
        layer(Input((4, 5)))
    with pytest.raises(ValueError, match='keys input of rank 3'):
        layer([Input((4, 5)), Input((7,))])
    with pytest.raises(ValueError, match='same number of steps'):
        MultiHeadAttention(2, 4)([Input((4, 5)), Input((6, 7)),
                                  Input((5, 7))])
    with pytest.raises(ValueError, match='same batch size'):
        MultiHeadAttention(2, 4)([Input(batch_shape=(2, 4, 5)),
                                  Input(batch_shape=(3, 6, 7))])


@pytest.mark.parametrize('name, n_inputs', [
    ('MultiHeadAttention_cross', 2),
    ('MultiHeadAttention_self_maskfuture', 1)])
def test_fork_files_load_and_match(name, n_inputs):
    model = load_model(os.path.join(FORK, name + '.h5'))
    inputs = [np.load(os.path.join(FORK, '%s_input%d.npy' % (name, i)))
              for i in range(n_inputs)]
    expected = np.load(os.path.join(FORK, name + '_output0.npy'))
    assert_allclose(model.predict(inputs), expected, atol=1e-5)
    layer = model.get_layer('mha')
    assert isinstance(layer, MultiHeadAttention)
    assert [w.shape for w in layer.get_weights()][:4] == \
        [(layer.get_weights()[0].shape[0], 4), (4 if n_inputs == 1 else 8, 4),
         (4 if n_inputs == 1 else 8, 4), (4, 4)]
