"""Metric functions `fn(y_true, y_pred)` (one value per sample)."""
from .. import backend as K


def accuracy(y_true, y_pred):
    """Element-wise equality of `y_true` and `y_pred`, as floats.

    # Arguments
        y_true: the targets.
        y_pred: the predictions.

    # Returns
        Tensor of 1.0 (correct) and 0.0 (wrong), one value per sample.
    """
    if not K.is_tensor(y_pred) and not K.is_variable(y_pred):
        y_pred = K.constant(y_pred)
    y_true = K.cast(y_true, K.dtype(y_pred))
    return K.cast(K.equal(y_true, y_pred), K.floatx())


def binary_accuracy(y_true, y_pred, threshold=0.5):
    """Mean over the last axis of `y_true == (y_pred > threshold)`.

    # Arguments
        y_true: binary targets.
        y_pred: predicted probabilities.
        threshold: the probability above which a prediction is 1.

    # Returns
        Tensor with one accuracy per sample.
    """
    if threshold != 0.5:
        y_pred = K.cast(K.greater(y_pred, threshold), K.dtype(y_pred))
    return K.mean(K.cast(K.equal(y_true, K.round(y_pred)), K.floatx()),
                  axis=-1)


def categorical_accuracy(y_true, y_pred):
    """Whether the arg-max of `y_pred` is the arg-max of the one-hot `y_true`.

    # Arguments
        y_true: the targets.
        y_pred: the predictions.

    # Returns
        Tensor of 1.0 (correct) and 0.0 (wrong), one value per sample.
    """
    return K.cast(K.equal(K.argmax(y_true, axis=-1),
                          K.argmax(y_pred, axis=-1)),
                  K.floatx())


def sparse_categorical_accuracy(y_true, y_pred):
    """Whether the arg-max of `y_pred` equals the integer label `y_true`.

    Labels of shape `(samples, 1)` are accepted as `(samples,)`.

    # Arguments
        y_true: the targets.
        y_pred: the predictions.

    # Returns
        Tensor of 1.0 (correct) and 0.0 (wrong), one value per sample.
    """
    # Labels of shape (num_samples, 1) become (num_samples,).
    if K.ndim(y_true) == K.ndim(y_pred):
        y_true = K.squeeze(y_true, -1)
    y_pred_labels = K.cast(K.argmax(y_pred, axis=-1), K.floatx())
    return K.cast(K.equal(K.cast(y_true, K.floatx()), y_pred_labels),
                  K.floatx())


def top_k_categorical_accuracy(y_true, y_pred, k=5):
    """Whether the class of the one-hot `y_true` is among the `k` highest
    scores of `y_pred`.

    # Arguments
        y_true: one-hot targets.
        y_pred: predicted scores.
        k: how many of the highest scores count.

    # Returns
        Tensor of 1.0 and 0.0, one value per sample.
    """
    return K.cast(K.in_top_k(y_pred, K.argmax(y_true, axis=-1), k),
                  K.floatx())


def sparse_top_k_categorical_accuracy(y_true, y_pred, k=5):
    """Whether the integer label `y_true` is among the `k` highest scores
    of `y_pred`.

    # Arguments
        y_true: integer labels, shape `(samples,)` or `(samples, 1)`.
        y_pred: predicted scores.
        k: how many of the highest scores count.

    # Returns
        Tensor of 1.0 and 0.0, one value per sample.
    """
    # Labels of shape (num_samples, 1) are flattened to (num_samples,).
    return K.cast(K.in_top_k(y_pred, K.cast(K.flatten(y_true), 'int32'), k),
                  K.floatx())


def cosine_proximity(y_true, y_pred, axis=-1):
    """Cosine similarity along `axis` (a metric: 1 is best)."""
    y_true = K.l2_normalize(y_true, axis=axis)
    y_pred = K.l2_normalize(y_pred, axis=axis)
    return K.sum(y_true * y_pred, axis=axis)


def perplexity(y_true, y_pred):
    """The multimodal fork's perplexity metric:
    `2 ** mean(-log2(y_pred))`, the mean taken over every predicted
    probability of the batch (as the fork computes it without a mask:
    `y_true` is not used, so this is not the perplexity of the targets;
    for that, use `exp` of the `categorical_crossentropy` metric).

    # Arguments
        y_true: targets (unused, kept for the metric signature).
        y_pred: predicted probabilities.

    # Returns
        Scalar tensor.
    """
    return K.pow(2., K.mean(-K.log2(y_pred)))
