"""Utilities used by convolution layers: argument normalization and the
arithmetic of output/input lengths."""
from __future__ import absolute_import
from __future__ import division
from __future__ import print_function

import numpy as np
import six


_PADDINGS = ('valid', 'same', 'causal', 'full')


def normalize_tuple(value, n, name):
    """Transforms a single int or iterable of ints into an int tuple.

    # Arguments
        value: The value to validate and convert. Could be an int, or any
            iterable of ints.
        n: The size of the tuple to be returned.
        name: The name of the argument being validated, e.g. `strides` or
            `kernel_size`. This is only used to format error messages.

    # Returns
        A tuple of n integers.

    # Raises
        ValueError: If something else than an int/long or iterable thereof
            was passed.
    """
    if isinstance(value, six.integer_types) or isinstance(value, np.integer):
        return (int(value),) * n
    message = ('The `%s` argument must be a tuple of %d integers. '
               'Received: %s' % (name, n, value))
    try:
        value_tuple = tuple(value)
    except TypeError:
        raise ValueError(message)
    if len(value_tuple) != n:
        raise ValueError(message)
    for single_value in value_tuple:
        try:
            int(single_value)
        except (ValueError, TypeError):
            raise ValueError(message + ' including element %s of type %s'
                             % (single_value, type(single_value)))
    return tuple(int(v) if isinstance(v, np.integer) else v
                 for v in value_tuple)


def normalize_data_format(value):
    """Checks a `data_format` argument; `None` means the configured
    `image_data_format()`. Forwards to `keras.backend.normalize_data_format`.

    # Returns
        `'channels_first'` or `'channels_last'`.

    # Raises
        ValueError: for any other value.
    """
    from ..backend import common  # the engine loads on first use only
    return common.normalize_data_format(value)


def normalize_padding(value):
    """Checks and lower-cases a `padding` argument.

    # Arguments
        value: `'valid'`, `'same'`, `'causal'` or `'full'` (Theano's full
            convolution, Keras 0.x `border_mode='full'`), in any case.

    # Returns
        The padding name in lower case.

    # Raises
        ValueError: for any other value.
    """
    if not isinstance(value, six.string_types):
        raise ValueError('The `padding` argument must be a string, one of '
                         '"valid", "same" (or "causal" for Conv1D). '
                         'Received: %r' % (value,))
    padding = value.lower()
    if padding not in _PADDINGS:
        raise ValueError('The `padding` argument must be one of "valid", '
                         '"same", "full" (or "causal" for Conv1D). '
                         'Received: ' +
                         str(padding))
    return padding


def convert_kernel(kernel):
    """Converts a Numpy kernel matrix from Theano format to TensorFlow format.

    Also works reciprocally, since the transformation is its own inverse:
    every spatial axis is flipped, the two channel axes are kept.

    # Arguments
        kernel: Numpy array (3D, 4D or 5D).

    # Returns
        The converted kernel.

    # Raises
        ValueError: in case of invalid kernel shape or invalid data_format.
    """
    kernel = np.asarray(kernel)
    if not 3 <= kernel.ndim <= 5:
        raise ValueError('Invalid kernel shape: %s (expected a 3D, 4D or 5D '
                         'kernel).' % (kernel.shape,))
    slices = [slice(None, None, -1)] * (kernel.ndim - 2)
    slices += [slice(None), slice(None)]
    return np.copy(kernel[tuple(slices)])


def _check_padding(padding, allowed):
    if padding not in allowed:
        raise ValueError('Unknown padding %r: expected one of %s.'
                         % (padding, ', '.join(repr(p) for p in allowed)))


def _dilated(filter_size, dilation):
    return filter_size + (filter_size - 1) * (dilation - 1)


def conv_output_length(input_length, filter_size,
                       padding, stride, dilation=1):
    """Determines output length of a convolution given input length.

    # Arguments
        input_length: integer (or None when unknown).
        filter_size: integer.
        padding: one of `"same"`, `"valid"`, `"full"`, `"causal"`.
        stride: integer.
        dilation: dilation rate, integer.

    # Returns
        The output length (integer), or None.
    """
    if input_length is None:
        return None
    _check_padding(padding, _PADDINGS)
    dilated_filter_size = _dilated(filter_size, dilation)
    if padding in ('same', 'causal'):
        output_length = input_length
    elif padding == 'valid':
        output_length = input_length - dilated_filter_size + 1
    else:  # full
        output_length = input_length + dilated_filter_size - 1
    return (output_length + stride - 1) // stride


def _padding_amount(padding, filter_size):
    if padding == 'same':
        return filter_size // 2
    if padding == 'valid':
        return 0
    return filter_size - 1  # full


def conv_input_length(output_length, filter_size, padding, stride):
    """Determines input length of a convolution given output length.

    # Arguments
        output_length: integer (or None when unknown).
        filter_size: integer.
        padding: one of `"same"`, `"valid"`, `"full"`.
        stride: integer.

    # Returns
        The input length (integer), or None.
    """
    if output_length is None:
        return None
    _check_padding(padding, ('same', 'valid', 'full'))
    pad = _padding_amount(padding, filter_size)
    return (output_length - 1) * stride - 2 * pad + filter_size


def deconv_length(dim_size, stride_size, kernel_size, padding,
                  output_padding, dilation=1):
    """Determines output length of a transposed convolution given input length.

    # Arguments
        dim_size: Integer, the input length (or None when unknown).
        stride_size: Integer, the stride along the dimension of `dim_size`.
        kernel_size: Integer, the kernel size along the dimension of
            `dim_size`.
        padding: One of `"same"`, `"valid"`, `"full"`.
        output_padding: Integer, amount of padding along the output dimension,
            can be set to `None` in which case the output length is inferred.
        dilation: dilation rate, integer.

    # Returns
        The output length (integer), or None.
    """
    _check_padding(padding, ('same', 'valid', 'full'))
    if dim_size is None:
        return None
    kernel_size = _dilated(kernel_size, dilation)
    if output_padding is None:
        if padding == 'valid':
            return dim_size * stride_size + max(kernel_size - stride_size, 0)
        if padding == 'full':
            return dim_size * stride_size - (stride_size + kernel_size - 2)
        return dim_size * stride_size  # same
    pad = _padding_amount(padding, kernel_size)
    return ((dim_size - 1) * stride_size + kernel_size - 2 * pad +
            output_padding)
