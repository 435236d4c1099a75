"""One attention of a decoder over a context: its weights, the context
preparation done once before the loop, and `attend`, done at every step."""
from ... import backend as K
from ..attention.scoring import (attention_scores, canonical_attention_mode,
                                 masked_softmax, score_mask,
                                 softmax_of_masked, weighted_sum)
from ..rnn_base import zero_states
from ._parts import dropout_mask, masked, weight


def attention_kernels(suffix, query_dim, context_dim, att_units, mode):
    """The weight specs of one attention's kernels, in the fork's order:
    `attention_recurrent_kernel`, `attention_context_kernel` and, for the
    additive scorer, `attention_context_wa`."""
    specs = [weight('attention_recurrent_kernel' + suffix,
                    (query_dim, att_units), 'attention_recurrent', suffix),
             weight('attention_context_kernel' + suffix,
                    (context_dim, att_units), 'attention_context', suffix)]
    if mode == 'add':
        specs.append(weight('attention_context_wa' + suffix, (att_units,),
                            'attention_context_wa', suffix))
    return specs


def attention_biases(suffix, att_units, context_steps, mode):
    """`bias_ba` and, for the additive scorer, `bias_ca`: `(steps,)` when
    the context length is known at build time, a scalar otherwise."""
    specs = [weight('bias_ba' + suffix, (att_units,), 'bias_ba', suffix)]
    if mode == 'add':
        shape = (context_steps,) if context_steps else ()
        specs.append(weight('bias_ca' + suffix, shape, 'bias_ca', suffix))
    return specs


def context_mask(context, keras_mask, mask_value):
    """The mask of a context `(batch, steps, dim)`: its Keras mask, else 1
    where the features of a step do not sum to `mask_value`."""
    if keras_mask is not None:
        return K.cast(keras_mask, K.floatx())
    return K.cast(K.not_equal(K.sum(context, axis=2), mask_value),
                  K.floatx())


class PreparedContext(object):
    """A context and what every step of one attention reads from it."""

    def __init__(self, context, projected, mask, query_mask,
                 mask_mode='exclude'):
        self.context = context
        self.projected = projected
        self.mask = mask
        self.query_mask = query_mask
        # What the softmax of every step applies to the scores.
        self.score_mask = score_mask(mask, mask_mode)

    def zero_states(self):
        """Zero attended vector `(batch, dim)` and weights `(batch, steps)`:
        the initial extra states of the loop."""
        zeros = K.zeros_like(self.context)
        return [K.sum(zeros, axis=1), K.sum(zeros, axis=2)]


class Attention(object):
    """One attention of a decoder layer (the weights belong to the layer).

    # Arguments
        layer: the decoder layer that owns the weights.
        suffix: '' for the first attention, '2' or '3' for the others
            (weight and hyperparameter names end with it).
        dropout: the `attention_dropout` rate of this attention.
        masks_context: whether the context mask applies (False for the
            self-attending AttLSTM / AttGRU).
    """

    def __init__(self, layer, suffix='', dropout=0., masks_context=True):
        self.layer = layer
        self.suffix = suffix
        self.dropout = dropout
        self.masks_context = masks_context

    def _weight(self, name):
        return getattr(self.layer, name + self.suffix, None)

    def prepare(self, context, keras_mask, training=None, projection=None):
        """Everything that does not depend on the step, computed once.

        # Arguments
            context: tensor `(batch, steps, dim)`.
            keras_mask: the context's Keras mask, or None.
            training: learning phase for the dropout masks.
            projection: use this projected context instead of the own one
                (the fork's second attention of the 2Inputs classes).

        # Returns
            A `PreparedContext`.
        """
        layer = self.layer
        mask = None
        if self.masks_context:
            mask = context_mask(context, keras_mask, layer.mask_value)
        if projection is None:
            dropped = masked(context, dropout_mask(context, self.dropout,
                                                   training))
            projection = K.dot(dropped, self._weight(
                'attention_context_kernel'))
            bias_ba = self._weight('bias_ba')
            if layer.use_bias and bias_ba is not None:
                projection = K.bias_add(projection, bias_ba)
        if mask is not None:
            mask_3d = K.expand_dims(mask, -1)
            projection = projection * mask_3d
            context = context * mask_3d
        query_rate = (layer.recurrent_dropout if layer.fork_compatible
                      else self.dropout)
        query_mask = None
        if 0. < self.dropout < 1.:
            query_mask = self._query_mask(context, query_rate, training)
        return PreparedContext(context, projection, mask, query_mask,
                               layer.attention_mask_mode)

    def _query_mask(self, context, rate, training):
        units = K.int_shape(self._weight('attention_recurrent_kernel'))[0]
        return dropout_mask(zero_states(context, [units])[0], rate, training)

    def attend(self, prepared, state):
        """The attended vector and the attention weights for `state`.

        # Returns
            `(context_vector (batch, dim), weights (batch, steps))`.
        """
        query = K.dot(masked(state, prepared.query_mask),
                      self._weight('attention_recurrent_kernel'))
        scores = attention_scores(self.layer.attention_mode,
                                  prepared.projected, query,
                                  self._weight('attention_context_wa'),
                                  self._weight('bias_ca'))
        weights = softmax_of_masked(scores, prepared.score_mask,
                                    self.layer.attention_mask_mode)
        return weighted_sum(prepared.context, weights), weights


def compute_attention(h_tm1, pctx_, context, att_dp_mask,
                      attention_recurrent_kernel, attention_context_wa,
                      bias_ca, mask_context, attention_mode='add'):
    """Attends over a context, as the multimodal fork's helper does.

    `ctx = sum_i alpha_i * context_i`, `alpha = softmax(e)`, with the
    scores `e_i` of `attention_mode`: 'add'/'bahdanau'
    `wa . tanh(pctx_i + h_tm1 . W) + bias_ca`, 'dot'/'luong'
    `(h_tm1 . W) . pctx_i`, 'scaled-dot' the dot score divided by the
    square root of the projection size. Masked context positions get the
    score 0 (the fork's rule: they still take probability mass).

    # Arguments
        h_tm1: the query state `(batch, units)`.
        pctx_: the projected context `(batch, steps, att_units)`.
        context: the context `(batch, steps, dim)`.
        att_dp_mask: a list whose first element is a dropout mask of the
            state (or None for no dropout).
        attention_recurrent_kernel: `(units, att_units)`.
        attention_context_wa: `(att_units,)` (additive scorer only).
        bias_ca: scalar or `(steps,)` (additive scorer only).
        mask_context: `(batch, steps)` mask of the context, or None.
        attention_mode: the scorer.

    # Returns
        `(ctx_ (batch, dim), alphas (batch, steps))`.

    # Raises
        ValueError: for an unknown `attention_mode`.
    """
    mode = canonical_attention_mode(attention_mode, 'compute_attention')
    state_mask = att_dp_mask[0] if att_dp_mask else None
    query = K.dot(masked(h_tm1, state_mask), attention_recurrent_kernel)
    scores = attention_scores(mode, pctx_, query, attention_context_wa,
                              bias_ca)
    if mask_context is not None and K.ndim(mask_context) < 2:
        mask_context = None
    alphas = masked_softmax(scores, mask_context, 'fork')
    return weighted_sum(context, alphas), alphas
