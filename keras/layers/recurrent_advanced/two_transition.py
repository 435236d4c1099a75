"""Conditional decoders with two transitions per step (Nematus-style
cGRU / cLSTM): a first transition fed with the previous word, attention
with its state as query, a second transition fed with the attended
context. `AttConditionalGRUCond`, `AttConditionalLSTMCond`."""
from ... import backend as K
from ...legacy import interfaces
from .._utils import named_arguments
from ._attention import Attention, attention_biases, attention_kernels
from ._base import ConditionalRecurrent
from ._parts import dropout_mask, gru_update, lstm_update, masked, project
from ._parts import weight


class _TwoTransitions(ConditionalRecurrent):
    """The shared weights and step of the two conditional classes."""

    def _weight_plan(self, x_shape, context_shapes):
        width = (4 if self._lstm else 3) * self.units
        steps, dim = context_shapes[0][1], context_shapes[0][2]
        att_units = self._attention_units(self.att_units)
        plan = [weight('kernel', (dim, width), 'kernel'),
                weight('recurrent_kernel', (self.units, width), 'recurrent'),
                weight('recurrent1_kernel', (self.units, width),
                       'recurrent'),
                weight('conditional_kernel', (x_shape[-1], width),
                       'conditional')]
        plan += attention_kernels('', self.units, dim, att_units,
                                  self.attention_mode)
        biases = [weight('bias', (width,), 'bias'),
                  weight('bias1', (width,), 'bias')]
        attention = attention_biases('', att_units, steps,
                                     self.attention_mode)
        if self._lstm:
            # The fork creates the attention biases only with use_bias.
            return plan + (biases + attention if self.use_bias else [])
        return plan + (biases if self.use_bias else []) + attention

    def _make_step(self, x, contexts, context_masks, training):
        attention = Attention(self, dropout=self.attention_dropout)
        prepared = attention.prepare(contexts[0], context_masks[0], training)
        x_mask = dropout_mask(x[:, 0], self.conditional_dropout, training)
        sequence = project(x, self.conditional_kernel, x_mask,
                           self._w('bias1'))
        context_dropout = dropout_mask(contexts[0][:, 0], self.dropout,
                                       training)
        recurrent_mask = self._recurrent_mask(x, training)
        bias = self._w('bias')

        def second_inputs(ctx):
            inputs = K.dot(masked(ctx, context_dropout), self.kernel)
            return inputs if bias is None else K.bias_add(inputs, bias)

        def lstm_step(projected, states):
            h, c = states[0], states[1]
            z1 = projected + K.dot(masked(h, recurrent_mask),
                                   self.recurrent1_kernel)
            h1, c1 = lstm_update(z1, c, self.units, self.activation,
                                 self.recurrent_activation)
            ctx, alpha = attention.attend(prepared, h1)
            z = second_inputs(ctx) + K.dot(masked(h1, recurrent_mask),
                                           self.recurrent_kernel)
            h, c = lstm_update(z, c1, self.units, self.activation,
                               self.recurrent_activation)
            return h, [h, c, ctx, alpha]

        def gru_step(projected, states):
            h = states[0]
            h1 = gru_update(projected, h, h, self.recurrent1_kernel,
                            self.units, self.activation,
                            self.recurrent_activation, recurrent_mask)
            ctx, alpha = attention.attend(prepared, h1)
            # As the fork: the gates read h1, the candidate and the final
            # mix the previous state.
            h = gru_update(second_inputs(ctx), h1, h, self.recurrent_kernel,
                           self.units, self.activation,
                           self.recurrent_activation, recurrent_mask)
            return h, [h, ctx, alpha]

        return sequence, lstm_step if self._lstm else gru_step, [prepared]


class AttConditionalGRUCond(_TwoTransitions):
    """Conditional GRU decoder with attention (Nematus' cGRU).

    Inputs, as a list: the target sequence `(batch, time, input_dim)`, the
    context `(batch, steps, context_dim)` and, optionally, the initial state
    `(batch, units)`.

    Step: `h' = GRU_1(x_t V + b1, h_{t-1}; R1)`, `ctx_t = Att(h')`, then
    `a = ctx_t W + b`, gates `z, r` from `a + h' R`, candidate
    `tanh(a_h + (r * h_{t-1}) R_h)` and `h_t = z * h_{t-1} + (1 - z) * h~`
    (the fork's second transition: its candidate and mix read
    `h_{t-1}`).

    # Arguments
        As `AttGRUCond`; `recurrent1_kernel` and `bias1` (the first
        transition) use the recurrent and bias initializers,
        regularizers and constraints.

    # Output shape
        As `AttGRUCond` (extra outputs time-major).
    """

    _lstm = False

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
                 conditional_initializer='glorot_uniform',
                 attention_recurrent_initializer='glorot_uniform',
                 attention_context_initializer='glorot_uniform',
                 attention_context_wa_initializer='glorot_uniform',
                 recurrent_initializer='orthogonal',
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


class AttConditionalLSTMCond(_TwoTransitions):
    """Conditional LSTM decoder with attention (Nematus-style cLSTM), the
    default decoder of NMT-Keras.

    Inputs, as a list: the target sequence `(batch, time, input_dim)`, the
    context `(batch, steps, context_dim)` and, optionally, the initial
    states h0 and c0 `(batch, units)` (one tensor: used for both).

    Step: `(h', c') = LSTM_1(x_t V + h_{t-1} R1 + b1; c_{t-1})`,
    `ctx_t = Att(h')`, `(h_t, c_t) = LSTM_2(h' R + ctx_t W + b; c')`.

    # Arguments
        As `AttLSTMCond`; `recurrent1_kernel` and `bias1` (the first
        transition) use the recurrent and bias initializers,
        regularizers and constraints. With `use_bias=False` the layer has
        no `bias_ba` / `bias_ca` either (as in the fork).

    # Output shape
        As `AttLSTMCond`: the output, then with `return_extra_variables`
        the attended contexts `(time, batch, context_dim)` and the
        attention weights `(time, batch, steps)` (time-major), then with
        `return_states` the final h and c.
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
