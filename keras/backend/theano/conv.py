"""Convolutions and pooling built from strided slices and matrix products
(PyTensor engine; PyTensor 3 has no convolution ops).

Everything is computed channels-last. A convolution stacks the kernel-sized
windows of the padded input ("patches", `(N, *out, K, C)`) and multiplies
them with the kernel reshaped to `(K * C, filters)`: one GEMM forward, and
PyTensor's gradient of that product is again one GEMM for the kernel
(`patches.T @ grad`) and one for the patches.

Pooling with non-overlapping windows (`strides == pool_size`, the usual
case) reshapes the input into tiles and reduces them in one pass (3x
faster than TensorFlow's MaxPool + MaxPoolGrad in `benchmarks/backend.py`);
other pooling reduces the stacked strided windows.
"""
import itertools

import numpy as np
import pytensor
import pytensor.tensor as pt

from .. import common
from .math import dims_of
from .shapes import pad


def _tuple(value, n, name):
    if isinstance(value, (int, np.integer)):
        return (int(value),) * n
    value = tuple(int(v) for v in value)
    if len(value) != n:
        raise ValueError('%s should have %d entries, got %r.' % (name, n, value))
    return value


def _to_last(x, data_format):
    if data_format == 'channels_first':
        return pt.transpose(x, [0] + list(range(2, x.ndim)) + [1])
    return x


def _from_last(x, data_format):
    if data_format == 'channels_first':
        return pt.transpose(x, [0, x.ndim - 1] + list(range(1, x.ndim - 1)))
    return x


def _ceil_div(a, b):
    return (a + b - 1) // b


def _maximum0(v):
    return max(v, 0) if isinstance(v, int) else pt.maximum(v, 0)


def conv_output_length(length, kernel, padding, stride, dilation=1):
    """Output length of a convolution or pooling along one axis."""
    span = (kernel - 1) * dilation + 1
    if padding in ('same', 'causal'):
        return _ceil_div(length, stride)
    if padding == 'valid':
        return (length - span) // stride + 1
    if padding == 'full':
        return (length + span - 2) // stride + 1
    raise ValueError('Invalid padding: %r (expected "valid", "same", '
                     '"causal" or "full").' % (padding,))


def _pads(length, kernel, padding, stride, dilation):
    """(before, after) padding of one spatial axis, TensorFlow's rule."""
    span = (kernel - 1) * dilation + 1
    if padding == 'valid':
        return 0, 0
    if padding == 'causal':
        return span - 1, 0
    if padding == 'full':
        return span - 1, span - 1
    out = _ceil_div(length, stride)
    total = _maximum0((out - 1) * stride + span - length)
    return total // 2, total - total // 2


def _windows(x, kernel_size, strides, dilation, padding, fill=0):
    """The windows of a channels-last `x`: a list with one strided slice
    `(N, *out, C)` per kernel offset, and the output sizes."""
    spatial = dims_of(x)[1:-1]
    pads = [_pads(n, k, padding, s, d) for n, k, s, d in
            zip(spatial, kernel_size, strides, dilation)]
    x = pad(x, [(0, 0)] + pads + [(0, 0)], value=fill)
    out = [conv_output_length(n, k, padding, s, d) for n, k, s, d in
           zip(spatial, kernel_size, strides, dilation)]
    slices = []
    for offsets in itertools.product(*[range(k) for k in kernel_size]):
        index = [slice(None)]
        for o, s, d, n in zip(offsets, strides, dilation, out):
            start = o * d
            index.append(slice(start, start + (n - 1) * s + 1, s))
        index.append(slice(None))
        slices.append(x[tuple(index)])
    return slices, out


def _patches(x, kernel_size, strides, dilation, padding):
    """Stacked windows `(N, *out, prod(kernel_size), C)` and output sizes."""
    slices, out = _windows(x, kernel_size, strides, dilation, padding)
    if len(slices) == 1:
        return pt.shape_padaxis(slices[0], -2), out
    return pt.stack(slices, axis=-2), out


def _conv(x, kernel, strides, padding, data_format, dilation, rank):
    """N-D convolution: `x` with `rank` spatial axes, kernel
    `(*kernel_size, C, F)`."""
    data_format = common.normalize_data_format(data_format)
    kernel = pt.as_tensor_variable(kernel)
    kernel_size = tuple(kernel.type.shape[:rank])
    if any(k is None for k in kernel_size):
        raise ValueError('conv: the kernel needs a static shape, got %s.'
                         % (kernel.type.shape,))
    strides = _tuple(strides, rank, 'strides')
    dilation = _tuple(dilation, rank, 'dilation_rate')
    x = _to_last(pt.as_tensor_variable(x), data_format)
    dims = dims_of(x)
    filters = dims_of(kernel)[-1]
    if all(k == 1 for k in kernel_size) and all(s == 1 for s in strides):
        out = _dot_last(x, pt.reshape(kernel, (-1, filters)))
        return _from_last(out, data_format)
    patches, out_dims = _patches(x, kernel_size, strides, dilation, padding)
    depth = int(np.prod(kernel_size)) * dims[-1] if isinstance(
        dims[-1], int) else -1
    flat = pt.reshape(patches, (-1, depth))
    out = pt.dot(flat, pt.reshape(kernel, (depth, filters)))
    out = pt.reshape(out, [dims[0]] + out_dims + [filters])
    return _from_last(out, data_format)


def _dot_last(x, w):
    dims = dims_of(x)
    out = pt.dot(pt.reshape(x, (-1, dims[-1])), w)
    return pt.reshape(out, dims[:-1] + [dims_of(w)[-1]])


def conv1d(x, kernel, strides=1, padding='valid', data_format=None,
           dilation_rate=1):
    """1D convolution.

    # Arguments
        x: Tensor `(batch, steps, channels)` (channels_last).
        kernel: `(kernel_size, channels, filters)`.
        strides: stride integer.
        padding: `"valid"`, `"same"` or `"causal"`.
        data_format: `"channels_last"` or `"channels_first"`.
        dilation_rate: dilation integer.
    """
    return _conv(x, kernel, strides, padding, data_format, dilation_rate, 1)


def conv2d(x, kernel, strides=(1, 1), padding='valid', data_format=None,
           dilation_rate=(1, 1)):
    """2D convolution; kernel `(rows, cols, channels, filters)`."""
    return _conv(x, kernel, strides, padding, data_format, dilation_rate, 2)


def conv3d(x, kernel, strides=(1, 1, 1), padding='valid', data_format=None,
           dilation_rate=(1, 1, 1)):
    """3D convolution; kernel `(d, rows, cols, channels, filters)`."""
    return _conv(x, kernel, strides, padding, data_format, dilation_rate, 3)


def _conv_transpose(x, kernel, output_shape, strides, padding, data_format,
                    dilation, rank):
    """Transposed convolution: the input gradient of `_conv`.

    The input is dilated by the strides, convolved "fully" with the flipped
    kernel, and the result is cropped the way the forward convolution
    padded it.
    """
    data_format = common.normalize_data_format(data_format)
    strides = _tuple(strides, rank, 'strides')
    dilation = _tuple(dilation, rank, 'dilation_rate')
    kernel = pt.as_tensor_variable(kernel)
    kernel_size = tuple(kernel.type.shape[:rank])
    x = _to_last(pt.as_tensor_variable(x), data_format)
    dims = dims_of(x)
    spatial = dims[1:-1]
    out_spatial = _spatial_output(output_shape, data_format, rank)
    if out_spatial is None:
        out_spatial = [_deconv_length(n, k, padding, s, d) for n, k, s, d in
                       zip(spatial, kernel_size, strides, dilation)]
    # dilate the input by the strides
    if any(s > 1 for s in strides):
        up = [(n - 1) * s + 1 for n, s in zip(spatial, strides)]
        canvas = pt.zeros([dims[0]] + up + [dims[-1]], dtype=x.dtype)
        index = (slice(None),) + tuple(slice(None, None, s) for s in strides)
        x = pt.set_subtensor(canvas[index], x)
    flipped = kernel[tuple(slice(None, None, -1) for _ in range(rank))]
    perm = list(range(rank)) + [rank + 1, rank]
    flipped = pt.transpose(flipped, perm)
    full = _conv(x, flipped, 1, 'full', 'channels_last', dilation, rank)
    full_dims = dims_of(full)[1:-1]
    index = [slice(None)]
    pads = []
    for n_out, n_full, k, s, d in zip(out_spatial, full_dims, kernel_size,
                                      strides, dilation):
        before, _ = _pads(n_out, k, padding, s, d)
        shortfall = _maximum0(before + n_out - n_full)
        pads.append((0, shortfall))
        index.append(slice(before, before + n_out))
    index.append(slice(None))
    full = pad(full, [(0, 0)] + pads + [(0, 0)])
    return _from_last(full[tuple(index)], data_format)


def _deconv_length(n, k, padding, s, d):
    span = (k - 1) * d + 1
    if padding == 'same':
        return n * s
    if padding == 'valid':
        return n * s + _maximum0(span - s)
    return n * s - s - span + 2


def _spatial_output(output_shape, data_format, rank):
    if output_shape is None:
        return None
    if isinstance(output_shape, (list, tuple)):
        shape = list(output_shape)
    else:
        shape = [output_shape[i] for i in range(rank + 2)]
    spatial = shape[2:] if data_format == 'channels_first' else shape[1:-1]
    if any(d is None for d in spatial):
        return None
    return [int(d) if isinstance(d, (int, np.integer)) else d for d in spatial]


def conv2d_transpose(x, kernel, output_shape, strides=(1, 1),
                     padding='valid', data_format=None, dilation_rate=(1, 1)):
    """2D transposed convolution (deconvolution).

    # Arguments
        x: 4D input.
        kernel: `(rows, cols, output_channels, input_channels)`.
        output_shape: the 4D output shape (spatial sizes are used).
        strides, padding, data_format, dilation_rate: as in `conv2d`.
    """
    return _conv_transpose(x, kernel, output_shape, strides, padding,
                           data_format, dilation_rate, 2)


def conv3d_transpose(x, kernel, output_shape, strides=(1, 1, 1),
                     padding='valid', data_format=None):
    """3D transposed convolution; kernel `(d, rows, cols, out_ch, in_ch)`."""
    return _conv_transpose(x, kernel, output_shape, strides, padding,
                           data_format, 1, 3)


def _depthwise(x, kernel, strides, padding, dilation, rank):
    """Channels-last depthwise convolution; kernel `(*k, C, multiplier)`."""
    kernel = pt.as_tensor_variable(kernel)
    kernel_size = tuple(kernel.type.shape[:rank])
    dims = dims_of(x)
    channels, mult = dims_of(kernel)[-2:]
    patches, out = _patches(x, kernel_size, _tuple(strides, rank, 'strides'),
                            _tuple(dilation, rank, 'dilation_rate'), padding)
    n_k = int(np.prod(kernel_size))
    # (C, rows, K) @ (C, K, multiplier) -> (C, rows, multiplier)
    rows = pt.transpose(pt.reshape(patches, (-1, n_k, channels)), (2, 0, 1))
    k = pt.transpose(pt.reshape(kernel, (n_k, channels, mult)), (1, 0, 2))
    out_flat = pt.transpose(pt.matmul(rows, k), (1, 0, 2))
    return pt.reshape(out_flat, [dims[0]] + out + [channels * mult])


def depthwise_conv2d(x, depthwise_kernel, strides=(1, 1), padding='valid',
                     data_format=None, dilation_rate=(1, 1)):
    """Depthwise 2D convolution; kernel `(rows, cols, C, multiplier)`,
    output channels ordered `c * multiplier + m`."""
    data_format = common.normalize_data_format(data_format)
    x = _to_last(pt.as_tensor_variable(x), data_format)
    out = _depthwise(x, depthwise_kernel, strides, padding, dilation_rate, 2)
    return _from_last(out, data_format)


def separable_conv2d(x, depthwise_kernel, pointwise_kernel, strides=(1, 1),
                     padding='valid', data_format=None, dilation_rate=(1, 1)):
    """Depthwise 2D convolution followed by a 1x1 (pointwise) convolution."""
    data_format = common.normalize_data_format(data_format)
    x = _to_last(pt.as_tensor_variable(x), data_format)
    out = _depthwise(x, depthwise_kernel, strides, padding, dilation_rate, 2)
    pointwise = pt.as_tensor_variable(pointwise_kernel)
    out = _dot_last(out, pt.reshape(pointwise, (-1, dims_of(pointwise)[-1])))
    return _from_last(out, data_format)


def separable_conv1d(x, depthwise_kernel, pointwise_kernel, strides=1,
                     padding='valid', data_format=None, dilation_rate=1):
    """Depthwise 1D convolution followed by a pointwise convolution."""
    data_format = common.normalize_data_format(data_format)
    x = _to_last(pt.as_tensor_variable(x), data_format)
    out = _depthwise(x, depthwise_kernel, strides, padding, dilation_rate, 1)
    pointwise = pt.as_tensor_variable(pointwise_kernel)
    out = _dot_last(out, pt.reshape(pointwise, (-1, dims_of(pointwise)[-1])))
    return _from_last(out, data_format)


def _pool(x, pool_size, strides, padding, data_format, pool_mode, rank):
    data_format = common.normalize_data_format(data_format)
    pool_size = _tuple(pool_size, rank, 'pool_size')
    strides = _tuple(strides, rank, 'strides')
    if padding not in ('valid', 'same'):
        raise ValueError('Invalid padding for pooling: %r (expected "valid" '
                         'or "same").' % (padding,))
    x = _to_last(pt.as_tensor_variable(x), data_format)
    if pool_mode in ('max', 'avg'):
        tiled = _tiled_pool(x, pool_size, strides, padding, pool_mode)
        if tiled is not None:
            return _from_last(tiled, data_format)
    ones = (1,) * rank
    if pool_mode == 'max':
        fill = -np.inf if 'float' in x.dtype else np.iinfo(x.dtype).min
        slices, _ = _windows(x, pool_size, strides, ones, padding, fill=fill)
        out = pt.max(pt.stack(slices, axis=-1), axis=-1) \
            if len(slices) > 1 else slices[0]
    elif pool_mode == 'avg':
        slices, _ = _windows(x, pool_size, strides, ones, padding)
        out = slices[0]
        for s in slices[1:]:
            out = out + s
        out = out / _window_counts(x, pool_size, strides, padding, rank)
    else:
        raise ValueError('Invalid pool_mode: %r (expected "max" or "avg").'
                         % (pool_mode,))
    return _from_last(out, data_format)


def _tiled_pool(x, pool_size, strides, padding, pool_mode):
    """Pooling of non-overlapping windows (`strides == pool_size`) as one
    reduction: the channels-last input, cropped to whole windows, is
    reshaped to `(N, out_1, p_1, out_2, p_2, ..., C)` and reduced over the
    `p` axes. Returns None where that does not apply ('same' padding that
    would pad, or unknown spatial sizes with 'same')."""
    if tuple(strides) != tuple(pool_size):
        return None
    dims = dims_of(x)
    spatial = dims[1:-1]
    if padding == 'same':
        if not all(isinstance(n, int) and n % p == 0
                   for n, p in zip(spatial, pool_size)):
            return None
    out = [n // p for n, p in zip(spatial, pool_size)]
    if any(isinstance(n, int) and n < p for n, p in zip(spatial, pool_size)):
        return None
    index = (slice(None),) + tuple(
        slice(None) if isinstance(n, int) and n % p == 0 else
        slice(0, o * p) for n, o, p in zip(spatial, out, pool_size))
    x = x[index + (slice(None),)]
    shape = [dims[0]]
    for o, p in zip(out, pool_size):
        shape += [o, p]
    tiles = pt.reshape(x, shape + [dims[-1]])
    axes = tuple(range(2, 2 * len(pool_size) + 1, 2))
    if pool_mode == 'max':
        return pt.max(tiles, axis=axes)
    return pt.mean(tiles, axis=axes)


def _window_counts(x, pool_size, strides, padding, rank):
    """Number of real (unpadded) elements in each pooling window, shaped to
    broadcast against the channels-last output."""
    if padding == 'valid':
        return np.asarray(np.prod(pool_size), dtype=x.dtype)
    spatial = dims_of(x)[1:-1]
    if all(isinstance(n, int) for n in spatial):
        counts = np.ones([1] + spatial + [1], dtype=x.dtype)
        ones = (1,) * rank
        windows, _ = _windows(pt.constant(counts), pool_size, strides, ones,
                              padding)
        total = windows[0]
        for w in windows[1:]:
            total = total + w
        return pt.constant(total.eval())
    ones_map = pt.ones([1] + spatial + [1], dtype=x.dtype)
    windows, _ = _windows(ones_map, pool_size, strides, (1,) * rank, padding)
    total = windows[0]
    for w in windows[1:]:
        total = total + w
    return pt.specify_broadcastable(total, 0, rank + 1)


def pool2d(x, pool_size, strides=(1, 1), padding='valid', data_format=None,
           pool_mode='max'):
    """2D pooling (`pool_mode` `'max'` or `'avg'`; 'same' padding ignores
    the padded positions, as TensorFlow)."""
    return _pool(x, pool_size, strides, padding, data_format, pool_mode, 2)


def pool3d(x, pool_size, strides=(1, 1, 1), padding='valid',
           data_format=None, pool_mode='max'):
    """3D pooling (`pool_mode` `'max'` or `'avg'`)."""
    return _pool(x, pool_size, strides, padding, data_format, pool_mode, 3)


def _local_conv(inputs, kernel, kernel_size, strides, output_dims,
                data_format, rank):
    """Unshared-weights convolution; kernel `(positions, features, filters)`.

    The features of one window are ordered (offsets, channels) for
    channels_last and (channels, offsets) for channels_first, as Keras.
    """
    data_format = common.normalize_data_format(data_format)
    x = _to_last(pt.as_tensor_variable(inputs), data_format)
    dims = dims_of(x)
    patches, out = _patches(x, _tuple(kernel_size, rank, 'kernel_size'),
                            _tuple(strides, rank, 'strides'), (1,) * rank,
                            'valid')
    if data_format == 'channels_first':
        patches = pt.swapaxes(patches, -1, -2)
    positions = int(np.prod(output_dims))
    kernel = pt.as_tensor_variable(kernel)
    features, filters = dims_of(kernel)[1:]
    rows = pt.reshape(patches, (dims[0], positions, features))
    rows = pt.transpose(rows, (1, 0, 2))
    result = pt.matmul(rows, kernel)                 # (positions, N, F)
    result = pt.transpose(result, (1, 0, 2))
    result = pt.reshape(result, [dims[0]] + list(output_dims) + [filters])
    return _from_last(result, data_format)


def local_conv1d(inputs, kernel, kernel_size, strides, data_format=None):
    """1D convolution with unshared weights.

    # Arguments
        inputs: `(batch, steps, input_dim)` (channels_last).
        kernel: `(output_length, kernel_size * input_dim, filters)`.
        kernel_size: tuple of one integer.
        strides: tuple of one integer.
        data_format: `'channels_last'` (default) or `'channels_first'`.
    """
    output_length = pt.as_tensor_variable(kernel).type.shape[0]
    return _local_conv(inputs, kernel, kernel_size, strides, (output_length,),
                       data_format, 1)


def local_conv2d(inputs, kernel, kernel_size, strides, output_shape,
                 data_format=None):
    """2D convolution with unshared weights.

    # Arguments
        inputs: 4D input.
        kernel: `(output_rows * output_cols, features, filters)`.
        kernel_size, strides: tuples of two integers.
        output_shape: `(output_rows, output_cols)`.
        data_format: `'channels_first'` or `'channels_last'`.
    """
    return _local_conv(inputs, kernel, kernel_size, strides,
                       tuple(output_shape), data_format, 2)


def conv_input_length(output_length, filter_size, border_mode, stride):
    """Input length of a convolution given its output length.

    # Arguments
        output_length: integer (or None).
        filter_size: integer.
        border_mode: `'same'`, `'valid'` or `'full'`.
        stride: integer.
    """
    if output_length is None:
        return None
    if border_mode not in ('same', 'valid', 'full'):
        raise ValueError('Invalid border_mode: %r.' % (border_mode,))
    pad = {'same': filter_size // 2, 'valid': 0,
           'full': filter_size - 1}[border_mode]
    return (output_length - 1) * stride - 2 * pad + filter_size


def scan_conv1d(u, v):
    """Row-wise 1D convolution of two sets of vectors: for each row `i`,
    `numpy.convolve(u[i], v[i], 'full')[n // 2: n // 2 + n]` with
    `n = u.shape[1]` (the centred part, as long as `u`)."""
    u = pt.as_tensor_variable(u)
    v = pt.as_tensor_variable(v)
    n = u.shape[1]
    m = v.shape[1]
    full = pt.zeros((u.shape[0], n + m - 1), dtype=u.dtype)

    def add_shift(b, acc, u_, v_):
        # full[:, a + b] += u[:, a] * v[:, b]
        return pt.inc_subtensor(acc[:, b:b + n], u_ * v_[:, b][:, None])

    result = pytensor.scan(add_shift, sequences=[pt.arange(m)],
                           outputs_info=[full], non_sequences=[u, v],
                           return_updates=False)
    start = n // 2
    return result[-1][:, start:start + n]


def count_sketch(h, s, x, d=16000):
    """Count sketch projection (Fukui et al. 2016): `y[:, h[j]] += s[j] *
    x[:, j]`.

    # Arguments
        h: integer vector of buckets in `[0, d)`, one per input feature.
        s: vector of signs (+1/-1), one per input feature.
        x: `(batch, features)` input.
        d: the output dimension.
    """
    x = pt.as_tensor_variable(x)
    h = pt.cast(pt.as_tensor_variable(h), 'int64')
    s = pt.cast(pt.as_tensor_variable(s), x.dtype)
    out = pt.zeros((x.shape[0], d), dtype=x.dtype)
    return pt.inc_subtensor(out[:, h], x * s)
