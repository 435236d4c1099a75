"""Convolutions (plain, transposed, separable, depthwise, locally connected)
and pooling, in both data formats.

TensorFlow's CPU kernels want channels last, so `channels_first` inputs are
transposed in and the results transposed back.
"""
import itertools

import tensorflow as tf

from .. import common
from .graph import in_graph
from .variables import int_shape
from .math import batch_dot
from .shape import concatenate, temporal_padding

__all__ = ['conv1d', 'conv2d', 'conv3d', 'conv2d_transpose',
           'conv3d_transpose', 'separable_conv1d', 'separable_conv2d',
           'depthwise_conv2d', 'pool2d', 'pool3d', 'local_conv1d',
           'local_conv2d', 'conv_input_length']

_TF_FORMATS = {1: 'NWC', 2: 'NHWC', 3: 'NDHWC'}


def _tuple(value, n, name):
    if isinstance(value, int):
        return (value,) * n
    value = tuple(int(v) for v in value)
    if len(value) != n:
        raise ValueError('%s should be an int or a tuple of %d ints, got %r.'
                         % (name, n, value))
    return value


def _padding(padding):
    if padding not in ('same', 'valid'):
        raise ValueError('Invalid padding: %r (expected "same" or "valid").'
                         % (padding,))
    return padding.upper()


def _to_channels_last(x, data_format, spatial):
    """Returns `x` channels-last and whether it was transposed."""
    data_format = common.normalize_data_format(data_format)
    if data_format == 'channels_first':
        perm = [0] + list(range(2, spatial + 2)) + [1]
        return tf.transpose(x, perm), True
    return x, False


def _check_channels(name, x, kernel, kernel_axis, data_format):
    """Clear error when the kernel's input channels do not match `x`."""
    x_shape, k_shape = int_shape(x), int_shape(kernel)
    if x_shape is None or k_shape is None:
        return
    data_format = common.normalize_data_format(data_format)
    channels = x_shape[1] if data_format == 'channels_first' else x_shape[-1]
    expected = k_shape[kernel_axis]
    if channels is not None and expected is not None and channels != expected:
        raise ValueError('%s: the input has %d channels (shape %s, '
                         'data_format=%s) but the kernel of shape %s expects '
                         '%d.' % (name, channels, x_shape, data_format,
                                  k_shape, expected))


def _from_channels_last(x, transposed, spatial):
    if transposed:
        perm = [0, spatial + 1] + list(range(1, spatial + 1))
        return tf.transpose(x, perm)
    return x


def _full_padding(x, kernel, dilation_rate, spatial):
    """Pads a channels-last `x` for Theano's full convolution (every
    position where kernel and input overlap): `span - 1` on both sides."""
    rates = _tuple(dilation_rate, spatial, 'dilation_rate')
    sizes = int_shape(kernel)[:spatial]
    pads = [[0, 0]] + [[(k - 1) * r, (k - 1) * r]
                       for k, r in zip(sizes, rates)] + [[0, 0]]
    return tf.pad(x, pads)


def _convolution(x, kernel, strides, padding, data_format, dilation_rate,
                 spatial):
    _check_channels('conv%dd' % spatial, x, kernel, -2, data_format)
    x, transposed = _to_channels_last(x, data_format, spatial)
    if padding == 'full':
        x = _full_padding(x, kernel, dilation_rate, spatial)
        padding = 'valid'
    out = tf.nn.convolution(x, kernel,
                            strides=_tuple(strides, spatial, 'strides'),
                            padding=_padding(padding),
                            dilations=_tuple(dilation_rate, spatial,
                                             'dilation_rate'),
                            data_format=_TF_FORMATS[spatial])
    return _from_channels_last(out, transposed, spatial)


@in_graph
def conv1d(x, kernel, strides=1, padding='valid', data_format=None,
           dilation_rate=1):
    """1D convolution.

    # Arguments
        x: Tensor or variable.
        kernel: kernel tensor `(width, in_channels, filters)`.
        strides: stride integer.
        padding: string, `"same"`, `"causal"`, `"valid"` or `"full"`.
        data_format: string, `"channels_last"` or `"channels_first"`.
        dilation_rate: integer dilate rate.

    # Returns
        A tensor, result of 1D convolution.

    # Raises
        ValueError: If `data_format` or `padding` is invalid.
    """
    if padding == 'causal':
        x, transposed = _to_channels_last(x, data_format, 1)
        dilation = _tuple(dilation_rate, 1, 'dilation_rate')[0]
        x = temporal_padding(x, (dilation * (int_shape(kernel)[0] - 1), 0))
        out = _convolution(x, kernel, strides, 'valid', 'channels_last',
                           dilation_rate, 1)
        return _from_channels_last(out, transposed, 1)
    return _convolution(x, kernel, strides, padding, data_format,
                        dilation_rate, 1)


@in_graph
def conv2d(x, kernel, strides=(1, 1), padding='valid', data_format=None,
           dilation_rate=(1, 1)):
    """2D convolution.

    # Arguments
        x: Tensor or variable.
        kernel: kernel tensor `(rows, cols, in_channels, filters)`.
        strides: strides tuple.
        padding: string, `"same"`, `"valid"` or `"full"`.
        data_format: string, `"channels_last"` or `"channels_first"`.
        dilation_rate: tuple of 2 integers.

    # Returns
        A tensor, result of 2D convolution.

    # Raises
        ValueError: If `data_format` or `padding` is invalid.
    """
    return _convolution(x, kernel, strides, padding, data_format,
                        dilation_rate, 2)


@in_graph
def conv3d(x, kernel, strides=(1, 1, 1), padding='valid', data_format=None,
           dilation_rate=(1, 1, 1)):
    """3D convolution.

    # Arguments
        x: Tensor or variable.
        kernel: kernel tensor `(d, rows, cols, in_channels, filters)`.
        strides: strides tuple.
        padding: string, `"same"`, `"valid"` or `"full"`.
        data_format: string, `"channels_last"` or `"channels_first"`.
        dilation_rate: tuple of 3 integers.

    # Returns
        A tensor, result of 3D convolution.

    # Raises
        ValueError: If `data_format` or `padding` is invalid.
    """
    return _convolution(x, kernel, strides, padding, data_format,
                        dilation_rate, 3)


def _dilate_kernel(kernel, rates):
    """Inserts `rate - 1` zeros between the taps of each spatial axis.

    A transposed convolution with a dilated kernel equals the dilated
    transposed convolution, which TensorFlow's CPU kernels lack.
    """
    if all(r == 1 for r in rates):
        return kernel
    kernel = tf.convert_to_tensor(kernel)
    spatial = len(rates)
    sizes = int_shape(kernel)[:spatial]
    for axis, (size, rate) in enumerate(zip(sizes, rates)):
        if rate == 1:
            continue
        moved = tf.expand_dims(kernel, axis + 1)
        pads = [[0, 0]] * (len(moved.shape))
        pads[axis + 1] = [0, rate - 1]
        moved = tf.pad(moved, pads)
        shape = tf.concat([tf.shape(kernel)[:axis], [size * rate],
                           tf.shape(kernel)[axis + 1:]], 0)
        kernel = tf.reshape(moved, shape)
        begin = [0] * len(kernel.shape)
        length = [-1] * len(kernel.shape)
        length[axis] = (size - 1) * rate + 1
        kernel = tf.slice(kernel, begin, length)
    return kernel


def _transpose_conv(x, kernel, output_shape, strides, padding, data_format,
                    dilation_rate, spatial):
    data_format = common.normalize_data_format(data_format)
    output_shape = list(output_shape) if not tf.is_tensor(output_shape) \
        else output_shape
    _check_channels('conv%dd_transpose' % spatial, x, kernel, -1,
                    data_format)
    x, transposed = _to_channels_last(x, data_format, spatial)
    if transposed:
        if tf.is_tensor(output_shape):
            output_shape = tf.gather(output_shape,
                                     [0] + list(range(2, spatial + 2)) + [1])
        else:
            output_shape = ([output_shape[0]] + output_shape[2:] +
                            [output_shape[1]])
    if not tf.is_tensor(output_shape):
        if output_shape[0] is None:
            output_shape[0] = tf.shape(x)[0]
        output_shape = tf.stack(output_shape)
    fn = tf.nn.conv2d_transpose if spatial == 2 else tf.nn.conv3d_transpose
    kernel = _dilate_kernel(kernel, _tuple(dilation_rate, spatial,
                                           'dilation_rate'))
    out = fn(x, kernel, output_shape,
             strides=(1,) + _tuple(strides, spatial, 'strides') + (1,),
             padding=_padding(padding), data_format=_TF_FORMATS[spatial])
    return _from_channels_last(out, transposed, spatial)


@in_graph
def conv2d_transpose(x, kernel, output_shape, strides=(1, 1),
                     padding='valid', data_format=None, dilation_rate=(1, 1)):
    """2D deconvolution (i.e. transposed convolution).

    # Arguments
        x: Tensor or variable.
        kernel: kernel tensor `(rows, cols, filters, in_channels)`.
        output_shape: 1D int tensor (or tuple) for the output shape, in
            `data_format` layout (the batch entry may be None).
        strides: strides tuple.
        padding: string, `"same"` or `"valid"`.
        data_format: string, `"channels_last"` or `"channels_first"`.
        dilation_rate: tuple of 2 integers.

    # Returns
        A tensor, result of transposed 2D convolution.

    # Raises
        ValueError: If `data_format` or `padding` is invalid.
    """
    return _transpose_conv(x, kernel, output_shape, strides, padding,
                           data_format, dilation_rate, 2)


@in_graph
def conv3d_transpose(x, kernel, output_shape, strides=(1, 1, 1),
                     padding='valid', data_format=None):
    """3D deconvolution (i.e. transposed convolution).

    # Arguments
        x: input tensor.
        kernel: kernel tensor `(d, rows, cols, filters, in_channels)`.
        output_shape: 1D int tensor (or tuple) for the output shape.
        strides: strides tuple.
        padding: string, "same" or "valid".
        data_format: string, `"channels_last"` or `"channels_first"`.

    # Returns
        A tensor, result of transposed 3D convolution.

    # Raises
        ValueError: If `data_format` or `padding` is invalid.
    """
    return _transpose_conv(x, kernel, output_shape, strides, padding,
                           data_format, 1, 3)


@in_graph
def separable_conv2d(x, depthwise_kernel, pointwise_kernel, strides=(1, 1),
                     padding='valid', data_format=None, dilation_rate=(1, 1)):
    """2D convolution with separable filters.

    # Arguments
        x: input tensor
        depthwise_kernel: convolution kernel for the depthwise convolution.
        pointwise_kernel: kernel for the 1x1 convolution.
        strides: strides tuple (length 2).
        padding: string, `"same"` or `"valid"`.
        data_format: string, `"channels_last"` or `"channels_first"`.
        dilation_rate: tuple of integers,
            dilation rates for the separable convolution.

    # Returns
        Output tensor.

    # Raises
        ValueError: If `data_format` or `padding` is invalid.
    """
    _check_channels('separable_conv', x, depthwise_kernel, -2, data_format)
    x, transposed = _to_channels_last(x, data_format, 2)
    out = tf.nn.separable_conv2d(
        x, depthwise_kernel, pointwise_kernel,
        strides=(1,) + _tuple(strides, 2, 'strides') + (1,),
        padding=_padding(padding),
        dilations=_tuple(dilation_rate, 2, 'dilation_rate'))
    return _from_channels_last(out, transposed, 2)


@in_graph
def separable_conv1d(x, depthwise_kernel, pointwise_kernel, strides=1,
                     padding='valid', data_format=None, dilation_rate=1):
    """1D convolution with separable filters.

    # Arguments
        x: input tensor
        depthwise_kernel: convolution kernel for the depthwise convolution.
        pointwise_kernel: kernel for the 1x1 convolution.
        strides: stride integer.
        padding: string, `"same"` or `"valid"`.
        data_format: string, `"channels_last"` or `"channels_first"`.
        dilation_rate: integer dilation rate.

    # Returns
        Output tensor.

    # Raises
        ValueError: If `data_format` or `padding` is invalid.
    """
    x, transposed = _to_channels_last(x, data_format, 1)
    stride = _tuple(strides, 1, 'strides')[0]
    dilation = _tuple(dilation_rate, 1, 'dilation_rate')[0]
    out = separable_conv2d(tf.expand_dims(x, 1),
                           tf.expand_dims(depthwise_kernel, 0),
                           tf.expand_dims(pointwise_kernel, 0),
                           strides=(stride, stride), padding=padding,
                           data_format='channels_last',
                           dilation_rate=(1, dilation))
    return _from_channels_last(tf.squeeze(out, [1]), transposed, 1)


@in_graph
def depthwise_conv2d(x, depthwise_kernel, strides=(1, 1), padding='valid',
                     data_format=None, dilation_rate=(1, 1)):
    """2D depthwise convolution (one filter bank per input channel).

    # Arguments
        x: input tensor
        depthwise_kernel: convolution kernel for the depthwise convolution
            `(rows, cols, in_channels, depth_multiplier)`.
        strides: strides tuple (length 2).
        padding: string, `"same"` or `"valid"`.
        data_format: string, `"channels_last"` or `"channels_first"`.
        dilation_rate: tuple of integers,
            dilation rates for the separable convolution.

    # Returns
        Output tensor.

    # Raises
        ValueError: If `data_format` or `padding` is invalid.
    """
    _check_channels('depthwise_conv2d', x, depthwise_kernel, -2, data_format)
    x, transposed = _to_channels_last(x, data_format, 2)
    out = tf.nn.depthwise_conv2d(
        x, depthwise_kernel,
        strides=(1,) + _tuple(strides, 2, 'strides') + (1,),
        padding=_padding(padding),
        dilations=_tuple(dilation_rate, 2, 'dilation_rate'))
    return _from_channels_last(out, transposed, 2)


def _pool(x, pool_size, strides, padding, data_format, pool_mode, spatial):
    if pool_mode not in ('max', 'avg'):
        raise ValueError('Invalid pool_mode: %r (expected "max" or "avg").'
                         % (pool_mode,))
    x, transposed = _to_channels_last(x, data_format, spatial)
    fn = tf.nn.max_pool if pool_mode == 'max' else tf.nn.avg_pool
    out = fn(x, ksize=_tuple(pool_size, spatial, 'pool_size'),
             strides=_tuple(strides, spatial, 'strides'),
             padding=_padding(padding), data_format=_TF_FORMATS[spatial])
    return _from_channels_last(out, transposed, spatial)


@in_graph
def pool2d(x, pool_size, strides=(1, 1), padding='valid', data_format=None,
           pool_mode='max'):
    """2D Pooling.

    # Arguments
        x: Tensor or variable.
        pool_size: tuple of 2 integers.
        strides: tuple of 2 integers.
        padding: string, `"same"` or `"valid"`.
        data_format: string, `"channels_last"` or `"channels_first"`.
        pool_mode: string, `"max"` or `"avg"` (padding excluded from the
            average).

    # Returns
        A tensor, result of 2D pooling.

    # Raises
        ValueError: if `data_format`, `padding` or `pool_mode` is invalid.
    """
    return _pool(x, pool_size, strides, padding, data_format, pool_mode, 2)


@in_graph
def pool3d(x, pool_size, strides=(1, 1, 1), padding='valid',
           data_format=None, pool_mode='max'):
    """3D Pooling.

    # Arguments
        x: Tensor or variable.
        pool_size: tuple of 3 integers.
        strides: tuple of 3 integers.
        padding: string, `"same"` or `"valid"`.
        data_format: string, `"channels_last"` or `"channels_first"`.
        pool_mode: string, `"max"` or `"avg"`.

    # Returns
        A tensor, result of 3D pooling.

    # Raises
        ValueError: if `data_format`, `padding` or `pool_mode` is invalid.
    """
    return _pool(x, pool_size, strides, padding, data_format, pool_mode, 3)


def _local_conv(inputs, kernel, kernel_size, strides, output_shape,
                data_format):
    """Unshared-weight convolution over `len(output_shape)` spatial axes.

    Each patch is flattened in the input's own memory order (channels
    first: `(channels, *window)`), then multiplied by its own kernel slice.
    """
    data_format = common.normalize_data_format(data_format)
    spatial = len(output_shape)
    kernel_size = _tuple(kernel_size, spatial, 'kernel_size')
    strides = _tuple(strides, spatial, 'strides')
    feature_dim = int_shape(kernel)[1]
    patches = []
    for position in itertools.product(*[range(n) for n in output_shape]):
        index = [slice(None)]
        if data_format == 'channels_first':
            index.append(slice(None))
        index += [slice(p * s, p * s + k)
                  for p, s, k in zip(position, strides, kernel_size)]
        patches.append(tf.reshape(inputs[tuple(index)],
                                  (1, -1, feature_dim)))
    # (positions, batch, filters) -> (batch, *output_shape, filters)
    output = batch_dot(concatenate(patches, axis=0), kernel)
    output = tf.transpose(output, (1, 0, 2))
    output = tf.reshape(output, (-1,) + tuple(output_shape) +
                        (int_shape(kernel)[-1],))
    return _from_channels_last(output, data_format == 'channels_first',
                               spatial)


@in_graph
def local_conv1d(inputs, kernel, kernel_size, strides, data_format=None):
    """Apply 1D conv with un-shared weights.

    # Arguments
        inputs: 3D tensor with shape: (batch_size, steps, input_dim)
            (`(batch_size, input_dim, steps)` for channels first).
        kernel: the unshared weight for convolution,
                with shape (output_length, feature_dim, filters)
        kernel_size: a tuple of a single integer,
                     specifying the length of the 1D convolution window
        strides: a tuple of a single integer,
                 specifying the stride length of the convolution
        data_format: the data format, channels_first or channels_last

    # Returns
        the tensor after 1d conv with un-shared weights,
        with shape (batch_size, output_length, filters)
    """
    return _local_conv(inputs, kernel, kernel_size, strides,
                       (int_shape(kernel)[0],), data_format)


@in_graph
def local_conv2d(inputs, kernel, kernel_size, strides, output_shape,
                 data_format=None):
    """Apply 2D conv with un-shared weights.

    # Arguments
        inputs: 4D tensor with shape:
                (batch_size, filters, new_rows, new_cols)
                if data_format='channels_first'
                or 4D tensor with shape:
                (batch_size, new_rows, new_cols, filters)
                if data_format='channels_last'.
        kernel: the unshared weight for convolution,
                with shape (output_items, feature_dim, filters)
        kernel_size: a tuple of 2 integers, specifying the
                     width and height of the 2D convolution window.
        strides: a tuple of 2 integers, specifying the strides
                 of the convolution along the width and height.
        output_shape: a tuple with (output_row, output_col)
        data_format: the data format, channels_first or channels_last

    # Returns
        A 4d tensor in `data_format` layout.
    """
    return _local_conv(inputs, kernel, kernel_size, strides,
                       tuple(output_shape), data_format)


def conv_input_length(output_length, filter_size, padding, stride):
    """Input length of a convolution that gives `output_length`
    (the rule of `keras.utils.conv_utils.conv_input_length`).

    # Arguments
        output_length: integer (or None).
        filter_size: integer.
        padding: one of "same", "valid", "full".
        stride: integer.

    # Returns
        The input length (integer), or None.

    # Raises
        ValueError: if `padding` is invalid.
    """
    if output_length is None:
        return None
    if padding == 'same':
        pad = filter_size // 2
    elif padding == 'valid':
        pad = 0
    elif padding == 'full':
        pad = filter_size - 1
    else:
        raise ValueError('Invalid padding: %r (expected "same", "valid" or '
                         '"full").' % (padding,))
    return (output_length - 1) * stride - 2 * pad + filter_size
