"""Utilities for losses: reduction modes and sample weighting."""
from __future__ import absolute_import
from __future__ import division
from __future__ import print_function

from .. import backend as K


class Reduction(object):
    """Types of loss reduction.

    Contains the following values:

    * `NONE`: Un-reduced weighted losses with the same shape as input. When
        this reduction type used with built-in Keras training loops like
        `fit`/`evaluate`, the unreduced vector loss is passed to the
        optimizer but the reported loss will be a scalar value.
    * `SUM`: Scalar sum of weighted losses.
    * `SUM_OVER_BATCH_SIZE`: Scalar `SUM` divided by number of elements in
        losses.
    """

    NONE = 'none'
    SUM = 'sum'
    SUM_OVER_BATCH_SIZE = 'sum_over_batch_size'

    @classmethod
    def all(cls):
        return (cls.NONE, cls.SUM, cls.SUM_OVER_BATCH_SIZE)

    @classmethod
    def validate(cls, key):
        if key not in cls.all():
            raise ValueError('Invalid Reduction Key %r: expected one of %s.'
                             % (key, cls.all()))


def squeeze_or_expand_dimensions(y_pred, y_true=None, sample_weight=None):
    """Squeezes or expands the last dimension if needed.

    1. Squeezes the last dim of `y_pred` or `y_true` if their rank differs
       by 1 and the extra dimension has size 1.
    2. Squeezes or expands the last dim of `sample_weight` if its rank
       differs by 1 from the new rank of `y_pred`.
       If `sample_weight` is scalar, it is kept scalar.

    # Arguments
        y_pred: Predicted values, a tensor of arbitrary dimensions.
        y_true: Optional label tensor whose dimensions match `y_pred`.
        sample_weight: Optional weight scalar or tensor whose dimensions
            match `y_pred`.

    # Returns
        Tuple of `y_pred`, `y_true` and `sample_weight`. Each of them
        possibly has the last dimension squeezed, `sample_weight` could be
        extended by one dimension. If `sample_weight` is None, only
        `(y_pred, y_true)` is returned.
    """
    if y_true is not None:
        y_pred_rank = K.ndim(y_pred)
        y_true_rank = K.ndim(y_true)
        if y_pred_rank is None or y_true_rank is None:
            pass  # unknown rank: no static squeeze, engine broadcasting
        elif y_pred_rank - y_true_rank == 1 and _last_dim_is_one(y_pred):
            y_pred = K.squeeze(y_pred, -1)
        elif y_true_rank - y_pred_rank == 1 and _last_dim_is_one(y_true):
            y_true = K.squeeze(y_true, -1)
    if sample_weight is None:
        return y_pred, y_true
    if not K.is_tensor(sample_weight) and not K.is_variable(sample_weight):
        sample_weight = K.constant(sample_weight)
    weights_rank = K.ndim(sample_weight)
    y_pred_rank = K.ndim(y_pred)
    if weights_rank == 0 or weights_rank is None or y_pred_rank is None:
        return y_pred, y_true, sample_weight
    if weights_rank - y_pred_rank == 1 and _last_dim_is_one(sample_weight):
        sample_weight = K.squeeze(sample_weight, -1)
    elif y_pred_rank - weights_rank == 1:
        sample_weight = K.expand_dims(sample_weight, -1)
    return y_pred, y_true, sample_weight


def _last_dim_is_one(x):
    shape = K.int_shape(x)
    # An unknown last dimension is assumed to be the size-1 one that makes
    # the ranks agree (as Keras 2 does).
    return shape is None or shape[-1] in (1, None)


def _num_elements(losses):
    """Computes the number of elements in `losses` tensor."""
    return K.cast(K.prod(K.shape(losses)), K.dtype(losses))


def reduce_weighted_loss(weighted_losses,
                         reduction=Reduction.SUM_OVER_BATCH_SIZE):
    """Reduces the individual weighted loss measurements.

    # Arguments
        weighted_losses: the weighted losses.
        reduction: one of `Reduction.all()`.

    # Returns
        The reduced loss: unchanged for `NONE`, else a scalar.
    """
    if reduction == Reduction.NONE:
        return weighted_losses
    loss = K.sum(weighted_losses)
    if reduction == Reduction.SUM_OVER_BATCH_SIZE:
        loss = loss / _num_elements(weighted_losses)
    return loss


def broadcast_weights(values, sample_weight):
    """Broadcasts `sample_weight` to the shape of `values` where the
    static shapes allow it (expanding trailing dimensions and repeating
    size-1 dimensions).

    # Arguments
        values: tensor of values.
        sample_weight: weights tensor, of rank <= the rank of `values`.

    # Returns
        The broadcast weights.

    # Raises
        ValueError: if the weights have a higher rank than the values or a
            static dimension that cannot be broadcast.
    """
    weights_shape = K.int_shape(sample_weight)
    values_shape = K.int_shape(values)
    if values_shape == weights_shape:
        return sample_weight
    weights_rank = K.ndim(sample_weight)
    values_rank = K.ndim(values)
    if weights_rank is None or values_rank is None:
        return sample_weight  # unknown rank: the engine broadcasts
    if weights_rank > values_rank:
        raise ValueError(
            'Incompatible shapes: `values` %s vs `sample_weight` %s: the '
            'weights must not have more dimensions than the values.'
            % (values_shape, weights_shape))
    for i in range(weights_rank, values_rank):
        sample_weight = K.expand_dims(sample_weight, axis=i)
    if weights_shape is not None and values_shape is not None:
        for i in range(weights_rank):
            w_dim, v_dim = weights_shape[i], values_shape[i]
            if w_dim is None or v_dim is None or w_dim == v_dim:
                continue
            if w_dim != 1:
                raise ValueError(
                    'Incompatible shapes: `values` %s vs `sample_weight` %s '
                    '(dimension %d cannot be broadcast).'
                    % (values_shape, weights_shape, i))
            sample_weight = K.repeat_elements(sample_weight, v_dim, axis=i)
    return sample_weight


def compute_weighted_loss(losses,
                          sample_weight=None,
                          reduction=Reduction.SUM_OVER_BATCH_SIZE,
                          name=None):
    """Computes the weighted loss.

    # Arguments
        losses: `Tensor` of shape `[batch_size, d1, ... dN]`.
        sample_weight: Optional `Tensor` whose rank is either 0, or the same
            rank as `losses`, or be broadcastable to `losses`.
        reduction: (Optional) Type of Reduction to apply to loss.
            Default value is `SUM_OVER_BATCH_SIZE`.
        name: Optional name for the op.

    # Raises
        ValueError: If the shape of `sample_weight` is not compatible with
            `losses` or the reduction is unknown.

    # Returns
        Weighted loss `Tensor` of the same type as `losses`. If `reduction`
        is `NONE`, this has the same shape as `losses`; otherwise, it is
        scalar.
    """
    Reduction.validate(reduction)
    if sample_weight is None:
        sample_weight = 1.0
    with K.name_scope(name or 'weighted_loss'):
        if not K.is_tensor(losses) and not K.is_variable(losses):
            losses = K.constant(losses)
        input_dtype = K.dtype(losses)
        losses = K.cast(losses, K.floatx())
        if not K.is_tensor(sample_weight) and \
                not K.is_variable(sample_weight):
            sample_weight = K.constant(sample_weight)
        sample_weight = K.cast(sample_weight, K.floatx())
        losses, _, sample_weight = squeeze_or_expand_dimensions(
            losses, None, sample_weight)
        weights_rank = K.ndim(sample_weight)
        losses_rank = K.ndim(losses)
        # With an unknown rank the engine broadcasts at run time.
        if None not in (weights_rank, losses_rank):
            if weights_rank > losses_rank:
                raise ValueError(
                    'compute_weighted_loss: `sample_weight` (shape %s) has '
                    'more dimensions than the losses (shape %s).'
                    % (K.int_shape(sample_weight), K.int_shape(losses)))
            for i in range(weights_rank, losses_rank):
                sample_weight = K.expand_dims(sample_weight, axis=i)
        weighted_losses = losses * sample_weight
        loss = reduce_weighted_loss(weighted_losses, reduction)
        return K.cast(loss, input_dtype)
