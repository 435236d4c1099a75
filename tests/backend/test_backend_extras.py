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


def test_scan_conv1d_convolves_each_pair(engine):
    """Row `i` of the result is a 1D convolution of `u[i]` with `v[i]`
    (the border mode is the engine's: full, same, valid or circular)."""
    u, v = randn((2, 6), 1), randn((2, 6), 2)
    values, _ = run(engine, engine.scan_conv1d, [u, v])
    out = np.asarray(values[0])
    assert out.shape[0] == 2
    for i in range(2):
        candidates = [np.convolve(u[i], v[i], mode) for mode in
                      ('full', 'same', 'valid')]
        candidates.append(np.real(np.fft.ifft(np.fft.fft(u[i]) *
                                              np.fft.fft(v[i]))))
        assert any(c.shape == out[i].shape and
                   np.allclose(c, out[i], rtol=1e-4, atol=1e-4)
                   for c in candidates), out[i]


@covers('equal_dimensions', 'funequal')
def test_equal_dimensions_and_funequal(engine):
    x = randn((1, 2, 4, 4), 1)
    same, smaller = randn((1, 2, 4, 4), 2), randn((1, 2, 3, 3), 3)
    check_operation(engine, 'equal_dimensions', [x, same])
    check_operation(engine, 'equal_dimensions', [x, smaller])
    check_operation(engine, 'funequal', [x, smaller])
