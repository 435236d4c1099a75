"""Decoders over two or three contexts (e.g. the source sentence and the
image of multimodal translation): `AttLSTMCond2Inputs`,
`AttConditionalLSTMCond2Inputs`, `AttLSTMCond3Inputs`."""
from ... import backend as K
from .._utils import named_arguments
from ._attention import Attention, attention_biases, attention_kernels
from ._base import ConditionalRecurrent
from ._parts import dropout_mask, lstm_update, masked, project, weight

_SUFFIXES = ('', '2', '3')


class _MultiContext(ConditionalRecurrent):
    """N contexts: the first is always attended; the others are attended
    when `attend_on_both` is True, otherwise they are static vectors
    `(batch, dim)` fed to every step.

    Subclasses set `_contexts` (2 or 3) and `_two_transitions`.
    """

    _contexts = 2
    _two_transitions = False

    @property
    def _context_ranks(self):
        return (3,) + ((3,) if self.attend_on_both else (2,)) * (
            self._contexts - 1)

    @property
    def _attends(self):
        return self._contexts if self.attend_on_both else 1

    def _att_units(self, index):
        return self._attention_units(getattr(self, 'att_units%d' % (index + 1)))

    def _context_kernels(self, context_shapes):
        return [weight('kernel' + s, (shape[-1], 4 * self.units), 'kernel', s)
                for s, shape in zip(_SUFFIXES, context_shapes)]

    def _attention_plan(self, index, shape):
        suffix = _SUFFIXES[index]
        att_units = self._att_units(index)
        return (attention_kernels(suffix, self.units, shape[2], att_units,
                                  self.attention_mode) +
                attention_biases(suffix, att_units, shape[1],
                                 self.attention_mode))

    def _biases(self, suffix, names):
        if not self.use_bias:
            return []
        return [weight(name, (4 * self.units,), 'bias', suffix)
                for name in names]

    def _attentions(self):
        dropouts = [self.attention_dropout, getattr(self, 'attention_dropout2',
                                                    0.),
                    getattr(self, 'attention_dropout3', 0.)]
        return [Attention(self, _SUFFIXES[i], dropouts[i])
                for i in range(self._attends)]

    def _prepare(self, contexts, context_masks, training):
        attentions = self._attentions()
        prepared = []
        for index, attention in enumerate(attentions):
            projection = None
            if index and self.fork_compatible:
                # The fork scores every attention with the first context's
                # projection (it needs equal lengths and att_units).
                projection = prepared[0].projected
            prepared.append(attention.prepare(contexts[index],
                                              context_masks[index], training,
                                              projection=projection))
        return attentions, prepared

    def _context_inputs(self, contexts, training):
        """The dropout masks of every context vector fed to its kernel, and
        the constant contribution of the static contexts."""
        rates = [self.dropout, getattr(self, 'dropout2', 0.),
                 getattr(self, 'dropout3', 0.)]
        masks, static = [], None
        for index, context in enumerate(contexts):
            step_shape = context[:, 0] if K.ndim(context) == 3 else context
            masks.append(dropout_mask(step_shape, rates[index], training))
            if index >= self._attends:
                part = project(context, self._w('kernel' + _SUFFIXES[index]),
                               masks[index])
                static = part if static is None else static + part
        return masks, static

    def _make_step(self, x, contexts, context_masks, training):
        attentions, prepared = self._prepare(contexts, context_masks,
                                             training)
        context_dropouts, static = self._context_inputs(contexts, training)
        x_mask = dropout_mask(x[:, 0], self.conditional_dropout, training)
        projected_x = project(x, self.conditional_kernel, x_mask)
        recurrent_mask = self._recurrent_mask(x, training)
        bias = self._sum_of('bias', 'bias2')
        first_bias = self._sum_of('bias_conditional', 'bias2_conditional')

        def attended(state):
            vectors, extra = [], []
            for attention, context in zip(attentions, prepared):
                ctx, alpha = attention.attend(context, state)
                vectors.append(ctx)
                extra += [ctx, alpha]
            return vectors, extra

        def contexts_part(vectors):
            total = static
            for index, ctx in enumerate(vectors):
                part = K.dot(masked(ctx, context_dropouts[index]),
                             self._w('kernel' + _SUFFIXES[index]))
                total = part if total is None else total + part
            return total if bias is None else total + bias

        def transition(z, h, c, kernel):
            z = z + K.dot(masked(h, recurrent_mask), kernel)
            return lstm_update(z, c, self.units, self.activation,
                               self.recurrent_activation)

        def step(projected, states):
            h, c = states[0], states[1]
            if self._two_transitions:
                z1 = projected if first_bias is None else \
                    projected + first_bias
                h, c = transition(z1, h, c,
                                  self.recurrent_kernel_conditional)
            vectors, extra = attended(h)
            h, c = transition(projected + contexts_part(vectors), h, c,
                              self.recurrent_kernel)
            return h, [h, c] + extra
        return projected_x, step, prepared

    def _sum_of(self, *names):
        weights = [self._w(name) for name in names if self._w(name) is not None]
        if not weights:
            return None
        total = weights[0]
        for other in weights[1:]:
            total = total + other
        return total


class AttLSTMCond2Inputs(_MultiContext):
    """LSTM decoder with attention over two contexts (multimodal NMT).

    Inputs, as a list: the target sequence `(batch, time, input_dim)`, the
    first context `(batch, steps1, dim1)`, the second context
    `(batch, steps2, dim2)` (with `attend_on_both`; else a vector
    `(batch, dim2)`) and, optionally, the initial states h0 and c0.

    Step: `ctx1 = Att_1(h_{t-1})`, `ctx2 = Att_2(h_{t-1})` (or the static
    second context), `z = x_t V + h_{t-1} R + ctx1 W + ctx2 W2 + b (+ b2)`,
    then the LSTM update.

    The fork scored the second attention with the first context's
    projection (so both contexts needed the same length); layers built
    from the fork's configs keep that (`fork_compatible=True`), new layers
    use the second context's own projection.

    # Arguments
        units: Positive integer, dimensionality of the output space.
        att_units1, att_units2: sizes of the two attention projections
            (0: `units`).
        return_extra_variables: Whether to also return, for every step,
            the attended vectors and weights of each attention
            (time-major: `(time, batch, dim)` and `(time, batch, steps)`).
        attend_on_both: Whether the second context is attended too.
        return_states: Whether to also return the final h and c.
        attention_mode, activation, recurrent_activation, use_bias,
        unit_forget_bias, mask_value, num_inputs, attention_mask_mode,
        fork_compatible: as `AttLSTMCond`.
        *_initializer, *_regularizer, *_constraint (the second context's
            ending in 2): of the weights of the same names.
        dropout, dropout2: fractions of the two attended vectors to drop.
        recurrent_dropout, conditional_dropout: of the state, the inputs.
        attention_dropout, attention_dropout2: of the two contexts.

    # Output shape
        The output, then with `return_extra_variables` ctx1, alpha1
        (and ctx2, alpha2 when both are attended), time-major, then with
        `return_states` the final h and c.
    """

    def __init__(self, units,
                 att_units1=0,
                 att_units2=0,
                 return_extra_variables=False,
                 attend_on_both=False,
                 return_states=False,
                 attention_mode='add',
                 activation='tanh',
                 recurrent_activation='sigmoid',
                 use_bias=True,
                 unit_forget_bias=True,
                 mask_value=0.,
                 kernel_initializer='glorot_uniform',
                 kernel_initializer2='glorot_uniform',
                 conditional_initializer='glorot_uniform',
                 recurrent_initializer='orthogonal',
                 attention_recurrent_initializer='glorot_uniform',
                 attention_recurrent_initializer2='glorot_uniform',
                 attention_context_initializer='glorot_uniform',
                 attention_context_initializer2='glorot_uniform',
                 attention_context_wa_initializer='glorot_uniform',
                 attention_context_wa_initializer2='glorot_uniform',
                 bias_initializer='zeros',
                 bias_initializer2='zeros',
                 bias_ba_initializer='zeros',
                 bias_ba_initializer2='zeros',
                 bias_ca_initializer='zero',
                 bias_ca_initializer2='zero',
                 kernel_regularizer=None,
                 kernel_regularizer2=None,
                 recurrent_regularizer=None,
                 conditional_regularizer=None,
                 bias_regularizer=None,
                 bias_regularizer2=None,
                 attention_recurrent_regularizer=None,
                 attention_recurrent_regularizer2=None,
                 attention_context_regularizer=None,
                 attention_context_regularizer2=None,
                 attention_context_wa_regularizer=None,
                 attention_context_wa_regularizer2=None,
                 bias_ba_regularizer=None,
                 bias_ba_regularizer2=None,
                 bias_ca_regularizer=None,
                 bias_ca_regularizer2=None,
                 kernel_constraint=None,
                 kernel_constraint2=None,
                 recurrent_constraint=None,
                 conditional_constraint=None,
                 attention_recurrent_constraint=None,
                 attention_recurrent_constraint2=None,
                 attention_context_constraint=None,
                 attention_context_constraint2=None,
                 attention_context_wa_constraint=None,
                 attention_context_wa_constraint2=None,
                 bias_constraint=None,
                 bias_constraint2=None,
                 bias_ba_constraint=None,
                 bias_ba_constraint2=None,
                 bias_ca_constraint=None,
                 bias_ca_constraint2=None,
                 dropout=0.,
                 dropout2=0.,
                 recurrent_dropout=0.,
                 conditional_dropout=0.,
                 attention_dropout=0.,
                 attention_dropout2=0.,
                 num_inputs=5,
                 **kwargs):
        super().__init__(named_arguments(locals()), **kwargs)

    def _weight_plan(self, x_shape, context_shapes):
        plan = self._context_kernels(context_shapes)
        plan += [weight('recurrent_kernel', (self.units, 4 * self.units),
                        'recurrent'),
                 weight('conditional_kernel', (x_shape[-1], 4 * self.units),
                        'conditional')]
        plan += self._attention_plan(0, context_shapes[0])
        plan += self._biases('', ['bias'])
        if self.attend_on_both:
            plan += self._attention_plan(1, context_shapes[1])
            plan += self._biases('2', ['bias2'])
        return plan


class AttConditionalLSTMCond2Inputs(_MultiContext):
    """Conditional LSTM decoder (two transitions) with attention over two
    contexts.

    Inputs: as `AttLSTMCond2Inputs`.

    Step: `(h', c') = LSTM_1(x_t V + h_{t-1} R_cond + b_cond (+ b2_cond))`,
    `ctx1 = Att_1(h')`, `ctx2 = Att_2(h')` (or the static second context),
    `(h_t, c_t) = LSTM_2(x_t V + h' R + ctx1 W + ctx2 W2 + b (+ b2); c')`.

    # Arguments
        As `AttLSTMCond2Inputs`; `recurrent_kernel_conditional` (the first
        transition) uses the recurrent initializer, regularizer and
        constraint, `bias_conditional` / `bias2_conditional` the bias ones.

    # Output shape
        As `AttLSTMCond2Inputs`.
    """

    _two_transitions = True

    def __init__(self, units,
                 attention_mode='add',
                 att_units1=0,
                 att_units2=0,
                 return_extra_variables=False,
                 attend_on_both=False,
                 return_states=False,
                 activation='tanh',
                 recurrent_activation='sigmoid',
                 use_bias=True,
                 unit_forget_bias=True,
                 mask_value=0.,
                 kernel_initializer='glorot_uniform',
                 kernel_initializer2='glorot_uniform',
                 conditional_initializer='glorot_uniform',
                 recurrent_initializer='orthogonal',
                 attention_recurrent_initializer='glorot_uniform',
                 attention_recurrent_initializer2='glorot_uniform',
                 attention_context_initializer='glorot_uniform',
                 attention_context_initializer2='glorot_uniform',
                 attention_context_wa_initializer='glorot_uniform',
                 attention_context_wa_initializer2='glorot_uniform',
                 bias_initializer='zeros',
                 bias_initializer2='zeros',
                 bias_ba_initializer='zeros',
                 bias_ba_initializer2='zeros',
                 bias_ca_initializer='zero',
                 bias_ca_initializer2='zero',
                 kernel_regularizer=None,
                 kernel_regularizer2=None,
                 recurrent_regularizer=None,
                 conditional_regularizer=None,
                 bias_regularizer=None,
                 bias_regularizer2=None,
                 attention_recurrent_regularizer=None,
                 attention_recurrent_regularizer2=None,
                 attention_context_regularizer=None,
                 attention_context_regularizer2=None,
                 attention_context_wa_regularizer=None,
                 attention_context_wa_regularizer2=None,
                 bias_ba_regularizer=None,
                 bias_ba_regularizer2=None,
                 bias_ca_regularizer=None,
                 bias_ca_regularizer2=None,
                 kernel_constraint=None,
                 kernel_constraint2=None,
                 recurrent_constraint=None,
                 conditional_constraint=None,
                 attention_recurrent_constraint=None,
                 attention_recurrent_constraint2=None,
                 attention_context_constraint=None,
                 attention_context_constraint2=None,
                 attention_context_wa_constraint=None,
                 attention_context_wa_constraint2=None,
                 bias_constraint=None,
                 bias_constraint2=None,
                 bias_ba_constraint=None,
                 bias_ba_constraint2=None,
                 bias_ca_constraint=None,
                 bias_ca_constraint2=None,
                 dropout=0.,
                 dropout2=0.,
                 recurrent_dropout=0.,
                 conditional_dropout=0.,
                 attention_dropout=0.,
                 attention_dropout2=0.,
                 num_inputs=5,
                 **kwargs):
        super().__init__(named_arguments(locals()), **kwargs)

    def _weight_plan(self, x_shape, context_shapes):
        width = 4 * self.units
        plan = self._context_kernels(context_shapes)
        plan += [weight('recurrent_kernel', (self.units, width), 'recurrent'),
                 weight('recurrent_kernel_conditional', (self.units, width),
                        'recurrent'),
                 weight('conditional_kernel', (x_shape[-1], width),
                        'conditional')]
        plan += self._attention_plan(0, context_shapes[0])
        plan += self._biases('', ['bias', 'bias_conditional'])
        if self.attend_on_both:
            plan += self._attention_plan(1, context_shapes[1])
            plan += self._biases('2', ['bias2', 'bias2_conditional'])
        return plan


class AttLSTMCond3Inputs(_MultiContext):
    """LSTM decoder with attention over three contexts (the fork's version
    could never be built; this one is ours, on the same parts).

    Inputs, as a list: the target sequence, three contexts (the second and
    third attended with `attend_on_both`, else vectors `(batch, dim)`)
    and, optionally, the initial states h0 and c0.

    Step: `ctx_k = Att_k(h_{t-1})` for each attended context,
    `z = x_t V + h_{t-1} R + ctx1 W + ctx2 W2 + ctx3 W3 + b`, then the
    LSTM update.

    # Arguments
        As `AttLSTMCond2Inputs`, with a third set ending in 3.

    # Output shape
        The output, then with `return_extra_variables` the attended vectors
        and weights of each attention (time-major), then with
        `return_states` the final h and c.
    """

    _contexts = 3

    def __init__(self, units,
                 att_units1=0,
                 att_units2=0,
                 att_units3=0,
                 return_extra_variables=False,
                 attend_on_both=False,
                 return_states=False,
                 attention_mode='add',
                 activation='tanh',
                 recurrent_activation='sigmoid',
                 use_bias=True,
                 unit_forget_bias=True,
                 mask_value=0.,
                 kernel_initializer='glorot_uniform',
                 kernel_initializer2='glorot_uniform',
                 kernel_initializer3='glorot_uniform',
                 conditional_initializer='glorot_uniform',
                 recurrent_initializer='orthogonal',
                 attention_recurrent_initializer='glorot_uniform',
                 attention_recurrent_initializer2='glorot_uniform',
                 attention_recurrent_initializer3='glorot_uniform',
                 attention_context_initializer='glorot_uniform',
                 attention_context_initializer2='glorot_uniform',
                 attention_context_initializer3='glorot_uniform',
                 attention_context_wa_initializer='glorot_uniform',
                 attention_context_wa_initializer2='glorot_uniform',
                 attention_context_wa_initializer3='glorot_uniform',
                 bias_initializer='zeros',
                 bias_initializer2='zeros',
                 bias_initializer3='zeros',
                 bias_ba_initializer='zeros',
                 bias_ba_initializer2='zeros',
                 bias_ba_initializer3='zeros',
                 bias_ca_initializer='zero',
                 bias_ca_initializer2='zero',
                 bias_ca_initializer3='zero',
                 kernel_regularizer=None,
                 kernel_regularizer2=None,
                 kernel_regularizer3=None,
                 recurrent_regularizer=None,
                 conditional_regularizer=None,
                 bias_regularizer=None,
                 bias_regularizer2=None,
                 bias_regularizer3=None,
                 attention_recurrent_regularizer=None,
                 attention_recurrent_regularizer2=None,
                 attention_recurrent_regularizer3=None,
                 attention_context_regularizer=None,
                 attention_context_regularizer2=None,
                 attention_context_regularizer3=None,
                 attention_context_wa_regularizer=None,
                 attention_context_wa_regularizer2=None,
                 attention_context_wa_regularizer3=None,
                 bias_ba_regularizer=None,
                 bias_ba_regularizer2=None,
                 bias_ba_regularizer3=None,
                 bias_ca_regularizer=None,
                 bias_ca_regularizer2=None,
                 bias_ca_regularizer3=None,
                 kernel_constraint=None,
                 kernel_constraint2=None,
                 kernel_constraint3=None,
                 recurrent_constraint=None,
                 conditional_constraint=None,
                 attention_recurrent_constraint=None,
                 attention_recurrent_constraint2=None,
                 attention_recurrent_constraint3=None,
                 attention_context_constraint=None,
                 attention_context_constraint2=None,
                 attention_context_constraint3=None,
                 attention_context_wa_constraint=None,
                 attention_context_wa_constraint2=None,
                 attention_context_wa_constraint3=None,
                 bias_constraint=None,
                 bias_constraint2=None,
                 bias_constraint3=None,
                 bias_ba_constraint=None,
                 bias_ba_constraint2=None,
                 bias_ba_constraint3=None,
                 bias_ca_constraint=None,
                 bias_ca_constraint2=None,
                 bias_ca_constraint3=None,
                 dropout=0.,
                 dropout2=0.,
                 dropout3=0.,
                 recurrent_dropout=0.,
                 conditional_dropout=0.,
                 attention_dropout=0.,
                 attention_dropout2=0.,
                 attention_dropout3=0.,
                 num_inputs=6,
                 **kwargs):
        super().__init__(named_arguments(locals()), **kwargs)

    def _weight_plan(self, x_shape, context_shapes):
        plan = self._context_kernels(context_shapes)
        plan += [weight('recurrent_kernel', (self.units, 4 * self.units),
                        'recurrent'),
                 weight('conditional_kernel', (x_shape[-1], 4 * self.units),
                        'conditional')]
        plan += self._attention_plan(0, context_shapes[0])
        plan += self._biases('', ['bias'])
        for index in range(1, self._attends):
            plan += self._attention_plan(index, context_shapes[index])
        return plan
