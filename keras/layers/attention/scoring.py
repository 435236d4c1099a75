"""Attention scorers and the masked softmax.

Shared by the attention layers and the attentional decoders of
`keras.layers.recurrent_advanced`. Shapes: a projected context
`P (batch, steps, dim)`, a projected query `q (batch, dim)`; scores and
attention weights are `(batch, steps)`.
"""
from ... import backend as K

# Accepted spellings of `attention_mode` -> the scorer they name.
ATTENTION_MODES = {
    'add': 'add',
    'bahdanau': 'add',
    'dot': 'dot',
    'luong': 'dot',
    'scaled-dot': 'scaled-dot',
}

# How masked context positions are treated by `masked_softmax`:
# 'exclude': they get no probability mass (scores -> -inf);
# 'fork': the multimodal fork's rule, their *scores* are set to 0 before
# the softmax (they still take probability mass).
MASK_MODES = ('exclude', 'fork')

_LARGE_NEGATIVE = -1e9


def canonical_attention_mode(mode, owner='attention'):
    """The scorer named by `mode` ('add', 'dot' or 'scaled-dot').

    # Arguments
        mode: one of the keys of `ATTENTION_MODES` (case-insensitive).
        owner: what to name in the error message (e.g. the layer).

    # Raises
        ValueError: for an unknown mode, listing the valid ones.
    """
    key = mode.lower() if isinstance(mode, str) else mode
    if key not in ATTENTION_MODES:
        raise ValueError('%s: unknown `attention_mode` %r; expected one of %s.'
                         % (owner, mode, sorted(ATTENTION_MODES)))
    return ATTENTION_MODES[key]


def attention_scores(mode, projected_context, projected_query,
                     weight=None, bias=None):
    """Scores of every context position for one query.

    # Arguments
        mode: 'add' (additive, Bahdanau: `w . tanh(P_i + q) + bias`),
            'dot' (`q . P_i`) or 'scaled-dot' (`q . P_i / sqrt(dim)`).
        projected_context: tensor `(batch, steps, dim)`.
        projected_query: tensor `(batch, dim)`.
        weight: `(dim,)` vector of the additive scorer.
        bias: optional scalar or `(steps,)` bias of the additive scorer.

    # Returns
        Tensor `(batch, steps)`.
    """
    query = K.expand_dims(projected_query, 1)
    if mode == 'add':
        scores = K.sum(K.tanh(projected_context + query) * weight, axis=-1)
        if bias is not None:
            scores = scores + bias
        return scores
    scores = K.sum(projected_context * query, axis=-1)
    if mode == 'scaled-dot':
        dim = K.int_shape(projected_context)[-1]
        if dim is None:
            dim = K.cast(K.shape(projected_context)[-1], K.floatx())
        scores = scores / K.sqrt(K.cast(dim, K.floatx()))
    return scores


def score_mask(mask, mask_mode='exclude', dtype=None):
    """What `masked_softmax` applies to the scores for `mask`, computed once
    (outside a recurrent loop): the additive bias `(1 - mask) * -1e9`
    ('exclude') or the mask itself ('fork'); None without a mask.

    # Arguments
        mask: tensor `(batch, steps)`, 1 (or True) for the positions to
            attend to, or None.
        mask_mode: 'exclude' or 'fork' (see `masked_softmax`).
        dtype: dtype of the scores (default: `K.floatx()`).

    # Returns
        A tensor `(batch, steps)`, or None.
    """
    if mask is None:
        return None
    mask = K.cast(mask, dtype or K.floatx())
    if mask_mode == 'fork':
        return mask
    return (1. - mask) * _LARGE_NEGATIVE


def softmax_of_masked(scores, prepared_mask, mask_mode='exclude'):
    """`masked_softmax` with a mask prepared by `score_mask`.

    # Arguments
        scores: tensor `(batch, steps)`.
        prepared_mask: what `score_mask` returned for `mask_mode`.
        mask_mode: 'exclude' or 'fork'.

    # Returns
        Tensor `(batch, steps)` of weights summing to 1.
    """
    if prepared_mask is None:
        return K.softmax(scores)
    if mask_mode == 'fork':
        return K.softmax(scores * prepared_mask)
    return K.softmax(scores + prepared_mask)


def masked_softmax(scores, mask=None, mask_mode='exclude'):
    """Softmax over the last axis of `scores`, ignoring masked positions.

    # Arguments
        scores: tensor `(batch, steps)`.
        mask: optional tensor `(batch, steps)`, 1 (or True) for the
            positions to attend to.
        mask_mode: 'exclude' (masked positions get weight 0) or 'fork' (the
            multimodal fork's rule: their scores are set to 0).

    # Returns
        Tensor `(batch, steps)` of weights summing to 1.
    """
    prepared = score_mask(mask, mask_mode, K.dtype(scores))
    return softmax_of_masked(scores, prepared, mask_mode)


def weighted_sum(context, weights):
    """`sum_i weights[:, i] * context[:, i]`: `(batch, steps, dim)` and
    `(batch, steps)` -> `(batch, dim)`."""
    return K.sum(context * K.expand_dims(weights, -1), axis=1)
