"""NumPy reference of the fork's conditional / attentional recurrent layers
(`keras.layers.recurrent_advanced`), written for the tests from the equations
of `shared/api/weights.md` section 3, independently of the layer code.

Weights are passed as a dict `name -> array` with the names of weights.md
§3.2 without the layer prefix (`kernel`, `recurrent_kernel`, `bias_ca`, ...);
`weight_names(...)` gives the positional order of §3.2, so that a list read
from an HDF5 group (or `layer.get_weights()`) becomes that dict with
`dict(zip(weight_names(...), arrays))`.

Every public class has one function here, built from small parts:
`lstm_update` / `gru_update` (gate math), `project_context` / `attend`
(the attention Att(s) of §3.1 with the 'add'/'bahdanau', 'dot'/'luong' and
'scaled-dot' scorers and both ways of masking the context) and `run_loop`
(target mask, initial states, go_backwards, collection of the outputs).

Masking conventions for the context (`mask_mode`):
- 'fork': the fork's: masked scores are set to 0, then softmax over all N
  positions (padded positions still take probability mass but contribute zero
  vectors);
- 'exclude': masked positions get probability 0 (scores -inf); a row whose
  positions are all masked gets all-zero weights.

`fork_compatible` (2Inputs classes): True reproduces the fork's second
attention, which scores with the projection P1 of the *first* context (masked
with the second context's mask m2; the weighted sum runs over C2); False
scores with the second context's own projection P2.

Dropout masks are not sampled here: the functions accept explicit multiplicative
masks (`drop` dict, see `run_att`) so that a test can feed the masks it knows;
without them no dropout is applied (test phase).

All functions return the list of outputs in the layer's order: main output
((B, T, U) with return_sequences, else (B, U)), then with
`return_extra_variables` ctx_k (T, B, D_k) and alpha_k (T, B, N_k) per
attention (time-major, as the fork), then with `return_states` the final
h (B, U) [and c (B, U)].
"""
import numpy as np

ADD_MODES = ('add', 'bahdanau')
DOT_MODES = ('dot', 'luong', 'scaled-dot')


# ---------------------------------------------------------------- small parts

def sigmoid(x):
    return 1. / (1. + np.exp(-x))


def hard_sigmoid(x):
    return np.clip(0.2 * x + 0.5, 0., 1.)


ACTIVATIONS = {'tanh': np.tanh, 'sigmoid': sigmoid,
               'hard_sigmoid': hard_sigmoid, 'linear': lambda x: x,
               'relu': lambda x: np.maximum(x, 0.)}


def activation(name):
    """Activation name (or callable) -> NumPy function."""
    return name if callable(name) else ACTIVATIONS[name]


def softmax(e, axis=-1):
    e = e - np.max(e, axis=axis, keepdims=True)
    p = np.exp(e)
    return p / np.sum(p, axis=axis, keepdims=True)


def split(z, k):
    """The k gate blocks of a fused (…, kU) array."""
    return np.split(z, k, axis=-1)


def _drop(x, mask):
    return x if mask is None else x * mask


def lstm_update(z, c_prev, act='tanh', rec_act='sigmoid'):
    """LSTM gates i, f, c, o from the summed pre-activations z (B, 4U)."""
    act, rec_act = activation(act), activation(rec_act)
    zi, zf, zc, zo = split(z, 4)
    c = rec_act(zf) * c_prev + rec_act(zi) * act(zc)
    return rec_act(zo) * act(c), c


def gru_update(a, h_gate, h_prev, R, act='tanh', rec_act='sigmoid',
               rec_drop=None):
    """GRU gates z, r, h from the input part a (B, 3U) (bias included).

    z and r read `h_gate`; the candidate uses r * h_prev and the final mix
    h_prev (h_gate is h_prev except in GRU2 of AttConditionalGRUCond).
    """
    act, rec_act = activation(act), activation(rec_act)
    az, ar, ah = split(a, 3)
    Rz, Rr, Rh = split(R, 3)
    hg = _drop(h_gate, rec_drop)
    z = rec_act(az + hg.dot(Rz))
    r = rec_act(ar + hg.dot(Rr))
    cand = act(ah + _drop(r * h_prev, rec_drop).dot(Rh))
    return z * h_prev + (1. - z) * cand


def context_mask(C, keras_mask=None, mask_value=0.):
    """(B, N) context mask: the Keras mask, else sum over features != mask_value."""
    if keras_mask is not None:
        return np.asarray(keras_mask).astype(C.dtype)
    return (np.sum(C, axis=-1) != mask_value).astype(C.dtype)


def project_context(C, W_ac, b_a=None, drop=None):
    """P = (C * M_drop) W_ac + b_a, (B, N, A)."""
    P = _drop(C, drop).dot(W_ac)
    return P if b_a is None else P + b_a


def attention_scores(q, P, mode, wa=None, bca=None):
    """Scores e (B, N) of the projected query q (B, A) against P (B, N, A)."""
    mode = mode.lower()
    if mode in ADD_MODES:
        e = np.tanh(P + q[:, None, :]).dot(wa)
        return e if bca is None else e + bca
    if mode in DOT_MODES:
        e = np.einsum('ba,bna->bn', q, P)
        return e / np.sqrt(P.shape[-1]) if mode == 'scaled-dot' else e
    raise ValueError('unknown attention_mode %r' % mode)


def masked_softmax(e, m, mask_mode='fork'):
    """Attention weights over the N positions of e (B, N) with mask m (B, N)."""
    if m is None:
        return softmax(e)
    if mask_mode == 'fork':
        return softmax(e * m)
    if mask_mode != 'exclude':
        raise ValueError('unknown mask_mode %r' % mask_mode)
    keep = m > 0
    e = np.where(keep, e, -np.inf)
    top = np.max(np.where(keep, e, -1e30), axis=-1, keepdims=True)
    p = np.where(keep, np.exp(e - top), 0.)
    total = np.sum(p, axis=-1, keepdims=True)
    return p / np.where(total > 0, total, 1.)


def attend(s, C, P, m, W_ar, mode='add', wa=None, bca=None,
           mask_mode='fork', query_drop=None, score_P=None, score_m=None):
    """Att(s): returns (ctx (B, D), alpha (B, N)).

    C, P and the scores are multiplied by the mask m first (as the fork).
    `score_P` / `score_m` (default P / m) are the projection and mask the
    scores are computed from (the fork's 2Inputs bug passes context 1's P).
    """
    score_P = P if score_P is None else score_P
    score_m = m if score_m is None else score_m
    if m is not None:
        C = C * m[:, :, None]
    if score_m is not None:
        score_P = score_P * score_m[:, :, None]
    q = _drop(s, query_drop).dot(W_ar)
    alpha = masked_softmax(attention_scores(q, score_P, mode, wa, bca),
                           score_m, mask_mode)
    return np.sum(C * alpha[:, :, None], axis=1), alpha


# ------------------------------------------------------------------- the loop

def run_loop(step, seqs, states, mask=None, go_backwards=False, n_extra=0):
    """Runs `step(inputs_t, states) -> (output, new_states, extras)` over time.

    seqs: list of (B, T, ...) arrays sliced per step. mask: (B, T) target
    mask. At a masked step the output and every state and extra keep their
    previous values (the output and extras of a masked first step are 0).
    Returns (outputs (B, T, U), extras [(T, B, ...)], final states).
    """
    T = seqs[0].shape[1]
    order = range(T - 1, -1, -1) if go_backwards else range(T)
    outputs, extras_seq = [], []
    prev_out, prev_extras = None, None
    for t in order:
        out, new_states, extras = step([s[:, t] for s in seqs], states)
        if prev_out is None:
            prev_out = np.zeros_like(out)
            prev_extras = [np.zeros_like(e) for e in extras]
        if mask is not None:
            keep = mask[:, t].astype(bool)

            def pick(new, old):
                k = keep.reshape((-1,) + (1,) * (new.ndim - 1))
                return np.where(k, new, old)
            out = pick(out, prev_out)
            new_states = [pick(n, o) for n, o in zip(new_states, states)]
            extras = [pick(n, o) for n, o in zip(extras, prev_extras)]
        outputs.append(out)
        extras_seq.append(extras)
        prev_out, prev_extras, states = out, extras, new_states
    outs = np.stack(outputs, axis=1)
    extras = [np.stack([e[k] for e in extras_seq], axis=0)
              for k in range(n_extra)]
    return outs, extras, states


def assemble(outs, extras, states, return_sequences=True,
             return_extra_variables=False, return_states=False):
    """The layer's output list in the fork's order."""
    result = [outs if return_sequences else outs[:, -1]]
    if return_extra_variables:
        result += list(extras)
    if return_states:
        result += list(states)
    return result


def initial_states(B, units, n_states, init=()):
    """h0 [, c0]: given tensors, one tensor used for both, or zeros."""
    init = [np.asarray(s) for s in init if s is not None]
    if len(init) == 1 and n_states == 2:
        init = init * 2
    zeros = [np.zeros((B, units), np.float64)] * (n_states - len(init))
    return list(init) + zeros


def _units(w):
    return w['recurrent_kernel'].shape[0]


def _bias(w, use_bias, *names):
    """Sum of the named biases (0 when not use_bias or absent)."""
    if not use_bias:
        return 0.
    return sum(w[n] for n in names if n in w)


# ------------------------------------------------ GRUCond / LSTMCond (no attention)

def run_cond(kind, x, ctx, w, init=(), mask=None, static_ctx=False,
             go_backwards=False, return_sequences=True, return_states=False,
             use_bias=True, activation='tanh', recurrent_activation='sigmoid',
             drop=None):
    """GRUCond (kind 'gru') and LSTMCond (kind 'lstm').

    ctx: (B, T, D) aligned with x, or (B, D) with static_ctx.
    drop: optional dict of masks 'dropout' (B, D), 'recurrent_dropout' (B, U),
    'conditional_dropout' (B, E).
    """
    drop = drop or {}
    units = _units(w)
    n_states = 2 if kind == 'lstm' else 1
    states = initial_states(x.shape[0], units, n_states, init)
    b = _bias(w, use_bias, 'bias')
    seqs = [x] if static_ctx else [x, ctx]

    def step(inputs, states):
        c_t = ctx if static_ctx else inputs[1]
        a = (_drop(inputs[0], drop.get('conditional_dropout'))
             .dot(w['conditional_kernel'])
             + _drop(c_t, drop.get('dropout')).dot(w['kernel']) + b)
        if kind == 'gru':
            h = gru_update(a, states[0], states[0], w['recurrent_kernel'],
                           activation, recurrent_activation,
                           drop.get('recurrent_dropout'))
            return h, [h], []
        z = a + _drop(states[0], drop.get('recurrent_dropout')).dot(
            w['recurrent_kernel'])
        h, c = lstm_update(z, states[1], activation, recurrent_activation)
        return h, [h, c], []

    outs, extras, states = run_loop(step, seqs, states, mask, go_backwards)
    return assemble(outs, extras, states, return_sequences, False,
                    return_states)


# ------------------------------------------------------ attention classes

def suffix(k):
    """Weight-name suffix of attention k (0-based): '', '2', '3'."""
    return '' if k == 0 else str(k + 1)


class Attention:
    """One attention block: context C (B, N, D), its mask and projection."""

    def __init__(self, w, k, C, m, mode, use_bias, mask_mode, drop):
        s = suffix(k)
        self.C, self.m, self.mode, self.mask_mode = C, m, mode.lower(), mask_mode
        self.W_ar = w['attention_recurrent_kernel' + s]
        add = self.mode in ADD_MODES
        self.wa = w.get('attention_context_wa' + s) if add else None
        self.bca = w.get('bias_ca' + s) if (add and use_bias) else None
        b_a = w.get('bias_ba' + s) if use_bias else None
        self.P = project_context(C, w['attention_context_kernel' + s], b_a,
                                 drop.get('attention_context' + s))
        self.query_drop = drop.get('attention_query' + s)
        self.score_P, self.score_m = None, None

    def __call__(self, s):
        return attend(s, self.C, self.P, self.m, self.W_ar, self.mode,
                      self.wa, self.bca, self.mask_mode, self.query_drop,
                      self.score_P, self.score_m)


def run_att(kind, x, contexts, w, init=(), mask=None, context_masks=None,
            conditional=False, attention_mode='add', mask_mode='fork',
            fork_compatible=True, go_backwards=False,
            return_sequences=True, return_extra_variables=False,
            return_states=False, use_bias=True, mask_value=0.,
            activation='tanh', recurrent_activation='sigmoid', drop=None,
            self_attention=False):
    """All attention classes.

    kind: 'gru' or 'lstm'. contexts: list of (B, N_k, D_k) arrays (the last
    one may be (B, D), attend_on_both=False: a static context fed at every
    step, reported with alpha = ones (B, 1)). context_masks: optional Keras masks
    (B, N_k) per context (None: derived from sum != mask_value).
    conditional: the two-transition variants (AttConditional*).
    self_attention: AttGRU / AttLSTM (the fork's versions could not run;
    these are the project's equations): x is the context, masked with the
    target mask; no conditional kernel; a = (x_t + ctx_t) W (+ h R) + b.
    drop: optional dict of multiplicative masks: 'dropout' (B, D1),
    'dropout2' (B, D2), 'recurrent_dropout' (B, U), 'conditional_dropout'
    (B, E), 'attention_context[2]' (B, N, D), 'attention_query[2]' (B, U).
    """
    drop = drop or {}
    units = _units(w)
    B = x.shape[0]
    if self_attention:  # x is the context, masked with the target mask
        contexts, context_masks = [x], [mask]
    context_masks = context_masks or [None] * len(contexts)
    atts, static = [], []
    for k, C in enumerate(contexts):
        if C.ndim == 2:
            static.append(C)
            continue
        if self_attention:
            m = None if mask is None else np.asarray(mask, C.dtype)
        else:
            m = context_mask(C, context_masks[k], mask_value)
        atts.append(Attention(w, k, C, m, attention_mode, use_bias,
                              mask_mode, drop))
    if fork_compatible and len(atts) > 1:
        for att in atts[1:]:
            att.score_P = atts[0].P
    n_states = 2 if kind == 'lstm' else 1
    states = initial_states(B, units, n_states, init)
    two = len(contexts) > 1
    # the per-context biases exist only where §3.2 creates them
    b_main = _bias(w, use_bias, 'bias', 'bias2', 'bias3')
    b_cond = _bias(w, use_bias, 'bias1', 'bias_conditional',
                   'bias2_conditional')
    R1 = w.get('recurrent1_kernel', w.get('recurrent_kernel_conditional'))
    rec_drop = drop.get('recurrent_dropout')
    cond_drop = drop.get('conditional_dropout')

    def ctx_term(ctxs):
        return sum(_drop(c, drop.get('dropout' + suffix(k))).dot(
            w['kernel' + suffix(k)]) for k, c in enumerate(ctxs))

    def attend_all(s):
        ctxs, extras = [], []
        for att in atts:
            c, a = att(s)
            ctxs.append(c)
            extras += [c, a]
        for c in static:
            ctxs.append(c)
            extras += [c, np.ones((B, 1), c.dtype)]
        return ctxs, extras

    def x_term(x_t):
        if self_attention:
            return 0.
        return _drop(x_t, cond_drop).dot(w['conditional_kernel'])

    def transition(a, h_gate, h_prev, c_prev, R):
        """One GRU / LSTM transition from the input part a (bias included)."""
        if kind == 'gru':
            h = gru_update(a, h_gate, h_prev, R, activation,
                           recurrent_activation, rec_drop)
            return h, None
        z = a + _drop(h_gate, rec_drop).dot(R)
        return lstm_update(z, c_prev, activation, recurrent_activation)

    def step(inputs, states):
        h_prev = states[0]
        c_prev = states[1] if kind == 'lstm' else None
        x_t = x_term(inputs[0])
        if conditional:
            h1, c1 = transition(x_t + b_cond, h_prev, h_prev, c_prev, R1)
            ctxs, extras = attend_all(h1)
            a = ctx_term(ctxs) + b_main
            if two:
                a = a + x_t
            if kind == 'gru':  # candidate and mix from h_{t-1} (fork)
                h, c = transition(a, h1, h_prev, None, w['recurrent_kernel'])
            else:
                h, c = transition(a, h1, h1, c1, w['recurrent_kernel'])
        else:
            ctxs, extras = attend_all(h_prev)
            if self_attention:  # a = (x_t + ctx_t) W + b
                ctxs = [ctxs[0] + inputs[0]]
            a = x_t + ctx_term(ctxs) + b_main
            h, c = transition(a, h_prev, h_prev, c_prev,
                              w['recurrent_kernel'])
        return h, [h] if c is None else [h, c], extras

    n_extra = 2 * len(contexts)
    outs, extras, states = run_loop(step, [x], states, mask, go_backwards,
                                    n_extra)
    return assemble(outs, extras, states, return_sequences,
                    return_extra_variables, return_states)


# ----------------------------------------------------------- class table

def weight_names(cls, attention_mode='add', use_bias=True,
                 attend_on_both=True):
    """Weight names of a class in the positional order of weights.md §3.2."""
    add = attention_mode.lower() in ADD_MODES
    wa = ['attention_context_wa'] if add else []
    ca = ['bias_ca'] if add else []
    bias = ['bias'] if use_bias else []
    att = ['attention_recurrent_kernel', 'attention_context_kernel'] + wa
    if cls in ('GRUCond', 'LSTMCond'):
        return ['kernel', 'recurrent_kernel', 'conditional_kernel'] + bias
    if cls in ('AttGRU', 'AttLSTM'):
        return (['kernel', 'recurrent_kernel'] + att + bias + ['bias_ba']
                + ca)
    if cls in ('AttGRUCond', 'AttLSTMCond'):
        return (['kernel', 'recurrent_kernel', 'conditional_kernel'] + att
                + bias + ['bias_ba'] + ca)
    if cls == 'AttConditionalGRUCond':
        return (['kernel', 'recurrent_kernel', 'recurrent1_kernel',
                 'conditional_kernel'] + att + bias
                + (['bias1'] if use_bias else []) + ['bias_ba'] + ca)
    if cls == 'AttConditionalLSTMCond':
        tail = ['bias', 'bias1', 'bias_ba'] + ca if use_bias else []
        return (['kernel', 'recurrent_kernel', 'recurrent1_kernel',
                 'conditional_kernel'] + att + tail)

    def second(names):
        return [n + '2' for n in names]
    if cls == 'AttLSTMCond2Inputs':
        names = (['kernel', 'kernel2', 'recurrent_kernel',
                  'conditional_kernel'] + att + ['bias_ba'] + ca + bias)
        if attend_on_both:
            names += second(att + ['bias_ba'] + ca + bias)
        return names
    if cls == 'AttConditionalLSTMCond2Inputs':
        biases = ['bias', 'bias_conditional'] if use_bias else []
        names = (['kernel', 'kernel2', 'recurrent_kernel',
                  'recurrent_kernel_conditional', 'conditional_kernel'] + att
                 + ['bias_ba'] + ca + biases)
        if attend_on_both:
            names += (second(att + ['bias_ba'] + ca)
                      + (['bias2', 'bias2_conditional'] if use_bias else []))
        return names
    if cls == 'AttLSTMCond3Inputs':  # never built by the fork: our names
        names = (['kernel', 'kernel2', 'kernel3', 'recurrent_kernel',
                  'conditional_kernel'] + att + ['bias_ba'] + ca + bias)
        for k in ('2', '3'):  # one bias only
            names += [n + k for n in att + ['bias_ba'] + ca]
        return names
    raise ValueError('unknown class %r' % cls)


#: class -> (function, fixed keyword arguments)
CLASSES = {
    'GRUCond': (run_cond, {'kind': 'gru'}),
    'LSTMCond': (run_cond, {'kind': 'lstm'}),
    'AttGRU': (run_att, {'kind': 'gru', 'self_attention': True}),
    'AttLSTM': (run_att, {'kind': 'lstm', 'self_attention': True}),
    'AttGRUCond': (run_att, {'kind': 'gru'}),
    'AttLSTMCond': (run_att, {'kind': 'lstm'}),
    'AttConditionalGRUCond': (run_att, {'kind': 'gru', 'conditional': True}),
    'AttConditionalLSTMCond': (run_att, {'kind': 'lstm',
                                         'conditional': True}),
    'AttLSTMCond2Inputs': (run_att, {'kind': 'lstm'}),
    'AttConditionalLSTMCond2Inputs': (run_att, {'kind': 'lstm',
                                                'conditional': True}),
    'AttLSTMCond3Inputs': (run_att, {'kind': 'lstm',
                                     'fork_compatible': False}),
}


def forward(cls, x, contexts, w, **kwargs):
    """Outputs of class `cls` on x and the list of contexts (see run_att /
    run_cond for the keyword arguments)."""
    fn, fixed = CLASSES[cls]
    kwargs = dict(fixed, **kwargs)
    if fn is run_cond:
        return run_cond(x=x, ctx=contexts[0], w=w, **kwargs)
    return run_att(x=x, contexts=list(contexts), w=w, **kwargs)
