"""Activations, losses, normalization and dropout (PyTensor engine)."""
import numpy as np
import pytensor.tensor as pt
from pytensor.tensor import special

from .. import common
from .random import random_uniform


def _const(value, x):
    return np.asarray(value, dtype=x.dtype)


def relu(x, alpha=0., max_value=None, threshold=0.):
    """Rectified linear unit (Keras 2.3 semantics).

    # Arguments
        x: A tensor.
        alpha: slope of the negative part.
        max_value: saturation threshold (None: no saturation).
        threshold: values below it are set to 0 (or damped by alpha).
    """
    x = pt.as_tensor_variable(x)
    negative_part = None
    if alpha != 0.:
        negative_part = pt.maximum(-x + _const(threshold, x), 0)
    if threshold != 0.:
        x = x * pt.cast(pt.gt(x, _const(threshold, x)), x.dtype)
    else:
        x = pt.maximum(x, _const(0, x))
    if max_value is not None:
        x = pt.clip(x, _const(0, x), _const(max_value, x))
    if negative_part is not None:
        x = x - _const(alpha, x) * negative_part
    return x


def elu(x, alpha=1.0):
    """Exponential linear unit: `x` if x > 0 else `alpha * (exp(x) - 1)`."""
    x = pt.as_tensor_variable(x)
    negative = pt.expm1(pt.minimum(x, _const(0, x)))
    return pt.switch(pt.gt(x, 0), x, _const(alpha, x) * negative)


def softmax(x, axis=-1):
    """Softmax along `axis`.

    # Raises
        ValueError: for a 1D tensor (as in Keras 2.3).
    """
    x = pt.as_tensor_variable(x)
    if x.ndim < 2:
        raise ValueError('Cannot apply softmax to a tensor that is 1D. '
                         'Received input: %s' % (x,))
    return special.softmax(x, axis=axis)


def softmax_3d(x):
    """Softmax on the last axis of a 2D or 3D tensor.

    # Raises
        ValueError: if the tensor is not 2D or 3D.
    """
    if x.ndim not in (2, 3):
        raise ValueError('Cannot apply softmax to a tensor that is not 2D or '
                         '3D. Here, ndim=%d' % x.ndim)
    return softmax(x, axis=-1)


def softplus(x):
    """Softplus: `log(exp(x) + 1)`, computed stably."""
    return pt.softplus(x)


def softsign(x):
    """Softsign: `x / (abs(x) + 1)`."""
    return x / (1 + pt.abs(x))


def sigmoid(x):
    """Element-wise sigmoid."""
    return pt.sigmoid(x)


def hard_sigmoid(x):
    """Piecewise linear sigmoid: `clip(0.2 * x + 0.5, 0, 1)`."""
    x = pt.as_tensor_variable(x)
    return pt.clip(_const(0.2, x) * x + _const(0.5, x), _const(0, x),
                   _const(1, x))


def tanh(x):
    """Element-wise hyperbolic tangent."""
    return pt.tanh(x)


def _check_axis(output, axis):
    if axis != -1 and axis not in range(output.ndim):
        raise ValueError('Unexpected channels axis %s. Expected to be -1 or '
                         'one of the axes of `output`, which has %d '
                         'dimensions.' % (axis, output.ndim))


def _move_axis_last(x, axis):
    if axis in (-1, x.ndim - 1):
        return x
    perm = [i for i in range(x.ndim) if i != axis] + [axis]
    return pt.transpose(x, perm)


def categorical_crossentropy(target, output, from_logits=False, axis=-1):
    """Categorical crossentropy between a target and an output tensor.

    # Arguments
        target: A tensor of the same shape as `output`.
        output: probabilities (softmax output), or logits when
            `from_logits` is True.
        from_logits: Boolean.
        axis: the class axis.

    # Returns
        The per-sample loss (class axis reduced).
    """
    output = pt.as_tensor_variable(output)
    _check_axis(output, axis)
    if from_logits:
        log_p = special.log_softmax(output, axis=axis)
    else:
        output = output / pt.sum(output, axis=axis, keepdims=True)
        eps = common.epsilon()
        log_p = pt.log(pt.clip(output, _const(eps, output),
                               _const(1. - eps, output)))
    return -pt.sum(target * log_p, axis=axis)


def sparse_categorical_crossentropy(target, output, from_logits=False,
                                    axis=-1):
    """Categorical crossentropy with integer targets.

    # Arguments
        target: integer tensor of class indices (output's shape without the
            class axis, possibly with a trailing 1).
        output: probabilities or logits (see `from_logits`).
        from_logits: Boolean.
        axis: the class axis of `output`.

    # Returns
        The per-sample loss, of shape `output.shape` without the class axis.
    """
    output = pt.as_tensor_variable(output)
    _check_axis(output, axis)
    output = _move_axis_last(output, axis)
    if not from_logits:
        eps = common.epsilon()
        output = pt.log(pt.clip(output, _const(eps, output),
                                _const(1. - eps, output)))
    log_p = special.log_softmax(output, axis=-1)
    flat = pt.reshape(log_p, (-1, log_p.shape[-1]))
    labels = pt.cast(pt.flatten(target), 'int64')
    picked = flat[pt.arange(flat.shape[0]), labels]
    if output.ndim == 2:
        return -picked
    return -pt.reshape(picked, output.shape[:-1], ndim=output.ndim - 1)


def binary_crossentropy(target, output, from_logits=False):
    """Element-wise binary crossentropy.

    # Arguments
        target: A tensor with the same shape as `output`.
        output: probabilities, or logits when `from_logits` is True.
        from_logits: Boolean.

    Probabilities are scored as Keras 2.3 did on Theano: clipped to
    `[epsilon, 1 - epsilon]`, then `-(t log p + (1 - t) log(1 - p))`.
    """
    output = pt.as_tensor_variable(output)
    if not from_logits:
        eps = common.epsilon()
        output = pt.clip(output, _const(eps, output), _const(1. - eps, output))
        output = pt.log(output / (1 - output))
    # stable sigmoid cross-entropy with logits
    return (pt.maximum(output, 0) - output * target +
            pt.log1p(pt.exp(-pt.abs(output))))


def dropout(x, level, noise_shape=None, seed=None):
    """Sets entries of `x` to zero with probability `level`, scaling the
    others by `1 / (1 - level)`.

    # Raises
        ValueError: if `level` is not in [0, 1).
    """
    if level < 0. or level >= 1:
        raise ValueError('Dropout level must be in interval [0, 1), got %s.'
                         % (level,))
    x = pt.as_tensor_variable(x)
    if noise_shape is None:
        shape = x.shape
    else:
        shape = [x.shape[i] if d is None else d
                 for i, d in enumerate(noise_shape)]
    retain = 1. - level
    keep = pt.lt(random_uniform(shape, dtype=x.dtype, seed=seed),
                 _const(retain, x))
    if noise_shape is not None:
        axes = [i for i, d in enumerate(noise_shape) if d == 1]
        if axes:
            keep = pt.specify_broadcastable(keep, *axes)
    return x * pt.cast(keep, x.dtype) / _const(retain, x)


def l2_normalize(x, axis=None):
    """Divides `x` by its L2 norm along `axis` (squared norm floored at
    1e-12, as TensorFlow)."""
    x = pt.as_tensor_variable(x)
    square_sum = pt.sum(pt.sqr(x), axis=axis, keepdims=True)
    return x / pt.sqrt(pt.maximum(square_sum, _const(1e-12, x)))


def l1_normalize(x, axis):
    """Divides `x` by the largest L1 norm along `axis`."""
    norm = pt.max(pt.sum(pt.abs(x), axis=axis, keepdims=True))
    return x / norm


def in_top_k(predictions, targets, k):
    """Whether each target is among the top `k` predictions (ties count as
    inside, as in TensorFlow).

    # Returns
        A 1D bool tensor of length `batch_size`.
    """
    predictions = pt.as_tensor_variable(predictions)
    targets = pt.cast(pt.flatten(targets), 'int64')
    rows = pt.arange(predictions.shape[0])
    target_values = predictions[rows, targets]
    above = pt.sum(pt.gt(predictions, target_values[:, None]), axis=1)
    return pt.lt(above, k)


def _broadcast_param(p, x, axis):
    """Reshapes a 1D per-channel parameter to broadcast along `axis`."""
    if p is None:
        return None
    p = pt.as_tensor_variable(p)
    if p.ndim == x.ndim or x.ndim < 2 or p.ndim != 1:
        return p
    axis = axis % x.ndim
    pattern = ['x'] * x.ndim
    pattern[axis] = 0
    return p.dimshuffle(pattern)


def batch_normalization(x, mean, var, beta, gamma, axis=-1, epsilon=1e-3):
    """Normalizes `x`: `(x - mean) / sqrt(var + epsilon) * gamma + beta`.

    1D parameters broadcast along `axis`; parameters with x's rank are used
    as they are.
    """
    x = pt.as_tensor_variable(x)
    mean = _broadcast_param(mean, x, axis)
    var = _broadcast_param(var, x, axis)
    out = (x - mean) / pt.sqrt(var + _const(epsilon, x))
    if gamma is not None:
        out = out * _broadcast_param(gamma, x, axis)
    if beta is not None:
        out = out + _broadcast_param(beta, x, axis)
    return out


def normalize_batch_in_training(x, gamma, beta, reduction_axes,
                                epsilon=1e-3):
    """Computes the batch mean and variance over `reduction_axes` and
    normalizes `x` with them.

    # Returns
        A tuple `(normalized, mean, variance)`; mean and variance keep only
        the axes that were not reduced.
    """
    x = pt.as_tensor_variable(x)
    axes = sorted(int(a) % x.ndim for a in reduction_axes)
    mean = pt.mean(x, axis=axes, keepdims=True)
    var = pt.mean(pt.sqr(x - mean), axis=axes, keepdims=True)
    kept = [i for i in range(x.ndim) if i not in axes]

    def expand(p):
        if p is None:
            return None
        p = pt.as_tensor_variable(p)
        if p.ndim == x.ndim:
            return p
        if len(kept) == 1:
            return _broadcast_param(p, x, kept[0])
        shape = [x.shape[i] if i in kept else 1 for i in range(x.ndim)]
        return pt.reshape(p, shape, ndim=x.ndim)

    normed = (x - mean) / pt.sqrt(var + _const(epsilon, x))
    if gamma is not None:
        normed = normed * expand(gamma)
    if beta is not None:
        normed = normed + expand(beta)
    mean_out = pt.squeeze(mean, axis=axes)
    var_out = pt.squeeze(var, axis=axes)
    return normed, mean_out, var_out


def bias_add(x, bias, data_format=None):
    """Adds a bias to a tensor, along the channel axis of `data_format`.

    # Arguments
        x: Tensor (2D to 5D).
        bias: 1D bias (one value per channel), or a bias with the shape of
            one sample (`ndim(x) - 1` axes, channels in `data_format` order).
        data_format: `'channels_last'` or `'channels_first'`.

    # Raises
        ValueError: for a bias of unexpected rank or an invalid data_format.
    """
    data_format = common.normalize_data_format(data_format)
    x = pt.as_tensor_variable(x)
    bias = pt.as_tensor_variable(bias)
    if bias.ndim != 1 and bias.ndim != x.ndim - 1:
        raise ValueError('Unexpected bias dimensions %d, expect to be 1 or %d '
                         'dimensions' % (bias.ndim, x.ndim - 1))
    if bias.ndim == 1:
        axis = 1 if (data_format == 'channels_first' and x.ndim > 2) else -1
        return x + _broadcast_param(bias, x, axis)
    if data_format == 'channels_first' and x.ndim > 2:
        # bias given as (spatial..., channels): move channels first
        perm = [bias.ndim - 1] + list(range(bias.ndim - 1))
        bias = pt.transpose(bias, perm)
    return x + pt.shape_padleft(bias)
