"""Tests for keras.utils.conv_utils."""
import numpy as np
import pytest

from keras import backend as K
from keras.utils import conv_utils


def test_normalize_tuple():
    assert conv_utils.normalize_tuple(3, 2, 'strides') == (3, 3)
    assert conv_utils.normalize_tuple(np.int64(2), 1, 'strides') == (2,)
    assert conv_utils.normalize_tuple([1, 2, 3], 3, 'kernel_size') == (1, 2, 3)
    with pytest.raises(ValueError, match='`kernel_size` argument must be a '
                                         'tuple of 2 integers'):
        conv_utils.normalize_tuple((1, 2, 3), 2, 'kernel_size')
    with pytest.raises(ValueError, match='`strides`'):
        conv_utils.normalize_tuple(None, 2, 'strides')
    with pytest.raises(ValueError, match='including element a'):
        conv_utils.normalize_tuple((1, 'a'), 2, 'strides')


def test_normalize_padding():
    assert conv_utils.normalize_padding('SAME') == 'same'
    assert conv_utils.normalize_padding('valid') == 'valid'
    assert conv_utils.normalize_padding('causal') == 'causal'
    with pytest.raises(ValueError, match='Received: wrong'):
        conv_utils.normalize_padding('wrong')
    with pytest.raises(ValueError, match='padding'):
        conv_utils.normalize_padding(None)
    # Theano's full convolution (Keras 0.x `border_mode='full'`) runs on
    # both engines.
    assert conv_utils.normalize_padding('FULL') == 'full'


def test_normalize_data_format():
    assert conv_utils.normalize_data_format('Channels_First') == \
        'channels_first'
    assert conv_utils.normalize_data_format(None) == K.image_data_format()
    with pytest.raises(ValueError):
        conv_utils.normalize_data_format('channels_middle')


def _numpy_conv1d_length(n, k, stride, dilation, pad_left, pad_right):
    """Counts the windows a real strided, dilated convolution visits."""
    x = np.arange(n + pad_left + pad_right)
    span = (k - 1) * dilation + 1
    return len(x[:len(x) - span + 1:stride])


@pytest.mark.parametrize('n,k,stride,dilation', [
    (10, 3, 1, 1), (10, 3, 2, 1), (11, 4, 3, 1), (9, 3, 1, 2), (7, 2, 2, 3)])
def test_conv_output_length_matches_sliding_windows(n, k, stride, dilation):
    span = (k - 1) * dilation + 1
    assert conv_utils.conv_output_length(n, k, 'valid', stride, dilation) == \
        _numpy_conv1d_length(n, k, stride, dilation, 0, 0)
    assert conv_utils.conv_output_length(n, k, 'full', stride, dilation) == \
        _numpy_conv1d_length(n, k, stride, dilation, span - 1, span - 1)
    expected_same = -(-n // stride)
    assert conv_utils.conv_output_length(n, k, 'same', stride,
                                         dilation) == expected_same
    assert conv_utils.conv_output_length(n, k, 'causal', stride,
                                         dilation) == expected_same
    assert conv_utils.conv_output_length(None, k, 'same', stride) is None


def test_conv_output_length_bad_padding():
    with pytest.raises(ValueError, match='padding'):
        conv_utils.conv_output_length(5, 3, 'wrong', 1)


def test_conv_input_length_inverts_output_length():
    for padding in ('valid', 'same', 'full'):
        for n in (9, 10):
            out = conv_utils.conv_output_length(n, 3, padding, 1)
            assert conv_utils.conv_input_length(out, 3, padding, 1) == n
    assert conv_utils.conv_input_length(4, 3, 'valid', 2) == 9
    assert conv_utils.conv_input_length(None, 3, 'valid', 2) is None


def test_deconv_length():
    # without output_padding
    assert conv_utils.deconv_length(5, 2, 3, 'valid', None) == 11
    assert conv_utils.deconv_length(5, 2, 3, 'same', None) == 10
    assert conv_utils.deconv_length(5, 2, 3, 'full', None) == 7
    assert conv_utils.deconv_length(5, 1, 1, 'valid', None) == 5
    # with output_padding: (n - 1) * s + k - 2 * pad + output_padding
    assert conv_utils.deconv_length(5, 2, 3, 'valid', 1) == 12
    assert conv_utils.deconv_length(5, 2, 3, 'same', 1) == 10
    assert conv_utils.deconv_length(5, 2, 3, 'full', 0) == 7
    # dilation widens the kernel: 3 with dilation 2 spans 5
    assert conv_utils.deconv_length(5, 1, 3, 'valid', None, dilation=2) == 9
    assert conv_utils.deconv_length(None, 2, 3, 'same', None) is None
    # the transposed conv inverts the forward length for valid padding
    for n in (4, 7):
        out = conv_utils.deconv_length(n, 2, 3, 'valid', 0)
        assert conv_utils.conv_output_length(out, 3, 'valid', 2) == n


def test_convert_kernel_flips_spatial_axes_only():
    kernel = np.random.rand(3, 4, 2, 5)
    converted = conv_utils.convert_kernel(kernel)
    np.testing.assert_array_equal(converted, kernel[::-1, ::-1, :, :])
    np.testing.assert_array_equal(conv_utils.convert_kernel(converted),
                                  kernel)
    k3 = np.random.rand(3, 2, 2)
    np.testing.assert_array_equal(conv_utils.convert_kernel(k3), k3[::-1])
    with pytest.raises(ValueError, match='Invalid kernel shape'):
        conv_utils.convert_kernel(np.zeros((2, 2)))
