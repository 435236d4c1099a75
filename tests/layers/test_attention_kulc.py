"""keras-utility-layer-collection's attention layers (ScaledDotProduct-
Attention, SequenceAttention, the two RNN attention wrappers) against NumPy."""
import numpy as np
import pytest
from numpy.testing import assert_allclose

from keras import backend as K
from keras import layers
from keras.layers import (Input, ScaledDotProductAttention, SequenceAttention,
                          AttentionRNNWrapper, ExternalAttentionRNNWrapper)
from keras.models import Model, load_model
from keras.utils.generic_utils import custom_object_scope
from layer_helpers import check_layer, eval_layer

RNG = np.random.RandomState(11)
Q = RNG.normal(size=(2, 3, 4)).astype('float32')
KEYS = RNG.normal(size=(2, 5, 4)).astype('float32')
VALUES = RNG.normal(size=(2, 5, 6)).astype('float32')


def np_softmax(x, mask=None, axis=-1):
    e = np.exp(x - x.max(axis, keepdims=True))
    if mask is not None:
        e = e * mask
    return e / e.sum(axis, keepdims=True)


def test_scaled_dot_product_attention_values_and_weights():
    layer = ScaledDotProductAttention(return_attention=True)
    res = check_layer(layer, [Q, KEYS, VALUES], check_gradients=False)
    weights = np_softmax(Q @ KEYS.transpose(0, 2, 1) / 2.)
    assert_allclose(res['output'][1], weights, atol=1e-5)
    assert_allclose(res['output'][0], weights @ VALUES, atol=1e-5)
    assert layer.get_weights() == []
    assert ScaledDotProductAttention().compute_output_shape(
        [(None, 3, 4), (None, 5, 4), (None, 5, 6)]) == (None, 3, 6)


def test_scaled_dot_product_attention_key_mask():
    q_in, k_in, v_in = Input((3, 4)), Input((5, 4)), Input((5, 6))
    masking = layers.Masking(0.)
    keys = KEYS.copy()
    keys[0, 3:] = 0.
    out = ScaledDotProductAttention(return_attention=True)(
        [q_in, masking(k_in), v_in])
    o, w = K.function([q_in, k_in, v_in], out)([Q, keys, VALUES])
    mask = (np.abs(keys).sum(-1) != 0)[:, None, :]
    weights = np_softmax(Q @ keys.transpose(0, 2, 1) / 2., mask)
    assert np.all(w[0, :, 3:] == 0)
    assert_allclose(w, weights, atol=1e-5)
    assert_allclose(o, weights @ VALUES, atol=1e-5)


def test_scaled_dot_product_attention_bad_inputs():
    layer = ScaledDotProductAttention()
    with pytest.raises(ValueError, match=r'list of 3 input'):
        layer([Input((3, 4)), Input((5, 4))])
    with pytest.raises(ValueError, match='same feature size'):
        layer([Input((3, 4)), Input((5, 3)), Input((5, 6))])
    with pytest.raises(ValueError, match='same number of steps'):
        layer([Input((3, 4)), Input((5, 4)), Input((4, 6))])


@pytest.mark.parametrize('similarity', ['additive', 'multiplicative'])
def test_sequence_attention_values(similarity):
    source = RNG.normal(size=(2, 5, 3)).astype('float32')
    query = RNG.normal(size=(2, 4, 2)).astype('float32')
    layer = SequenceAttention(similarity)
    res = check_layer(layer, [source, query])
    if similarity == 'additive':
        w_a, v_a = layer.get_weights()
        assert w_a.shape == (5, 3) and v_a.shape == (1, 3)
        pairs = np.concatenate(
            [np.broadcast_to(source[:, None], (2, 4, 5, 3)),
             np.broadcast_to(query[:, :, None], (2, 4, 5, 2))], -1)
        scores = np.tanh(pairs @ w_a) @ v_a[0]
    else:
        (w_a,) = layer.get_weights()
        assert w_a.shape == (2, 3)
        scores = (query @ w_a) @ source.transpose(0, 2, 1)
    expected = np_softmax(scores) @ source
    assert res['output'].shape == (2, 4, 3)
    assert_allclose(res['output'], expected, atol=1e-5)


def dot_similarity(source, query):
    """A user similarity: plain dot products `(batch, q_steps, s_steps)`."""
    return K.batch_dot(query, source, axes=(2, 2))


def test_sequence_attention_callable_similarity_and_config():
    source = RNG.normal(size=(2, 5, 3)).astype('float32')
    query = RNG.normal(size=(2, 4, 3)).astype('float32')
    layer = SequenceAttention(dot_similarity)
    (output,) = eval_layer(layer, [source, query])
    expected = np_softmax(query @ source.transpose(0, 2, 1)) @ source
    assert_allclose(output, expected, atol=1e-5)
    assert layer.get_weights() == []
    config = layer.get_config()
    assert config['similarity'] == 'dot_similarity'
    with custom_object_scope({'dot_similarity': dot_similarity}):
        assert SequenceAttention.from_config(config).similarity is \
            dot_similarity


def test_sequence_attention_source_mask_and_errors():
    source = RNG.normal(size=(2, 5, 3)).astype('float32')
    source[1, 2:] = 0.
    query = RNG.normal(size=(2, 5, 2)).astype('float32')
    s_in, q_in = Input((5, 3)), Input((5, 2))
    layer = SequenceAttention('multiplicative')
    out = layer([layers.Masking(0.)(s_in), q_in])
    value = K.function([s_in, q_in], [out])([source, query])[0]
    (w_a,) = layer.get_weights()
    mask = (np.abs(source).sum(-1) != 0)[:, None, :]
    expected = np_softmax((query @ w_a) @ source.transpose(0, 2, 1),
                          mask) @ source
    assert_allclose(value, expected, atol=1e-5)
    with pytest.raises(ValueError, match='similarity'):
        SequenceAttention('cosine')
    with pytest.raises(ValueError, match='list of 2 input'):
        SequenceAttention('additive')(Input((5, 3)))


def np_simple_rnn(x_t, h, kernel, recurrent, bias):
    return np.tanh(x_t @ kernel + h @ recurrent + bias)


def np_feeding(x, attended, own, rnn_weights, return_alphas=False):
    """The wrappers' loop with a SimpleRNN cell."""
    w1, w2, w3, b2, b3, v = own
    h = np.zeros((x.shape[0], rnn_weights[1].shape[0]), 'float32')
    outputs, alphas = [], []
    projected = attended @ w1 + b2
    for t in range(x.shape[1]):
        a = np_softmax((projected + (h @ w2)[:, None]) @ v, axis=1)
        read = (a * attended).sum(1)
        fed = np.concatenate([x[:, t], read], -1) @ w3 + b3
        h = np_simple_rnn(fed, h, *rnn_weights)
        outputs.append(h)
        alphas.append(a[:, :, 0])
    return np.stack(outputs, 1), np.stack(alphas, 1)


def test_attention_rnn_wrapper_values_and_weights():
    x = RNG.normal(size=(2, 5, 3)).astype('float32')
    layer = AttentionRNNWrapper(layers.SimpleRNN(4, return_sequences=True))
    res = check_layer(layer, x)
    weights = layer.get_weights()
    assert [w.shape for w in weights] == [(3, 3), (4, 3), (6, 3), (3,), (3,),
                                          (3, 1), (3, 4), (4, 4), (4,)]
    names = [w.name.split('/')[-1].split(':')[0] for w in layer.weights[:6]]
    assert names == [layer.name + '_' + n
                     for n in ('W1', 'W2', 'W3', 'b2', 'b3', 'V')]
    expected, _ = np_feeding(x, x, weights[:6], weights[6:])
    assert_allclose(res['output'], expected, atol=1e-5)


def test_external_attention_rnn_wrapper_with_attention_output():
    x = RNG.normal(size=(2, 4, 3)).astype('float32')
    z = RNG.normal(size=(2, 6, 5)).astype('float32')
    layer = ExternalAttentionRNNWrapper(
        layers.SimpleRNN(4, return_sequences=True), return_attention=True)
    res = check_layer(layer, [x, z])
    weights = layer.get_weights()
    assert [w.shape for w in weights[:6]] == [(5, 3), (4, 3), (8, 3), (3,),
                                              (3,), (3, 1)]
    outputs, alphas = np_feeding(x, z, weights[:6], weights[6:])
    assert_allclose(res['output'][0], outputs, atol=1e-5)
    assert_allclose(res['output'][1], alphas, atol=1e-5)
    assert_allclose(alphas.sum(-1), 1., atol=1e-5)


def test_wrappers_with_lstm_states_mask_and_save_load(tmp_path):
    x = RNG.normal(size=(2, 4, 3)).astype('float32')
    x[1, 2:] = 0.
    z = RNG.normal(size=(2, 6, 5)).astype('float32')
    x_in, z_in = Input((4, 3)), Input((6, 5))
    masked = layers.Masking(0.)(x_in)
    inner = AttentionRNNWrapper(layers.LSTM(4, return_sequences=True),
                                name='inner')(masked)
    outer = ExternalAttentionRNNWrapper(
        layers.LSTM(2, return_state=True), name='outer')([inner, z_in])
    assert [K.int_shape(t) for t in outer] == [(None, 2)] * 3
    model = Model([x_in, z_in], outer)
    before = model.predict([x, z])
    path = str(tmp_path / 'wrappers.h5')
    model.save(path)
    loaded = load_model(path)
    for a, b in zip(loaded.predict([x, z]), before):
        assert_allclose(a, b, atol=1e-6)
    assert loaded.get_layer('outer').get_config()['return_attention'] is False


def test_wrapper_mask_skips_padded_steps():
    x = RNG.normal(size=(1, 4, 3)).astype('float32')
    padded = x.copy()
    padded[0, 3] = 0.
    x_in = Input((4, 3))
    layer = AttentionRNNWrapper(layers.SimpleRNN(4))
    out = layer(layers.Masking(0.)(x_in))
    value = K.function([x_in], [out])([padded])[0]
    weights = layer.get_weights()
    # The last step is skipped, but it is still attended over (as zeros).
    w1, w2, w3, b2, b3, v = weights[:6]
    h = np.zeros((1, 4), 'float32')
    for t in range(3):
        a = np_softmax((padded @ w1 + b2 + (h @ w2)[:, None]) @ v, axis=1)
        fed = np.concatenate([padded[:, t], (a * padded).sum(1)], -1) @ w3 \
            + b3
        h = np_simple_rnn(fed, h, *weights[6:])
    assert_allclose(value, h, atol=1e-5)


def test_wrapper_errors():
    with pytest.raises(ValueError, match='must be an RNN layer'):
        AttentionRNNWrapper(layers.Dense(3))
    with pytest.raises(ValueError, match='temporal input, external input'):
        ExternalAttentionRNNWrapper(layers.LSTM(2))(Input((4, 3)))
    with pytest.raises(ValueError, match=r'external input of shape'):
        ExternalAttentionRNNWrapper(layers.LSTM(2))([Input((4, 3)),
                                                     Input((5,))])
