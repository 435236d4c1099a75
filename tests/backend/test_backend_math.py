"""Element-wise ops, reductions, comparisons and products on both engines,
compared with the NumPy reference."""
import numpy as np
import pytest

from keras.backend import numpy_backend as KNP

from backend_test_utils import (covers, check_single_tensor_operation,
                                check_two_tensor_operation, check_operation,
                                cover, randn, run, assert_close)

# (name, shape, kwargs variants, low, high)
UNARY = [
    ('abs', (2, 3), [{}], -1, 1),
    ('square', (2, 3), [{}], -1, 1),
    ('sqrt', (2, 3), [{}], 0.1, 2),
    ('exp', (2, 3), [{}], -1, 1),
    ('log', (2, 3), [{}], 0.1, 2),
    ('log2', (2, 3), [{}], 0.1, 2),
    ('round', (2, 3), [{}], -3, 3),
    ('sign', (2, 3), [{}], -1, 1),
    ('sin', (2, 3), [{}], -3, 3),
    ('cos', (2, 3), [{}], -3, 3),
    ('ceil', (2, 3), [{}], -3, 3),
    ('floor', (2, 3), [{}], -3, 3),
    ('transpose', (2, 3), [{}], -1, 1),
    ('tril', (3, 3), [{}], -1, 1),
    ('pow', (2, 3), [{'a': 2}, {'a': 3}, {'a': 0.5}], 0.1, 2),
    ('clip', (2, 3), [{'min_value': -0.5, 'max_value': 0.5},
                      {'min_value': 0.2, 'max_value': 0.1}], -1, 1),
    ('max', (2, 3, 4), [{}, {'axis': 1}, {'axis': -1, 'keepdims': True},
                        {'axis': [0, 2]}], -1, 1),
    ('min', (2, 3, 4), [{}, {'axis': 1}, {'axis': -1, 'keepdims': True},
                        {'axis': [0, 2]}], -1, 1),
    ('sum', (2, 3, 4), [{}, {'axis': 1}, {'axis': -1, 'keepdims': True},
                        {'axis': [0, 2]}], -1, 1),
    ('prod', (2, 3, 4), [{}, {'axis': 1}, {'axis': -1, 'keepdims': True}],
     0.5, 1.5),
    ('mean', (2, 3, 4), [{}, {'axis': 1}, {'axis': -1, 'keepdims': True},
                         {'axis': [0, 2]}], -1, 1),
    ('var', (2, 3, 4), [{}, {'axis': 1}, {'axis': -1, 'keepdims': True}],
     -1, 1),
    ('std', (2, 3, 4), [{}, {'axis': 1}, {'axis': -1, 'keepdims': True}],
     -1, 1),
    ('logsumexp', (2, 3, 4),
     [{}, {'axis': 1}, {'axis': -1, 'keepdims': True}], -1, 1),
    ('cumsum', (2, 3, 4), [{}, {'axis': 1}, {'axis': -1}], -1, 1),
    ('cumprod', (2, 3, 4), [{}, {'axis': 1}, {'axis': -1}], 0.5, 1.5),
    ('argmax', (2, 3, 4), [{}, {'axis': 1}, {'axis': 0}], -1, 1),
    ('argmin', (2, 3, 4), [{}, {'axis': 1}, {'axis': 0}], -1, 1),
]

BINARY = [
    ('maximum', (2, 3), (2, 3)),
    ('minimum', (2, 3), (2, 3)),
    ('equal', (2, 3), (2, 3)),
    ('not_equal', (2, 3), (2, 3)),
    ('greater', (2, 3), (2, 3)),
    ('greater_equal', (2, 3), (2, 3)),
    ('less', (2, 3), (2, 3)),
    ('less_equal', (2, 3), (2, 3)),
    ('dot', (2, 3), (3, 4)),
    ('dot', (2, 4, 3), (3, 5)),
    ('dot', (2, 3), (4, 3, 5)),
    ('dot', (2, 3, 4), (5, 4, 3)),
]

for _row in UNARY + BINARY:
    cover(_row[0])
cover('dot_product')


@pytest.mark.parametrize('name,shape,kwargs_list,low,high', UNARY,
                         ids=[r[0] for r in UNARY])
def test_unary(engine, name, shape, kwargs_list, low, high):
    check_single_tensor_operation(name, shape, engine, kwargs_list,
                                  low=low, high=high)


@pytest.mark.parametrize('name,shape_x,shape_y', BINARY,
                         ids=['%s-%s-%s' % r for r in BINARY])
def test_binary(engine, name, shape_x, shape_y):
    check_two_tensor_operation(name, shape_x, shape_y, engine)


def test_comparisons_with_equal_values(engine):
    """Ties matter for the (non-)strict comparisons."""
    x = np.array([[0., 1., 2.]], dtype='float32')
    y = np.array([[0., 2., 1.]], dtype='float32')
    for name in ('equal', 'not_equal', 'greater', 'greater_equal', 'less',
                 'less_equal', 'maximum', 'minimum'):
        check_operation(engine, name, [x, y])


@covers('any', 'all')
def test_any_all(engine):
    x = np.array([[0, 1, 0], [0, 0, 0]], dtype='float32')
    variants = [{}, {'axis': 1}, {'axis': 0, 'keepdims': True}]
    for name in ('any', 'all'):
        check_operation(engine, name, [x], variants)
        check_operation(engine, name, [x > 0], variants)


def test_round_half_to_even(engine):
    x = np.array([-2.5, -1.5, -0.5, 0.5, 1.5, 2.5], dtype='float32')
    check_operation(engine, 'round', [x])


def test_sqrt_of_negative_is_zero(engine):
    """Keras clips the input of sqrt at 0."""
    check_operation(engine, 'sqrt', [np.array([-1., 0., 4.], 'float32')])


def test_pow_with_tensor_exponent_broadcast(engine):
    x = randn((2, 3), low=0.5, high=2)
    values, _ = run(engine, lambda t: engine.pow(t, 2.), [x])
    np.testing.assert_allclose(values[0], x ** 2, rtol=1e-5)


def test_operators_on_tensors(engine):
    """Python operators on symbolic tensors behave like NumPy's."""
    x, y = randn((2, 3), 1), randn((2, 3), 2, low=0.5, high=1.5)

    def build(a, b):
        return [a + b, a - b, a * b, a / b, -a, a ** 2, a + 1., 2. * b]

    values, symbolic = run(engine, build, [x, y])
    expected = [x + y, x - y, x * y, x / y, -x, x ** 2, x + 1., 2. * y]
    for got, want, sym in zip(values, expected, symbolic):
        assert_close(engine, got, want, sym)


@covers('batch_dot')
def test_batch_dot(engine):
    cases = [((3, 4), (3, 4), 1), ((3, 4), (3, 4), None),
             ((3, 4, 5), (3, 5, 2), None), ((3, 4, 5), (3, 5, 2), (2, 1)),
             ((3, 4, 5), (3, 4, 2), (1, 1)), ((3, 4), (3, 4, 5), (1, 1)),
             ((3, 4, 5), (3, 5), (2, 1)), ((3, 2, 4, 5), (3, 5, 6), (3, 1))]
    arrays, pairs = [], []
    for i, (sx, sy, axes) in enumerate(cases):
        arrays += [randn(sx, 2 * i), randn(sy, 2 * i + 1)]
        pairs.append(axes)

    def build(*symbols):
        return [engine.batch_dot(symbols[2 * i], symbols[2 * i + 1], axes=ax)
                for i, ax in enumerate(pairs)]

    values, symbolic = run(engine, build, arrays)
    for i, axes in enumerate(pairs):
        expected = KNP.batch_dot(arrays[2 * i], arrays[2 * i + 1], axes)
        assert_close(engine, values[i], expected, symbolic[i],
                     what='batch_dot %s %s' % (cases[i], axes))


def test_batch_dot_reference_example():
    """The documented Keras example: (32, 20, 1) . (32, 30, 20) over (1, 2)
    gives (32, 1, 30)."""
    x, y = np.ones((32, 20, 1)), np.ones((32, 30, 20))
    assert KNP.batch_dot(x, y, axes=(1, 2)).shape == (32, 1, 30)


@covers('dot', 'batch_dot')
def test_dot_incompatible_shapes(engine):
    x = engine.placeholder(shape=(2, 3))
    y = engine.placeholder(shape=(4, 5))
    with pytest.raises((ValueError, TypeError)):
        engine.dot(x, y)
    a = engine.placeholder(shape=(2, 3, 4))
    b = engine.placeholder(shape=(2, 5, 6))
    with pytest.raises((ValueError, TypeError)):
        engine.batch_dot(a, b, axes=(2, 1))


def test_dot_with_unknown_batch(engine):
    x = engine.placeholder(shape=(None, 3))
    w = engine.variable(randn((3, 4)))
    y = engine.dot(x, w)
    assert engine.int_shape(y) == (None, 4)
    f = engine.function([x], [y])
    data = randn((5, 3), 7)
    np.testing.assert_allclose(f([data])[0], data.dot(engine.get_value(w)),
                               rtol=1e-5, atol=1e-6)


def test_dot_product(engine):
    x = randn((2, 3, 4))
    k = randn((4,), 9)
    check_operation(engine, 'dot_product', [x, k])


def test_argmax_dtype_is_integer(engine):
    values, symbolic = run(engine, lambda t: engine.argmax(t, axis=-1),
                           [randn((2, 5))])
    assert values[0].dtype.kind == 'i'
    assert engine.dtype(symbolic[0]).startswith('int')
