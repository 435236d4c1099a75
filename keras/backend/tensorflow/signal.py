"""Fourier transforms and the multimodal fork's compact-bilinear helpers."""
import tensorflow as tf

from .. import common
from .graph import in_graph
from .variables import int_shape

__all__ = ['fft', 'ifft', 'count_sketch', 'scan_conv1d']


def _check_norm(norm):
    if norm not in (None, 'ortho'):
        raise ValueError('norm should be None or "ortho", got %r.' % (norm,))


def _complex(x):
    x = tf.convert_to_tensor(x)
    if not x.dtype.is_complex:
        x = tf.complex(tf.cast(x, 'float32'), tf.zeros_like(x, 'float32'))
    return x


def _ortho_scale(x, y):
    n = tf.cast(tf.shape(x)[-1], y.dtype.real_dtype)
    return tf.cast(tf.math.rsqrt(n), y.dtype)


@in_graph
def fft(x, norm=None):
    """Fast Fourier transform over the last axis (complex output).

    # Arguments
        x: Tensor (real inputs are converted to complex).
        norm: None or `"ortho"` (scale by `1 / sqrt(n)`).

    # Returns
        A complex tensor.
    """
    _check_norm(norm)
    x = _complex(x)
    y = tf.signal.fft(x)
    if norm == 'ortho':
        y = y * _ortho_scale(x, y)
    return y


@in_graph
def ifft(x, norm=None, is_odd=False):
    """Inverse fast Fourier transform over the last axis.

    # Arguments
        x: Complex tensor.
        norm: None or `"ortho"` (scale by `sqrt(n)` to undo an ortho `fft`).
        is_odd: Unused on TensorFlow (kept for the Theano signature).

    # Returns
        A complex tensor.
    """
    _check_norm(norm)
    x = _complex(x)
    y = tf.signal.ifft(x)
    if norm == 'ortho':
        y = y / _ortho_scale(x, y)
    return y


@in_graph
def count_sketch(h, s, x, d=16000):
    """Count sketch operator (https://arxiv.org/abs/1606.01847).

    `y[:, h[i]] += s[i] * x[:, i]` for every input feature `i`.

    # Arguments
        h: Integer vector of length n, values in `[0, d)`.
        s: Vector of length n, values in `{-1, 1}`.
        x: Input tensor of shape `(samples, n)`.
        d: Output (compact bilinear) dimension.

    # Returns
        A tensor of shape `(samples, d)`.
    """
    x = tf.convert_to_tensor(x)
    signed = tf.transpose(x * tf.cast(s, x.dtype))
    y = tf.math.unsorted_segment_sum(signed, tf.cast(h, 'int32'), d)
    out = tf.transpose(y)
    out.set_shape((int_shape(x)[0], d))
    return tf.cast(out, common.floatx())


@in_graph
def scan_conv1d(u, v):
    """1D convolution of pairs of vectors, centred to the length of `u`.

    Row `i` of the output is the full convolution of `u[i]` with `v[i]`,
    cut to `n = u.shape[1]` values starting at `n // 2`.

    # Arguments
        u: Tensor of shape `(pairs, n)`.
        v: Tensor of shape `(pairs, m)`.

    # Returns
        A tensor of shape `(pairs, n)`.
    """
    u = tf.convert_to_tensor(u)
    v = tf.cast(v, u.dtype)
    n, m = tf.shape(u)[1], tf.shape(v)[1]
    # Depthwise correlation of every row with its own flipped kernel.
    padded = tf.pad(u, [[0, 0], [m - 1, m - 1]])
    inp = tf.transpose(padded)[tf.newaxis, tf.newaxis]     # (1, 1, L, P)
    kernel = tf.transpose(tf.reverse(v, [1]))[tf.newaxis, :, :, tf.newaxis]
    full = tf.nn.depthwise_conv2d(inp, kernel, [1, 1, 1, 1], 'VALID')
    full = tf.transpose(full[0, 0])                        # (P, n + m - 1)
    start = n // 2
    out = full[:, start:start + n]
    out.set_shape(int_shape(u))
    return out
