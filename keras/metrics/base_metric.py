"""The stateful metric base class `Metric` and the reducing metrics
(`Reduce`, `Sum`, `Mean`, `MeanMetricWrapper`)."""
import numpy as np

from .. import backend as K
from ..engine.base_layer import Layer
from ..utils import losses_utils
from ..utils import metrics_utils


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
        super().__init__(name=name, dtype=dtype, **kwargs)
        self.stateful = True  # All metric layers are stateful.
        self.built = True
        self.dtype = K.floatx() if dtype is None else dtype

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
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
        return super().add_weight(
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
        super().__init__(name=name, dtype=dtype)
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
        super().__init__(reduction=metrics_utils.Reduction.SUM,
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
        super().__init__(
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
        super().__init__(name=name, dtype=dtype)
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
        return super().update_state(
            matches, sample_weight=sample_weight)

    def get_config(self):
        config = {}
        for k, v in self._fn_kwargs.items():
            config[k] = K.eval(v) if K.is_tensor(v) or K.is_variable(v) \
                else v
        base_config = super().get_config()
        return dict(list(base_config.items()) + list(config.items()))


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
