"""Stateful metrics averaging a metric function over the samples seen."""
from .. import backend as K
from ..losses import mean_squared_error
from ..losses import mean_absolute_error
from ..losses import mean_absolute_percentage_error
from ..losses import mean_squared_logarithmic_error
from ..losses import hinge
from ..losses import logcosh
from ..losses import squared_hinge
from ..losses import categorical_hinge
from ..losses import categorical_crossentropy
from ..losses import sparse_categorical_crossentropy
from ..losses import binary_crossentropy
from ..losses import kullback_leibler_divergence
from ..losses import poisson
from ..utils import losses_utils
from .base_metric import Mean
from .base_metric import MeanMetricWrapper
from .functions import (accuracy, binary_accuracy, categorical_accuracy,
                        sparse_categorical_accuracy,
                        top_k_categorical_accuracy,
                        sparse_top_k_categorical_accuracy, cosine_proximity)


class RootMeanSquaredError(Mean):
    """Computes root mean squared error metric between `y_true` and
    `y_pred`.

    # Arguments
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.
    """

    def __init__(self, name='root_mean_squared_error', dtype=None):
        super().__init__(name, dtype=dtype)

    def update_state(self, y_true, y_pred, sample_weight=None):
        y_true = K.cast(y_true, self.dtype)
        y_pred = K.cast(y_pred, self.dtype)
        y_pred, y_true = losses_utils.squeeze_or_expand_dimensions(y_pred,
                                                                   y_true)
        error_sq = K.square(y_pred - y_true)
        return super().update_state(
            error_sq, sample_weight=sample_weight)

    def result(self):
        return K.sqrt(self.total / self.count)


class Accuracy(MeanMetricWrapper):
    """Calculates how often predictions equal labels.

    # Arguments
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.
    """

    def __init__(self, name='accuracy', dtype=None):
        super().__init__(accuracy, name, dtype=dtype)


class BinaryAccuracy(MeanMetricWrapper):
    """Calculates how often predictions match binary labels (predictions
    above `threshold` count as 1).

    # Arguments
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.
        threshold: Float, the threshold for deciding whether prediction
            values are 1 or 0.
    """

    def __init__(self, name='binary_accuracy', dtype=None, threshold=0.5):
        super().__init__(
            binary_accuracy, name, dtype=dtype, threshold=threshold)


class CategoricalAccuracy(MeanMetricWrapper):
    """Calculates how often the arg-max of the predictions equals the arg-max
    of the one-hot labels.

    # Arguments
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.
    """

    def __init__(self, name='categorical_accuracy', dtype=None):
        super().__init__(
            categorical_accuracy, name, dtype=dtype)


class SparseCategoricalAccuracy(MeanMetricWrapper):
    """Calculates how often the arg-max of the predictions equals the integer
    labels.

    # Arguments
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.
    """

    def __init__(self, name='sparse_categorical_accuracy', dtype=None):
        super().__init__(
            sparse_categorical_accuracy, name, dtype=dtype)


class TopKCategoricalAccuracy(MeanMetricWrapper):
    """Computes how often the one-hot targets are in the top `k` predictions.

    # Arguments
        k: Number of top elements to look at for computing accuracy.
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.
    """

    def __init__(self, k=5, name='top_k_categorical_accuracy', dtype=None):
        super().__init__(
            top_k_categorical_accuracy, name, dtype=dtype, k=k)


class SparseTopKCategoricalAccuracy(MeanMetricWrapper):
    """Computes how often the integer targets are in the top `k` predictions.

    # Arguments
        k: Number of top elements to look at for computing accuracy.
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.
    """

    def __init__(self, k=5, name='sparse_top_k_categorical_accuracy',
                 dtype=None):
        super().__init__(
            sparse_top_k_categorical_accuracy, name, dtype=dtype, k=k)


class MeanSquaredError(MeanMetricWrapper):
    """Computes the mean squared error between `y_true` and `y_pred`.

    # Arguments
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.
    """

    def __init__(self, name='mean_squared_error', dtype=None):
        super().__init__(
            mean_squared_error, name, dtype=dtype)


class MeanAbsoluteError(MeanMetricWrapper):
    """Computes the mean absolute error between `y_true` and `y_pred`.

    # Arguments
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.
    """

    def __init__(self, name='mean_absolute_error', dtype=None):
        super().__init__(
            mean_absolute_error, name, dtype=dtype)


class MeanAbsolutePercentageError(MeanMetricWrapper):
    """Computes the mean absolute percentage error between `y_true` and
    `y_pred`.

    # Arguments
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.
    """

    def __init__(self, name='mean_absolute_percentage_error', dtype=None):
        super().__init__(
            mean_absolute_percentage_error, name, dtype=dtype)


class MeanSquaredLogarithmicError(MeanMetricWrapper):
    """Computes the mean squared logarithmic error between `y_true` and
    `y_pred`.

    # Arguments
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.
    """

    def __init__(self, name='mean_squared_logarithmic_error', dtype=None):
        super().__init__(
            mean_squared_logarithmic_error, name, dtype=dtype)


class Hinge(MeanMetricWrapper):
    """Computes the hinge metric between `y_true` and `y_pred` (0/1 labels
    are converted to -1/1).

    # Arguments
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.
    """

    def __init__(self, name='hinge', dtype=None):
        super().__init__(hinge, name, dtype=dtype)


class SquaredHinge(MeanMetricWrapper):
    """Computes the squared hinge metric between `y_true` and `y_pred`.

    # Arguments
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.
    """

    def __init__(self, name='squared_hinge', dtype=None):
        super().__init__(squared_hinge, name, dtype=dtype)


class CategoricalHinge(MeanMetricWrapper):
    """Computes the categorical hinge metric between `y_true` and `y_pred`.

    # Arguments
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.
    """

    def __init__(self, name='categorical_hinge', dtype=None):
        super().__init__(
            categorical_hinge, name, dtype=dtype)


class LogCoshError(MeanMetricWrapper):
    """Computes the logarithm of the hyperbolic cosine of the prediction
    error.

    # Arguments
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.
    """

    def __init__(self, name='logcosh', dtype=None):
        super().__init__(logcosh, name, dtype=dtype)


class Poisson(MeanMetricWrapper):
    """Computes the Poisson metric between `y_true` and `y_pred`.

    # Arguments
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.
    """

    def __init__(self, name='poisson', dtype=None):
        super().__init__(poisson, name, dtype=dtype)


class KLDivergence(MeanMetricWrapper):
    """Computes the Kullback-Leibler divergence metric between `y_true` and
    `y_pred`.

    # Arguments
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.
    """

    def __init__(self, name='kullback_leibler_divergence', dtype=None):
        super().__init__(
            kullback_leibler_divergence, name, dtype=dtype)


class CosineSimilarity(MeanMetricWrapper):
    """Computes the cosine similarity between the labels and predictions
    (along `axis`).

    # Arguments
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.
        axis: The dimension along which the value is computed.
    """

    def __init__(self, name='cosine_similarity', dtype=None, axis=-1):
        super().__init__(
            cosine_proximity, name, dtype=dtype, axis=axis)


class BinaryCrossentropy(MeanMetricWrapper):
    """Computes the crossentropy metric between binary labels and
    predictions.

    # Arguments
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.
        from_logits: Whether `y_pred` holds logits.
        label_smoothing: Float in [0, 1]; > 0 smooths the labels.
    """

    def __init__(self, name='binary_crossentropy', dtype=None,
                 from_logits=False, label_smoothing=0):
        super().__init__(
            binary_crossentropy, name, dtype=dtype,
            from_logits=from_logits,
            label_smoothing=label_smoothing)


class CategoricalCrossentropy(MeanMetricWrapper):
    """Computes the crossentropy metric between one-hot labels and
    predictions.

    # Arguments
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.
        from_logits: Whether `y_pred` holds logits.
        label_smoothing: Float in [0, 1]; > 0 smooths the labels.
    """

    def __init__(self, name='categorical_crossentropy', dtype=None,
                 from_logits=False, label_smoothing=0):
        super().__init__(
            categorical_crossentropy, name, dtype=dtype,
            from_logits=from_logits,
            label_smoothing=label_smoothing)


class SparseCategoricalCrossentropy(MeanMetricWrapper):
    """Computes the crossentropy metric between integer labels and
    predictions.

    # Arguments
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.
        from_logits: Whether `y_pred` holds logits.
        axis: The dimension along which the value is computed.
    """

    def __init__(self, name='sparse_categorical_crossentropy', dtype=None,
                 from_logits=False, axis=-1):
        super().__init__(
            sparse_categorical_crossentropy, name, dtype=dtype,
            from_logits=from_logits,
            axis=axis)
