"""The NumPy reference of `ra_reference` reproduces every recurrent fixture
written by the original fork (`shared/fork-reference/theano`), reading the
weights positionally from the `_weights.h5` files (weights.md §4) and the
inputs / outputs from the .npy files. Runs without keras."""
import json
import os

import h5py
import numpy as np
import pytest
from numpy.testing import assert_allclose

from tests.layers import ra_reference as ref

FIXTURES = os.environ.get(
    'KERAS_FORK_REFERENCE',
    os.path.join(os.path.dirname(__file__), '..', '..', '..', 'shared',
                 'fork-reference', 'theano'))
if not os.path.isdir(FIXTURES):
    FIXTURES = '/work/shared/fork-reference/theano'
pytestmark = pytest.mark.skipif(
    not os.path.isdir(FIXTURES),
    reason='fork reference files (shared/fork-reference) not available')

ATTENTION = ['AttLSTMCond_add', 'AttLSTMCond_dot', 'AttConditionalLSTMCond_add',
             'AttConditionalLSTMCond_dot', 'AttConditionalLSTMCond_initstates',
             'AttGRUCond_add', 'AttConditionalGRUCond_add',
             'AttLSTMCond2Inputs_add', 'AttConditionalLSTMCond2Inputs_add']
CONDITIONAL = ['LSTMCond_static', 'LSTMCond_seq', 'GRUCond_seq']


def manifest():
    with open(os.path.join(FIXTURES, 'manifest.json')) as f:
        return json.load(f)


def read_layer_weights(path, layer):
    """Arrays of one layer group of a save_weights / save_model file, in
    `weight_names` order (positional, weights.md §4)."""
    with h5py.File(path, 'r') as f:
        if 'model_weights' in f:
            f = f['model_weights']
        group = f[layer]
        names = [n.decode() if isinstance(n, bytes) else n
                 for n in group.attrs['weight_names']]
        return [np.asarray(group[n], np.float64) for n in names]


def load_inputs_outputs(name, info):
    ins = [np.load(os.path.join(FIXTURES, i['file'])) for i in info['inputs']]
    outs = [np.load(os.path.join(FIXTURES, o['file']))
            for o in info['outputs']]
    return ins, outs


def named_weights(cls, config, arrays):
    names = ref.weight_names(cls, config.get('attention_mode', 'add'),
                             config.get('use_bias', True),
                             config.get('attend_on_both', True))
    assert len(names) == len(arrays)
    return dict(zip(names, arrays))


def embed(words, table):
    """Embedding(mask_zero=True): vectors and the (B, T) mask."""
    return table[words], (words != 0).astype(np.float64)


def check_outputs(got, expected, atol=1e-5):
    assert len(got) == len(expected)
    for k, (g, e) in enumerate(zip(got, expected)):
        assert g.shape == e.shape, (k, g.shape, e.shape)
        assert_allclose(g, e, atol=atol, rtol=1e-5, err_msg='output %d' % k)


def run_fixture(name, **overrides):
    info = manifest()['fixtures'][name]
    config = info['layer_config']
    ins, outs = load_inputs_outputs(name, info)
    path = os.path.join(FIXTURES, info['files']['weights'])
    x, mask = embed(ins[0], read_layer_weights(path,
                                               'target_word_embedding')[0])
    w = named_weights(info['class'], config,
                      read_layer_weights(path, config['name']))
    n_ctx = 2 if 'Inputs' in info['class'] else 1
    contexts = [c.astype(np.float64) for c in ins[1:1 + n_ctx]]
    kwargs = dict(init=ins[1 + n_ctx:], mask=mask,
                  return_sequences=config['return_sequences'],
                  return_states=config['return_states'],
                  use_bias=config.get('use_bias', True),
                  activation=config['activation'],
                  recurrent_activation=config['recurrent_activation'])
    if info['class'] in ('GRUCond', 'LSTMCond'):
        kwargs['static_ctx'] = contexts[0].ndim == 2
    else:
        kwargs.update(attention_mode=config['attention_mode'],
                      return_extra_variables=config['return_extra_variables'],
                      mask_value=config['mask_value'], mask_mode='fork')
    kwargs.update(overrides)
    return ref.forward(info['class'], x, contexts, w, **kwargs), outs


@pytest.mark.parametrize('name', ATTENTION + CONDITIONAL)
def test_fixture(name):
    got, expected = run_fixture(name)
    check_outputs(got, expected)


def test_fixture_list_is_complete():
    """Every recurrent_advanced fixture of the manifest is covered here."""
    classes = set(ref.CLASSES)
    recurrent = {n for n, i in manifest()['fixtures'].items()
                 if i['class'] in classes}
    assert recurrent == set(ATTENTION + CONDITIONAL)


@pytest.mark.parametrize('name', ['AttLSTMCond_add',
                                  'AttConditionalLSTMCond2Inputs_add'])
def test_exclude_masking_differs(name):
    """The fixtures do pin the masking convention: -inf masking moves them."""
    got, expected = run_fixture(name, mask_mode='exclude')
    assert np.max(np.abs(got[0] - expected[0])) > 1e-3
    alphas = got[2]  # (T, B, N): padded context positions get nothing
    assert np.all(alphas[:, 1, 4:] == 0) and np.all(alphas[:, 2, 3:] == 0)
    assert_allclose(alphas.sum(-1), 1., atol=1e-12)


@pytest.mark.parametrize('name', ['AttLSTMCond2Inputs_add',
                                  'AttConditionalLSTMCond2Inputs_add'])
def test_two_inputs_fork_bug_is_pinned(name):
    """The fork's second attention scores with context 1's projection."""
    got, expected = run_fixture(name, fork_compatible=False)
    assert np.max(np.abs(got[4] - expected[4])) > 1e-3


# ------------------------------------------------------------ NMT model

def lstm_layer(x, mask, kernel, recurrent, bias, go_backwards=False):
    """Keras 2.3 LSTM(return_sequences=True) with a mask."""
    def step(inputs, states):
        z = inputs[0].dot(kernel) + states[0].dot(recurrent) + bias
        h, c = ref.lstm_update(z, states[1])
        return h, [h, c], []
    B, units = x.shape[0], recurrent.shape[0]
    zeros = np.zeros((B, units))
    outs, _, _ = ref.run_loop(step, [x], [zeros, zeros], mask, go_backwards)
    return outs


def bidirectional_lstm(x, mask, arrays):
    fwd = lstm_layer(x, mask, *arrays[:3])
    bwd = lstm_layer(x, mask, *arrays[3:], go_backwards=True)
    return np.concatenate([fwd, bwd[:, ::-1]], axis=-1)


def masked_mean(x, mask):
    """The fork's MaskedMean: the masked steps are zeroed, then the mean runs
    over all T steps (it divides by T, not by the number of unmasked steps)."""
    return np.mean(x * mask[:, :, None], axis=1)


def dense(x, kernel, bias, act='linear'):
    return ref.activation(act)(x.dot(kernel) + bias)


def test_nmt_model():
    """The whole NMT-Keras-shaped model; the decoder's context mask is the
    Keras mask of the encoder output (the source embedding's)."""
    name = 'NMT_AttConditionalLSTMCond'
    info = manifest()['fixtures'][name]
    ins, outs = load_inputs_outputs(name, info)
    path = os.path.join(FIXTURES, info['files']['weights'])

    def layer(n):
        return read_layer_weights(path, n)
    src, src_mask = embed(ins[0], layer('source_word_embedding')[0])
    ctx = bidirectional_lstm(src, src_mask, layer('bidirectional_encoder_LSTM'))
    mean = masked_mean(ctx, src_mask)
    h0 = dense(mean, *layer('initial_state'), act='tanh')
    c0 = dense(mean, *layer('initial_memory'), act='tanh')
    emb, mask = embed(ins[1], layer('target_word_embedding')[0])
    w = named_weights('AttConditionalLSTMCond', {},
                      layer('decoder_AttConditionalLSTMCond'))
    h, x_att, alphas, h_last, c_last = ref.forward(
        'AttConditionalLSTMCond', emb, [ctx], w, init=[h0, c0], mask=mask,
        context_masks=[src_mask], return_extra_variables=True,
        return_states=True)
    deep = (dense(h, *layer('logit_lstm'))
            + np.transpose(dense(x_att, *layer('logit_ctx')), (1, 0, 2))
            + dense(emb, *layer('logit_emb')))
    kernel, bias = layer('target_text')
    probs = ref.softmax(np.tanh(deep).dot(kernel) + bias)
    check_outputs([probs, x_att, alphas, h_last, c_last], outs)
