"""Built-in loss functions and loss classes.

Loss functions `fn(y_true, y_pred)` return one loss value per sample (the
last axis is reduced). `Loss` classes wrap them with sample weighting and a
reduction to a scalar.
"""
from __future__ import absolute_import
from __future__ import division
from __future__ import print_function

import six

from . import backend as K
from .utils import losses_utils
from .utils.generic_utils import deserialize_keras_object
from .utils.generic_utils import serialize_keras_object

_SUM_OVER_BATCH_SIZE = losses_utils.Reduction.SUM_OVER_BATCH_SIZE


def _is_symbolic(x):
    return K.is_tensor(x) or K.is_variable(x)


class Loss(object):
    """Loss base class.

    To be implemented by subclasses:
        * `call()`: Contains the logic for loss calculation using `y_true`,
            `y_pred`.

    Example subclass implementation:
    ```python
        class MeanSquaredError(Loss):
            def call(self, y_true, y_pred):
                y_pred = K.constant(y_pred)
                y_true = K.cast(y_true, y_pred.dtype)
                return K.mean(K.square(y_pred - y_true), axis=-1)
    ```

    # Arguments
        reduction: (Optional) Type of loss Reduction to apply to loss.
          Default value is `SUM_OVER_BATCH_SIZE`.
        name: Optional name for the object.
    """

    def __init__(self, reduction=_SUM_OVER_BATCH_SIZE, name=None):
        losses_utils.Reduction.validate(reduction)
        self.reduction = reduction
        self.name = name

    def __call__(self, y_true, y_pred, sample_weight=None):
        """Invokes the `Loss` instance.

        # Arguments
            y_true: Ground truth values.
            y_pred: The predicted values.
            sample_weight: Optional `Tensor` whose rank is either 0, or the
                same rank as `y_true`, or is broadcastable to `y_true`.
                A scalar scales the loss; a `[batch_size]` vector rescales
                the loss of each sample.

        # Returns
            Weighted loss float `Tensor`. If `reduction` is `NONE`, this has
                the same shape as `y_true`; otherwise, it is scalar.

        # Raises
            ValueError: If the shape of `sample_weight` is invalid.
        """
        scope_name = 'lambda' if self.name == '<lambda>' else self.name
        with K.name_scope(scope_name or self.__class__.__name__):
            losses = self.call(y_true, y_pred)
            return losses_utils.compute_weighted_loss(
                losses, sample_weight, reduction=self.reduction)

    @classmethod
    def from_config(cls, config):
        """Instantiates a `Loss` from its config (output of `get_config()`).
        """
        return cls(**config)

    def get_config(self):
        return {'reduction': self.reduction, 'name': self.name}

    def call(self, y_true, y_pred):
        """Invokes the `Loss` instance.

        # Arguments
            y_true: Ground truth values, with the same shape as 'y_pred'.
            y_pred: The predicted values.
        """
        raise NotImplementedError('Loss subclasses must implement `call`.')


class LossFunctionWrapper(Loss):
    """Wraps a loss function in the `Loss` class.

    # Arguments
        fn: The loss function to wrap, with signature
            `fn(y_true, y_pred, **kwargs)`.
        reduction: (Optional) Type of loss reduction to apply to loss.
            Default value is `SUM_OVER_BATCH_SIZE`.
        name: (Optional) name for the loss.
        **kwargs: The keyword arguments that are passed on to `fn`.
    """

    def __init__(self, fn, reduction=_SUM_OVER_BATCH_SIZE, name=None,
                 **kwargs):
        super(LossFunctionWrapper, self).__init__(reduction=reduction,
                                                  name=name)
        self.fn = fn
        self._fn_kwargs = kwargs

    def call(self, y_true, y_pred):
        if _is_symbolic(y_pred) and _is_symbolic(y_true):
            y_pred, y_true = losses_utils.squeeze_or_expand_dimensions(
                y_pred, y_true)
        return self.fn(y_true, y_pred, **self._fn_kwargs)

    def get_config(self):
        config = {}
        for k, v in six.iteritems(self._fn_kwargs):
            config[k] = K.eval(v) if _is_symbolic(v) else v
        base_config = super(LossFunctionWrapper, self).get_config()
        return dict(list(base_config.items()) + list(config.items()))


# Loss functions.

def _as_pair(y_true, y_pred):
    """Makes `y_pred` a tensor and casts `y_true` to its dtype."""
    if not _is_symbolic(y_pred):
        y_pred = K.constant(y_pred)
    y_true = K.cast(y_true, K.dtype(y_pred))
    return y_true, y_pred


def mean_squared_error(y_true, y_pred):
    """Mean of the squared differences: `mean(square(y_pred - y_true), axis=-1)`.


    # Arguments
        y_true: tensor of true targets.
        y_pred: tensor of predicted targets, same shape.

    # Returns
        Tensor with one loss value per sample (the last axis is reduced).
    """
    y_true, y_pred = _as_pair(y_true, y_pred)
    return K.mean(K.square(y_pred - y_true), axis=-1)


def mean_absolute_error(y_true, y_pred):
    """Mean of the absolute differences: `mean(abs(y_pred - y_true), axis=-1)`.


    # Arguments
        y_true: tensor of true targets.
        y_pred: tensor of predicted targets, same shape.

    # Returns
        Tensor with one loss value per sample (the last axis is reduced).
    """
    y_true, y_pred = _as_pair(y_true, y_pred)
    return K.mean(K.abs(y_pred - y_true), axis=-1)


def mean_absolute_percentage_error(y_true, y_pred):
    """Mean absolute percentage error:
    `100 * mean(abs((y_true - y_pred) / max(abs(y_true), epsilon)), axis=-1)`.


    # Arguments
        y_true: tensor of true targets.
        y_pred: tensor of predicted targets, same shape.

    # Returns
        Tensor with one loss value per sample (the last axis is reduced).
    """
    y_true, y_pred = _as_pair(y_true, y_pred)
    diff = K.abs((y_true - y_pred) / K.clip(K.abs(y_true), K.epsilon(), None))
    return 100. * K.mean(diff, axis=-1)


def mean_squared_logarithmic_error(y_true, y_pred):
    """Mean squared logarithmic error:
    `mean(square(log(y_pred + 1) - log(y_true + 1)), axis=-1)` (both clipped
    to at least `epsilon` first).


    # Arguments
        y_true: tensor of true targets.
        y_pred: tensor of predicted targets, same shape.

    # Returns
        Tensor with one loss value per sample (the last axis is reduced).
    """
    y_true, y_pred = _as_pair(y_true, y_pred)
    first_log = K.log(K.clip(y_pred, K.epsilon(), None) + 1.)
    second_log = K.log(K.clip(y_true, K.epsilon(), None) + 1.)
    return K.mean(K.square(first_log - second_log), axis=-1)


def _maybe_convert_labels(y_true):
    """Converts binary labels into -1/1 (labels already in -1/1 pass)."""
    are_zeros = K.cast(K.equal(y_true, 0), K.floatx())
    are_ones = K.cast(K.equal(y_true, 1), K.floatx())
    is_binary = K.cast(K.equal(K.min(are_zeros + are_ones), 1.), K.floatx())
    return is_binary * (2. * y_true - 1.) + (1. - is_binary) * y_true


def squared_hinge(y_true, y_pred):
    """Squared hinge loss: `mean(square(max(1 - y_true * y_pred, 0)), axis=-1)`.

    Labels in {0, 1} are converted to {-1, 1} first.

    # Arguments
        y_true: tensor of true targets.
        y_pred: tensor of predicted targets, same shape.

    # Returns
        Tensor with one loss value per sample (the last axis is reduced).
    """
    y_true, y_pred = _as_pair(y_true, y_pred)
    y_true = _maybe_convert_labels(y_true)
    return K.mean(K.square(K.maximum(1. - y_true * y_pred, 0.)), axis=-1)


def hinge(y_true, y_pred):
    """Hinge loss: `mean(max(1 - y_true * y_pred, 0), axis=-1)`.

    Labels in {0, 1} are converted to {-1, 1} first.

    # Arguments
        y_true: tensor of true targets.
        y_pred: tensor of predicted targets, same shape.

    # Returns
        Tensor with one loss value per sample (the last axis is reduced).
    """
    y_true, y_pred = _as_pair(y_true, y_pred)
    y_true = _maybe_convert_labels(y_true)
    return K.mean(K.maximum(1. - y_true * y_pred, 0.), axis=-1)


def categorical_hinge(y_true, y_pred):
    """Categorical hinge loss: `max(0, max((1 - y_true) * y_pred) - sum(y_true * y_pred) + 1)`.

    `y_true` is one-hot.

    # Arguments
        y_true: tensor of true targets.
        y_pred: tensor of predicted targets, same shape.

    # Returns
        Tensor with one loss value per sample (the last axis is reduced).
    """
    y_true, y_pred = _as_pair(y_true, y_pred)
    pos = K.sum(y_true * y_pred, axis=-1)
    neg = K.max((1. - y_true) * y_pred, axis=-1)
    return K.maximum(0., neg - pos + 1.)


def logcosh(y_true, y_pred):
    """Logarithm of the hyperbolic cosine of the prediction error.

    `log(cosh(x))` is approximately equal to `(x ** 2) / 2` for small `x` and
    to `abs(x) - log(2)` for large `x`. This means that 'logcosh' works mostly
    like the mean squared error, but will not be so strongly affected by the
    occasional wildly incorrect prediction.

    # Arguments
        y_true: tensor of true targets.
        y_pred: tensor of predicted targets.

    # Returns
        Tensor with one scalar loss entry per sample.
    """
    y_true, y_pred = _as_pair(y_true, y_pred)
    x = y_pred - y_true
    # Stable form: log(cosh(x)) = x + softplus(-2x) - log(2).
    return K.mean(x + K.softplus(-2. * x) - 0.6931471805599453, axis=-1)


def huber_loss(y_true, y_pred, delta=1.0):
    """Huber loss, element-wise: `0.5 * x^2` if `|x| <= delta`,
    `0.5 * delta^2 + delta * (|x| - delta)` otherwise, with
    `x = y_pred - y_true`.
    """
    y_true, y_pred = _as_pair(y_true, y_pred)
    abs_error = K.abs(y_pred - y_true)
    quadratic = K.minimum(abs_error, delta)
    linear = abs_error - quadratic
    return 0.5 * K.square(quadratic) + delta * linear


def _smooth(y_true, label_smoothing, num_classes):
    """Label smoothing: `y * (1 - s) + s / num_classes`."""
    smoothing = float(label_smoothing)
    return y_true * (1.0 - smoothing) + smoothing / num_classes


def categorical_crossentropy(y_true, y_pred, from_logits=False,
                             label_smoothing=0):
    """Categorical crossentropy between one-hot targets and predictions.

    # Arguments
        y_true: one-hot targets (or a distribution over the classes).
        y_pred: predicted probabilities (or logits when `from_logits=True`),
            classes on the last axis.
        from_logits: whether `y_pred` holds logits rather than probabilities.
        label_smoothing: float in [0, 1]: the targets become
            `y_true * (1 - label_smoothing) + label_smoothing / num_classes`.

    # Returns
        Tensor with one loss value per sample.
    """
    y_true, y_pred = _as_pair(y_true, y_pred)
    if label_smoothing:
        num_classes = K.cast(K.shape(y_true)[-1], K.dtype(y_pred))
        y_true = _smooth(y_true, label_smoothing, num_classes)
    return K.categorical_crossentropy(y_true, y_pred, from_logits=from_logits)


def sparse_categorical_crossentropy(y_true, y_pred, from_logits=False,
                                    axis=-1):
    """Categorical crossentropy with integer class targets.

    # Arguments
        y_true: integer class indices (shape of `y_pred` without the class axis,
            or with a trailing axis of size 1).
        y_pred: predicted probabilities (or logits when `from_logits=True`).
        from_logits: whether `y_pred` holds logits rather than probabilities.
        axis: the class axis of `y_pred`.

    # Returns
        Tensor with one loss value per sample.
    """
    return K.sparse_categorical_crossentropy(
        y_true, y_pred, from_logits=from_logits, axis=axis)


def binary_crossentropy(y_true, y_pred, from_logits=False, label_smoothing=0):
    """Binary crossentropy, averaged over the last axis.

    # Arguments
        y_true: targets in [0, 1].
        y_pred: predicted probabilities (or logits when `from_logits=True`).
        from_logits: whether `y_pred` holds logits rather than probabilities.
        label_smoothing: float in [0, 1]: the targets become
            `y_true * (1 - label_smoothing) + label_smoothing / 2`.

    # Returns
        Tensor with one loss value per sample.
    """
    y_true, y_pred = _as_pair(y_true, y_pred)
    if label_smoothing:
        y_true = _smooth(y_true, label_smoothing, 2.)
    return K.mean(K.binary_crossentropy(y_true, y_pred,
                                        from_logits=from_logits), axis=-1)


def kullback_leibler_divergence(y_true, y_pred):
    """Kullback-Leibler divergence `sum(y_true * log(y_true / y_pred), axis=-1)`.

    Both are clipped to `[epsilon, 1]` first.

    # Arguments
        y_true: tensor of true targets.
        y_pred: tensor of predicted targets, same shape.

    # Returns
        Tensor with one loss value per sample (the last axis is reduced).
    """
    y_true, y_pred = _as_pair(y_true, y_pred)
    y_true = K.clip(y_true, K.epsilon(), 1)
    y_pred = K.clip(y_pred, K.epsilon(), 1)
    return K.sum(y_true * K.log(y_true / y_pred), axis=-1)


def poisson(y_true, y_pred):
    """Poisson loss: `mean(y_pred - y_true * log(y_pred + epsilon), axis=-1)`.


    # Arguments
        y_true: tensor of true targets.
        y_pred: tensor of predicted targets, same shape.

    # Returns
        Tensor with one loss value per sample (the last axis is reduced).
    """
    y_true, y_pred = _as_pair(y_true, y_pred)
    return K.mean(y_pred - y_true * K.log(y_pred + K.epsilon()), axis=-1)


def cosine_proximity(y_true, y_pred, axis=-1):
    """Negative cosine similarity along `axis` (a loss: -1 is best)."""
    y_true, y_pred = _as_pair(y_true, y_pred)
    y_true = K.l2_normalize(y_true, axis=axis)
    y_pred = K.l2_normalize(y_pred, axis=axis)
    return -K.sum(y_true * y_pred, axis=axis)


# Losses of the multimodal fork (keras/_fork_losses.py).
from ._fork_losses import (log_diff, weighted_log_diff,  # noqa: E402,F401
                           pas_weighted_log_diff,
                           weighted_categorical_crossentropy,
                           minmax_categorical_crossentropy)


# Loss classes.


class MeanSquaredError(LossFunctionWrapper):
    """Computes the mean of squares of errors between labels and predictions.

    # Arguments
        reduction: Type of loss reduction (`losses_utils.Reduction`).
        name: Optional name for the loss.
    """

    def __init__(self, reduction=_SUM_OVER_BATCH_SIZE,
                 name='mean_squared_error'):
        super(MeanSquaredError, self).__init__(
            mean_squared_error, reduction=reduction, name=name)


class MeanAbsoluteError(LossFunctionWrapper):
    """Computes the mean of absolute differences between labels and
    predictions.

    # Arguments
        reduction: Type of loss reduction (`losses_utils.Reduction`).
        name: Optional name for the loss.
    """

    def __init__(self, reduction=_SUM_OVER_BATCH_SIZE,
                 name='mean_absolute_error'):
        super(MeanAbsoluteError, self).__init__(
            mean_absolute_error, reduction=reduction, name=name)


class MeanAbsolutePercentageError(LossFunctionWrapper):
    """Computes `100 * mean(abs((y_true - y_pred) / y_true))`.

    # Arguments
        reduction: Type of loss reduction (`losses_utils.Reduction`).
        name: Optional name for the loss.
    """

    def __init__(self, reduction=_SUM_OVER_BATCH_SIZE,
                 name='mean_absolute_percentage_error'):
        super(MeanAbsolutePercentageError, self).__init__(
            mean_absolute_percentage_error, reduction=reduction, name=name)


class MeanSquaredLogarithmicError(LossFunctionWrapper):
    """Computes `mean(square(log(y_pred + 1) - log(y_true + 1)))`.

    # Arguments
        reduction: Type of loss reduction (`losses_utils.Reduction`).
        name: Optional name for the loss.
    """

    def __init__(self, reduction=_SUM_OVER_BATCH_SIZE,
                 name='mean_squared_logarithmic_error'):
        super(MeanSquaredLogarithmicError, self).__init__(
            mean_squared_logarithmic_error, reduction=reduction, name=name)


class BinaryCrossentropy(LossFunctionWrapper):
    """Computes the cross-entropy between true labels (0 or 1) and predicted
    probabilities (or logits).

    # Arguments
        from_logits: Whether `y_pred` holds logits (rather than probabilities).
        label_smoothing: Float in [0, 1]; > 0 smooths the labels.
        reduction: Type of loss reduction (`losses_utils.Reduction`).
        name: Optional name for the loss.
    """

    def __init__(self, from_logits=False, label_smoothing=0,
                 reduction=_SUM_OVER_BATCH_SIZE,
                 name='binary_crossentropy'):
        super(BinaryCrossentropy, self).__init__(
            binary_crossentropy, reduction=reduction, name=name,
            from_logits=from_logits, label_smoothing=label_smoothing)


class CategoricalCrossentropy(LossFunctionWrapper):
    """Computes the cross-entropy between one-hot labels and predicted
    probabilities (or logits).

    # Arguments
        from_logits: Whether `y_pred` holds logits (rather than probabilities).
        label_smoothing: Float in [0, 1]; > 0 smooths the labels.
        reduction: Type of loss reduction (`losses_utils.Reduction`).
        name: Optional name for the loss.
    """

    def __init__(self, from_logits=False, label_smoothing=0,
                 reduction=_SUM_OVER_BATCH_SIZE,
                 name='categorical_crossentropy'):
        super(CategoricalCrossentropy, self).__init__(
            categorical_crossentropy, reduction=reduction, name=name,
            from_logits=from_logits, label_smoothing=label_smoothing)


class SparseCategoricalCrossentropy(LossFunctionWrapper):
    """Computes the cross-entropy between integer labels and predicted
    probabilities (or logits).

    # Arguments
        from_logits: Whether `y_pred` holds logits (rather than probabilities).
        reduction: Type of loss reduction (`losses_utils.Reduction`).
        name: Optional name for the loss.
    """

    def __init__(self, from_logits=False, reduction=_SUM_OVER_BATCH_SIZE,
                 name='sparse_categorical_crossentropy'):
        super(SparseCategoricalCrossentropy, self).__init__(
            sparse_categorical_crossentropy, reduction=reduction, name=name,
            from_logits=from_logits)


class Hinge(LossFunctionWrapper):
    """Computes `mean(maximum(1 - y_true * y_pred, 0))` (0/1 labels are
    converted to -1/1).

    # Arguments
        reduction: Type of loss reduction (`losses_utils.Reduction`).
        name: Optional name for the loss.
    """

    def __init__(self, reduction=_SUM_OVER_BATCH_SIZE,
                 name='hinge'):
        super(Hinge, self).__init__(hinge, reduction=reduction, name=name)


class SquaredHinge(LossFunctionWrapper):
    """Computes `mean(square(maximum(1 - y_true * y_pred, 0)))` (0/1 labels
    are converted to -1/1).

    # Arguments
        reduction: Type of loss reduction (`losses_utils.Reduction`).
        name: Optional name for the loss.
    """

    def __init__(self, reduction=_SUM_OVER_BATCH_SIZE,
                 name='squared_hinge'):
        super(SquaredHinge, self).__init__(
            squared_hinge, reduction=reduction, name=name)


class CategoricalHinge(LossFunctionWrapper):
    """Computes `maximum(neg - pos + 1, 0)` where `pos = sum(y_true * y_pred)`
    and `neg = max((1 - y_true) * y_pred)`.

    # Arguments
        reduction: Type of loss reduction (`losses_utils.Reduction`).
        name: Optional name for the loss.
    """

    def __init__(self, reduction=_SUM_OVER_BATCH_SIZE,
                 name='categorical_hinge'):
        super(CategoricalHinge, self).__init__(
            categorical_hinge, reduction=reduction, name=name)


class Poisson(LossFunctionWrapper):
    """Computes `mean(y_pred - y_true * log(y_pred))`.

    # Arguments
        reduction: Type of loss reduction (`losses_utils.Reduction`).
        name: Optional name for the loss.
    """

    def __init__(self, reduction=_SUM_OVER_BATCH_SIZE,
                 name='poisson'):
        super(Poisson, self).__init__(poisson, reduction=reduction, name=name)


class LogCosh(LossFunctionWrapper):
    """Computes the logarithm of the hyperbolic cosine of the prediction error.

    # Arguments
        reduction: Type of loss reduction (`losses_utils.Reduction`).
        name: Optional name for the loss.
    """

    def __init__(self, reduction=_SUM_OVER_BATCH_SIZE,
                 name='logcosh'):
        super(LogCosh, self).__init__(logcosh, reduction=reduction, name=name)


class KLDivergence(LossFunctionWrapper):
    """Computes the Kullback-Leibler divergence
    `sum(y_true * log(y_true / y_pred))`.

    # Arguments
        reduction: Type of loss reduction (`losses_utils.Reduction`).
        name: Optional name for the loss.
    """

    def __init__(self, reduction=_SUM_OVER_BATCH_SIZE,
                 name='kullback_leibler_divergence'):
        super(KLDivergence, self).__init__(
            kullback_leibler_divergence, reduction=reduction, name=name)


class Huber(LossFunctionWrapper):
    """Computes the Huber loss: quadratic for errors up to `delta`, linear
    beyond.

    # Arguments
        delta: float, where the loss changes from quadratic to linear.
        reduction: Type of loss reduction (`losses_utils.Reduction`).
        name: Optional name for the loss.
    """

    def __init__(self, delta=1.0, reduction=_SUM_OVER_BATCH_SIZE,
                 name='huber_loss'):
        super(Huber, self).__init__(
            huber_loss, reduction=reduction, name=name, delta=delta)


# Aliases.

mse = MSE = mean_squared_error
mae = MAE = mean_absolute_error
mape = MAPE = mean_absolute_percentage_error
msle = MSLE = mean_squared_logarithmic_error
kld = KLD = kullback_leibler_divergence
cosine = cosine_similarity = cosine_proximity


def is_categorical_crossentropy(loss):
    """Whether `loss` (instance, function or name) is the categorical
    crossentropy."""
    return (isinstance(loss, CategoricalCrossentropy) or
            (isinstance(loss, LossFunctionWrapper) and
             loss.fn == categorical_crossentropy) or
            getattr(loss, '__name__', None) == 'categorical_crossentropy' or
            loss == 'categorical_crossentropy')


def serialize(loss):
    """Returns the config (or the name) of a loss function or `Loss` instance."""
    return serialize_keras_object(loss)


def deserialize(name, custom_objects=None):
    """Returns the loss function or `Loss` instance of a name or config.

    # Arguments
        name: the name of a loss function, or a `{'class_name', 'config'}` dict.
        custom_objects: dict of user-defined losses, by name.

    # Raises
        ValueError: unknown name.
    """
    return deserialize_keras_object(name,
                                    module_objects=globals(),
                                    custom_objects=custom_objects,
                                    printable_module_name='loss function')


def get(identifier):
    """Gets a loss from None, a name, a config dict or a callable.

    # Returns
        The loss function or `Loss` instance, or None for None.

    # Raises
        ValueError: if `identifier` cannot be interpreted.
    """
    if identifier is None:
        return None
    if isinstance(identifier, six.string_types):
        return deserialize(str(identifier))
    if isinstance(identifier, dict):
        return deserialize(identifier)
    if callable(identifier):
        return identifier
    raise ValueError('Could not interpret loss function identifier: %r'
                     % (identifier,))
