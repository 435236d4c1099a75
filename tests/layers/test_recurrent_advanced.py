"""The fork's conditional / attentional decoders (`keras.layers.recurrent_advanced`)
through the public API only, against the NumPy reference `ra_reference`
(weights.md §3) and the files written by the fork; on the active backend.

One compiled function per case: every case evaluates, in one call, the layer
with all output flags and the gradients of its weights, and a copy with no
output flag, the same weights and every dropout set (so that, at learning
phase 0, it must equal the no-dropout reference, and at phase 1 differ).
Gradients are taken without dropout: through PyTensor's scan, random masks
double the cost of building them. Values of copies made from a config are
checked by loading the fork's files.
"""
import json
import os
import warnings

import numpy as np
import pytest
from numpy.testing import assert_allclose

from keras import backend as K
from keras import layers
from keras.engine.input_layer import Input
from keras.models import load_model, model_from_json

from tests.layers import ra_reference as ref
from tests.layers.test_ra_reference import FIXTURES, manifest, CONDITIONAL, \
    ATTENTION

B, T, V, E, U = 3, 4, 20, 5, 4
N, D = 6, 8          # first context
N2, D2 = 5, 7        # second context (a different length: no fork bug)
N3, D3 = 3, 2        # third context
RNG = np.random.RandomState(20261204)
WORDS = np.array([[3, 7, 2, 9], [4, 1, 5, 0], [6, 8, 0, 0]], 'int32')


def padded(n, d, valid):
    """(B, n, d) context whose row b has `valid[b]` non-zero steps."""
    x = RNG.uniform(-1, 1, (B, n, d)).astype('float32')
    for b, v in enumerate(valid):
        x[b, v:] = 0.
    return x


CTX = {'att': padded(N, D, (6, 4, 3)), 'att2': padded(N2, D2, (3, 5, 2)),
       'att3': padded(N3, D3, (3, 1, 2)), 'aligned': padded(T, D, (4, 3, 2)),
       'static': RNG.uniform(-1, 1, (B, D)).astype('float32'),
       'static2': RNG.uniform(-1, 1, (B, D2)).astype('float32')}
# a position whose features sum to 0 without being 0: masked by the derived
# context mask (sum != mask_value), attended under a Keras mask (Masking)
CTX['att'][0, 2] = 0.
CTX['att'][0, 2, :2] = (.5, -.5)
INIT = [RNG.uniform(-.5, .5, (B, U)).astype('float32') for _ in range(2)]

COND = ('GRUCond', 'LSTMCond')
SELF = ('AttGRU', 'AttLSTM')
LSTM_TYPES = ('LSTMCond', 'AttLSTM', 'AttLSTMCond', 'AttConditionalLSTMCond',
              'AttLSTMCond2Inputs', 'AttConditionalLSTMCond2Inputs',
              'AttLSTMCond3Inputs')
ALL_CLASSES = COND + SELF + ('AttGRUCond', 'AttConditionalGRUCond') + \
    LSTM_TYPES[2:]


def dropouts(cls, n_ctx, rate=0.25):
    """Every dropout argument of `cls`, at `rate`."""
    names = ['dropout', 'recurrent_dropout']
    if cls not in SELF:
        names.append('conditional_dropout')
    if cls not in COND:
        names.append('attention_dropout')
    for k in range(2, n_ctx + 1):
        names += ['dropout%d' % k, 'attention_dropout%d' % k]
    return {n: rate for n in names}


def as_list(x):
    return list(x) if isinstance(x, (list, tuple)) else [x]


def short(weight):
    """`decoder/attention_context_wa:0` -> `attention_context_wa`."""
    return weight.name.split('/')[-1].split(':')[0]


def expected_names(cls, layer):
    config = layer.get_config()
    return ref.weight_names(cls, config.get('attention_mode', 'add'),
                            config.get('use_bias', True),
                            config.get('attend_on_both', True))


def set_random_weights(cls, layer, scale=0.6):
    """Random weights in §3.2 order; checks names and count; -> dict."""
    names = expected_names(cls, layer)
    assert [short(w) for w in layer.weights] == names
    values = [RNG.uniform(-scale, scale, K.int_shape(w)).astype('float32')
              for w in layer.weights]
    layer.set_weights(values)
    return dict(zip(names, values))


# ----------------------------------------------------------------- builder

class Case:
    """A layer of class `cls` called on [emb(words), contexts..., inits...]."""

    def __init__(self, cls, kind, n_init=0, masking=False, time=T,
                 words=True, **kwargs):
        self.cls, self.kind, self.n_init = cls, kind, n_init
        self.ctx_keys = {'att': ['att'], 'att2': ['att', 'att2'],
                         'att2static': ['att', 'static2'],
                         'att3': ['att', 'att2', 'att3'],
                         'aligned': ['aligned'], 'static': ['static'],
                         'self': []}[kind]
        self.masking = masking
        self.kwargs = kwargs
        if words:
            self.words = Input(batch_shape=(B, time), dtype='int32')
            self.embedding = layers.Embedding(V, E, mask_zero=True)
            self.x = self.embedding(self.words)
        else:
            self.words = self.x = Input(batch_shape=(B, time, E))
        shape = {'aligned': (B, time, D)}
        self.contexts = [Input(batch_shape=shape.get(k, (B,) + CTX[k].shape[1:]))
                         for k in self.ctx_keys]
        self.inits = [Input(batch_shape=(B, U)) for _ in range(n_init)]
        tensors = [layers.Masking(0.)(c) if masking else c
                   for c in self.contexts]
        self.call_inputs = [self.x] + tensors + self.inits

    def n_inputs(self):
        return len(self.call_inputs)

    def layer(self, **flags):
        kwargs = dict(self.kwargs, **flags)
        kwargs.setdefault('num_inputs', self.n_inputs())
        if self.cls in COND:  # no attention: no extra variables
            kwargs.pop('return_extra_variables', None)
        return getattr(layers, self.cls)(U, **kwargs)

    def call(self, layer):
        inputs = self.call_inputs
        return as_list(layer(inputs if len(inputs) > 1 else inputs[0]))

    def inputs(self):
        return [self.words] + self.contexts + self.inits

    def data(self, x=WORDS):
        return [x] + [CTX[k] for k in self.ctx_keys] + INIT[:self.n_init]

    def embedded(self):
        table = self.embedding.get_weights()[0].astype(np.float64)
        return table[WORDS], (WORDS != 0).astype(np.float64)

    def reference(self, w, x=None, mask=None, **flags):
        """The reference outputs for the layer's config and `flags`."""
        config = dict(self.kwargs, **flags)
        if x is None:
            x, mask = self.embedded()
        contexts = [CTX[k].astype(np.float64) for k in self.ctx_keys]
        kw = dict(init=[i.astype(np.float64) for i in INIT[:self.n_init]],
                  mask=mask,
                  return_sequences=config.get('return_sequences', False),
                  return_states=config.get('return_states', False),
                  go_backwards=config.get('go_backwards', False),
                  use_bias=config.get('use_bias', True))
        if self.cls in COND:
            kw['static_ctx'] = config.get('static_ctx', False)
        else:
            keras_masks = None
            if self.masking:
                keras_masks = [np.any(c != 0, axis=-1) for c in contexts]
            kw.update(attention_mode=config.get('attention_mode', 'add'),
                      mask_mode=config.get('attention_mask_mode', 'exclude'),
                      fork_compatible=config.get('fork_compatible', False),
                      return_extra_variables=config.get(
                          'return_extra_variables', False),
                      context_masks=keras_masks)
        return ref.forward(self.cls, x, contexts, w, **kw)


def function(inputs, outputs):
    return K.function(inputs + [K.learning_phase()], outputs)


def check(got, expected, atol=1e-5, what=''):
    assert len(got) == len(expected), what
    for k, (g, e) in enumerate(zip(got, expected)):
        assert g.shape == e.shape, (what, k, g.shape, e.shape)
        assert_allclose(g, e, atol=atol, rtol=1e-4,
                        err_msg='%s output %d' % (what, k))


def declared_ok(tensor, value):
    shape = K.int_shape(tensor)
    return len(shape) == value.ndim and all(
        s is None or s == v for s, v in zip(shape, value.shape))


# ---------------------------------------------- every class against NumPy

FULL = dict(return_sequences=True, return_extra_variables=True,
            return_states=True)
NONE = dict(return_sequences=False, return_extra_variables=False,
            return_states=False)

CASES = [
    ('GRUCond', 'aligned', 1, False, {'go_backwards': True}),
    ('GRUCond', 'static', 0, False, {'static_ctx': True}),
    ('LSTMCond', 'aligned', 2, False, {}),
    ('LSTMCond', 'static', 1, False, {'static_ctx': True,
                                      'go_backwards': True}),
    ('AttGRU', 'self', 0, False, {}),
    ('AttLSTM', 'self', 0, False, {'attention_mode': 'dot'}),
    ('AttGRUCond', 'att', 1, False, {}),
    ('AttConditionalGRUCond', 'att', 0, True, {'attention_mode': 'dot'}),
    ('AttLSTMCond', 'att', 2, False, {'attention_mode': 'scaled-dot'}),
    ('AttLSTMCond', 'att', 1, False, {'attention_mode': 'bahdanau',
                                      'attention_mask_mode': 'fork'}),
    ('AttConditionalLSTMCond', 'att', 2, False, {}),
    ('AttConditionalLSTMCond', 'att', 0, True, {'attention_mode': 'luong',
                                                'att_units': 3}),
    ('AttLSTMCond2Inputs', 'att2', 2, False, {'attend_on_both': True}),
    ('AttConditionalLSTMCond2Inputs', 'att2', 0, False,
     {'attend_on_both': True, 'attention_mode': 'dot'}),
    ('AttLSTMCond3Inputs', 'att3', 2, False, {'attend_on_both': True}),
]


def case_id(case):
    cls, kind, n_init, masking, kwargs = case
    return '-'.join([cls, kind, str(n_init)] + (['masking'] if masking else [])
                    + ['%s=%s' % kv for kv in sorted(kwargs.items())])


@pytest.mark.parametrize('case', CASES, ids=[case_id(c) for c in CASES])
def test_matches_reference(case):
    cls, kind, n_init, masking, kwargs = case
    c = Case(cls, kind, n_init, masking, **kwargs)
    n_ctx = len(c.ctx_keys)
    full = c.layer(**FULL)
    full_out = c.call(full)
    w = set_random_weights(cls, full)
    none = c.layer(**dict(NONE, **dropouts(cls, n_ctx)))
    none_out = c.call(none)
    none.set_weights(full.get_weights())
    for config in (full.get_config(), none.get_config()):
        assert getattr(layers, cls).from_config(config).get_config() == config
    loss = sum(K.sum(K.square(o)) for o in full_out)
    grads = K.gradients(loss, full.trainable_weights)
    assert len(grads) == len(w) and all(g is not None for g in grads)
    f = function(c.inputs(), full_out + none_out + grads)
    values = f(c.data() + [0])
    n_full, n_none = len(full_out), len(none_out)
    expected = c.reference(w, **FULL)
    check(values[:n_full], expected, what='all flags')
    check(values[n_full:n_full + n_none], c.reference(w, **NONE),
          what='no flags')
    if masking:  # the Keras mask, not sum(context) != 0, is what counts
        c.masking = False
        assert np.abs(c.reference(w, **FULL)[0] - expected[0]).max() > 1e-3
    for tensor, value in zip(full_out, values):
        assert declared_ok(tensor, value), (K.int_shape(tensor), value.shape)
    dot = kwargs.get('attention_mode', 'add') not in ref.ADD_MODES
    for weight, g in zip(full.trainable_weights, values[n_full + n_none:]):
        assert g.shape == K.int_shape(weight)
        assert np.all(np.isfinite(g)), short(weight)
        if not (dot and short(weight).startswith('bias_ba')):
            # (a dot score shifts every position by q.b_a: softmax ignores it)
            assert np.abs(g).sum() > 0, short(weight)
    test = values[n_full]
    train = f(c.data() + [1])[n_full]
    assert np.abs(train - test).max() > 1e-4  # dropout in training
    assert np.abs(f(c.data() + [1])[n_full] - train).max() > 1e-6


def test_attend_on_both_false_static_second_context():
    """attend_on_both=False: the second context is a static (B, D2) vector."""
    for cls in ('AttLSTMCond2Inputs', 'AttConditionalLSTMCond2Inputs'):
        c = Case(cls, 'att2static', 2, attend_on_both=False)
        layer = c.layer(return_sequences=True, return_states=True)
        out = c.call(layer)
        w = set_random_weights(cls, layer)
        got = function(c.inputs(), out)(c.data() + [0])
        check(got, c.reference(w, return_sequences=True, return_states=True,
                               attend_on_both=False), what=cls)


# ------------------------------------------------------- weights (§3.2)

@pytest.mark.parametrize('cls', [c for c in ALL_CLASSES if c not in COND])
def test_bias_ca_shape_follows_context_length(cls):
    """bias_ca is (N,) for a known context length, a scalar for None."""
    shapes = {}
    for steps in (N, None):
        kind = {'AttLSTMCond2Inputs': 'att2',
                'AttConditionalLSTMCond2Inputs': 'att2',
                'AttLSTMCond3Inputs': 'att3'}.get(cls, 'att')
        x = Input((T, E))
        contexts = [Input((steps, D))] + [Input((steps, d)) for d in
                                          (D2, D3)[:{'att': 0, 'att2': 1,
                                                     'att3': 2}[kind]]]
        kwargs = {'num_inputs': 1 if cls in SELF else 1 + len(contexts)}
        if 'Inputs' in cls:
            kwargs['attend_on_both'] = True
        layer = getattr(layers, cls)(U, **kwargs)
        if cls in SELF:
            layer(Input((steps, E)))
        else:
            layer([x] + contexts)
        assert [short(w) for w in layer.weights] == expected_names(cls, layer)
        shapes[steps] = {short(w): K.int_shape(w) for w in layer.weights}
    assert shapes[N]['bias_ca'] == (N,)
    assert shapes[None]['bias_ca'] == ()
    if 'Inputs' in cls:
        assert shapes[None]['bias_ca2'] == ()


@pytest.mark.parametrize('cls,kind,mode,use_bias', [
    ('GRUCond', 'aligned', 'add', False),
    ('AttLSTMCond', 'att', 'dot', False),
    ('AttGRUCond', 'att', 'add', False),
    ('AttConditionalGRUCond', 'att', 'scaled-dot', True),
    ('AttConditionalLSTMCond', 'att', 'add', False),
    ('AttConditionalLSTMCond', 'att', 'dot', True),
    ('AttLSTMCond2Inputs', 'att2', 'add', False),
    ('AttConditionalLSTMCond2Inputs', 'att2', 'dot', False),
])
def test_weight_layout(cls, kind, mode, use_bias):
    """Names, order and shapes of §3.2 (mode / use_bias conditions)."""
    kwargs = {} if cls in COND else {'attention_mode': mode}
    if 'Inputs' in cls:
        kwargs['attend_on_both'] = True
    c = Case(cls, kind, words=False, use_bias=use_bias, **kwargs)
    layer = c.layer()
    c.call(layer)
    assert [short(w) for w in layer.weights] == expected_names(cls, layer)
    assert layer.weights == layer.trainable_weights
    shapes = {short(w): K.int_shape(w) for w in layer.weights}
    k = 3 if 'GRU' in cls else 4
    assert shapes['kernel'] == (D, k * U)
    assert shapes['recurrent_kernel'] == (U, k * U)
    assert shapes['conditional_kernel'] == (E, k * U)
    if cls not in COND:
        assert shapes['attention_recurrent_kernel'] == (U, U)
        assert shapes['attention_context_kernel'] == (D, U)
        assert ('attention_context_wa' in shapes) == (mode == 'add')
    if 'Inputs' in cls:
        assert shapes['kernel2'] == (D2, k * U)
        assert shapes['attention_context_kernel2'] == (D2, U)
        assert shapes['bias_ba'] == (U,) and shapes['bias_ba2'] == (U,)


# ------------------------------------------------- one-step decoding

@pytest.mark.parametrize('cls,kind', [
    ('AttConditionalLSTMCond', 'att'), ('AttLSTMCond', 'att'),
    ('AttConditionalGRUCond', 'att'), ('AttGRUCond', 'att'),
    ('AttConditionalLSTMCond2Inputs', 'att2'),
])
def test_one_step_decoding_reproduces_full_sequence(cls, kind):
    """The layer called on one timestep with explicit states (NMT-Keras'
    model_next) gives, step by step, the full-sequence outputs."""
    lstm = cls in LSTM_TYPES
    n_init = 2 if lstm else 1
    c = Case(cls, kind, n_init, time=None, words=False,
             **({'attend_on_both': True} if 'Inputs' in cls else {}))
    layer = c.layer(**FULL)
    full_out = c.call(layer)
    w = set_random_weights(cls, layer)
    x_step = Input(batch_shape=(B, 1, E))
    states = [Input(batch_shape=(B, U)) for _ in range(n_init)]
    step_out = as_list(layer([x_step] + c.call_inputs[1:-n_init] + states))
    f = function(c.inputs() + [x_step] + states, full_out + step_out)
    x = RNG.uniform(-1, 1, (B, T, E)).astype('float32')
    data = [x] + c.data()[1:]
    n = len(full_out)
    init = INIT[:n_init]
    full = f(data + [x[:, :1]] + init + [0])[:n]
    check(full, c.reference(w, x=x.astype(np.float64), **FULL), what='full')
    for t in range(T):
        step = f(data + [x[:, t:t + 1]] + init + [0])[n:]
        assert_allclose(step[0][:, 0], full[0][:, t], atol=1e-5)
        for k in range(1, n - n_init):  # extras, time-major
            assert_allclose(step[k][0], full[k][t], atol=1e-5)
        init = step[n - n_init:]
    for got, final in zip(init, full[n - n_init:]):
        assert_allclose(got, final, atol=1e-5)


# ----------------------------------------------------------- fork files

def fixture_data(name):
    info = manifest()['fixtures'][name]
    ins = {i['name']: np.load(os.path.join(FIXTURES, i['file']))
           for i in info['inputs']}
    outs = [np.load(os.path.join(FIXTURES, o['file']))
            for o in info['outputs']]
    return info, ins, outs


@pytest.mark.parametrize('name', ATTENTION + CONDITIONAL +
                         ['NMT_AttConditionalLSTMCond'])
def test_fork_files_load_and_predict(name):
    """load_model(NAME.h5), then load_weights(NAME_weights.h5) into it:
    both give the fork's outputs (with the fork's masking: no new key)."""
    info, ins, outs = fixture_data(name)
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        # the NMT model's training function (for its Adam state) alone costs
        # half a minute to build on PyTensor: its optimizer is not loaded
        model = load_model(os.path.join(FIXTURES, info['files']['model']),
                           compile=not name.startswith('NMT'))
    f = K.function(model.inputs + [K.learning_phase()], model.outputs)
    feed = [ins[n] for n in model.input_names] + [0]
    check(f(feed), outs, what=name)
    for layer in model.layers:
        config = layer.get_config()
        if type(layer).__name__ in ref.CLASSES and 'attention_mode' in config:
            assert config['attention_mask_mode'] == 'fork'
            if 'Inputs' in type(layer).__name__:
                assert config['fork_compatible'] is True
    model.set_weights([np.zeros_like(v) for v in model.get_weights()])
    assert np.abs(f(feed)[0] - outs[0]).max() > 1e-3
    model.load_weights(os.path.join(FIXTURES, info['files']['weights']))
    check(f(feed), outs, what=name + ' load_weights')


def test_fork_architecture_json_builds_with_fork_defaults():
    with open(os.path.join(FIXTURES, 'AttLSTMCond_add_arch.json')) as fp:
        arch = fp.read()
    model = model_from_json(arch)
    decoder = model.get_layer('decoder')
    assert decoder.get_config()['attention_mask_mode'] == 'fork'
    assert json.loads(arch)['config']['layers'][-1]['config'].get(
        'attention_mask_mode') is None


# --------------------------------------------------------- configuration

@pytest.mark.parametrize('cls', ALL_CLASSES)
def test_config_keys_and_defaults(cls):
    layer = getattr(layers, cls)(U)
    config = layer.get_config()
    assert config['units'] == U
    clone = getattr(layers, cls).from_config(config)
    assert clone.get_config() == config
    if cls in COND + SELF:  # no context mask
        return
    assert config['attention_mask_mode'] == 'exclude'
    old = dict(config)
    old.pop('attention_mask_mode')
    is_multi = 'Inputs' in cls
    if is_multi:
        assert config['fork_compatible'] is False
        old.pop('fork_compatible')
    restored = getattr(layers, cls).from_config(old).get_config()
    assert restored['attention_mask_mode'] == 'fork'
    if is_multi:
        assert restored['fork_compatible'] is True


@pytest.mark.parametrize('cls', ['GRUCond', 'LSTMCond', 'AttGRUCond',
                                 'AttLSTMCond', 'AttConditionalLSTMCond',
                                 'AttConditionalGRUCond'])
def test_legacy_argument_names(cls):
    kwargs = dict(output_dim=U, dropout_W=0.1, dropout_U=0.2, dropout_V=0.3,
                  consume_less='mem')
    if cls not in COND:
        kwargs.update(att_dim=3, dropout_Wa=0.4)
    if 'LSTM' in cls:
        kwargs['forget_bias_init'] = 'one'
    with pytest.warns(UserWarning, match=cls):
        layer = getattr(layers, cls)(**kwargs)
    config = layer.get_config()
    assert config['units'] == U
    assert (config['dropout'], config['recurrent_dropout'],
            config['conditional_dropout']) == (0.1, 0.2, 0.3)
    assert config['implementation'] == 1
    if cls not in COND:
        assert config['att_units'] == 3 and config['attention_dropout'] == 0.4
    if 'LSTM' in cls:
        assert config['unit_forget_bias'] is True


# --------------------------------------------------------------- errors

def test_wrong_number_of_inputs_names_layer():
    c = Case('AttLSTMCond', 'att', 1, words=False)
    layer = layers.AttLSTMCond(U, num_inputs=4, name='my_decoder')
    with pytest.raises(ValueError, match='my_decoder'):
        layer(c.call_inputs)


def test_context_of_wrong_rank_names_layer():
    layer = layers.AttConditionalLSTMCond(U, num_inputs=2, name='dec2')
    with pytest.raises(ValueError, match='dec2'):
        layer([Input((T, E)), Input((D,))])


def test_mismatched_initial_state_size_names_layer():
    layer = layers.AttLSTMCond(U, num_inputs=4, name='dec3')
    with pytest.raises(ValueError, match='dec3'):
        layer([Input((T, E)), Input((N, D)), Input((U + 1,)), Input((U,))])


@pytest.mark.parametrize('cls', ['AttLSTMCond', 'AttGRUCond',
                                 'AttLSTMCond2Inputs'])
def test_unknown_attention_mode(cls):
    with pytest.raises(ValueError, match='attention_mode'):
        layer = getattr(layers, cls)(U, attention_mode='cosine', name='dec4')
        c = Case(cls, 'att2' if 'Inputs' in cls else 'att', words=False)
        layer(c.call_inputs)


def test_unknown_attention_mask_mode():
    with pytest.raises(ValueError, match='attention_mask_mode'):
        layers.AttLSTMCond(U, attention_mask_mode='zero')
