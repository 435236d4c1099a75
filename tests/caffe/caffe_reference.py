"""An independent NumPy implementation of Caffe's TEST-phase forward pass
(NCHW blobs, float64), written from Caffe's layer semantics: convolution is
a correlation, pooling uses Caffe's output-size rule (rounded up, windows
clipped to the image; average pooling divides by the window clipped to the
padded image), LRN's alpha is that of the window mean, BatchNorm divides its
statistics by the stored scale factor.

`forward(net, weights, inputs)` runs the layers of a `NetParameter` (current
format) in order and returns every blob.
"""
import math

import numpy as np

from keras.caffe import caffe_pb2


def _pair(param, name, default, repeated=True):
    stem = {'kernel_size': 'kernel'}.get(name, name)
    if hasattr(param, stem + '_h') and (param.HasField(stem + '_h') or
                                        param.HasField(stem + '_w')):
        return getattr(param, stem + '_h'), getattr(param, stem + '_w')
    if repeated:
        values = list(getattr(param, name))
    else:
        values = [getattr(param, name)] if param.HasField(name) else []
    if not values:
        return default, default
    return (values[0], values[-1])


def conv(x, w, b, pad, stride, dilation, group):
    n, c, h, wd = x.shape
    out_c, group_c, kh, kw = w.shape
    xp = np.zeros((n, c, h + 2 * pad[0], wd + 2 * pad[1]))
    xp[:, :, pad[0]:pad[0] + h, pad[1]:pad[1] + wd] = x
    ext_h, ext_w = dilation[0] * (kh - 1) + 1, dilation[1] * (kw - 1) + 1
    oh = (h + 2 * pad[0] - ext_h) // stride[0] + 1
    ow = (wd + 2 * pad[1] - ext_w) // stride[1] + 1
    y = np.zeros((n, out_c, oh, ow))
    per_group = out_c // group
    for o in range(out_c):
        g = o // per_group
        for i in range(oh):
            for j in range(ow):
                r, s = i * stride[0], j * stride[1]
                patch = xp[:, g * group_c:(g + 1) * group_c,
                           r:r + ext_h:dilation[0], s:s + ext_w:dilation[1]]
                y[:, o, i, j] = np.sum(patch * w[o], axis=(1, 2, 3))
    if b is not None:
        y += b.reshape(1, -1, 1, 1)
    return y


def deconv(x, w, b, pad, stride, group):
    n, c, h, wd = x.shape
    _, group_out, kh, kw = w.shape
    out_c = group_out * group
    full = np.zeros((n, out_c, stride[0] * (h - 1) + kh,
                     stride[1] * (wd - 1) + kw))
    per_group = c // group
    for ci in range(c):
        g = ci // per_group
        for i in range(h):
            for j in range(wd):
                r, s = i * stride[0], j * stride[1]
                full[:, g * group_out:(g + 1) * group_out, r:r + kh,
                     s:s + kw] += x[:, ci, i, j][:, None, None, None] * w[ci]
    y = full[:, :, pad[0]:full.shape[2] - pad[0],
             pad[1]:full.shape[3] - pad[1]]
    if b is not None:
        y = y + b.reshape(1, -1, 1, 1)
    return y


def pool(x, kernel, pad, stride, mode, ceil=True):
    n, c, h, w = x.shape
    sizes = []
    for size, k, p, s in zip((h, w), kernel, pad, stride):
        rounding = math.ceil if ceil else math.floor
        out = int(rounding(float(size + 2 * p - k) / s)) + 1
        if p and (out - 1) * s >= size + p:
            out -= 1
        sizes.append(out)
    y = np.zeros((n, c) + tuple(sizes))
    for i in range(sizes[0]):
        for j in range(sizes[1]):
            hs, ws = i * stride[0] - pad[0], j * stride[1] - pad[1]
            he, we = min(hs + kernel[0], h + pad[0]), min(ws + kernel[1],
                                                          w + pad[1])
            area = (he - hs) * (we - ws)
            hs, ws, he, we = max(hs, 0), max(ws, 0), min(he, h), min(we, w)
            window = x[:, :, hs:he, ws:we]
            if mode == caffe_pb2.PoolingParameter.MAX:
                y[:, :, i, j] = window.max(axis=(2, 3))
            else:
                y[:, :, i, j] = window.sum(axis=(2, 3)) / area
    return y


def lrn(x, param):
    n = param.local_size
    half = (n - 1) // 2
    sq = x ** 2
    if param.norm_region == caffe_pb2.LRNParameter.ACROSS_CHANNELS:
        c = x.shape[1]
        scale = np.full(x.shape, float(param.k))
        for ch in range(c):
            lo, hi = max(0, ch - half), min(c, ch + half + 1)
            scale[:, ch] += param.alpha / n * sq[:, lo:hi].sum(axis=1)
        return x * scale ** (-param.beta)
    h, w = x.shape[2:]
    padded = np.zeros(x.shape[:2] + (h + 2 * half, w + 2 * half))
    padded[:, :, half:half + h, half:half + w] = sq
    total = np.zeros(x.shape)
    for i in range(n):
        for j in range(n):
            total += padded[:, :, i:i + h, j:j + w]
    return x * (1. + param.alpha * total / (n * n)) ** (-param.beta)


def softmax(x, axis):
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def _channel_shape(x, axis=1):
    shape = [1] * x.ndim
    shape[axis] = x.shape[axis]
    return shape


def _layer_forward(layer, bottoms, blobs):
    kind = layer.type
    x = bottoms[0] if bottoms else None
    if kind in ('Convolution', 'Deconvolution'):
        p = layer.convolution_param
        kernel = _pair(p, 'kernel_size', None)
        pad, stride = _pair(p, 'pad', 0), _pair(p, 'stride', 1)
        b = blobs[1].ravel() if p.bias_term else None
        if kind == 'Deconvolution':
            return [deconv(x, blobs[0], b, pad, stride, p.group)]
        dil = _pair(p, 'dilation', 1)
        return [conv(x, blobs[0], b, pad, stride, dil, p.group)]
    if kind == 'Pooling':
        p = layer.pooling_param
        if p.global_pooling:
            kernel, pad, stride = x.shape[2:], (0, 0), (1, 1)
        else:
            kernel = _pair(p, 'kernel_size', None, False)
            pad = _pair(p, 'pad', 0, False)
            stride = _pair(p, 'stride', 1, False)
        return [pool(x, kernel, pad, stride, p.pool,
                     p.round_mode == caffe_pb2.PoolingParameter.CEIL)]
    if kind == 'InnerProduct':
        p = layer.inner_product_param
        lead = x.shape[:p.axis % x.ndim]
        flat = x.reshape(lead + (-1,))
        w = blobs[0].reshape(blobs[0].shape[-2:])
        w = w.T if p.transpose else w
        y = flat @ w.T
        return [y + blobs[1].ravel() if p.bias_term else y]
    if kind == 'ReLU':
        return [np.where(x > 0, x, x * layer.relu_param.negative_slope)]
    if kind == 'PReLU':
        a = blobs[0].ravel()
        a = a.reshape(_channel_shape(x)) if a.size > 1 else a[0]
        return [np.where(x > 0, x, a * x)]
    if kind == 'ELU':
        return [np.where(x > 0, x, layer.elu_param.alpha * (np.exp(x) - 1))]
    if kind == 'Sigmoid':
        return [1. / (1. + np.exp(-x))]
    if kind == 'TanH':
        return [np.tanh(x)]
    if kind == 'AbsVal':
        return [np.abs(x)]
    if kind == 'BNLL':
        return [np.log1p(np.exp(x))]
    if kind == 'Power':
        p = layer.power_param
        return [(p.shift + p.scale * x) ** p.power]
    if kind == 'Dropout':
        return [x]
    if kind == 'LRN':
        return [lrn(x, layer.lrn_param)]
    if kind in ('Softmax', 'SoftmaxWithLoss'):
        return [softmax(x, layer.softmax_param.axis)]
    if kind == 'Concat':
        return [np.concatenate(bottoms, axis=layer.concat_param.axis)]
    if kind == 'Eltwise':
        p = layer.eltwise_param
        if p.operation == caffe_pb2.EltwiseParameter.PROD:
            return [np.prod(bottoms, axis=0)]
        if p.operation == caffe_pb2.EltwiseParameter.MAX:
            return [np.max(bottoms, axis=0)]
        coeff = list(p.coeff) or [1.] * len(bottoms)
        return [sum(c * b for c, b in zip(coeff, bottoms))]
    if kind == 'BatchNorm':
        factor = blobs[2].ravel()[0]
        factor = 0. if factor == 0 else 1. / factor
        mean = (blobs[0].ravel() * factor).reshape(_channel_shape(x))
        var = (blobs[1].ravel() * factor).reshape(_channel_shape(x))
        return [(x - mean) / np.sqrt(var + layer.batch_norm_param.eps)]
    if kind == 'Scale':
        if len(bottoms) == 2:
            return [x * bottoms[1]]
        y = x * blobs[0].reshape(_channel_shape(x))
        if layer.scale_param.bias_term:
            y = y + blobs[1].reshape(_channel_shape(x))
        return [y]
    if kind == 'Bias':
        return [x + blobs[0].reshape(_channel_shape(x))]
    if kind == 'Flatten':
        return [x.reshape(x.shape[0], -1)]
    if kind == 'Reshape':
        dims = [x.shape[i] if d == 0 else d
                for i, d in enumerate(layer.reshape_param.shape.dim)]
        return [x.reshape(dims)]
    if kind == 'Split':
        return [x] * len(layer.top)
    if kind == 'Slice':
        p = layer.slice_param
        points = list(p.slice_point) or [
            x.shape[p.axis] // len(layer.top) * i
            for i in range(1, len(layer.top))]
        return np.split(x, points, axis=p.axis)
    if kind == 'Crop':
        ref = bottoms[1]
        axis = layer.crop_param.axis
        offsets = list(layer.crop_param.offset) or [0]
        index = [slice(None)] * x.ndim
        for i, a in enumerate(range(axis, x.ndim)):
            o = offsets[i] if len(offsets) > 1 else offsets[0]
            index[a] = slice(o, o + ref.shape[a])
        return [x[tuple(index)]]
    raise NotImplementedError(kind)


def blob_arrays(weights_net):
    """layer name -> list of float64 arrays of a caffemodel NetParameter
    (either format; legacy 4-D shapes when a blob has no shape)."""
    arrays = {}
    for layer in list(weights_net.layer) + list(weights_net.layers):
        values = []
        for blob in layer.blobs:
            shape = tuple(blob.shape.dim) if blob.HasField('shape') else (
                blob.num, blob.channels, blob.height, blob.width)
            values.append(np.array(blob.data, dtype=np.float64)
                          .reshape(shape))
        if values:
            arrays[layer.name] = values
    return arrays


def forward(net, weights_net, inputs, phase=caffe_pb2.TEST):
    """All blobs of a TEST-phase forward pass of `net` (current format)."""
    weights = blob_arrays(weights_net)
    blobs = {name: np.asarray(value, np.float64)
             for name, value in inputs.items()}
    for layer in net.layer:
        if len(layer.include) and layer.include[0].phase != phase:
            continue
        if layer.type in ('Input', 'Data', 'Accuracy') or \
                layer.type.endswith('Loss') and layer.type != \
                'SoftmaxWithLoss':
            continue
        bottoms = [blobs[b] for b in layer.bottom
                   if b in blobs][:len(layer.bottom)]
        tops = _layer_forward(layer, bottoms, weights.get(layer.name, []))
        for name, value in zip(layer.top, tops):
            blobs[name] = value
    return blobs
