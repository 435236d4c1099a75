"""`GRUCond` and `LSTMCond`: recurrent layers conditioned on a context
aligned with the target sequence (or one static context vector)."""
from ... import backend as K
from ...legacy import interfaces
from .._utils import named_arguments
from ._base import ConditionalRecurrent
from ._parts import dropout_mask, gru_update, lstm_update, masked, project
from ._parts import weight


class _ContextConditioned(ConditionalRecurrent):
    """Weights and input projection shared by GRUCond and LSTMCond:
    `x_t V + c_t W + b` for every step, computed before the loop."""

    _attends = 0

    @property
    def _context_ranks(self):
        return (2,) if self.static_ctx else (3,)

    def _weight_plan(self, x_shape, context_shapes):
        width = (4 if self._lstm else 3) * self.units
        plan = [weight('kernel', (context_shapes[0][-1], width), 'kernel'),
                weight('recurrent_kernel', (self.units, width), 'recurrent'),
                weight('conditional_kernel', (x_shape[-1], width),
                       'conditional')]
        if self.use_bias:
            plan.append(weight('bias', (width,), 'bias'))
        return plan

    def _projected_inputs(self, x, context, training):
        """`x V + c W + b`: `(batch, time, gates * units)`."""
        x_mask = dropout_mask(x[:, 0], self.conditional_dropout, training)
        context_step = context if self.static_ctx else context[:, 0]
        context_mask = dropout_mask(context_step, self.dropout, training)
        projected = project(x, self.conditional_kernel, x_mask,
                            self._w('bias'))
        context_part = project(context, self.kernel, context_mask)
        if self.static_ctx:
            context_part = K.expand_dims(context_part, 1)
        return projected + context_part


class GRUCond(_ContextConditioned):
    """Gated Recurrent Unit (Cho et al. 2014) conditioned on a context.

    Inputs, as a list: the target sequence `(batch, time, input_dim)`
    (e.g. the embedded previous words), the context `(batch, time,
    context_dim)` aligned with it (or `(batch, context_dim)` with
    `static_ctx=True`) and, optionally, the initial state `(batch, units)`.

    Step: `a = x_t V + c_t W + b`, `z = s(a_z + h R_z)`,
    `r = s(a_r + h R_r)`, `h~ = tanh(a_h + (r * h) R_h)`,
    `h_t = z * h + (1 - z) * h~`.

    # Arguments
        units: Positive integer, dimensionality of the output space.
        return_states: Whether to also return the final state.
        activation, recurrent_activation: activations of the candidate and
            of the gates.
        use_bias: Whether the layer uses a bias vector.
        kernel_initializer, conditional_initializer, recurrent_initializer,
            bias_initializer: initializers of `kernel` (context, `W`),
            `conditional_kernel` (inputs, `V`), `recurrent_kernel` (`R`) and
            `bias`.
        mask_value: unused (kept for the fork's configs).
        *_regularizer, *_constraint: of the same weights;
            `activity_regularizer` of the output.
        dropout: Fraction of the context features to drop.
        recurrent_dropout: Fraction of the state features to drop.
        conditional_dropout: Fraction of the input features to drop.
        num_inputs: Number of input tensors (2 or 3).
        static_ctx: Whether the context is one vector per sample.

    # Input shape
        A list `[x, context(, h0)]` as above.

    # Output shape
        `(batch, time, units)` with `return_sequences`, else
        `(batch, units)`; with `return_states`, the final state
        `(batch, units)` follows.
    """

    _lstm = False

    @interfaces.legacy_recurrent_support
    def __init__(self, units,
                 return_states=False,
                 activation='tanh',
                 recurrent_activation='sigmoid',
                 use_bias=True,
                 kernel_initializer='glorot_uniform',
                 conditional_initializer='glorot_uniform',
                 recurrent_initializer='orthogonal',
                 bias_initializer='zeros',
                 mask_value=0.,
                 kernel_regularizer=None,
                 recurrent_regularizer=None,
                 conditional_regularizer=None,
                 bias_regularizer=None,
                 activity_regularizer=None,
                 kernel_constraint=None,
                 recurrent_constraint=None,
                 conditional_constraint=None,
                 bias_constraint=None,
                 dropout=0.,
                 recurrent_dropout=0.,
                 conditional_dropout=0.,
                 num_inputs=3,
                 static_ctx=False,
                 **kwargs):
        super().__init__(named_arguments(locals()), **kwargs)

    def _make_step(self, x, contexts, context_masks, training):
        sequence = self._projected_inputs(x, contexts[0], training)
        recurrent_mask = self._recurrent_mask(x, training)

        def step(a, states):
            h = gru_update(a, states[0], states[0], self.recurrent_kernel,
                           self.units, self.activation,
                           self.recurrent_activation, recurrent_mask)
            return h, [h]
        return sequence, step, []


class LSTMCond(_ContextConditioned):
    """Long Short-Term Memory (Hochreiter 1997) conditioned on a context.

    Inputs, as a list: the target sequence `(batch, time, input_dim)`, the
    context `(batch, time, context_dim)` aligned with it (or
    `(batch, context_dim)` with `static_ctx=True`) and, optionally, the
    initial states h0 and c0 `(batch, units)` (one tensor: used for both).

    Step: `z = x_t V + c_t W + h R + b`, gates i, f, c, o;
    `c_t = f * c + i * tanh(z_c)`, `h_t = o * tanh(c_t)`.

    # Arguments
        units: Positive integer, dimensionality of the output space.
        return_states: Whether to also return the final h and c.
        activation, recurrent_activation, use_bias: as `LSTM`.
        kernel_initializer, conditional_initializer, recurrent_initializer,
            bias_initializer: initializers of `kernel` (context), 
            `conditional_kernel` (inputs), `recurrent_kernel` and `bias`.
        forget_bias_init: Keras 1 spelling of `unit_forget_bias` ('one').
        unit_forget_bias: Whether the forget gate's bias starts at 1.
        mask_value: unused (kept for the fork's configs).
        *_regularizer, *_constraint: of the same weights.
        dropout, recurrent_dropout, conditional_dropout: fractions of the
            context, state and input features to drop.
        num_inputs: Number of input tensors (2 to 4).
        static_ctx: Whether the context is one vector per sample.

    # Input shape
        A list `[x, context(, h0(, c0))]` as above.

    # Output shape
        `(batch, time, units)` with `return_sequences`, else
        `(batch, units)`; with `return_states`, the final h and c
        `(batch, units)` follow.
    """

    @interfaces.legacy_recurrent_support
    def __init__(self, units,
                 return_states=False,
                 activation='tanh',
                 recurrent_activation='sigmoid',
                 use_bias=True,
                 kernel_initializer='glorot_uniform',
                 conditional_initializer='glorot_uniform',
                 recurrent_initializer='orthogonal',
                 bias_initializer='zeros',
                 forget_bias_init='one',
                 unit_forget_bias=True,
                 mask_value=0.,
                 kernel_regularizer=None,
                 recurrent_regularizer=None,
                 conditional_regularizer=None,
                 bias_regularizer=None,
                 activity_regularizer=None,
                 kernel_constraint=None,
                 recurrent_constraint=None,
                 conditional_constraint=None,
                 bias_constraint=None,
                 dropout=0.,
                 recurrent_dropout=0.,
                 conditional_dropout=0.,
                 num_inputs=4,
                 static_ctx=False,
                 **kwargs):
        super().__init__(named_arguments(locals(), 'forget_bias_init'),
                         **kwargs)

    def _make_step(self, x, contexts, context_masks, training):
        sequence = self._projected_inputs(x, contexts[0], training)
        recurrent_mask = self._recurrent_mask(x, training)

        def step(z, states):
            z = z + K.dot(masked(states[0], recurrent_mask),
                          self.recurrent_kernel)
            h, c = lstm_update(z, states[1], self.units, self.activation,
                               self.recurrent_activation)
            return h, [h, c]
        return sequence, step, []
