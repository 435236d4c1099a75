"""Decoders that attend over a context at every step with their previous
state: `AttGRUCond`, `AttLSTMCond`, and the self-attending `AttGRU`,
`AttLSTM`."""
from ... import backend as K
from ...legacy import interfaces
from .._utils import named_arguments
from ._attention import Attention, attention_biases, attention_kernels
from ._base import ConditionalRecurrent
from ._parts import dropout_mask, gru_update, lstm_update, masked, project
from ._parts import weight


class _Attentional(ConditionalRecurrent):
    """One attention with the previous state as query:
    `ctx_t = Att(h_{t-1})`, then one GRU / LSTM transition fed with the
    inputs and `ctx_t`."""

    # Whether the target inputs get their own `conditional_kernel`
    # (False: the self-attending classes, whose `kernel` reads both).
    _conditional = True

    def _weight_plan(self, x_shape, context_shapes):
        width = (4 if self._lstm else 3) * self.units
        steps, dim = self._attended_shapes(x_shape, context_shapes)[0]
        att_units = self._attention_units(self.att_units)
        plan = [weight('kernel', (dim, width), 'kernel'),
                weight('recurrent_kernel', (self.units, width), 'recurrent')]
        if self._conditional:
            plan.append(weight('conditional_kernel', (x_shape[-1], width),
                               'conditional'))
        plan += attention_kernels('', self.units, dim, att_units,
                                  self.attention_mode)
        if self.use_bias:
            plan.append(weight('bias', (width,), 'bias'))
        return plan + attention_biases('', att_units, steps,
                                       self.attention_mode)

    def _make_step(self, x, contexts, context_masks, training):
        attention = Attention(self, dropout=self.attention_dropout)
        context = contexts[0]
        prepared = attention.prepare(context, context_masks[0], training)
        context_dropout = dropout_mask(context[:, 0], self.dropout, training)
        if self._conditional:
            x_mask = dropout_mask(x[:, 0], self.conditional_dropout,
                                  training)
            sequence = project(x, self.conditional_kernel, x_mask,
                               self._w('bias'))
        else:
            sequence = project(x, self.kernel, context_dropout,
                               self._w('bias'))
        recurrent_mask = self._recurrent_mask(x, training)

        def step(projected, states):
            h = states[0]
            ctx, alpha = attention.attend(prepared, h)
            inputs = projected + K.dot(masked(ctx, context_dropout),
                                       self.kernel)
            if self._lstm:
                z = inputs + K.dot(masked(h, recurrent_mask),
                                   self.recurrent_kernel)
                h, c = lstm_update(z, states[1], self.units, self.activation,
                                   self.recurrent_activation)
                return h, [h, c, ctx, alpha]
            h = gru_update(inputs, h, h, self.recurrent_kernel, self.units,
                           self.activation, self.recurrent_activation,
                           recurrent_mask)
            return h, [h, ctx, alpha]
        return sequence, step, [prepared]


class _SelfAttentional(_Attentional):
    """The input sequence is also the attended context (masked with the
    target mask when there is one)."""

    _context_ranks = ()
    _conditional = False
    conditional_dropout = 0.

    def _attended_shapes(self, x_shape, context_shapes):
        return [(x_shape[1], x_shape[2])]

    def _attended_inputs(self, x, target_mask, contexts, context_masks):
        return [x], [target_mask]


class AttGRUCond(_Attentional):
    """GRU decoder with additive (or dot) attention over a context, fed with
    the previous words (Bahdanau et al. 2014).

    Inputs, as a list: the target sequence `(batch, time, input_dim)`, the
    context `(batch, steps, context_dim)` and, optionally, the initial state
    `(batch, units)`. The context mask is its Keras mask, or 1 where the
    features of a step do not sum to `mask_value`.

    Step: `ctx_t = Att(h_{t-1})`, `a = x_t V + ctx_t W + b`, then the GRU
    update of `GRUCond`.

    # Arguments
        units: Positive integer, dimensionality of the output space.
        att_units: Size of the attention projection (0: `units`).
        return_extra_variables: Whether to also return, for every step,
            the attended context and the attention weights. They come out
            **time-major**, `(time, batch, context_dim)` and
            `(time, batch, steps)`, as in the multimodal fork.
        return_states: Whether to also return the final state.
        attention_mode: 'add' / 'bahdanau', 'dot' / 'luong' or 'scaled-dot'.
        activation, recurrent_activation, use_bias: as `GRU`.
        *_initializer, *_regularizer, *_constraint: of `kernel` (W),
            `conditional_kernel` (V), `recurrent_kernel` (R),
            `attention_recurrent_kernel`, `attention_context_kernel`,
            `attention_context_wa`, `bias`, `bias_ba`, `bias_ca`.
        mask_value: the value of the padded context steps.
        dropout, recurrent_dropout, conditional_dropout, attention_dropout:
            fractions of the attended context, state, input and context
            features to drop.
        num_inputs: Number of input tensors (2 or 3).
        attention_mask_mode: 'exclude' (masked context steps get no
            weight; the default of new layers) or 'fork' (their scores are
            set to 0, as the fork did; what configs saved by the fork get).
        fork_compatible: keep the fork's equations where they were a bug
            (True for configs saved by the fork).

    # Output shape
        The output `(batch, time, units)` (or `(batch, units)`), then with
        `return_extra_variables` the attended contexts and the attention
        weights (time-major), then with `return_states` the final state.
    """

    _lstm = False

    @interfaces.legacy_recurrent_support
    def __init__(self, units,
                 att_units=0,
                 return_extra_variables=False,
                 return_states=False,
                 attention_mode='add',
                 activation='tanh',
                 recurrent_activation='sigmoid',
                 use_bias=True,
                 kernel_initializer='glorot_uniform',
                 conditional_initializer='glorot_uniform',
                 recurrent_initializer='orthogonal',
                 attention_recurrent_initializer='glorot_uniform',
                 attention_context_initializer='glorot_uniform',
                 attention_context_wa_initializer='glorot_uniform',
                 bias_initializer='zeros',
                 bias_ba_initializer='zeros',
                 bias_ca_initializer='zero',
                 mask_value=0.,
                 kernel_regularizer=None,
                 recurrent_regularizer=None,
                 conditional_regularizer=None,
                 attention_recurrent_regularizer=None,
                 attention_context_regularizer=None,
                 attention_context_wa_regularizer=None,
                 bias_regularizer=None,
                 bias_ba_regularizer=None,
                 bias_ca_regularizer=None,
                 activity_regularizer=None,
                 kernel_constraint=None,
                 recurrent_constraint=None,
                 conditional_constraint=None,
                 attention_recurrent_constraint=None,
                 attention_context_constraint=None,
                 attention_context_wa_constraint=None,
                 bias_constraint=None,
                 bias_ba_constraint=None,
                 bias_ca_constraint=None,
                 dropout=0.,
                 recurrent_dropout=0.,
                 conditional_dropout=0.,
                 attention_dropout=0.,
                 num_inputs=3,
                 **kwargs):
        super().__init__(named_arguments(locals()), **kwargs)


class AttLSTMCond(_Attentional):
    """LSTM decoder with attention over a context, fed with the previous
    words: the classic NMT decoder of NMT-Keras.

    Inputs, as a list: the target sequence `(batch, time, input_dim)`, the
    context `(batch, steps, context_dim)` and, optionally, the initial
    states h0 and c0 `(batch, units)` (one tensor: used for both).

    Step: `ctx_t = Att(h_{t-1})`, `z = x_t V + h_{t-1} R + ctx_t W + b`,
    then the LSTM update.

    # Arguments
        units, att_units, return_extra_variables, return_states,
        attention_mode, mask_value, the dropouts, num_inputs,
        attention_mask_mode, fork_compatible: as `AttGRUCond`.
        activation, recurrent_activation, use_bias, unit_forget_bias:
            as `LSTM`.
        *_initializer, *_regularizer, *_constraint: as `AttGRUCond`.

    # Output shape
        The output `(batch, time, units)` (or `(batch, units)`), then with
        `return_extra_variables` the attended contexts
        `(time, batch, context_dim)` and the attention weights
        `(time, batch, steps)` (time-major), then with `return_states` the
        final h and c `(batch, units)`.
    """

    @interfaces.legacy_recurrent_support
    def __init__(self, units,
                 att_units=0,
                 return_extra_variables=False,
                 return_states=False,
                 attention_mode='add',
                 activation='tanh',
                 recurrent_activation='sigmoid',
                 use_bias=True,
                 kernel_initializer='glorot_uniform',
                 conditional_initializer='glorot_uniform',
                 recurrent_initializer='orthogonal',
                 attention_recurrent_initializer='glorot_uniform',
                 attention_context_initializer='glorot_uniform',
                 attention_context_wa_initializer='glorot_uniform',
                 bias_initializer='zeros',
                 bias_ba_initializer='zeros',
                 bias_ca_initializer='zero',
                 unit_forget_bias=True,
                 mask_value=0.,
                 kernel_regularizer=None,
                 recurrent_regularizer=None,
                 conditional_regularizer=None,
                 attention_recurrent_regularizer=None,
                 attention_context_regularizer=None,
                 attention_context_wa_regularizer=None,
                 bias_regularizer=None,
                 bias_ba_regularizer=None,
                 bias_ca_regularizer=None,
                 activity_regularizer=None,
                 kernel_constraint=None,
                 recurrent_constraint=None,
                 conditional_constraint=None,
                 attention_recurrent_constraint=None,
                 attention_context_constraint=None,
                 attention_context_wa_constraint=None,
                 bias_constraint=None,
                 bias_ba_constraint=None,
                 bias_ca_constraint=None,
                 dropout=0.,
                 recurrent_dropout=0.,
                 conditional_dropout=0.,
                 attention_dropout=0.,
                 num_inputs=4,
                 **kwargs):
        super().__init__(named_arguments(locals()), **kwargs)


class AttGRU(_SelfAttentional):
    """GRU that attends over its own input sequence at every step.

    Input: the sequence `(batch, time, input_dim)` and, optionally, the
    initial state. Step: `ctx_t = Att(h_{t-1})` over the whole input
    sequence, `a = (x_t + ctx_t) W + b`, then the GRU update. (The fork's
    version could not run; these equations are ours.)

    # Arguments
        As `AttGRUCond`, without the conditional (input) kernel.

    # Output shape
        As `AttGRUCond`, the attended vectors having `input_dim` features.
    """

    _lstm = False

    @interfaces.legacy_recurrent_support
    def __init__(self, units,
                 att_units=0,
                 return_extra_variables=False,
                 return_states=False,
                 attention_mode='add',
                 activation='tanh',
                 recurrent_activation='sigmoid',
                 use_bias=True,
                 kernel_initializer='glorot_uniform',
                 recurrent_initializer='orthogonal',
                 attention_recurrent_initializer='glorot_uniform',
                 attention_context_initializer='glorot_uniform',
                 attention_context_wa_initializer='glorot_uniform',
                 bias_initializer='zeros',
                 bias_ba_initializer='zeros',
                 bias_ca_initializer='zero',
                 mask_value=0.,
                 kernel_regularizer=None,
                 recurrent_regularizer=None,
                 attention_recurrent_regularizer=None,
                 attention_context_regularizer=None,
                 attention_context_wa_regularizer=None,
                 bias_regularizer=None,
                 bias_ba_regularizer=None,
                 bias_ca_regularizer=None,
                 activity_regularizer=None,
                 kernel_constraint=None,
                 recurrent_constraint=None,
                 attention_recurrent_constraint=None,
                 attention_context_constraint=None,
                 attention_context_wa_constraint=None,
                 bias_constraint=None,
                 bias_ba_constraint=None,
                 bias_ca_constraint=None,
                 dropout=0.,
                 recurrent_dropout=0.,
                 attention_dropout=0.,
                 num_inputs=3,
                 **kwargs):
        super().__init__(named_arguments(locals()), **kwargs)


class AttLSTM(_SelfAttentional):
    """LSTM that attends over its own input sequence at every step.

    Input: the sequence `(batch, time, input_dim)` and, optionally, the
    initial states. Step: `ctx_t = Att(h_{t-1})` over the whole input
    sequence, `z = (x_t + ctx_t) W + h_{t-1} R + b`, then the LSTM update.
    (The fork's version only ran when `input_dim == 4 * units`; these
    equations are ours and work for any size.)

    # Arguments
        As `AttLSTMCond`, without the conditional (input) kernel.

    # Output shape
        As `AttLSTMCond`, the attended vectors having `input_dim` features.
    """

    @interfaces.legacy_recurrent_support
    def __init__(self, units,
                 att_units=0,
                 return_extra_variables=False,
                 return_states=False,
                 activation='tanh',
                 attention_mode='add',
                 recurrent_activation='sigmoid',
                 use_bias=True,
                 kernel_initializer='glorot_uniform',
                 recurrent_initializer='orthogonal',
                 attention_recurrent_initializer='glorot_uniform',
                 attention_context_initializer='glorot_uniform',
                 attention_context_wa_initializer='glorot_uniform',
                 bias_initializer='zeros',
                 bias_ba_initializer='zeros',
                 bias_ca_initializer='zero',
                 forget_bias_init='one',
                 unit_forget_bias=True,
                 mask_value=0.,
                 kernel_regularizer=None,
                 recurrent_regularizer=None,
                 attention_recurrent_regularizer=None,
                 attention_context_regularizer=None,
                 attention_context_wa_regularizer=None,
                 bias_regularizer=None,
                 bias_ba_regularizer=None,
                 bias_ca_regularizer=None,
                 activity_regularizer=None,
                 kernel_constraint=None,
                 recurrent_constraint=None,
                 attention_recurrent_constraint=None,
                 attention_context_constraint=None,
                 attention_context_wa_constraint=None,
                 bias_constraint=None,
                 bias_ba_constraint=None,
                 bias_ca_constraint=None,
                 dropout=0.,
                 recurrent_dropout=0.,
                 attention_dropout=0.,
                 num_inputs=3,
                 **kwargs):
        super().__init__(named_arguments(locals(), 'forget_bias_init'),
                         **kwargs)
