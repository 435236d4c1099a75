"""Activations, losses, normalization and regularization (NumPy reference)."""
import numpy as np

from ..common import epsilon, normalize_data_format

__all__ = ['relu', 'elu', 'sigmoid', 'hard_sigmoid', 'tanh', 'softmax',
           'softmax_3d', 'softplus', 'softsign', 'binary_crossentropy',
           'categorical_crossentropy', 'sparse_categorical_crossentropy',
           'batch_normalization', 'normalize_batch_in_training', 'bias_add',
           'dropout', 'l2_normalize', 'l1_normalize', 'in_top_k']


def relu(x, alpha=0., max_value=None, threshold=0.):
    """`x` above `threshold`, `alpha * (x - threshold)` below, clipped at
    `max_value`."""
    x = np.asarray(x)
    y = x * (x > threshold)
    if max_value is not None:
        y = np.clip(y, 0., max_value)
    if alpha != 0.:
        y = y + alpha * (x - threshold) * (x < threshold)
    return y.astype(x.dtype)


def elu(x, alpha=1.):
    x = np.asarray(x)
    return np.where(x > 0, x, alpha * (np.exp(np.minimum(x, 0.)) - 1.))


def sigmoid(x):
    return 1. / (1. + np.exp(-np.asarray(x)))


def hard_sigmoid(x):
    return np.clip(0.2 * np.asarray(x) + 0.5, 0., 1.)


def tanh(x):
    return np.tanh(x)


def softmax(x, axis=-1):
    x = np.asarray(x)
    e = np.exp(x - np.max(x, axis=axis, keepdims=True))
    return e / np.sum(e, axis=axis, keepdims=True)


def softmax_3d(x):
    """Softmax over the last axis of a 2D or 3D tensor."""
    if np.ndim(x) not in (2, 3):
        raise ValueError('softmax_3d expects a 2D or 3D tensor, got ndim=%d.'
                         % np.ndim(x))
    return softmax(x)


def softplus(x):
    return np.logaddexp(0., x)


def softsign(x):
    return x / (1. + np.abs(x))


def binary_crossentropy(target, output, from_logits=False):
    if from_logits:
        logits = np.asarray(output)
        return (np.maximum(logits, 0) - logits * target +
                np.log1p(np.exp(-np.abs(logits))))
    output = np.clip(output, epsilon(), 1. - epsilon())
    return -(target * np.log(output) + (1. - target) * np.log(1. - output))


def _log_probs(output, axis, from_logits):
    output = np.asarray(output)
    if from_logits:
        m = np.max(output, axis=axis, keepdims=True)
        return output - m - np.log(np.sum(np.exp(output - m), axis=axis,
                                          keepdims=True))
    output = output / np.sum(output, axis=axis, keepdims=True)
    return np.log(np.clip(output, epsilon(), 1. - epsilon()))


def categorical_crossentropy(target, output, from_logits=False, axis=-1):
    return -np.sum(target * _log_probs(output, axis, from_logits), axis=axis)


def sparse_categorical_crossentropy(target, output, from_logits=False,
                                    axis=-1):
    """Cross-entropy with integer targets; the result has the shape of
    `output` without its class axis."""
    output = np.moveaxis(np.asarray(output), axis, -1)
    if not from_logits:
        output = np.log(np.clip(output, epsilon(), 1. - epsilon()))
    log_probs = _log_probs(output, -1, True)
    target = np.asarray(target).astype('int64').reshape(log_probs.shape[:-1])
    picked = np.take_along_axis(log_probs, target[..., None], axis=-1)
    return -picked[..., 0]


def _broadcast_param(p, x, axis):
    """Reshapes a 1-D per-channel parameter to broadcast against `x`."""
    if p is None:
        return None
    p = np.asarray(p)
    if p.ndim == 1 and x.ndim > 1:
        shape = [1] * x.ndim
        shape[axis] = p.shape[0]
        p = p.reshape(shape)
    return p


def batch_normalization(x, mean, var, beta, gamma, axis=-1, epsilon=1e-3):
    x = np.asarray(x)
    mean = _broadcast_param(mean, x, axis)
    var = _broadcast_param(var, x, axis)
    y = (x - mean) / np.sqrt(var + epsilon)
    if gamma is not None:
        y = y * _broadcast_param(gamma, x, axis)
    if beta is not None:
        y = y + _broadcast_param(beta, x, axis)
    return y


def normalize_batch_in_training(x, gamma, beta, reduction_axes, epsilon=1e-3):
    """Returns `(normalized, mean, var)`; `mean`/`var` (biased) are taken
    over `reduction_axes` and have the shape of the remaining axes."""
    x = np.asarray(x)
    axes = tuple(reduction_axes)
    mean = np.mean(x, axis=axes, keepdims=True)
    var = np.var(x, axis=axes, keepdims=True)
    kept = [i for i in range(x.ndim) if i not in axes]
    shape = [1] * x.ndim
    for i in kept:
        shape[i] = x.shape[i]

    def param(p):
        return None if p is None else np.reshape(p, shape)

    y = (x - mean) / np.sqrt(var + epsilon)
    if gamma is not None:
        y = y * param(gamma)
    if beta is not None:
        y = y + param(beta)
    return y, np.squeeze(mean, axis=axes), np.squeeze(var, axis=axes)


def bias_add(x, bias, data_format=None):
    """Adds `bias` (1-D per channel, or shaped like one sample in
    channels_last order) to `x`."""
    data_format = normalize_data_format(data_format)
    x, bias = np.asarray(x), np.asarray(bias)
    if bias.ndim != 1 and bias.ndim != x.ndim - 1:
        raise ValueError('Unexpected bias dimensions %d, expected 1 or %d.'
                         % (bias.ndim, x.ndim - 1))
    if data_format == 'channels_first':
        if bias.ndim == 1:
            bias = bias.reshape((1, -1) + (1,) * (x.ndim - 2))
        else:
            bias = np.moveaxis(bias, -1, 0)[None]
    return x + bias


def dropout(x, level, noise_shape=None, seed=None):
    """Inverted dropout: keeps each unit with probability `1 - level` and
    scales the kept units by `1 / (1 - level)`."""
    x = np.asarray(x)
    if noise_shape is None:
        noise_shape = x.shape
    keep = np.random.RandomState(seed).uniform(size=noise_shape) >= level
    return x * keep / (1. - level)


def l2_normalize(x, axis=None):
    x = np.asarray(x)
    norm = np.sqrt(np.maximum(np.sum(np.square(x), axis=axis, keepdims=True),
                              1e-12))
    return x / norm


def l1_normalize(x, axis):
    """Divides `x` by the largest of its L1 norms along `axis` (a scalar:
    the multimodal fork's definition)."""
    x = np.asarray(x)
    return x / np.max(np.sum(np.abs(x), axis=axis, keepdims=True))


def in_top_k(predictions, targets, k):
    """True where `predictions[i, targets[i]]` is among the `k` largest of
    row `i` (ties count as inside)."""
    predictions = np.asarray(predictions)
    targets = np.asarray(targets).astype('int64')
    if k < 1:
        return np.zeros(targets.shape, dtype=bool)
    if k >= predictions.shape[1]:
        return np.ones(targets.shape, dtype=bool)
    kth = np.sort(predictions, axis=1)[:, -k]
    return predictions[np.arange(len(targets)), targets] >= kth
