"""Convolution, pooling and locally-connected ops (NumPy reference).

Everything is computed in channels_last layout by one N-d routine that
loops over kernel positions (fine for the tiny shapes of the tests);
channels_first inputs are transposed in and out. Padding follows
TensorFlow: 'same' pads `max((out - 1) * stride + k_eff - in, 0)`, the
smaller half before; 'causal' (1D) pads `dilation * (k - 1)` on the left.
"""
import itertools

import numpy as np

from ..common import normalize_data_format

__all__ = ['conv1d', 'conv2d', 'conv3d', 'conv2d_transpose',
           'conv3d_transpose', 'separable_conv1d', 'separable_conv2d',
           'depthwise_conv2d', 'pool2d', 'pool3d', 'local_conv1d',
           'local_conv2d']

_PADDINGS = ('valid', 'same', 'causal')


def _tuple(value, n):
    return (value,) * n if isinstance(value, int) else tuple(value)


def _to_last(x, data_format):
    x = np.asarray(x)
    if data_format == 'channels_first':
        x = np.moveaxis(x, 1, -1)
    return x


def _from_last(x, data_format):
    if data_format == 'channels_first':
        x = np.moveaxis(x, -1, 1)
    return x


def _check_padding(padding, allowed):
    if padding not in allowed:
        raise ValueError('Invalid padding %r. Expected one of: %s.'
                         % (padding, ', '.join(repr(p) for p in allowed)))


def _pad_amounts(in_size, k, stride, dilation, padding):
    """Returns `(before, after)` padding of one spatial axis."""
    k_eff = (k - 1) * dilation + 1
    if padding == 'valid':
        return 0, 0
    if padding == 'causal':
        return k_eff - 1, 0
    out = -(-in_size // stride)
    total = max((out - 1) * stride + k_eff - in_size, 0)
    return total // 2, total - total // 2


def _pad_spatial(x, kernel_shape, strides, dilation, padding, value=0.):
    pads = [(0, 0)]
    for axis, (k, s, d) in enumerate(zip(kernel_shape, strides, dilation)):
        pads.append(_pad_amounts(x.shape[1 + axis], k, s, d, padding))
    pads.append((0, 0))
    return np.pad(x, pads, constant_values=value)


def _windows(x, kernel_shape, strides, dilation):
    """Yields `(kernel_position, strided view)` over a padded channels_last
    input, the view having the output's spatial shape."""
    spatial = x.shape[1:-1]
    out_shape = [(n - ((k - 1) * d + 1)) // s + 1
                 for n, k, s, d in zip(spatial, kernel_shape, strides,
                                       dilation)]
    for pos in itertools.product(*[range(k) for k in kernel_shape]):
        index = [slice(None)]
        for p, s, d, o in zip(pos, strides, dilation, out_shape):
            start = p * d
            index.append(slice(start, start + (o - 1) * s + 1, s))
        index.append(slice(None))
        yield pos, x[tuple(index)]


def _conv_nd(x, kernel, strides, padding, dilation):
    """channels_last N-d convolution (cross-correlation, as both engines)."""
    kernel = np.asarray(kernel)
    nd = kernel.ndim - 2
    strides, dilation = _tuple(strides, nd), _tuple(dilation, nd)
    x = _pad_spatial(x, kernel.shape[:nd], strides, dilation, padding)
    out = None
    for pos, window in _windows(x, kernel.shape[:nd], strides, dilation):
        term = np.tensordot(window, kernel[pos], axes=([-1], [0]))
        out = term if out is None else out + term
    return out


def _conv(x, kernel, strides, padding, data_format, dilation_rate,
          allowed=('valid', 'same')):
    data_format = normalize_data_format(data_format)
    _check_padding(padding, allowed)
    out = _conv_nd(_to_last(x, data_format), kernel, strides, padding,
                   dilation_rate)
    return _from_last(out, data_format)


def conv1d(x, kernel, strides=1, padding='valid', data_format=None,
           dilation_rate=1):
    return _conv(x, kernel, strides, padding, data_format, dilation_rate,
                 _PADDINGS)


def conv2d(x, kernel, strides=(1, 1), padding='valid', data_format=None,
           dilation_rate=(1, 1)):
    return _conv(x, kernel, strides, padding, data_format, dilation_rate)


def conv3d(x, kernel, strides=(1, 1, 1), padding='valid', data_format=None,
           dilation_rate=(1, 1, 1)):
    return _conv(x, kernel, strides, padding, data_format, dilation_rate)


def _conv_transpose(x, kernel, output_shape, strides, padding, data_format,
                    dilation_rate):
    """Gradient of the forward convolution with respect to its input.

    `kernel` has shape `spatial + (output_channels, input_channels)`;
    `output_shape` is the full output shape in `data_format` order.
    """
    data_format = normalize_data_format(data_format)
    _check_padding(padding, ('valid', 'same'))
    x = _to_last(x, data_format)
    kernel = np.asarray(kernel)
    nd = kernel.ndim - 2
    strides, dilation = _tuple(strides, nd), _tuple(dilation_rate, nd)
    out_shape = tuple(output_shape)
    if data_format == 'channels_first':
        out_shape = (out_shape[0],) + out_shape[2:] + (out_shape[1],)
    pads = [_pad_amounts(n, k, s, d, padding) for n, k, s, d in
            zip(out_shape[1:-1], kernel.shape[:nd], strides, dilation)]
    padded = [n + b + a for n, (b, a) in zip(out_shape[1:-1], pads)]
    buf = np.zeros((x.shape[0],) + tuple(padded) + (out_shape[-1],),
                   dtype=x.dtype)
    for pos in itertools.product(*[range(k) for k in kernel.shape[:nd]]):
        contrib = np.tensordot(x, kernel[pos], axes=([-1], [1]))
        index = [slice(None)]
        for p, s, d, n in zip(pos, strides, dilation, x.shape[1:-1]):
            start = p * d
            index.append(slice(start, start + (n - 1) * s + 1, s))
        index.append(slice(None))
        buf[tuple(index)] += contrib
    crop = [slice(None)] + [slice(b, b + n) for (b, _), n in
                            zip(pads, out_shape[1:-1])] + [slice(None)]
    return _from_last(buf[tuple(crop)], data_format)


def conv2d_transpose(x, kernel, output_shape, strides=(1, 1),
                     padding='valid', data_format=None, dilation_rate=(1, 1)):
    return _conv_transpose(x, kernel, output_shape, strides, padding,
                           data_format, dilation_rate)


def conv3d_transpose(x, kernel, output_shape, strides=(1, 1, 1),
                     padding='valid', data_format=None):
    return _conv_transpose(x, kernel, output_shape, strides, padding,
                           data_format, 1)


def _depthwise_nd(x, depthwise_kernel, strides, padding, dilation):
    """channels_last depthwise convolution; output channel `c * m + j` is
    input channel `c` convolved with `depthwise_kernel[..., c, j]`."""
    k = np.asarray(depthwise_kernel)
    nd = k.ndim - 2
    cin, mult = k.shape[-2:]
    full = np.zeros(k.shape[:nd] + (cin, cin * mult), dtype=k.dtype)
    for c in range(cin):
        full[..., c, c * mult:(c + 1) * mult] = k[..., c, :]
    return _conv_nd(x, full, strides, padding, dilation)


def depthwise_conv2d(x, depthwise_kernel, strides=(1, 1), padding='valid',
                     data_format=None, dilation_rate=(1, 1)):
    data_format = normalize_data_format(data_format)
    _check_padding(padding, ('valid', 'same'))
    out = _depthwise_nd(_to_last(x, data_format), depthwise_kernel, strides,
                        padding, dilation_rate)
    return _from_last(out, data_format)


def _separable(x, depthwise_kernel, pointwise_kernel, strides, padding,
               data_format, dilation_rate):
    data_format = normalize_data_format(data_format)
    _check_padding(padding, ('valid', 'same'))
    out = _depthwise_nd(_to_last(x, data_format), depthwise_kernel, strides,
                        padding, dilation_rate)
    pointwise = np.asarray(pointwise_kernel)
    out = np.tensordot(out, pointwise.reshape(pointwise.shape[-2:]),
                       axes=([-1], [0]))
    return _from_last(out, data_format)


def separable_conv1d(x, depthwise_kernel, pointwise_kernel, strides=1,
                     padding='valid', data_format=None, dilation_rate=1):
    return _separable(x, depthwise_kernel, pointwise_kernel, strides, padding,
                      data_format, dilation_rate)


def separable_conv2d(x, depthwise_kernel, pointwise_kernel, strides=(1, 1),
                     padding='valid', data_format=None, dilation_rate=(1, 1)):
    return _separable(x, depthwise_kernel, pointwise_kernel, strides, padding,
                      data_format, dilation_rate)


def _pool(x, pool_size, strides, padding, data_format, pool_mode):
    data_format = normalize_data_format(data_format)
    _check_padding(padding, ('valid', 'same'))
    if pool_mode not in ('max', 'avg'):
        raise ValueError("Invalid pool_mode %r. Expected one of: 'max', "
                         "'avg'." % (pool_mode,))
    x = _to_last(x, data_format)
    nd = len(pool_size)
    ones = (1,) * nd
    if pool_mode == 'max':
        padded = _pad_spatial(x, pool_size, strides, ones, padding, -np.inf)
        out = None
        for _, w in _windows(padded, pool_size, strides, ones):
            out = w if out is None else np.maximum(out, w)
    else:
        padded = _pad_spatial(x, pool_size, strides, ones, padding)
        count = _pad_spatial(np.ones_like(x[:1, ..., :1]), pool_size, strides,
                             ones, padding)
        total = sum(w for _, w in _windows(padded, pool_size, strides, ones))
        n = sum(w for _, w in _windows(count, pool_size, strides, ones))
        out = total / n
    return _from_last(out.astype(x.dtype), data_format)


def pool2d(x, pool_size, strides=(1, 1), padding='valid', data_format=None,
           pool_mode='max'):
    """Max or average pooling; 'same' average pooling divides by the number
    of non-padding elements (TensorFlow semantics)."""
    return _pool(x, tuple(pool_size), _tuple(strides, 2), padding,
                 data_format, pool_mode)


def pool3d(x, pool_size, strides=(1, 1, 1), padding='valid',
           data_format=None, pool_mode='max'):
    return _pool(x, tuple(pool_size), _tuple(strides, 3), padding,
                 data_format, pool_mode)


def _local_conv(inputs, kernel, kernel_size, strides, output_shape,
                data_format):
    """Unshared-weight convolution. `kernel` has shape
    `(prod(output_shape), prod(kernel_size) * channels, filters)`; each
    patch is flattened in the input's own memory order."""
    data_format = normalize_data_format(data_format)
    inputs, kernel = np.asarray(inputs), np.asarray(kernel)
    outs = []
    for i, pos in enumerate(itertools.product(*map(range, output_shape))):
        index = [slice(None)]
        if data_format == 'channels_first':
            index.append(slice(None))
        index += [slice(p * s, p * s + k)
                  for p, s, k in zip(pos, strides, kernel_size)]
        patch = inputs[tuple(index)].reshape((inputs.shape[0], -1))
        outs.append(patch.dot(kernel[i]))
    out = np.stack(outs, axis=1)
    out = out.reshape((inputs.shape[0],) + tuple(output_shape) + (-1,))
    return _from_last(out, data_format)


def local_conv1d(inputs, kernel, kernel_size, strides, data_format=None):
    """The output length is `kernel.shape[0]` (Keras 2.3)."""
    return _local_conv(inputs, kernel, _tuple(kernel_size, 1),
                       _tuple(strides, 1), (np.shape(kernel)[0],),
                       data_format)


def local_conv2d(inputs, kernel, kernel_size, strides, output_shape,
                 data_format=None):
    return _local_conv(inputs, kernel, _tuple(kernel_size, 2),
                       _tuple(strides, 2), tuple(output_shape), data_format)
