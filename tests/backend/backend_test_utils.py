"""Shared helpers of the cross-engine backend suite.

Every check builds a symbolic graph on one engine module
(`keras.backend.tensorflow_backend` or `keras.backend.theano_backend`),
compiles it once with `K.function`, and compares the results with the NumPy
reference `keras.backend.numpy_backend`: values (float32 tolerance), shapes,
`int_shape` of the symbolic results and dtypes.

`cover(*names)` records which backend functions a test exercises;
`test_backend_coverage.py` checks that every public function of each
engine is covered.
"""
import numpy as np

from keras.backend import numpy_backend as KNP

ENGINES = {
    'tensorflow': 'keras.backend.tensorflow_backend',
    'theano': 'keras.backend.theano_backend',
}

RTOL = 1e-4
ATOL = 1e-5

#: Names of backend functions exercised by at least one test.
COVERED = set()


def cover(*names):
    """Records `names` as exercised by the suite; returns them."""
    COVERED.update(names)
    return names


def covers(*names):
    """Decorator form of `cover`: registers at import time."""
    cover(*names)

    def decorate(test):
        return test
    return decorate


def rng(seed=1234):
    return np.random.RandomState(seed)


def randn(shape, seed=1234, low=-1., high=1., dtype='float32'):
    """Uniform values in `[low, high)` as float32 (or `dtype`)."""
    return rng(seed).uniform(low, high, size=shape).astype(dtype)


def as_list(x):
    return list(x) if isinstance(x, (list, tuple)) else [x]


def placeholders(K, arrays):
    return [K.placeholder(shape=a.shape, dtype=a.dtype.name) for a in arrays]


def run(K, build, inputs=(), feed_variables=False):
    """Builds `build(*symbolic_inputs)` on engine `K`, compiles one
    `K.function` and evaluates it on `inputs`.

    # Arguments
        K: engine module.
        build: callable taking one symbolic tensor per input array and
            returning a tensor or a list of tensors.
        inputs: NumPy arrays, fed through placeholders (or held in
            variables when `feed_variables`).

    # Returns
        `(values, symbolic_outputs)`, both lists.
    """
    inputs = [np.asarray(a) for a in inputs]
    if feed_variables:
        symbols = [K.variable(a, dtype=a.dtype.name) for a in inputs]
        feeds, values = [], []
    else:
        symbols = placeholders(K, inputs)
        feeds, values = symbols, inputs
    outputs = as_list(build(*symbols))
    # TensorFlow cannot fetch a tensor that is also fed: an op that returns
    # its input unchanged is fetched through `K.identity`.
    fetches = [K.identity(o) if any(o is s for s in feeds) else o
               for o in outputs]
    f = K.function(feeds, fetches)
    results = [np.asarray(r) for r in f(values)]
    return results, outputs


def assert_same_dtype_kind(got, expected, what=''):
    got, expected = np.asarray(got), np.asarray(expected)
    if expected.dtype.kind == 'f' or expected.dtype.kind == 'b':
        assert got.dtype == expected.dtype, (
            '%s: dtype %s, expected %s' % (what, got.dtype, expected.dtype))
    else:
        assert got.dtype.kind == expected.dtype.kind, (
            '%s: dtype %s, expected kind of %s' % (what, got.dtype,
                                                   expected.dtype))


def assert_int_shape(K, symbolic, expected_shape, what=''):
    """`K.int_shape` must be unknown or agree with the computed shape on
    every known dimension."""
    shape = K.int_shape(symbolic)
    if shape is None:
        return
    assert len(shape) == len(expected_shape), (
        '%s: int_shape %s, computed shape %s' % (what, shape, expected_shape))
    for got, want in zip(shape, expected_shape):
        assert got is None or got == want, (
            '%s: int_shape %s, computed shape %s' % (what, shape,
                                                     expected_shape))


def assert_close(K, got, expected, symbolic=None, rtol=RTOL, atol=ATOL,
                 what='', check_dtype=True):
    got, expected = np.asarray(got), np.asarray(expected)
    assert got.shape == expected.shape, (
        '%s: shape %s, expected %s' % (what, got.shape, expected.shape))
    if check_dtype:
        assert_same_dtype_kind(got, expected, what)
    if expected.dtype.kind in 'fc':
        np.testing.assert_allclose(got, expected, rtol=rtol, atol=atol,
                                   err_msg=what)
    else:
        np.testing.assert_array_equal(got, expected, err_msg=what)
    if symbolic is not None:
        assert_int_shape(K, symbolic, expected.shape, what)
        assert K.ndim(symbolic) == expected.ndim, (
            '%s: K.ndim %s, expected %s' % (what, K.ndim(symbolic),
                                            expected.ndim))
        if check_dtype and expected.dtype.kind in 'fb':
            assert K.dtype(symbolic) == expected.dtype.name, (
                '%s: K.dtype %s, expected %s' % (what, K.dtype(symbolic),
                                                 expected.dtype.name))


def check_operation(K, name, arrays, kwargs_list=({},), rtol=RTOL, atol=ATOL,
                    reference=None, check_dtype=True, feed_variables=False):
    """Evaluates `K.<name>(*arrays, **kwargs)` for each kwargs in one
    compiled function and compares with the NumPy reference.

    # Arguments
        K: engine module.
        name: backend function name.
        arrays: the positional tensor arguments, as NumPy arrays.
        kwargs_list: one dict of extra arguments per variant.
        reference: NumPy function; defaults to `numpy_backend.<name>`.
    """
    cover(name)
    fn = getattr(K, name)
    ref_fn = reference or getattr(KNP, name)

    def build(*symbols):
        return [fn(*symbols, **kw) for kw in kwargs_list]

    values, symbolic = run(K, build, arrays, feed_variables=feed_variables)
    for kw, got, sym in zip(kwargs_list, values, symbolic):
        expected = ref_fn(*arrays, **kw)
        assert_close(K, got, expected, sym, rtol=rtol, atol=atol,
                     what='%s(%s)' % (name, kw), check_dtype=check_dtype)


def check_single_tensor_operation(name, shape, K, kwargs_list=({},),
                                  low=-1., high=1., dtype='float32',
                                  seed=1234, **options):
    """One random input of `shape`; see `check_operation`."""
    x = randn(shape, seed, low, high, dtype)
    check_operation(K, name, [x], kwargs_list, **options)


def check_two_tensor_operation(name, shape_x, shape_y, K,
                               kwargs_list=({},), low=-1., high=1.,
                               **options):
    x = randn(shape_x, 1, low, high)
    y = randn(shape_y, 2, low, high)
    check_operation(K, name, [x, y], kwargs_list, **options)


def numeric_gradient(f, x, eps=1e-3):
    """Central differences of the scalar `f` at `x`, in float64."""
    x = np.asarray(x, dtype='float64')
    grad = np.zeros_like(x)
    flat, gflat = x.reshape(-1), grad.reshape(-1)
    for i in range(flat.size):
        old = flat[i]
        flat[i] = old + eps
        up = f(x)
        flat[i] = old - eps
        down = f(x)
        flat[i] = old
        gflat[i] = (up - down) / (2 * eps)
    return grad


def check_gradient(K, build, reference, arrays, rtol=2e-2, atol=2e-3):
    """Compares `K.gradients(sum(build(*x)), x)` with finite differences of
    the NumPy `reference` (same signature, on float64 arrays)."""
    cover('gradients')

    def graph(*symbols):
        loss = K.sum(build(*symbols))
        return K.gradients(loss, list(symbols))

    grads, _ = run(K, graph, arrays)
    for i, (got, a) in enumerate(zip(grads, arrays)):
        def scalar(xi, i=i):
            args = [np.asarray(b, 'float64') for b in arrays]
            args[i] = xi
            return float(np.sum(reference(*args)))
        expected = numeric_gradient(scalar, a)
        assert got.shape == a.shape
        np.testing.assert_allclose(got, expected, rtol=rtol, atol=atol,
                                   err_msg='gradient of input %d' % i)
