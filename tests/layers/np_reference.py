"""NumPy reference implementations of convolution-like layers, written for
the tests independently of the layer code. All work on channels_last
arrays `(batch, *space, channels)`."""
import itertools

import numpy as np


def to_last(x):
    """channels_first -> channels_last."""
    return np.moveaxis(x, 1, -1)


def to_first(x):
    """channels_last -> channels_first."""
    return np.moveaxis(x, -1, 1)


def _pads(length, k, s, d, padding):
    dk = (k - 1) * d + 1
    if padding == 'valid':
        return 0, 0
    if padding == 'causal':
        return dk - 1, 0
    out = -(-length // s)
    total = max((out - 1) * s + dk - length, 0)
    return total // 2, total - total // 2


def _windows(x, kernel, strides, padding, dilation, fill=0.):
    """Yields (kernel offset tuple, strided view of the padded input whose
    element [b, *o, c] is the input under that offset for output o)."""
    rank = len(kernel)
    pads = [_pads(x.shape[i + 1], kernel[i], strides[i], dilation[i],
                  padding) for i in range(rank)]
    xp = np.pad(x, [(0, 0)] + pads + [(0, 0)], constant_values=fill)
    outs = []
    for i in range(rank):
        dk = (kernel[i] - 1) * dilation[i] + 1
        outs.append((xp.shape[i + 1] - dk) // strides[i] + 1)
    for offset in itertools.product(*[range(k) for k in kernel]):
        index = [slice(None)]
        for i, o in enumerate(offset):
            start = o * dilation[i]
            index.append(slice(start, start + (outs[i] - 1) * strides[i] + 1,
                               strides[i]))
        index.append(slice(None))
        yield offset, xp[tuple(index)]


def conv(x, w, strides, padding, dilation):
    """N-D correlation; w: `kernel + (in, out)`."""
    kernel = w.shape[:-2]
    total = 0
    for offset, view in _windows(x, kernel, strides, padding, dilation):
        total = total + np.tensordot(view, w[offset], axes=([-1], [0]))
    return total


def depthwise(x, w, strides, padding, dilation):
    """w: `kernel + (in, multiplier)`; output channel c * m_count + m."""
    kernel = w.shape[:-2]
    total = 0
    for offset, view in _windows(x, kernel, strides, padding, dilation):
        part = view[..., :, None] * w[offset]  # (..., in, mult)
        total = total + part.reshape(part.shape[:-2] + (-1,))
    return total


def pool(x, size, strides, padding, mode):
    """Max / average pooling; the average ignores padded elements."""
    fill = -np.inf if mode == 'max' else 0.
    ones = np.ones(x.shape[:-1] + (1,), x.dtype)
    views = [v for _, v in _windows(x, size, strides, padding,
                                    (1,) * len(size), fill)]
    if mode == 'max':
        return np.max(views, axis=0)
    counts = [v for _, v in _windows(ones, size, strides, padding,
                                     (1,) * len(size))]
    return np.sum(views, axis=0) / np.sum(counts, axis=0)


def conv_transpose(x, w, strides, padding, out_space):
    """Transposed correlation; w: `kernel + (out, in)`; the output spatial
    sizes are given (they include any output padding)."""
    kernel = w.shape[:-2]
    rank = len(kernel)
    space = x.shape[1:-1]
    full = [(space[i] - 1) * strides[i] + kernel[i] for i in range(rank)]
    big = [max(full[i], out_space[i] + kernel[i]) for i in range(rank)]
    acc = np.zeros((x.shape[0],) + tuple(big) + (w.shape[-2],))
    for offset in itertools.product(*[range(k) for k in kernel]):
        index = [slice(None)]
        for i, o in enumerate(offset):
            index.append(slice(o, o + (space[i] - 1) * strides[i] + 1,
                               strides[i]))
        index.append(slice(None))
        acc[tuple(index)] += np.tensordot(x, w[offset], axes=([-1], [1]))
    crop = [slice(None)]
    for i in range(rank):
        before = 0
        if padding == 'same':
            before = max((space[i] - 1) * strides[i] + kernel[i] -
                         out_space[i], 0) // 2
        crop.append(slice(before, before + out_space[i]))
    crop.append(slice(None))
    return acc[tuple(crop)]


def local(x, w, kernel, strides, out_space, channels_first_order=False):
    """Locally connected layer; w: `(positions, patch, filters)`; a patch is
    flattened (row, col, channel), or (channel, row, col) when
    `channels_first_order`."""
    positions = list(itertools.product(*[range(n) for n in out_space]))
    outs = []
    for p, position in enumerate(positions):
        index = [slice(None)]
        for i, j in enumerate(position):
            index.append(slice(j * strides[i], j * strides[i] + kernel[i]))
        index.append(slice(None))
        patch = x[tuple(index)]
        if channels_first_order:
            patch = np.moveaxis(patch, -1, 1)
        outs.append(patch.reshape(x.shape[0], -1).dot(w[p]))
    out = np.stack(outs, axis=1)
    return out.reshape((x.shape[0],) + tuple(out_space) + (w.shape[-1],))
