"""Self-checks of the NumPy reference (`keras.backend.numpy_backend`)
against independent formulations, so that engine comparisons rest on a
trusted baseline. No engine is involved."""
import numpy as np
import pytest

from keras.backend import numpy_backend as KNP

from backend_test_utils import randn

CL, CF = 'channels_last', 'channels_first'


def test_conv3d_matches_scipy():
    from scipy.signal import correlate
    x, k = randn((1, 4, 5, 3, 2), 1), randn((2, 3, 2, 2, 3), 2)
    expected = np.zeros((1, 3, 3, 2, 3))
    for o in range(3):
        expected[0, ..., o] = sum(correlate(x[0, ..., c], k[..., c, o],
                                            mode='valid') for c in range(2))
    np.testing.assert_allclose(KNP.conv3d(x, k, data_format=CL), expected,
                               rtol=1e-5, atol=1e-5)


def test_channels_first_is_a_transpose_of_channels_last():
    x, k = randn((2, 5, 6, 3), 1), randn((3, 2, 3, 4), 2)
    cl = KNP.conv2d(x, k, strides=(2, 1), padding='same', data_format=CL)
    cf = KNP.conv2d(np.moveaxis(x, -1, 1), k, strides=(2, 1),
                    padding='same', data_format=CF)
    np.testing.assert_allclose(np.moveaxis(cf, 1, -1), cl, rtol=1e-6)


def test_same_padding_output_sizes():
    x = randn((1, 7, 8, 1))
    for strides in [(1, 1), (2, 2), (3, 2)]:
        for ksize in [(1, 1), (2, 3), (3, 3)]:
            out = KNP.conv2d(x, randn(ksize + (1, 1)), strides=strides,
                             padding='same', data_format=CL)
            assert out.shape[1:3] == (-(-7 // strides[0]),
                                      -(-8 // strides[1]))


def test_causal_conv1d_is_left_padded_valid_conv():
    x, k = randn((2, 6, 3), 1), randn((3, 3, 2), 2)
    padded = np.pad(x, ((0, 0), (4, 0), (0, 0)))
    np.testing.assert_allclose(
        KNP.conv1d(x, k, padding='causal', dilation_rate=2, data_format=CL),
        KNP.conv1d(padded, k, dilation_rate=2, data_format=CL), rtol=1e-6)


def test_dilated_conv_equals_conv_with_dilated_kernel():
    x, k = randn((1, 7, 7, 2), 1), randn((2, 2, 2, 3), 2)
    big = np.zeros((3, 3, 2, 3), 'float32')
    big[::2, ::2] = k
    np.testing.assert_allclose(
        KNP.conv2d(x, k, dilation_rate=(2, 2), data_format=CL),
        KNP.conv2d(x, big, data_format=CL), rtol=1e-6)


def test_depthwise_is_per_channel_conv():
    x, k = randn((2, 5, 5, 3), 1), randn((2, 2, 3, 2), 2)
    out = KNP.depthwise_conv2d(x, k, data_format=CL)
    for c in range(3):
        single = KNP.conv2d(x[..., c:c + 1], k[:, :, c:c + 1, :],
                            data_format=CL)
        np.testing.assert_allclose(out[..., 2 * c:2 * c + 2], single,
                                   rtol=1e-6)


def test_separable_is_depthwise_then_pointwise():
    x = randn((2, 5, 5, 3), 1)
    dk, pk = randn((3, 3, 3, 2), 2), randn((1, 1, 6, 4), 3)
    expected = KNP.conv2d(KNP.depthwise_conv2d(x, dk, data_format=CL), pk,
                          data_format=CL)
    np.testing.assert_allclose(
        KNP.separable_conv2d(x, dk, pk, data_format=CL), expected, rtol=1e-5)


def test_local_conv2d_with_shared_kernel_is_conv2d():
    x, k = randn((2, 4, 5, 2), 1), randn((2, 3, 2, 3), 2)
    flat = k.reshape(-1, 3)     # (rows, cols, channels) order, channels last
    kernel = np.stack([flat] * 9)
    out = KNP.local_conv2d(x, kernel, (2, 3), (1, 1), (3, 3),
                           data_format=CL)
    np.testing.assert_allclose(out, KNP.conv2d(x, k, data_format=CL),
                               rtol=1e-5)


def test_avg_pool_same_counts_only_real_elements():
    x = np.ones((1, 3, 3, 1), 'float32')
    out = KNP.pool2d(x, (2, 2), strides=(2, 2), padding='same',
                     pool_mode='avg', data_format=CL)
    np.testing.assert_array_equal(out, np.ones((1, 2, 2, 1)))


def test_max_pool_ignores_padding():
    x = -np.ones((1, 3, 3, 1), 'float32')
    out = KNP.pool2d(x, (2, 2), strides=(2, 2), padding='same',
                     data_format=CL)
    np.testing.assert_array_equal(out, -np.ones((1, 2, 2, 1)))


def test_batch_dot_matches_einsum():
    x, y = randn((3, 4, 5), 1), randn((3, 5, 2), 2)
    np.testing.assert_allclose(KNP.batch_dot(x, y, (2, 1)),
                               np.einsum('bij,bjk->bik', x, y), rtol=1e-5)
    a, b = randn((3, 4), 3), randn((3, 4), 4)
    np.testing.assert_allclose(KNP.batch_dot(a, b, 1),
                               np.sum(a * b, 1, keepdims=True), rtol=1e-5)
    with pytest.raises(ValueError):
        KNP.batch_dot(x, y, (0, 1))


def test_sparse_and_dense_crossentropy_agree():
    probs = KNP.softmax(randn((4, 3), 1, -2, 2))
    target = np.array([0, 2, 1, 1])
    np.testing.assert_allclose(
        KNP.sparse_categorical_crossentropy(target, probs),
        KNP.categorical_crossentropy(KNP.one_hot(target, 3), probs),
        rtol=1e-5)
    logits = randn((4, 3), 2, -2, 2)
    np.testing.assert_allclose(
        KNP.binary_crossentropy(np.ones((4, 3)), KNP.sigmoid(logits)),
        KNP.binary_crossentropy(np.ones((4, 3)), logits, from_logits=True),
        rtol=1e-4)


def _step(x, states):
    h = states[0]
    out = np.tanh(x.sum(-1, keepdims=True) + h)
    return out, [out]


def test_rnn_mask_repeats_previous_output_and_state():
    x = randn((2, 4, 3), 1)
    h0 = randn((2, 1), 2)
    mask = np.array([[1, 1, 0, 1], [1, 0, 0, 0]])
    last, outs, states = KNP.rnn(_step, x, [h0], mask=mask)
    np.testing.assert_array_equal(outs[0, 2], outs[0, 1])
    np.testing.assert_array_equal(outs[1, 1:], np.repeat(outs[1, :1], 3, 0))
    np.testing.assert_array_equal(states[0], last)
    full = KNP.rnn(_step, x, [h0], mask=np.ones((2, 4)))
    np.testing.assert_allclose(full[1], KNP.rnn(_step, x, [h0])[1])


def test_rnn_go_backwards_reads_reversed_input():
    x, h0 = randn((2, 4, 3), 1), randn((2, 1), 2)
    back = KNP.rnn(_step, x, [h0], go_backwards=True)
    forward = KNP.rnn(_step, x[:, ::-1], [h0])
    for a, b in zip(back[:2], forward[:2]):
        np.testing.assert_allclose(a, b)


def test_conv_transpose_shapes_and_errors():
    x, k = randn((1, 3, 3, 2), 1), randn((3, 3, 4, 2), 2)
    assert KNP.conv2d_transpose(x, k, (1, 7, 7, 4), strides=(2, 2),
                                data_format=CL).shape == (1, 7, 7, 4)
    with pytest.raises(ValueError):
        KNP.conv2d(x, k, padding='full', data_format=CL)
    with pytest.raises(ValueError):
        KNP.pool2d(x, (2, 2), pool_mode='median', data_format=CL)
