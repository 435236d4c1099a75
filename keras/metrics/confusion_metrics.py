"""Metrics computed from confusion-matrix counts (importable from
`keras.metrics`): thresholded true/false positive/negative counts,
precision, recall, sensitivity/specificity trade-offs, AUC, mean IoU."""

import numpy as np

from .. import backend as K
from ..utils import losses_utils
from ..utils import metrics_utils
from ..utils.metrics_utils import ConfusionMatrix
from .base_metric import Metric


def _div_no_nan(a, b):
    """`a / b` where `b != 0`, else 0 (element-wise)."""
    nonzero = K.cast(K.not_equal(b, 0.), K.dtype(b))
    return a * nonzero / (b + (1. - nonzero))


def _at(x, index, size):
    """`x[index]` for a symbolic scalar `index` in a vector of `size`."""
    positions = K.constant(np.arange(size), dtype=K.floatx())
    mask = K.cast(K.equal(positions, K.cast(index, K.floatx())), K.dtype(x))
    return K.sum(x * mask)


class _ThresholdedMetric(Metric):
    """Base of the metrics whose state is one vector of counts per
    confusion-matrix condition, one entry per threshold."""

    def _add_counts(self, names, num_thresholds):
        for name in names:
            setattr(self, name, self.add_weight(
                name, shape=(num_thresholds,), initializer='zeros'))

    def _update_counts(self, conditions, y_true, y_pred, sample_weight,
                       top_k=None, class_id=None):
        variables = {cond: getattr(self, cond.name.lower())
                     for cond in conditions}
        return metrics_utils.update_confusion_matrix_variables(
            variables, y_true, y_pred, thresholds=self.thresholds,
            top_k=top_k, class_id=class_id, sample_weight=sample_weight)


class _ConfusionMatrixConditionCount(_ThresholdedMetric):
    """Calculates the number of the given confusion matrix condition.

    # Arguments
        confusion_matrix_cond: One of `metrics_utils.ConfusionMatrix`
            conditions.
        thresholds: (Optional) Defaults to 0.5. A float value or a python
            list/tuple of float threshold values in [0, 1].
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.
    """

    def __init__(self, confusion_matrix_cond, thresholds=None, name=None,
                 dtype=None):
        super().__init__(name=name,
                                                             dtype=dtype)
        self._confusion_matrix_cond = confusion_matrix_cond
        self.init_thresholds = thresholds
        self.thresholds = metrics_utils.parse_init_thresholds(
            thresholds, default_threshold=0.5)
        self.accumulator = self.add_weight(
            'accumulator', shape=(len(self.thresholds),),
            initializer='zeros')

    def update_state(self, y_true, y_pred, sample_weight=None):
        return metrics_utils.update_confusion_matrix_variables(
            {self._confusion_matrix_cond: self.accumulator},
            y_true, y_pred, thresholds=self.thresholds,
            sample_weight=sample_weight)

    def result(self):
        if len(self.thresholds) == 1:
            return self.accumulator[0]
        return self.accumulator

    def get_config(self):
        config = {'thresholds': self.init_thresholds}
        base_config = super().get_config()
        return dict(list(base_config.items()) + list(config.items()))


def _condition_count_class(class_name, condition, what):
    """The public count metric of one confusion-matrix condition."""
    def __init__(self, thresholds=None, name=None, dtype=None):
        _ConfusionMatrixConditionCount.__init__(
            self, confusion_matrix_cond=condition, thresholds=thresholds,
            name=name, dtype=dtype)
    doc = ("""Calculates the (weighted) number of %s.

    Predictions above a threshold count as positive; labels count as
    positive when non-zero. With several thresholds the result is a vector
    with one count per threshold.

    # Arguments
        thresholds: (Optional) Defaults to 0.5. A float value or a python
            list/tuple of float threshold values in [0, 1].
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.
    """ % what)
    return type(class_name, (_ConfusionMatrixConditionCount,),
                {'__init__': __init__, '__doc__': doc,
                 '__module__': 'keras.metrics'})


TruePositives = _condition_count_class(
    'TruePositives', ConfusionMatrix.TRUE_POSITIVES, 'true positives')
TrueNegatives = _condition_count_class(
    'TrueNegatives', ConfusionMatrix.TRUE_NEGATIVES, 'true negatives')
FalsePositives = _condition_count_class(
    'FalsePositives', ConfusionMatrix.FALSE_POSITIVES, 'false positives')
FalseNegatives = _condition_count_class(
    'FalseNegatives', ConfusionMatrix.FALSE_NEGATIVES, 'false negatives')


class _PrecisionRecall(_ThresholdedMetric):
    """Base of Precision and Recall: `tp / (tp + other)` per threshold,
    `other` being false positives (precision) or false negatives
    (recall)."""

    _other = None  # the ConfusionMatrix condition of the denominator

    def __init__(self, thresholds=None, top_k=None, class_id=None,
                 name=None, dtype=None):
        super().__init__(name=name, dtype=dtype)
        self.init_thresholds = thresholds
        self.top_k = top_k
        self.class_id = class_id
        default_threshold = 0.5 if top_k is None else metrics_utils.NEG_INF
        self.thresholds = metrics_utils.parse_init_thresholds(
            thresholds, default_threshold=default_threshold)
        self._add_counts(['true_positives', self._other.name.lower()],
                         len(self.thresholds))

    def update_state(self, y_true, y_pred, sample_weight=None):
        """Accumulates the counts of a batch.

        # Arguments
            y_true: The ground truth values (non-zero: positive).
            y_pred: The predicted values, in [0, 1].
            sample_weight: Optional weighting of each example.

        # Returns
            List of update ops.
        """
        return self._update_counts(
            [ConfusionMatrix.TRUE_POSITIVES, self._other], y_true, y_pred,
            sample_weight, top_k=self.top_k, class_id=self.class_id)

    def result(self):
        tp = self.true_positives
        result = _div_no_nan(tp, tp + getattr(self,
                                              self._other.name.lower()))
        return result[0] if len(self.thresholds) == 1 else result

    def get_config(self):
        config = {'thresholds': self.init_thresholds, 'top_k': self.top_k,
                  'class_id': self.class_id}
        base_config = super().get_config()
        return dict(list(base_config.items()) + list(config.items()))


class Precision(_PrecisionRecall):
    """Computes the precision of the predictions with respect to the labels.

    `precision = true_positives / (true_positives + false_positives)`, with
    the (weighted) counts accumulated over the batches. With `top_k`, only
    the `k` largest predictions of each sample count as positive; with
    `class_id`, only that class (last axis) is considered.

    # Arguments
        thresholds: (Optional) A float value or a python list/tuple of float
            threshold values in [0, 1] (default 0.5, or no threshold with
            `top_k`). One result per threshold.
        top_k: (Optional) Unset by default. An int value specifying the top-k
            predictions to consider when calculating precision.
        class_id: (Optional) Integer class ID for which we want binary
            metrics.
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.
    """

    _other = ConfusionMatrix.FALSE_POSITIVES


class Recall(_PrecisionRecall):
    """Computes the recall of the predictions with respect to the labels.

    `recall = true_positives / (true_positives + false_negatives)`, with the
    (weighted) counts accumulated over the batches.

    # Arguments
        thresholds: (Optional) A float value or a python list/tuple of float
            threshold values in [0, 1] (default 0.5, or no threshold with
            `top_k`). One result per threshold.
        top_k: (Optional) Unset by default. An int value specifying the top-k
            predictions to consider when calculating recall.
        class_id: (Optional) Integer class ID for which we want binary
            metrics.
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.
    """

    _other = ConfusionMatrix.FALSE_NEGATIVES


_ALL_CONDITIONS = [ConfusionMatrix.TRUE_POSITIVES,
                   ConfusionMatrix.TRUE_NEGATIVES,
                   ConfusionMatrix.FALSE_POSITIVES,
                   ConfusionMatrix.FALSE_NEGATIVES]
_ALL_COUNTS = [c.name.lower() for c in _ALL_CONDITIONS]


class SensitivitySpecificityBase(_ThresholdedMetric):
    """Abstract base class for computing sensitivity and specificity.

    # Arguments
        value: the target specificity or sensitivity, in [0, 1].
        num_thresholds: number of thresholds evenly spread in [0, 1].
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.
    """

    def __init__(self, value, num_thresholds=200, name=None, dtype=None):
        super().__init__(name=name,
                                                         dtype=dtype)
        if num_thresholds <= 0:
            raise ValueError('%s: `num_thresholds` must be > 0, got %r'
                             % (self.__class__.__name__, num_thresholds))
        self.value = value
        if num_thresholds == 1:
            self.thresholds = [0.5]
        else:
            self.thresholds = [0.0] + [
                (i + 1) * 1.0 / (num_thresholds - 1)
                for i in range(num_thresholds - 2)] + [1.0]
        self._add_counts(_ALL_COUNTS, len(self.thresholds))

    def update_state(self, y_true, y_pred, sample_weight=None):
        return self._update_counts(_ALL_CONDITIONS, y_true, y_pred,
                                   sample_weight)

    def _rate_at_closest(self, target_rate, other_rate):
        """`other_rate` at the threshold where `target_rate` is closest to
        `self.value` (the first such threshold)."""
        index = K.argmin(K.abs(target_rate - self.value), axis=0)
        return _at(other_rate, index, len(self.thresholds))

    def _sensitivities(self):
        return _div_no_nan(self.true_positives,
                           self.true_positives + self.false_negatives)

    def _specificities(self):
        return _div_no_nan(self.true_negatives,
                           self.true_negatives + self.false_positives)


def _check_unit_range(owner, name, value):
    if value < 0 or value > 1:
        raise ValueError('%s: `%s` must be in the range [0, 1], got %r'
                         % (owner, name, value))


class SensitivityAtSpecificity(SensitivitySpecificityBase):
    """Computes the sensitivity (recall) at a given specificity.

    The sensitivity is read at the threshold whose specificity
    `tn / (tn + fp)` is closest to `specificity`.

    # Arguments
        specificity: A scalar value in range `[0, 1]`.
        num_thresholds: (Optional) Defaults to 200. The number of thresholds
            to use for matching the given specificity.
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.
    """

    def __init__(self, specificity, num_thresholds=200, name=None,
                 dtype=None):
        _check_unit_range(self.__class__.__name__, 'specificity',
                          specificity)
        self.specificity = specificity
        self.num_thresholds = num_thresholds
        super().__init__(
            specificity, num_thresholds=num_thresholds, name=name,
            dtype=dtype)

    def result(self):
        return self._rate_at_closest(self._specificities(),
                                     self._sensitivities())

    def get_config(self):
        config = {'num_thresholds': self.num_thresholds,
                  'specificity': self.specificity}
        base_config = super().get_config()
        return dict(list(base_config.items()) + list(config.items()))


class SpecificityAtSensitivity(SensitivitySpecificityBase):
    """Computes the specificity at a given sensitivity.

    The specificity is read at the threshold whose sensitivity
    `tp / (tp + fn)` is closest to `sensitivity`.

    # Arguments
        sensitivity: A scalar value in range `[0, 1]`.
        num_thresholds: (Optional) Defaults to 200. The number of thresholds
            to use for matching the given sensitivity.
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.
    """

    def __init__(self, sensitivity, num_thresholds=200, name=None,
                 dtype=None):
        _check_unit_range(self.__class__.__name__, 'sensitivity',
                          sensitivity)
        self.sensitivity = sensitivity
        self.num_thresholds = num_thresholds
        super().__init__(
            sensitivity, num_thresholds=num_thresholds, name=name,
            dtype=dtype)

    def result(self):
        return self._rate_at_closest(self._sensitivities(),
                                     self._specificities())

    def get_config(self):
        config = {'num_thresholds': self.num_thresholds,
                  'sensitivity': self.sensitivity}
        base_config = super().get_config()
        return dict(list(base_config.items()) + list(config.items()))


class AUC(_ThresholdedMetric):
    """Computes the approximate AUC (Area under the curve) via a Riemann sum.

    The ROC (or PR) curve is discretized at `num_thresholds` thresholds
    (or the given `thresholds`, plus the endpoints `-epsilon` and
    `1 + epsilon`); the counts at each threshold are accumulated over the
    batches and the area is summed over the intervals.

    # Arguments
        num_thresholds: (Optional) Defaults to 200. The number of thresholds
            to use when discretizing the roc curve. Values must be > 1.
        curve: (Optional) Specifies the name of the curve to be computed,
            'ROC' [default] or 'PR' for the Precision-Recall-curve.
        summation_method: (Optional) Specifies the Riemann summation method
            used: 'interpolation' [default] (mid-point for ROC; for PR,
            interpolates the true and false positives, Davis & Goadrich
            2006), 'minoring' (lower rectangles) or 'majoring' (upper
            rectangles).
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.
        thresholds: (Optional) A list of floating point values in [0, 1] to
            use as the thresholds; `num_thresholds` is then ignored.

    # Raises
        ValueError: on an invalid curve, summation method or threshold
            count.
    """

    def __init__(self, num_thresholds=200, curve='ROC',
                 summation_method='interpolation', name=None, dtype=None,
                 thresholds=None):
        if not isinstance(curve, metrics_utils.AUCCurve):
            curve = metrics_utils.AUCCurve.from_str(curve)
        if not isinstance(summation_method,
                          metrics_utils.AUCSummationMethod):
            summation_method = metrics_utils.AUCSummationMethod.from_str(
                summation_method)
        if thresholds is not None:
            metrics_utils.assert_thresholds_range(list(thresholds))
            self.num_thresholds = len(thresholds) + 2
            thresholds = sorted(thresholds)
        else:
            if num_thresholds <= 1:
                raise ValueError('AUC: `num_thresholds` must be > 1, got %r'
                                 % (num_thresholds,))
            self.num_thresholds = num_thresholds
            thresholds = [(i + 1) * 1.0 / (num_thresholds - 1)
                          for i in range(num_thresholds - 2)]
        # Endpoints below 0 and above 1 catch predictions of exactly 0 or 1.
        self.thresholds = [0.0 - K.epsilon()] + list(thresholds) + \
            [1.0 + K.epsilon()]
        self.curve = curve
        self.summation_method = summation_method
        super().__init__(name=name, dtype=dtype)
        self._add_counts(_ALL_COUNTS, self.num_thresholds)

    def update_state(self, y_true, y_pred, sample_weight=None):
        return self._update_counts(_ALL_CONDITIONS, y_true, y_pred,
                                   sample_weight)

    def interpolate_pr_auc(self):
        """PR-AUC with the interpolation of Davis & Goadrich (2006).

        Within each interval between successive thresholds, the true
        positives `TP` and the predicted positives `P = TP + FP` vary
        linearly; integrating the precision `TP / P` over the recall gives,
        per interval, `slope * (dTP + intercept * log(P_B / P_A)) /
        total_positives` with `slope = dTP / dP` and
        `intercept = TP_B - slope * P_B`.

        # Returns
            pr_auc: an approximation of the area under the P-R curve.
        """
        n = self.num_thresholds
        tp = self.true_positives
        dtp = tp[:n - 1] - tp[1:]
        p = tp + self.false_positives
        dp = p[:n - 1] - p[1:]
        prec_slope = _div_no_nan(dtp, K.maximum(dp, 0.))
        intercept = tp[1:] - prec_slope * p[1:]
        both_positive = K.cast(K.greater(p[:n - 1], 0.), K.floatx()) * \
            K.cast(K.greater(p[1:], 0.), K.floatx())
        safe_p_ratio = both_positive * _div_no_nan(p[:n - 1], p[1:]) + \
            (1. - both_positive)
        numer = prec_slope * (dtp + intercept * K.log(safe_p_ratio))
        denom = K.maximum(tp[1:] + self.false_negatives[1:], 0.)
        return K.sum(_div_no_nan(numer, denom))

    def result(self):
        if (self.curve == metrics_utils.AUCCurve.PR and
                self.summation_method ==
                metrics_utils.AUCSummationMethod.INTERPOLATION):
            return self.interpolate_pr_auc()
        n = self.num_thresholds
        tp = self.true_positives
        recall = _div_no_nan(tp, tp + self.false_negatives)
        if self.curve == metrics_utils.AUCCurve.ROC:
            x = _div_no_nan(self.false_positives,
                            self.false_positives + self.true_negatives)
            y = recall
        else:  # PR
            x = recall
            y = _div_no_nan(tp, tp + self.false_positives)
        method = self.summation_method
        if method == metrics_utils.AUCSummationMethod.INTERPOLATION:
            heights = (y[:n - 1] + y[1:]) / 2.
        elif method == metrics_utils.AUCSummationMethod.MINORING:
            heights = K.minimum(y[:n - 1], y[1:])
        else:  # MAJORING
            heights = K.maximum(y[:n - 1], y[1:])
        return K.sum((x[:n - 1] - x[1:]) * heights)

    def get_config(self):
        config = {
            'num_thresholds': self.num_thresholds,
            'curve': self.curve.value,
            'summation_method': self.summation_method.value,
            # Without the endpoints, so that from_config rebuilds the same
            # thresholds.
            'thresholds': self.thresholds[1:-1],
        }
        base_config = super().get_config()
        return dict(list(base_config.items()) + list(config.items()))


class MeanIoU(Metric):
    """Computes the mean Intersection-Over-Union metric.

    For each class, `IOU = true_positive / (true_positive + false_positive +
    false_negative)`; the result is the mean over the classes that occur
    (in the labels or the predictions). The predictions are accumulated in
    a `(num_classes, num_classes)` confusion matrix (rows: labels, columns:
    predictions), weighted by `sample_weight`.

    # Arguments
        num_classes: The possible number of labels the prediction task can
            have. This value must be provided, since a confusion matrix of
            dimension = [num_classes, num_classes] will be allocated.
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.
    """

    def __init__(self, num_classes, name=None, dtype=None):
        super().__init__(name=name, dtype=dtype)
        self.num_classes = int(num_classes)
        self.total_cm = self.add_weight(
            'total_confusion_matrix',
            shape=(self.num_classes, self.num_classes), initializer='zeros')

    def update_state(self, y_true, y_pred, sample_weight=None):
        """Accumulates the confusion matrix statistics.

        # Arguments
            y_true: The ground truth class ids.
            y_pred: The predicted class ids (same shape).
            sample_weight: Optional weighting of each example.

        # Returns
            Update op.
        """
        y_true = K.cast(y_true, self.dtype)
        labels = K.cast(K.flatten(y_true), 'int32')
        preds = K.cast(K.flatten(y_pred), 'int32')
        true_1h = K.one_hot(labels, self.num_classes)
        if sample_weight is not None:
            weights = losses_utils.broadcast_weights(
                y_true, K.cast(sample_weight, self.dtype))
            true_1h = true_1h * K.expand_dims(K.flatten(weights), -1)
        current_cm = K.dot(K.transpose(true_1h),
                           K.one_hot(preds, self.num_classes))
        return K.update_add(self.total_cm, current_cm)

    def result(self):
        cm = self.total_cm
        predicted = K.sum(cm, axis=0)
        actual = K.sum(cm, axis=1)
        true_positives = K.sum(cm * K.constant(np.eye(self.num_classes)),
                               axis=1)
        denominator = predicted + actual - true_positives
        num_valid = K.sum(K.cast(K.not_equal(denominator, 0.), K.floatx()))
        iou = _div_no_nan(true_positives, denominator)
        return _div_no_nan(K.sum(iou), num_valid)

    def get_config(self):
        config = {'num_classes': self.num_classes}
        base_config = super().get_config()
        return dict(list(base_config.items()) + list(config.items()))
