"""Built-in metrics.

Metric functions `fn(y_true, y_pred)` return one value per sample; the
training loop averages them. Stateful metrics (`Metric` subclasses) keep
their statistics in variables across batches: calling one returns the
result tensor and records the update ops in `metric.updates`;
`reset_states()` starts over.
"""
from __future__ import absolute_import
from __future__ import division
from __future__ import print_function

import numpy as np
import six

from . import backend as K
from .engine.base_layer import Layer
from .losses import mean_squared_error
from .losses import mean_absolute_error
from .losses import mean_absolute_percentage_error
from .losses import mean_squared_logarithmic_error
from .losses import hinge
from .losses import logcosh
from .losses import squared_hinge
from .losses import categorical_hinge
from .losses import categorical_crossentropy
from .losses import sparse_categorical_crossentropy
from .losses import binary_crossentropy
from .losses import kullback_leibler_divergence
from .losses import poisson
from .utils import losses_utils
from .utils import metrics_utils
from .utils.generic_utils import deserialize_keras_object
from .utils.generic_utils import serialize_keras_object


class Metric(Layer):
    """Encapsulates metric logic and state.

    Standalone usage:
    ```python
        m = SomeMetric(...)
        for input in ...:
            m.update_state(input)
        m.result()
    ```

    Usage with the `compile` API:
    ```python
        model.compile(optimizer='rmsprop',
                      loss=keras.losses.categorical_crossentropy,
                      metrics=[keras.metrics.CategoricalAccuracy()])
    ```

    To be implemented by subclasses:
    * `__init__()`: All state variables should be created in this method by
        calling `self.add_weight()` like: `self.var = self.add_weight(...)`
    * `update_state()`: Has all updates to the state variables like:
        `return K.update_add(self.var, ...)` and returns them.
    * `result()`: Computes and returns a value for the metric
        from the state variables.

    # Arguments
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.
    """

    def __init__(self, name=None, dtype=None, **kwargs):
        super(Metric, self).__init__(name=name, dtype=dtype, **kwargs)
        self.stateful = True  # All metric layers are stateful.
        self.built = True
        self.dtype = K.floatx() if dtype is None else dtype

    def __init_subclass__(cls, **kwargs):
        super(Metric, cls).__init_subclass__(**kwargs)
        update_state = cls.__dict__.get('update_state')
        if update_state is not None and \
                not getattr(update_state, '_keras_update_state_wrapped', 0):
            cls.update_state = metrics_utils.update_state_wrapper(
                update_state)
        result = cls.__dict__.get('result')
        if result is not None and \
                not getattr(result, '_keras_result_wrapped', False):
            cls.result = metrics_utils.result_wrapper(result)

    def __call__(self, *args, **kwargs):
        """Accumulates statistics and then computes metric result value.

        # Arguments
            *args, **kwargs: the arguments of `update_state`.

        # Returns
            The metric value tensor, which reflects this call's batch (the
            update ops are in `self.updates`).
        """
        with K.get_graph().as_default():
            update_ops = self.update_state(*args, **kwargs)
            pending = [u for u in update_ops
                       if metrics_utils._is_backend_update(u)]
            ops = [u for u in update_ops
                   if not metrics_utils._is_backend_update(u)]
            with K.control_dependencies(ops):
                with _reading_new_values(self, pending):
                    result_t = self.result()
            try:
                result_t._metric_obj = self
            except AttributeError:
                pass
            return result_t

    def get_config(self):
        """Returns the serializable config of the metric."""
        return {'name': self.name, 'dtype': self.dtype}

    def reset_states(self):
        """Resets all of the metric state variables.

        This function is called between epochs/steps,
        when a metric is evaluated during training.
        """
        K.batch_set_value([(v, np.zeros(K.int_shape(v)))
                           for v in self.weights])

    def update_state(self, *args, **kwargs):
        """Accumulates statistics for the metric; returns the updates."""
        raise NotImplementedError('Must be implemented in subclasses.')

    def result(self):
        """Computes and returns the metric value tensor.

        Result computation is an idempotent operation that simply calculates
        the metric value using the state variables.
        """
        raise NotImplementedError('Must be implemented in subclasses.')

    # For use by subclasses #
    def add_weight(self, name, shape=(), initializer=None, dtype=None):
        """Adds state variable. Only for use by subclasses."""
        return super(Metric, self).add_weight(
            name=name, shape=shape,
            dtype=self.dtype if dtype is None else dtype,
            trainable=False, initializer=initializer or 'zeros')


class _reading_new_values(object):
    """Context manager: the metric attributes holding a state variable
    with a pending `(variable, new_value)` update (Theano-style updates,
    applied after the outputs are computed) hold `new_value` instead, so
    that `result()` sees the state after this batch."""

    def __init__(self, metric, pending):
        self.metric = metric
        self.new_values = {id(var): value for var, value in pending}
        self.saved = {}

    def __enter__(self):
        if not self.new_values:
            return self
        for name, value in list(self.metric.__dict__.items()):
            if id(value) in self.new_values:
                self.saved[name] = value
                object.__setattr__(self.metric, name,
                                   self.new_values[id(value)])
        return self

    def __exit__(self, *exc):
        for name, value in self.saved.items():
            object.__setattr__(self.metric, name, value)
        return False


class Reduce(Metric):
    """Encapsulates metrics that perform a reduce operation on the values.

    # Arguments
        reduction: a `metrics_utils.Reduction` value.
        name: string name of the metric instance.
        dtype: (Optional) data type of the metric result.
    """

    def __init__(self, reduction, name, dtype=None):
        super(Reduce, self).__init__(name=name, dtype=dtype)
        self.reduction = reduction
        self.total = self.add_weight('total', initializer='zeros')
        if reduction in [metrics_utils.Reduction.SUM_OVER_BATCH_SIZE,
                         metrics_utils.Reduction.WEIGHTED_MEAN]:
            self.count = self.add_weight('count', initializer='zeros')

    def update_state(self, values, sample_weight=None):
        """Accumulates statistics for computing the reduction metric.

        For example, if `values` is [1, 3, 5, 7] and the reduction is
        SUM_OVER_BATCH_SIZE,
        then the value of `result()` is 4. If the `sample_weight` is specified
        as [1, 1, 0, 0] then value of `result()` would be 2.

        # Arguments
            values: Per-example value.
            sample_weight: Optional weighting of each example. Defaults to 1.

        # Returns
            List of update ops.
        """
        values = K.cast(values, self.dtype)
        if sample_weight is not None:
            sample_weight = K.cast(sample_weight, self.dtype)
            # Update dimensions of weights to match with values if possible.
            values, _, sample_weight = \
                losses_utils.squeeze_or_expand_dimensions(
                    values, sample_weight=sample_weight)
            sample_weight = losses_utils.broadcast_weights(values,
                                                           sample_weight)
            values = values * sample_weight
        updates = [K.update_add(self.total, K.sum(values))]
        if self.reduction == metrics_utils.Reduction.SUM:
            return updates
        if self.reduction == metrics_utils.Reduction.WEIGHTED_MEAN and \
                sample_weight is not None:
            num_values = K.sum(sample_weight)
        elif self.reduction in (metrics_utils.Reduction.WEIGHTED_MEAN,
                                metrics_utils.Reduction.SUM_OVER_BATCH_SIZE):
            num_values = K.cast(K.prod(K.shape(values)), self.dtype)
        else:
            raise NotImplementedError(
                'reduction [%s] not implemented' % self.reduction)
        return updates + [K.update_add(self.count, num_values)]

    def result(self):
        if self.reduction == metrics_utils.Reduction.SUM:
            return self.total
        if self.reduction in [metrics_utils.Reduction.WEIGHTED_MEAN,
                              metrics_utils.Reduction.SUM_OVER_BATCH_SIZE]:
            return self.total / self.count
        raise NotImplementedError(
            'reduction [%s] not implemented' % self.reduction)


class Sum(Reduce):
    """Computes the (weighted) sum of the given values.

    For example, if values is [1, 3, 5, 7] then the sum is 16.
    If the weights were specified as [1, 1, 0, 0] then the sum would be 4.

    # Arguments
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.
    """

    def __init__(self, name='sum', dtype=None):
        super(Sum, self).__init__(reduction=metrics_utils.Reduction.SUM,
                                  name=name, dtype=dtype)


class Mean(Reduce):
    """Computes the (weighted) mean of the given values.

    For example, if values is [1, 3, 5, 7] then the mean is 4.
    If the weights were specified as [1, 1, 0, 0] then the mean would be 2.

    # Arguments
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.
    """

    def __init__(self, name='mean', dtype=None):
        super(Mean, self).__init__(
            reduction=metrics_utils.Reduction.WEIGHTED_MEAN, name=name,
            dtype=dtype)


class MeanMetricWrapper(Mean):
    """Wraps a stateless metric function with the Mean metric.

    # Arguments
        fn: The metric function to wrap, with signature
            `fn(y_true, y_pred, **kwargs)`.
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.
        **kwargs: The keyword arguments that are passed on to `fn`.
    """

    def __init__(self, fn, name=None, dtype=None, **kwargs):
        super(MeanMetricWrapper, self).__init__(name=name, dtype=dtype)
        self._fn = fn
        self._fn_kwargs = kwargs

    def update_state(self, y_true, y_pred, sample_weight=None):
        """Accumulates metric statistics.

        `y_true` and `y_pred` should have the same shape.

        # Arguments
            y_true: The ground truth values.
            y_pred: The predicted values.
            sample_weight: Optional weighting of each example. Defaults to 1.
                Can be a `Tensor` whose rank is either 0, or the same rank as
                `y_true`, and must be broadcastable to `y_true`.

        # Returns
            Update op.
        """
        y_true = K.cast(y_true, self.dtype)
        y_pred = K.cast(y_pred, self.dtype)
        y_pred, y_true = losses_utils.squeeze_or_expand_dimensions(y_pred,
                                                                   y_true)
        matches = self._fn(y_true, y_pred, **self._fn_kwargs)
        return super(MeanMetricWrapper, self).update_state(
            matches, sample_weight=sample_weight)

    def get_config(self):
        config = {}
        for k, v in six.iteritems(self._fn_kwargs):
            config[k] = K.eval(v) if K.is_tensor(v) or K.is_variable(v) \
                else v
        base_config = super(MeanMetricWrapper, self).get_config()
        return dict(list(base_config.items()) + list(config.items()))


class RootMeanSquaredError(Mean):
    """Computes root mean squared error metric between `y_true` and
    `y_pred`.

    # Arguments
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.
    """

    def __init__(self, name='root_mean_squared_error', dtype=None):
        super(RootMeanSquaredError, self).__init__(name, dtype=dtype)

    def update_state(self, y_true, y_pred, sample_weight=None):
        y_true = K.cast(y_true, self.dtype)
        y_pred = K.cast(y_pred, self.dtype)
        y_pred, y_true = losses_utils.squeeze_or_expand_dimensions(y_pred,
                                                                   y_true)
        error_sq = K.square(y_pred - y_true)
        return super(RootMeanSquaredError, self).update_state(
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
        super(Accuracy, self).__init__(accuracy, name, dtype=dtype)


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
        super(BinaryAccuracy, self).__init__(
            binary_accuracy, name, dtype=dtype, threshold=threshold)


class CategoricalAccuracy(MeanMetricWrapper):
    """Calculates how often the arg-max of the predictions equals the arg-max
    of the one-hot labels.

    # Arguments
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.
    """

    def __init__(self, name='categorical_accuracy', dtype=None):
        super(CategoricalAccuracy, self).__init__(
            categorical_accuracy, name, dtype=dtype)


class SparseCategoricalAccuracy(MeanMetricWrapper):
    """Calculates how often the arg-max of the predictions equals the integer
    labels.

    # Arguments
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.
    """

    def __init__(self, name='sparse_categorical_accuracy', dtype=None):
        super(SparseCategoricalAccuracy, self).__init__(
            sparse_categorical_accuracy, name, dtype=dtype)


class TopKCategoricalAccuracy(MeanMetricWrapper):
    """Computes how often the one-hot targets are in the top `k` predictions.

    # Arguments
        k: Number of top elements to look at for computing accuracy.
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.
    """

    def __init__(self, k=5, name='top_k_categorical_accuracy', dtype=None):
        super(TopKCategoricalAccuracy, self).__init__(
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
        super(SparseTopKCategoricalAccuracy, self).__init__(
            sparse_top_k_categorical_accuracy, name, dtype=dtype, k=k)


class MeanSquaredError(MeanMetricWrapper):
    """Computes the mean squared error between `y_true` and `y_pred`.

    # Arguments
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.
    """

    def __init__(self, name='mean_squared_error', dtype=None):
        super(MeanSquaredError, self).__init__(
            mean_squared_error, name, dtype=dtype)


class MeanAbsoluteError(MeanMetricWrapper):
    """Computes the mean absolute error between `y_true` and `y_pred`.

    # Arguments
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.
    """

    def __init__(self, name='mean_absolute_error', dtype=None):
        super(MeanAbsoluteError, self).__init__(
            mean_absolute_error, name, dtype=dtype)


class MeanAbsolutePercentageError(MeanMetricWrapper):
    """Computes the mean absolute percentage error between `y_true` and
    `y_pred`.

    # Arguments
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.
    """

    def __init__(self, name='mean_absolute_percentage_error', dtype=None):
        super(MeanAbsolutePercentageError, self).__init__(
            mean_absolute_percentage_error, name, dtype=dtype)


class MeanSquaredLogarithmicError(MeanMetricWrapper):
    """Computes the mean squared logarithmic error between `y_true` and
    `y_pred`.

    # Arguments
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.
    """

    def __init__(self, name='mean_squared_logarithmic_error', dtype=None):
        super(MeanSquaredLogarithmicError, self).__init__(
            mean_squared_logarithmic_error, name, dtype=dtype)


class Hinge(MeanMetricWrapper):
    """Computes the hinge metric between `y_true` and `y_pred` (0/1 labels
    are converted to -1/1).

    # Arguments
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.
    """

    def __init__(self, name='hinge', dtype=None):
        super(Hinge, self).__init__(hinge, name, dtype=dtype)


class SquaredHinge(MeanMetricWrapper):
    """Computes the squared hinge metric between `y_true` and `y_pred`.

    # Arguments
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.
    """

    def __init__(self, name='squared_hinge', dtype=None):
        super(SquaredHinge, self).__init__(squared_hinge, name, dtype=dtype)


class CategoricalHinge(MeanMetricWrapper):
    """Computes the categorical hinge metric between `y_true` and `y_pred`.

    # Arguments
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.
    """

    def __init__(self, name='categorical_hinge', dtype=None):
        super(CategoricalHinge, self).__init__(
            categorical_hinge, name, dtype=dtype)


class LogCoshError(MeanMetricWrapper):
    """Computes the logarithm of the hyperbolic cosine of the prediction
    error.

    # Arguments
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.
    """

    def __init__(self, name='logcosh', dtype=None):
        super(LogCoshError, self).__init__(logcosh, name, dtype=dtype)


class Poisson(MeanMetricWrapper):
    """Computes the Poisson metric between `y_true` and `y_pred`.

    # Arguments
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.
    """

    def __init__(self, name='poisson', dtype=None):
        super(Poisson, self).__init__(poisson, name, dtype=dtype)


class KLDivergence(MeanMetricWrapper):
    """Computes the Kullback-Leibler divergence metric between `y_true` and
    `y_pred`.

    # Arguments
        name: (Optional) string name of the metric instance.
        dtype: (Optional) data type of the metric result.
    """

    def __init__(self, name='kullback_leibler_divergence', dtype=None):
        super(KLDivergence, self).__init__(
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
        super(CosineSimilarity, self).__init__(
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
        super(BinaryCrossentropy, self).__init__(
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
        super(CategoricalCrossentropy, self).__init__(
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
        super(SparseCategoricalCrossentropy, self).__init__(
            sparse_categorical_crossentropy, name, dtype=dtype,
            from_logits=from_logits,
            axis=axis)


# Metric functions.

def accuracy(y_true, y_pred):
    if not K.is_tensor(y_pred) and not K.is_variable(y_pred):
        y_pred = K.constant(y_pred)
    y_true = K.cast(y_true, K.dtype(y_pred))
    return K.cast(K.equal(y_true, y_pred), K.floatx())


def binary_accuracy(y_true, y_pred, threshold=0.5):
    if threshold != 0.5:
        y_pred = K.cast(K.greater(y_pred, threshold), K.dtype(y_pred))
    return K.mean(K.cast(K.equal(y_true, K.round(y_pred)), K.floatx()),
                  axis=-1)


def categorical_accuracy(y_true, y_pred):
    return K.cast(K.equal(K.argmax(y_true, axis=-1),
                          K.argmax(y_pred, axis=-1)),
                  K.floatx())


def sparse_categorical_accuracy(y_true, y_pred):
    # Labels of shape (num_samples, 1) become (num_samples,).
    if K.ndim(y_true) == K.ndim(y_pred):
        y_true = K.squeeze(y_true, -1)
    y_pred_labels = K.cast(K.argmax(y_pred, axis=-1), K.floatx())
    return K.cast(K.equal(K.cast(y_true, K.floatx()), y_pred_labels),
                  K.floatx())


def top_k_categorical_accuracy(y_true, y_pred, k=5):
    return K.cast(K.in_top_k(y_pred, K.argmax(y_true, axis=-1), k),
                  K.floatx())


def sparse_top_k_categorical_accuracy(y_true, y_pred, k=5):
    # Labels of shape (num_samples, 1) are flattened to (num_samples,).
    return K.cast(K.in_top_k(y_pred, K.cast(K.flatten(y_true), 'int32'), k),
                  K.floatx())


def cosine_proximity(y_true, y_pred, axis=-1):
    """Cosine similarity along `axis` (a metric: 1 is best)."""
    y_true = K.l2_normalize(y_true, axis=axis)
    y_pred = K.l2_normalize(y_pred, axis=axis)
    return K.sum(y_true * y_pred, axis=axis)


def perplexity(y_true, y_pred):
    """Perplexity of the predicted distributions on one-hot targets:
    `exp(mean(categorical_crossentropy(y_true, y_pred)))` over the batch
    (and timesteps), i.e. `2 ** (mean bits per target)`.

    # Arguments
        y_true: one-hot targets.
        y_pred: predicted probabilities, same shape.

    # Returns
        Scalar tensor.
    """
    return K.exp(K.mean(K.categorical_crossentropy(y_true, y_pred)))


def clone_metric(metric):
    """Returns a clone of the metric if stateful, otherwise returns it as is.
    """
    if isinstance(metric, Metric):
        return metric.__class__.from_config(metric.get_config())
    return metric


def clone_metrics(metrics):
    """Clones the given metric list/dict."""
    if metrics is None:
        return None
    if isinstance(metrics, dict):
        return {key: clone_metric(value) for key, value in metrics.items()}
    return [clone_metric(metric) for metric in metrics]


# Aliases

mse = MSE = mean_squared_error
mae = MAE = mean_absolute_error
mape = MAPE = mean_absolute_percentage_error
msle = MSLE = mean_squared_logarithmic_error
cosine = cosine_similarity = cosine_proximity


# Confusion-matrix metrics (thresholded counts, precision, recall, AUC...).
from .utils.confusion_metrics import (  # noqa: E402
    TruePositives, TrueNegatives, FalsePositives, FalseNegatives,
    Precision, Recall, SensitivitySpecificityBase, SensitivityAtSpecificity,
    SpecificityAtSensitivity, AUC, MeanIoU)


def serialize(metric):
    return serialize_keras_object(metric)


def deserialize(config, custom_objects=None):
    return deserialize_keras_object(config,
                                    module_objects=globals(),
                                    custom_objects=custom_objects,
                                    printable_module_name='metric function')


def get(identifier):
    """Gets a metric from a config dict, a name or a callable.

    # Raises
        ValueError: if `identifier` cannot be interpreted.
    """
    if isinstance(identifier, dict):
        return deserialize({'class_name': str(identifier['class_name']),
                            'config': identifier['config']})
    if isinstance(identifier, six.string_types):
        return deserialize(str(identifier))
    if callable(identifier):
        return identifier
    raise ValueError('Could not interpret metric function identifier: %r'
                     % (identifier,))
