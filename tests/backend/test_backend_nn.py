"""Activations, losses, normalization, dropout and random ops."""
import numpy as np
import pytest

from keras.backend import numpy_backend as KNP

from backend_test_utils import (covers, check_single_tensor_operation,
                                check_operation, cover, randn, run,
                                assert_close)

ACTIVATIONS = [
    ('relu', (2, 5), [{}, {'alpha': 0.1}, {'max_value': 0.5},
                      {'threshold': 0.2}, {'alpha': 0.2, 'max_value': 0.6},
                      {'alpha': 0.3, 'threshold': -0.2, 'max_value': 6.},
                      {'max_value': 6.}], -2, 2),
    ('elu', (2, 5), [{}, {'alpha': 0.5}], -2, 2),
    ('sigmoid', (2, 5), [{}], -3, 3),
    ('hard_sigmoid', (2, 5), [{}], -4, 4),
    ('tanh', (2, 5), [{}], -2, 2),
    ('softplus', (2, 5), [{}], -3, 3),
    ('softsign', (2, 5), [{}], -3, 3),
    ('softmax', (2, 5), [{}, {'axis': 0}], -3, 3),
    ('softmax', (2, 3, 4), [{}, {'axis': 1}, {'axis': -1}], -3, 3),
    ('l2_normalize', (3, 4), [{'axis': 0}, {'axis': -1}, {'axis': None}],
     -1, 1),
    ('l1_normalize', (3, 4), [{'axis': 0}, {'axis': -1}], -1, 1),
]

for _row in ACTIVATIONS:
    cover(_row[0])
cover('binary_crossentropy', 'categorical_crossentropy',
      'sparse_categorical_crossentropy')


@pytest.mark.parametrize('name,shape,kwargs_list,low,high', ACTIVATIONS,
                         ids=['%s-%dd' % (r[0], len(r[1]))
                              for r in ACTIVATIONS])
def test_activation(engine, name, shape, kwargs_list, low, high):
    check_single_tensor_operation(name, shape, engine, kwargs_list,
                                  low=low, high=high)


def _probs(shape, seed):
    return KNP.softmax(randn(shape, seed, -2, 2)).astype('float32')


def test_binary_crossentropy(engine):
    target = (randn((3, 4), 1) > 0).astype('float32')
    output = randn((3, 4), 2, 0.05, 0.95)
    logits = randn((3, 4), 3, -3, 3)
    check_operation(engine, 'binary_crossentropy', [target, output])
    check_operation(engine, 'binary_crossentropy', [target, logits],
                    [{'from_logits': True}])


def test_categorical_crossentropy(engine):
    target = KNP.one_hot(np.array([0, 2, 1]), 3).astype('float32')
    check_operation(engine, 'categorical_crossentropy',
                    [target, _probs((3, 3), 1)])
    check_operation(engine, 'categorical_crossentropy',
                    [target, randn((3, 3), 2, -2, 2)],
                    [{'from_logits': True}])
    # unnormalized probabilities are rescaled to sum to one
    check_operation(engine, 'categorical_crossentropy',
                    [target, randn((3, 3), 3, 0.1, 0.9)])
    # class axis first
    check_operation(engine, 'categorical_crossentropy',
                    [target.T.copy(), _probs((3, 3), 4).T.copy()],
                    [{'axis': 0}])


def test_sparse_categorical_crossentropy(engine):
    target = np.array([0, 2, 1], dtype='int32')
    check_operation(engine, 'sparse_categorical_crossentropy',
                    [target, _probs((3, 3), 1)])
    check_operation(engine, 'sparse_categorical_crossentropy',
                    [target, randn((3, 3), 2, -2, 2)],
                    [{'from_logits': True}])
    seq_target = np.array([[0, 1], [2, 2]], dtype='int32')
    check_operation(engine, 'sparse_categorical_crossentropy',
                    [seq_target, _probs((2, 2, 3), 3)])


@covers('batch_normalization')
def test_batch_normalization(engine):
    x = randn((3, 4, 2))
    mean, var = randn((2,), 1), randn((2,), 2, 0.5, 1.5)
    beta, gamma = randn((2,), 3), randn((2,), 4, 0.5, 1.5)
    check_operation(engine, 'batch_normalization',
                    [x, mean, var, beta, gamma],
                    [{}, {'epsilon': 0.1}])
    # channels on axis 1, statistics given in broadcastable shape
    mean1 = randn((1, 4, 1), 5)
    var1 = randn((1, 4, 1), 6, 0.5, 1.5)
    beta1, gamma1 = randn((1, 4, 1), 7), randn((1, 4, 1), 8)
    check_operation(engine, 'batch_normalization',
                    [x, mean1, var1, beta1, gamma1], [{'axis': 1}])


@covers('normalize_batch_in_training')
def test_normalize_batch_in_training(engine):
    x = randn((4, 3, 2))
    gamma, beta = randn((2,), 1, 0.5, 1.5), randn((2,), 2)

    def build(t, g, b):
        return list(engine.normalize_batch_in_training(t, g, b, [0, 1]))

    values, symbolic = run(engine, build, [x, gamma, beta])
    expected = KNP.normalize_batch_in_training(x, gamma, beta, [0, 1])
    for got, want, sym in zip(values, expected, symbolic):
        assert_close(engine, got, want, sym, rtol=1e-3, atol=1e-4)


def test_normalize_batch_in_training_channels_first(engine):
    x = randn((4, 2, 3))
    gamma, beta = randn((2,), 1, 0.5, 1.5), randn((2,), 2)

    def build(t, g, b):
        return list(engine.normalize_batch_in_training(t, g, b, [0, 2]))

    values, _ = run(engine, build, [x, gamma, beta])
    expected = KNP.normalize_batch_in_training(x, gamma, beta, [0, 2])
    for got, want in zip(values, expected):
        np.testing.assert_allclose(got, want, rtol=1e-3, atol=1e-4)


@covers('bias_add')
def test_bias_add(engine):
    x = randn((2, 3, 4))
    check_operation(engine, 'bias_add', [x, randn((4,), 1)],
                    [{}, {'data_format': 'channels_last'}])
    check_operation(engine, 'bias_add', [x, randn((3,), 2)],
                    [{'data_format': 'channels_first'}])
    x4 = randn((2, 3, 4, 5))
    check_operation(engine, 'bias_add', [x4, randn((3, 4, 5), 3)],
                    [{'data_format': 'channels_last'}])


def test_bias_add_errors(engine):
    x = engine.placeholder(shape=(2, 3, 4))
    with pytest.raises(ValueError):
        engine.bias_add(x, engine.variable(np.zeros((2, 2, 2, 2))))
    with pytest.raises(ValueError) as err:
        engine.bias_add(x, engine.variable(np.zeros(4)),
                        data_format='channels_middle')
    assert 'channels_first' in str(err.value)


@covers('in_top_k')
def test_in_top_k(engine):
    predictions = np.array([[0.1, 0.5, 0.4], [0.3, 0.3, 0.4],
                            [0.9, 0.05, 0.05]], dtype='float32')
    targets = np.array([2, 0, 1], dtype='int32')

    def build(p, t):
        return [engine.in_top_k(p, t, k) for k in (1, 2, 3)]

    values, _ = run(engine, build, [predictions, targets])
    for k, got in zip((1, 2, 3), values):
        expected = KNP.in_top_k(predictions, targets, k)
        np.testing.assert_array_equal(got.astype(bool), expected,
                                      err_msg='k=%d' % k)


@covers('dropout')
def test_dropout(engine):
    x = np.ones((200, 50), dtype='float32')
    values, symbolic = run(engine, lambda t: engine.dropout(t, 0.3, seed=1),
                           [x])
    out = values[0]
    assert out.shape == x.shape and out.dtype == np.float32
    kept = out != 0
    np.testing.assert_allclose(out[kept], 1. / 0.7, rtol=1e-5)
    assert abs(kept.mean() - 0.7) < 0.03
    assert abs(out.mean() - 1.) < 0.05


def test_dropout_noise_shape(engine):
    x = np.ones((4, 100, 3), dtype='float32')
    values, _ = run(engine, lambda t: engine.dropout(
        t, 0.5, noise_shape=(4, 1, 3), seed=2), [x])
    out = values[0]
    # the mask is shared along the time axis
    assert (out == out[:, :1, :]).all()


RANDOM = [
    ('random_normal', {'mean': 1., 'stddev': 2.}, 1., 2.),
    ('random_uniform', {'minval': -1., 'maxval': 3.}, 1., 4. / np.sqrt(12)),
    ('truncated_normal', {'mean': 0., 'stddev': 1.}, 0., 0.8796),
    ('random_binomial', {'p': 0.3}, 0.3, np.sqrt(0.21)),
]

for _row in RANDOM:
    cover(_row[0])


@pytest.mark.parametrize('name,kwargs,mean,std', RANDOM,
                         ids=[r[0] for r in RANDOM])
def test_random_tensor(engine, name, kwargs, mean, std):
    shape = (200, 100)

    def build():
        return [getattr(engine, name)(shape, seed=7, **kwargs),
                getattr(engine, name)((3, 4), dtype='float64', seed=3,
                                      **kwargs)]

    values, symbolic = run(engine, build)
    x, x64 = values
    assert x.shape == shape and x.dtype == np.float32
    assert engine.int_shape(symbolic[0]) == shape
    assert x64.dtype == np.float64 and x64.shape == (3, 4)
    assert abs(x.mean() - mean) < 0.05 * max(1., std)
    assert abs(x.std() - std) < 0.05 * max(1., std)
    if name == 'random_uniform':
        assert x.min() >= -1. and x.max() < 3.
    if name == 'truncated_normal':
        assert np.abs(x).max() <= 2. + 1e-5
    if name == 'random_binomial':
        assert set(np.unique(x)) <= {0., 1.}


def test_random_seed_gives_same_values(engine):
    a = engine.eval(engine.random_uniform((5,), seed=11))
    b = engine.eval(engine.random_uniform((5,), seed=11))
    c = engine.eval(engine.random_uniform((5,), seed=12))
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)


@covers('random_normal_variable', 'random_uniform_variable')
def test_random_variables(engine):
    n = engine.random_normal_variable((100, 100), 2., 0.5, seed=1)
    u = engine.random_uniform_variable((100, 100), -2., -1., seed=2,
                                       dtype='float64')
    assert engine.is_variable(n) and engine.is_variable(u)
    nv, uv = engine.get_value(n), engine.get_value(u)
    assert nv.dtype == np.float32 and uv.dtype == np.float64
    assert abs(nv.mean() - 2.) < 0.05 and abs(nv.std() - 0.5) < 0.05
    assert uv.min() >= -2. and uv.max() < -1.


def test_softmax_3d_rejects_4d(engine):
    with pytest.raises(Exception):
        engine.softmax_3d(engine.placeholder(shape=(1, 2, 3, 4)))
