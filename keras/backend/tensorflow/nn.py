"""Activations, cross-entropies, dropout, normalizations, bias and top-k."""
import numpy as np
import tensorflow as tf

from .. import common
from .graph import in_graph
from .variables import int_shape, ndim

_tf_v1 = tf.compat.v1

__all__ = ['relu', 'elu', 'softmax', 'softmax_3d', 'softplus', 'softsign',
           'sigmoid', 'hard_sigmoid', 'tanh', 'categorical_crossentropy',
           'sparse_categorical_crossentropy', 'binary_crossentropy',
           'dropout', 'l2_normalize', 'l1_normalize', 'in_top_k', 'bias_add',
           'batch_normalization', 'normalize_batch_in_training']


def _const(value, like):
    return tf.constant(value, dtype=like.dtype.base_dtype)


@in_graph
def relu(x, alpha=0., max_value=None, threshold=0.):
    """Rectified linear unit.

    With default values, it returns element-wise `max(x, 0)`.

    Otherwise, it follows:
    `f(x) = max_value` for `x >= max_value`,
    `f(x) = x` for `threshold <= x < max_value`,
    `f(x) = alpha * (x - threshold)` otherwise.

    # Arguments
        x: A tensor or variable.
        alpha: A scalar, slope of negative section (default=`0.`).
        max_value: float. Saturation threshold.
        threshold: float. Threshold value for thresholded activation.

    # Returns
        A tensor.
    """
    x = tf.convert_to_tensor(x)
    if alpha != 0. and max_value is None and threshold == 0.:
        return tf.nn.leaky_relu(x, alpha=alpha)
    negative_part = None
    if alpha != 0.:
        negative_part = tf.nn.relu(-x + threshold) if threshold != 0. else \
            tf.nn.relu(-x)
    if threshold != 0.:
        x = x * tf.cast(tf.greater(x, threshold), x.dtype)
    else:
        x = tf.nn.relu(x)
    if max_value is not None:
        x = tf.clip_by_value(x, _const(0., x), _const(max_value, x))
    if negative_part is not None:
        x = x - _const(alpha, x) * negative_part
    return x


@in_graph
def elu(x, alpha=1.):
    """Exponential linear unit.

    # Arguments
        x: A tensor or variable to compute the activation function for.
        alpha: A scalar, slope of negative section.

    # Returns
        A tensor.
    """
    res = tf.nn.elu(x)
    if alpha == 1:
        return res
    return tf.where(x > 0, res, alpha * res)


@in_graph
def softmax(x, axis=-1):
    """Softmax of a tensor along `axis` (default: the last one)."""
    return tf.nn.softmax(x, axis=axis)


@in_graph
def softmax_3d(x):
    """Softmax on the last axis of a 2D or 3D tensor.

    # Raises
        ValueError: If the input tensor is not 2D or 3D.
    """
    rank = ndim(x)
    if rank not in (2, 3):
        raise ValueError('softmax_3d expects a 2D or 3D tensor, got shape %s.'
                         % (int_shape(x),))
    return tf.nn.softmax(x, axis=-1)


@in_graph
def softplus(x):
    """Softplus of a tensor: `log(exp(x) + 1)`."""
    return tf.nn.softplus(x)


@in_graph
def softsign(x):
    """Softsign of a tensor: `x / (abs(x) + 1)`."""
    return tf.nn.softsign(x)


@in_graph
def sigmoid(x):
    """Element-wise sigmoid."""
    return tf.nn.sigmoid(x)


@in_graph
def hard_sigmoid(x):
    """Segment-wise linear approximation of sigmoid.

    Returns `0.` if `x < -2.5`, `1.` if `x > 2.5`, else `0.2 * x + 0.5`.
    """
    x = tf.convert_to_tensor(x)
    x = _const(0.2, x) * x + _const(0.5, x)
    return tf.clip_by_value(x, _const(0., x), _const(1., x))


@in_graph
def tanh(x):
    """Element-wise tanh."""
    return tf.nn.tanh(x)


def _check_axis(axis, output):
    rank = ndim(output)
    if axis != -1 and axis not in range(rank):
        raise ValueError('Unexpected channels axis %r. Expected to be -1 or '
                         'one of the axes of `output`, which has %d '
                         'dimensions.' % (axis, rank))


@in_graph
def categorical_crossentropy(target, output, from_logits=False, axis=-1):
    """Categorical crossentropy between an output tensor and a target tensor.

    # Arguments
        target: A tensor of the same shape as `output`.
        output: A tensor resulting from a softmax
            (unless `from_logits` is True, in which
            case `output` is expected to be the logits).
        from_logits: Boolean, whether `output` is the
            result of a softmax, or is a tensor of logits.
        axis: Int specifying the channels axis.

    # Returns
        Output tensor.

    # Raises
        ValueError: if `axis` is neither -1 nor one of the axes of `output`.
    """
    output = tf.convert_to_tensor(output)
    _check_axis(axis, output)
    target = tf.cast(target, output.dtype)
    if from_logits:
        # Exact for any target (TF's fused op assumes rows summing to 1
        # in its gradient).
        return -tf.reduce_sum(target * tf.nn.log_softmax(output, axis=axis),
                              axis)
    output = output / tf.reduce_sum(output, axis, keepdims=True)
    eps = _const(common.epsilon(), output)
    output = tf.clip_by_value(output, eps, 1. - eps)
    return -tf.reduce_sum(target * tf.math.log(output), axis)


@in_graph
def sparse_categorical_crossentropy(target, output, from_logits=False,
                                    axis=-1):
    """Categorical crossentropy with integer targets.

    # Arguments
        target: An integer tensor.
        output: A tensor resulting from a softmax
            (unless `from_logits` is True, in which
            case `output` is expected to be the logits).
        from_logits: Boolean, whether `output` is the
            result of a softmax, or is a tensor of logits.
        axis: Int specifying the channels axis.

    # Returns
        Output tensor (the shape of `output` without the channels axis).

    # Raises
        ValueError: if `axis` is neither -1 nor one of the axes of `output`.
    """
    output = tf.convert_to_tensor(output)
    _check_axis(axis, output)
    rank = ndim(output)
    if axis != -1 and axis != rank - 1:
        perm = [i for i in range(rank) if i != axis] + [axis]
        output = tf.transpose(output, perm)
    if not from_logits:
        eps = _const(common.epsilon(), output)
        output = tf.math.log(tf.clip_by_value(output, eps, 1. - eps))
    out_shape = tf.shape(output)[:-1]
    static = int_shape(output)
    static = None if static is None else static[:-1]
    labels = tf.reshape(tf.cast(target, 'int64'), [-1])
    logits = tf.reshape(output, [-1, tf.shape(output)[-1]])
    loss = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels,
                                                          logits=logits)
    loss = tf.reshape(loss, out_shape)
    loss.set_shape(static)
    return loss


@in_graph
def binary_crossentropy(target, output, from_logits=False):
    """Binary crossentropy between an output tensor and a target tensor.

    # Arguments
        target: A tensor with the same shape as `output`.
        output: A tensor.
        from_logits: Whether `output` is expected to be a logits tensor.
            By default, we consider that `output`
            encodes a probability distribution.

    Probabilities are scored as Keras 2.3 did on TensorFlow: clipped to
    `[epsilon, 1 - epsilon]`, with `epsilon` added again inside the
    logarithms; the output of a sigmoid is scored from its logits.

    # Returns
        A tensor.
    """
    output = tf.convert_to_tensor(output)
    target = tf.cast(target, output.dtype)
    if not from_logits and isinstance(output, tf.Tensor) and \
            getattr(output, 'op', None) is not None and \
            output.op.type == 'Sigmoid':
        # Keras 2.3 on TensorFlow: the output of a sigmoid is scored from
        # its logits (no clipping, no vanishing gradient at saturation).
        output, from_logits = output.op.inputs[0], True
    if from_logits:
        return tf.nn.sigmoid_cross_entropy_with_logits(labels=target,
                                                       logits=output)
    # Keras 2.3 on TensorFlow: clipped to [eps, 1 - eps], then eps again
    # inside the logarithms (-log(1e-7 + 1e-7) = 15.33 for a wrong 0 or 1).
    eps = _const(common.epsilon(), output)
    output = tf.clip_by_value(output, eps, 1. - eps)
    # `maximum` (a no-op here) keeps Grappler from folding `(1 - p) + eps`
    # into `(1 + eps) - p`, which rounds differently in float32.
    complement = tf.maximum(1. - output, _const(0., output))
    return -(target * tf.math.log(output + eps) +
             (1. - target) * tf.math.log(complement + eps))


@in_graph
def dropout(x, level, noise_shape=None, seed=None):
    """Sets entries in `x` to zero at random, while scaling the entire tensor.

    # Arguments
        x: tensor
        level: fraction of the entries in the tensor that will be set to 0.
        noise_shape: shape for randomly generated keep/drop flags,
            must be broadcastable to the shape of `x`
        seed: random seed to ensure determinism.

    # Returns
        A tensor (kept entries are scaled by `1 / (1 - level)`).

    # Raises
        ValueError: if `level` is not in `[0, 1)`.
    """
    if isinstance(level, (int, float)) and not 0. <= level < 1.:
        raise ValueError('dropout level must be in interval [0, 1), got %r.'
                         % (level,))
    if seed is None:
        seed = np.random.randint(10e6)
    return tf.nn.dropout(x, rate=level, noise_shape=noise_shape, seed=seed)


@in_graph
def l2_normalize(x, axis=None):
    """Normalizes a tensor wrt the L2 norm alongside the specified axis."""
    return tf.nn.l2_normalize(x, axis=axis)


@in_graph
def l1_normalize(x, axis):
    """Divides `x` by the largest L1 norm along `axis`.

    As in the multimodal fork: the norms `sum(abs(x), axis)` are computed,
    and `x` is divided by their maximum (a scalar).
    """
    return x / tf.reduce_max(tf.reduce_sum(tf.abs(x), axis=axis,
                                           keepdims=True))


@in_graph
def in_top_k(predictions, targets, k):
    """Returns whether the `targets` are in the top `k` `predictions`.

    # Arguments
        predictions: A tensor of shape `(batch_size, classes)` and type
            `float32`.
        targets: A 1D tensor of length `batch_size` and type `int32` or
            `int64`.
        k: An `int`, number of top elements to consider.

    # Returns
        A 1D bool tensor of length `batch_size`.
    """
    return tf.math.in_top_k(targets=tf.cast(targets, 'int32'),
                            predictions=predictions, k=k)


def _channel_broadcast(bias_shape, rank, data_format):
    """Shape to which a bias of `bias_shape` is reshaped for `rank` inputs."""
    if len(bias_shape) == 1:
        shape = [1] * (rank - 1) + [bias_shape[0]]
        if data_format == 'channels_first':
            shape = [1, bias_shape[0]] + [1] * (rank - 2)
        return shape
    if data_format == 'channels_first':
        return [1, bias_shape[-1]] + list(bias_shape[:-1])
    return [1] + list(bias_shape)


@in_graph
def bias_add(x, bias, data_format=None):
    """Adds a bias vector to a tensor.

    # Arguments
        x: Tensor or variable.
        bias: Bias tensor to add (a vector, or `ndim(x) - 1` dimensions).
        data_format: string, `"channels_last"` or `"channels_first"`.

    # Returns
        Output tensor.

    # Raises
        ValueError: In one of the two cases below:
                    1. invalid `data_format` argument.
                    2. invalid bias shape.
                       the bias should be either a vector or
                       a tensor with ndim(x) - 1 dimension
    """
    data_format = common.normalize_data_format(data_format)
    bias_shape = int_shape(bias)
    rank = ndim(x)
    if len(bias_shape) != 1 and len(bias_shape) != rank - 1:
        raise ValueError('Unexpected bias dimensions %d (bias shape %s), '
                         'expected 1 or %d dimensions for an input of shape '
                         '%s.' % (len(bias_shape), bias_shape, rank - 1,
                                  int_shape(x)))
    if rank <= 2 or (len(bias_shape) == 1 and
                     data_format == 'channels_last'):
        return tf.nn.bias_add(x, bias)
    return x + tf.reshape(bias, _channel_broadcast(bias_shape, rank,
                                                   data_format))


def _broadcast_stat(stat, x, axis):
    """Reshapes a per-channel vector so it broadcasts along `axis` of `x`."""
    if stat is None:
        return None
    rank = ndim(x)
    axis = axis % rank
    if ndim(stat) == 1 and axis != rank - 1:
        shape = [1] * rank
        shape[axis] = -1
        return tf.reshape(stat, shape)
    return stat


@in_graph
def batch_normalization(x, mean, var, beta, gamma, axis=-1, epsilon=1e-3):
    """Applies batch normalization on x given mean, var, beta and gamma.

    I.e. returns:
    `output = (x - mean) / sqrt(var + epsilon) * gamma + beta`

    # Arguments
        x: Input tensor or variable.
        mean: Mean of batch.
        var: Variance of batch.
        beta: Tensor with which to center the input.
        gamma: Tensor by which to scale the input.
        axis: Integer, the axis that should be normalized.
            (typically the features axis).
        epsilon: Fuzz factor.

    # Returns
        A tensor.
    """
    mean, var, beta, gamma = [_broadcast_stat(s, x, axis)
                              for s in (mean, var, beta, gamma)]
    return tf.nn.batch_normalization(x, mean, var, beta, gamma, epsilon)


@in_graph
def normalize_batch_in_training(x, gamma, beta, reduction_axes,
                                epsilon=1e-3):
    """Computes mean and std for batch then apply batch_normalization on batch.

    # Arguments
        x: Input tensor or variable.
        gamma: Tensor by which to scale the input.
        beta: Tensor with which to center the input.
        reduction_axes: iterable of integers,
            axes over which to normalize.
        epsilon: Fuzz factor.

    # Returns
        A tuple length of 3, `(normalized_tensor, mean, variance)`
        (mean and variance without the reduced axes).
    """
    reduction_axes = sorted(int(a) % ndim(x) for a in reduction_axes)
    mean, variance = tf.nn.moments(x, reduction_axes, keepdims=True)
    kept = [a for a in range(ndim(x)) if a not in reduction_axes]
    target = tf.shape(mean)

    def _fit(p):
        return None if p is None else tf.reshape(p, target)
    normed = tf.nn.batch_normalization(x, mean, variance, _fit(beta),
                                       _fit(gamma), epsilon)
    if kept:
        mean = tf.squeeze(mean, reduction_axes)
        variance = tf.squeeze(variance, reduction_axes)
    else:
        mean = tf.reshape(mean, [])
        variance = tf.reshape(variance, [])
    return normed, mean, variance
