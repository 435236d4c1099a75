"""Functions of the multimodal fork's backend (`marcbs` additions):
count sketch, FFT round trip, per-sample convolution, shape matching."""
import numpy as np

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
