"""Functions of the multimodal fork's backend (`marcbs` additions):
count sketch, FFT round trip, per-sample convolution, shape matching."""
import numpy as np
import pytest

from keras.backend import numpy_backend as KNP

from backend_test_utils import covers, check_operation, cover, randn, run

cover('scan_conv1d')


@covers('count_sketch')
def test_count_sketch(engine):
    h = np.array([0, 3, 3, 1, 5], dtype='int32')
    s = np.array([1., -1., 1., 1., -1.], dtype='float32')
    x = randn((2, 5))
    values, _ = run(engine, lambda hh, ss, xx: engine.count_sketch(
        hh, ss, xx, d=6), [h, s, x])
    np.testing.assert_allclose(values[0], KNP.count_sketch(h, s, x, d=6),
                               rtol=1e-5, atol=1e-6)


@covers('fft', 'ifft', 'real')
def test_fft_ifft_round_trip(engine):
    x = randn((3, 8))

    def build(t):
        return engine.real(engine.ifft(engine.fft(t)))

    values, _ = run(engine, build, [x])
    np.testing.assert_allclose(values[0], x, rtol=1e-4, atol=1e-5)


def test_real_of_real_tensor(engine):
    x = randn((2, 3))
    values, _ = run(engine, engine.real, [x], feed_variables=True)
    np.testing.assert_allclose(values[0], x)


def test_scan_conv1d(engine):
    """Row `i` is the full convolution of `u[i]` and `v[i]`, cut to the
    length of `u` from `n // 2`."""
    u, v = randn((2, 6), 1), randn((2, 6), 2)
    check_operation(engine, 'scan_conv1d', [u, v])
    check_operation(engine, 'scan_conv1d', [randn((3, 5), 3),
                                            randn((3, 3), 4)])


@covers('equal_dimensions', 'funequal')
def test_equal_dimensions_and_funequal(engine):
    x = randn((1, 2, 4, 4), 1)
    same, smaller = randn((1, 2, 4, 4), 2), randn((1, 2, 3, 3), 3)
    check_operation(engine, 'equal_dimensions', [x, same])
    check_operation(engine, 'equal_dimensions', [x, smaller])
    check_operation(engine, 'funequal', [x, smaller])


@covers('set_subtensor', 'inc_subtensor')
def test_set_and_inc_subtensor_of_a_whole_slice(engine):
    """On the whole-tensor slice `t[:]` both engines agree: `set_subtensor`
    gives `v` broadcast to the shape of `t`, `inc_subtensor` gives `t + v`.
    (On partial slices TensorFlow cannot rebuild the full tensor: see the
    engine-specific tests.)"""
    t, v = randn((2, 3), 1), randn((3,), 2)

    def build(tt, vv):
        return [engine.set_subtensor(tt[:], vv),
                engine.inc_subtensor(tt[:], vv)]

    values, _ = run(engine, build, [t, v])
    np.testing.assert_allclose(values[0], np.broadcast_to(v, t.shape))
    np.testing.assert_allclose(values[1], t + v, rtol=1e-6)


@covers('conv_input_length')
def test_conv_input_length(engine):
    for out, size, stride in [(5, 3, 1), (4, 2, 2), (3, 3, 2), (7, 1, 3)]:
        assert engine.conv_input_length(out, size, 'valid', stride) == \
            (out - 1) * stride + size
        assert engine.conv_input_length(out, size, 'same', stride) == \
            (out - 1) * stride + size - 2 * (size // 2)
        assert engine.conv_input_length(out, size, 'full', stride) == \
            (out - 1) * stride + size - 2 * (size - 1)
    assert engine.conv_input_length(None, 3, 'same', 1) is None
    with pytest.raises(ValueError):
        engine.conv_input_length(3, 3, 'causal_or_not', 1)
