"""Caffe blobs -> NumPy arrays (Caffe's layout), and those arrays -> the
weights of the Keras layers the converter builds (transposed views where
possible: setting the weights copies them anyway)."""
import numpy as np

from .caffe_utils import layer_type


def blob_array(blob, layer_name='?'):
    """A `BlobProto` as a float32 array of its shape (the legacy 4-D
    num/channels/height/width shape when it has no `shape`).

    # Raises
        ValueError: the number of values does not match the shape.
    """
    if len(blob.double_data):
        data = np.array(blob.double_data, dtype=np.float64)
        data = data.astype(np.float32)
    else:
        data = np.array(blob.data, dtype=np.float32)
    if blob.HasField('shape'):
        shape = tuple(int(d) for d in blob.shape.dim)
    else:
        shape = (blob.num, blob.channels, blob.height, blob.width)
    if int(np.prod(shape)) != data.size:
        raise ValueError('Layer "%s": a weight blob of shape %s holds %d '
                         'values (expected %d): a corrupt caffemodel?'
                         % (layer_name, shape, data.size,
                            int(np.prod(shape))))
    return data.reshape(shape)


def _matrix(array):
    """A 2-D weight matrix (V1 files store it as (1, 1, rows, cols))."""
    if array.ndim > 2 and all(d == 1 for d in array.shape[:-2]):
        return array.reshape(array.shape[-2:])
    return array


def canonical_blobs(layer):
    """The arrays Caffe uses at test time for a layer of a caffemodel:
    InnerProduct weights as an `(outputs, inputs)` matrix (`transpose`
    undone), biases and per-channel parameters as vectors, BatchNorm's
    statistics divided by its scale factor (`[mean, variance]`)."""
    arrays = [blob_array(blob, layer.name) for blob in layer.blobs]
    kind = layer_type(layer)
    if kind == 'innerproduct' and arrays:
        weights = _matrix(arrays[0])
        if layer.inner_product_param.transpose:
            weights = weights.T
        arrays[0] = weights
        arrays[1:] = [a.ravel() for a in arrays[1:]]
    elif kind in ('convolution', 'deconvolution'):
        arrays[1:] = [a.ravel() for a in arrays[1:]]
    elif kind == 'batchnorm' and len(arrays) == 3:
        factor = float(arrays[2].ravel()[0]) if arrays[2].size else 1.
        scale = 0. if factor == 0 else 1. / factor
        arrays = [arrays[0].ravel() * scale, arrays[1].ravel() * scale]
    elif kind in ('scale', 'bias', 'prelu'):
        arrays = [a.ravel() for a in arrays]
    return arrays


def check_shapes(layer_name, arrays, expected):
    """Raises ValueError naming the layer unless the arrays have the
    expected shapes (one tuple per array)."""
    actual = [tuple(a.shape) for a in arrays]
    if actual != [tuple(s) for s in expected]:
        raise ValueError('Layer "%s": the caffemodel gives weights of shapes '
                         '%s, the layer expects %s.'
                         % (layer_name, actual, [tuple(s) for s in expected]))


def conv_kernel(weights, groups, in_channels):
    """Caffe's convolution weights `(out, in / groups, kh, kw)` -> a Keras
    kernel `(kh, kw, in, out)`; a grouped convolution becomes a dense one
    whose kernel is zero between groups."""
    out_channels, group_in, kh, kw = weights.shape
    if groups == 1:
        return weights.transpose(2, 3, 1, 0)
    kernel = np.zeros((kh, kw, in_channels, out_channels), weights.dtype)
    group_out = out_channels // groups
    for g in range(groups):
        part = weights[g * group_out:(g + 1) * group_out]
        kernel[:, :, g * group_in:(g + 1) * group_in,
               g * group_out:(g + 1) * group_out] = part.transpose(2, 3, 1, 0)
    return kernel


def deconv_kernel(weights, groups, out_channels):
    """Caffe's deconvolution weights `(in, out / groups, kh, kw)` -> a
    Keras `Conv2DTranspose` kernel `(kh, kw, out, in)` (zero between
    groups)."""
    in_channels, group_out, kh, kw = weights.shape
    if groups == 1:
        return weights.transpose(2, 3, 1, 0)
    kernel = np.zeros((kh, kw, out_channels, in_channels), weights.dtype)
    group_in = in_channels // groups
    for g in range(groups):
        part = weights[g * group_in:(g + 1) * group_in]
        kernel[:, :, g * group_out:(g + 1) * group_out,
               g * group_in:(g + 1) * group_in] = part.transpose(2, 3, 1, 0)
    return kernel


def dense_kernel(weights, image_shape=None):
    """Caffe's `(outputs, inputs)` matrix -> a Keras `(inputs, outputs)`
    kernel. With `image_shape` `(C, H, W)`, the inputs are those of a
    Flatten of channels_last data: the rows are reordered from Caffe's
    (C, H, W) order to (H, W, C)."""
    if image_shape is not None:
        channels, height, width = image_shape
        outputs = weights.shape[0]
        # One copy, straight into the (H, W, C) x outputs layout.
        return weights.reshape(outputs, channels, height, width).transpose(
            2, 3, 1, 0).reshape(-1, outputs)
    return weights.T
