"""The multimodal fork's losses, used through `Lambda` layers: `args` is the
list of tensors the layer receives, in the order NMT-Keras's online learning
passes them (nmt_keras/online_models.py). Re-exported by `keras.losses`."""
from . import backend as K


def _unpack(name, args, names):
    """`args` as a tuple of `len(names)` tensors, or a ValueError naming the
    loss and the expected list."""
    if not isinstance(args, (list, tuple)) or len(args) != len(names):
        count = len(args) if isinstance(args, (list, tuple)) else 1
        raise ValueError('%s expects the list [%s] (%d tensors), got %d.'
                         % (name, ', '.join(names), len(names), count))
    return tuple(args)


def _cce(y_true, y_pred):
    """Categorical cross-entropy of every position (last axis summed)."""
    return K.categorical_crossentropy(y_true, y_pred)


def _per_position(weight, reference):
    """A weight of shape (batch,), (batch, 1) or (batch, time) made
    broadcastable against a (batch, time) `reference`."""
    weight = K.cast(weight, K.dtype(reference))
    while None not in (K.ndim(weight), K.ndim(reference)) and \
            K.ndim(weight) < K.ndim(reference):
        weight = K.expand_dims(weight)
    return weight


def _masked_mean(values, mask):
    """Per-sample mean of (batch, time) `values` over the unmasked steps."""
    mask = K.cast(mask, K.dtype(values))
    return K.sum(values * mask, axis=-1) / K.maximum(K.sum(mask, axis=-1),
                                                     K.epsilon())


def log_diff(args):
    """Cross-entropy difference between a reference and a hypothesis.

    # Arguments
        args: `[y_true, y_pred, h_true, h_pred]`: one-hot reference and
            hypothesis with the model's predictions for each.

    # Returns
        `mean(CE(y_true, y_pred)) - mean(CE(h_true, h_pred))` (a scalar;
        the fork has no clipping).
    """
    y_true, y_pred, h_true, h_pred = _unpack(
        'log_diff', args, ('y_true', 'y_pred', 'h_true', 'h_pred'))
    return K.mean(_cce(y_true, y_pred)) - K.mean(_cce(h_true, h_pred))


def weighted_log_diff(args):
    """The fork's weighted log-probability difference (online learning
    from post-edited hypotheses).

    With `p_y = exp(-CE(y_true, y_pred))` and `p_h = exp(-CE(h_true,
    h_pred))` per target position:
    `loss = CE(y_true, y_pred) - log(1 + weight * max(0, mask_y * p_y -
    mask_h * p_h))`.

    # Arguments
        args: `[y_true, y_pred, h_true, h_pred, mask_y, mask_h, weight]`;
            the masks are `(batch, time)`, `weight` is `(batch,)`,
            `(batch, 1)` or `(batch, time)`.

    # Returns
        A `(batch, time)` tensor. The fork multiplied a `(batch, time, 1)`
        weight with `(batch, time)` terms and kept the first sample, which
        is the same for the batches of one sample it was used with; here
        the weight is broadcast per sample (and step).
    """
    y_true, y_pred, h_true, h_pred, mask_y, mask_h, weight = _unpack(
        'weighted_log_diff', args, ('y_true', 'y_pred', 'h_true', 'h_pred',
                                    'mask_y', 'mask_h', 'weight'))
    ce_y = _cce(y_true, y_pred)
    p_y = K.exp(-ce_y)
    p_h = K.exp(-_cce(h_true, h_pred))
    mask_y = K.cast(mask_y, K.dtype(ce_y))
    mask_h = K.cast(mask_h, K.dtype(ce_y))
    gain = K.maximum(mask_y * p_y - mask_h * p_h, 0.)
    return ce_y - K.log(1. + _per_position(weight, ce_y) * gain)


pas_weighted_log_diff = weighted_log_diff


def weighted_categorical_crossentropy(args):
    """Categorical cross-entropy scaled by a weight.

    # Arguments
        args: `[y_true, y_pred, weight]` (`weight` a scalar or per sample).

    # Returns
        `weight * CE(y_true, y_pred)` per position. (The fork's body of
        this loss is not in its public sources; this definition is ours.)
    """
    y_true, y_pred, weight = _unpack(
        'weighted_categorical_crossentropy', args,
        ('y_true', 'y_pred', 'weight'))
    ce = _cce(y_true, y_pred)
    return _per_position(weight, ce) * ce


def minmax_categorical_crossentropy(args):
    """Min-max objective of NMT-Keras's online learning: lowers the
    cross-entropy of the reference while raising that of the model's
    hypothesis (gradient ascent on it).

    `loss = weight_y * mean_y(CE(y_true, y_pred)) -
    weight_h * mean_h(CE(h_true, h_pred))`, each mean over the unmasked
    steps of a sample.

    # Arguments
        args: `[y_true, y_pred, h_true, h_pred, mask_y, mask_h, weight_y,
            weight_h]`; masks `(batch, time)`, weights `(batch, 1)`.

    # Returns
        A `(batch,)` tensor. (The fork's body of this loss is not in its
        public sources; the equation is ours, on the arguments NMT-Keras
        passes.)
    """
    (y_true, y_pred, h_true, h_pred, mask_y, mask_h, weight_y,
     weight_h) = _unpack('minmax_categorical_crossentropy', args,
                         ('y_true', 'y_pred', 'h_true', 'h_pred', 'mask_y',
                          'mask_h', 'weight_y', 'weight_h'))
    ce_y = _masked_mean(_cce(y_true, y_pred), mask_y)
    ce_h = _masked_mean(_cce(h_true, h_pred), mask_h)
    return K.flatten(weight_y) * ce_y - K.flatten(weight_h) * ce_h
