"""Utilities related to metrics: reduction kinds, the wrappers that make
`Metric.update_state` record its updates, and the confusion-matrix
accumulation behind Precision, Recall, AUC, TruePositives, ..."""
from __future__ import absolute_import
from __future__ import division
from __future__ import print_function

import functools
from enum import Enum

import numpy as np

from .. import backend as K
from . import losses_utils

NEG_INF = -1e10


class Reduction(object):
    """Types of metrics reduction.

    Contains the following values:
    * `SUM`: Scalar sum of weighted values.
    * `SUM_OVER_BATCH_SIZE`: Scalar `SUM` of weighted values divided by
        number of elements in values.
    * `WEIGHTED_MEAN`: Scalar sum of weighted values divided by sum of
        weights.
    """

    SUM = 'sum'
    SUM_OVER_BATCH_SIZE = 'sum_over_batch_size'
    WEIGHTED_MEAN = 'weighted_mean'


def _is_backend_update(x):
    """A Theano-style update: a `(variable, new_value)` pair."""
    return isinstance(x, tuple) and len(x) == 2 and K.is_variable(x[0])


def _flatten_updates(updates):
    if updates is None:
        return []
    if _is_backend_update(updates) or not isinstance(updates, (list, tuple)):
        return [updates]
    flat = []
    for u in updates:
        flat += _flatten_updates(u)
    return flat


def update_state_wrapper(update_state_fn):
    """Decorator of `Metric.update_state`: the update ops it returns are
    recorded on the metric (`metric.add_update`) and returned as a list.

    # Arguments
        update_state_fn: function that accumulates metric statistics.

    # Returns
        Decorated function `(metric_obj, *args, **kwargs)`.
    """
    @functools.wraps(update_state_fn)
    def decorated(metric_obj, *args, **kwargs):
        update_ops = _flatten_updates(
            update_state_fn(metric_obj, *args, **kwargs))
        metric_obj.add_update(update_ops)
        return update_ops
    decorated._keras_update_state_wrapped = True
    return decorated


def result_wrapper(result_fn):
    """Decorator of `Metric.result`: the result tensor is kept as
    `metric._call_result` and tagged as a metric result.

    # Arguments
        result_fn: function that computes the metric result.

    # Returns
        Decorated function `(metric_obj, *args, **kwargs)`.
    """
    @functools.wraps(result_fn)
    def decorated(metric_obj, *args, **kwargs):
        # A new tensor (not the state variable itself), so that on
        # TensorFlow it is computed under the control dependencies of
        # `Metric.__call__`, after the updates.
        result_t = K.identity(result_fn(metric_obj, *args, **kwargs))
        metric_obj._call_result = result_t
        try:
            result_t._is_metric = True
        except AttributeError:  # tensors that refuse new attributes
            pass
        return result_t
    decorated._keras_result_wrapped = True
    return decorated


def to_list(x):
    if isinstance(x, list):
        return x
    return [x]


def assert_thresholds_range(thresholds):
    """Raises a ValueError unless every threshold is in [0, 1]."""
    if thresholds is not None:
        invalid = [t for t in thresholds if t is None or t < 0 or t > 1]
        if invalid:
            raise ValueError('Threshold values must be in [0, 1]. '
                             'Invalid values: {}'.format(invalid))


def parse_init_thresholds(thresholds, default_threshold=0.5):
    """The list of thresholds (`default_threshold` when None)."""
    if thresholds is not None:
        assert_thresholds_range(to_list(thresholds))
    return to_list(default_threshold if thresholds is None else thresholds)


class ConfusionMatrix(Enum):
    TRUE_POSITIVES = 'tp'
    FALSE_POSITIVES = 'fp'
    TRUE_NEGATIVES = 'tn'
    FALSE_NEGATIVES = 'fn'


class _FromStr(object):
    @classmethod
    def from_str(cls, key):
        for member in cls:
            if member.value.lower() == str(key).lower():
                return member
        raise ValueError('Invalid %s value "%s": expected one of %s.'
                         % (cls.__name__, key, [m.value for m in cls]))


class AUCCurve(_FromStr, Enum):
    """Type of AUC Curve (ROC or PR)."""
    ROC = 'ROC'
    PR = 'PR'


class AUCSummationMethod(_FromStr, Enum):
    """Type of AUC summation method.

    https://en.wikipedia.org/wiki/Riemann_sum)

    Contains the following values:
    * 'interpolation': Applies mid-point summation scheme for `ROC` curve. For
      `PR` curve, interpolates (true/false) positives but not the ratio that is
      precision (see Davis & Goadrich 2006 for details).
    * 'minoring': Applies left summation for increasing intervals and right
      summation for decreasing intervals.
    * 'majoring': Applies right summation for increasing intervals and left
      summation for decreasing intervals.
    """
    INTERPOLATION = 'interpolation'
    MAJORING = 'majoring'
    MINORING = 'minoring'


def filter_top_k(x, k):
    """Filters top-k values in the last dim of x and set the rest to NEG_INF.

    Used for computing top-k prediction values in dense labels (which has the
    same shape as predictions) for recall and precision top-k metrics. Among
    equal values the first ones are kept.

    # Arguments
        x: tensor with any dimensions.
        k: the number of values to keep.

    # Returns
        tensor with same shape and dtype as x.
    """
    xi = K.expand_dims(x, -1)   # (..., n, 1): element i
    xj = K.expand_dims(x, -2)   # (..., 1, n): element j
    # rank_i = #{j: x_j > x_i} + #{j < i: x_j == x_i}
    positions = K.cast(K.arange(0, K.shape(x)[-1]), K.floatx())
    earlier = K.cast(K.less(K.expand_dims(positions, 0),
                            K.expand_dims(positions, 1)), K.floatx())
    beats = K.cast(K.greater(xj, xi), K.floatx()) + \
        K.cast(K.equal(xj, xi), K.floatx()) * earlier
    rank = K.sum(beats, axis=-1)
    keep = K.cast(K.less(rank, k), K.dtype(x))
    return x * keep + (1. - keep) * NEG_INF


def weighted_assign_add(label, pred, weights, var):
    """`var += sum(label * pred * weights, axis=1)` for 0/1 float tensors of
    shape (thresholds, predictions). Returns the update."""
    label_and_pred = label * pred
    if weights is not None:
        label_and_pred = label_and_pred * weights
    return K.update_add(var, K.sum(label_and_pred, axis=1))


def update_confusion_matrix_variables(variables_to_update,
                                      y_true,
                                      y_pred,
                                      thresholds=0.5,
                                      top_k=None,
                                      class_id=None,
                                      sample_weight=None):
    """Returns the updates of the given confusion-matrix variables.

    For every threshold `t`, predictions above `t` count as positive, the
    others as negative; labels count as positive when non-zero. Each
    variable (shape `(len(thresholds),)`) accumulates the (weighted) count
    of its condition.

    # Arguments
        variables_to_update: Dictionary with `ConfusionMatrix` as keys and
            the corresponding variables to update as values.
        y_true: A tensor whose shape matches `y_pred`. Will be cast to
            `bool`.
        y_pred: A floating point tensor of arbitrary shape and whose values
            are in the range `[0, 1]`.
        thresholds: A float value or a python list or tuple of float
            thresholds in `[0, 1]`, or NEG_INF (used when top_k is set).
        top_k: Optional int, indicates that the positive labels should be
            limited to the top k predictions.
        class_id: Optional int, limits the prediction and labels to the
            class specified by this argument.
        sample_weight: Optional tensor whose rank is either 0, or the same
            rank as `y_true`, and must be broadcastable to `y_true`.

    # Returns
        A list of updates.

    # Raises
        ValueError: If `variables_to_update` is empty or holds unknown
            keys.
    """
    if not variables_to_update:
        raise ValueError('Please provide at least one variable to update.')
    for key in variables_to_update:
        if key not in list(ConfusionMatrix):
            raise ValueError('Invalid key "{}": expected one of {}.'.format(
                key, list(ConfusionMatrix)))
    y_true = K.cast(y_true, K.floatx())
    y_pred = K.cast(y_pred, K.floatx())
    if sample_weight is not None:
        sample_weight = K.cast(sample_weight, K.floatx())
        y_pred, y_true, sample_weight = \
            losses_utils.squeeze_or_expand_dimensions(
                y_pred, y_true, sample_weight)
    else:
        y_pred, y_true = losses_utils.squeeze_or_expand_dimensions(
            y_pred, y_true)
    if top_k is not None:
        y_pred = filter_top_k(y_pred, top_k)
    if class_id is not None:
        y_true = y_true[..., class_id]
        y_pred = y_pred[..., class_id]
        if sample_weight is not None and K.ndim(sample_weight) > \
                K.ndim(y_pred):
            sample_weight = sample_weight[..., 0]

    thresholds = to_list(thresholds)
    # (thresholds, 1) against (1, predictions).
    thresh = K.constant(np.asarray(thresholds, dtype=K.floatx())[:, None])
    preds = K.reshape(y_pred, (1, -1))
    labels = K.cast(K.not_equal(K.reshape(y_true, (1, -1)), 0.), K.floatx())
    pred_is_pos = K.cast(K.greater(preds, thresh), K.floatx())
    pred_is_neg = 1. - pred_is_pos
    label_is_neg = 1. - labels
    if sample_weight is not None:
        weights = losses_utils.broadcast_weights(y_pred, sample_weight)
        weights = K.reshape(weights, (1, -1))
    else:
        weights = None

    conditions = {
        ConfusionMatrix.TRUE_POSITIVES: (labels, pred_is_pos),
        ConfusionMatrix.FALSE_POSITIVES: (label_is_neg, pred_is_pos),
        ConfusionMatrix.TRUE_NEGATIVES: (label_is_neg, pred_is_neg),
        ConfusionMatrix.FALSE_NEGATIVES: (labels, pred_is_neg),
    }
    return [weighted_assign_add(label, pred, weights, var)
            for key, var in variables_to_update.items()
            for label, pred in [conditions[key]]]
