"""Reshaping, joining, padding, resizing and indexing on both engines."""
import numpy as np
import pytest

from keras.backend import numpy_backend as KNP

from backend_test_utils import (covers, check_single_tensor_operation,
                                check_operation, cover, randn, run,
                                assert_close)

# (name, shape, kwargs variants)
SINGLE = [
    ('reshape', (2, 3, 4), [{'shape': (6, 4)}, {'shape': (2, -1)},
                            {'shape': (4, 3, 2)}]),
    ('permute_dimensions', (2, 3, 4), [{'pattern': (2, 0, 1)},
                                       {'pattern': (0, 2, 1)}]),
    ('batch_flatten', (2, 3, 4), [{}]),
    ('flatten', (2, 3, 4), [{}]),
    ('expand_dims', (2, 3), [{}, {'axis': 0}, {'axis': 1}, {'axis': -1}]),
    ('squeeze', (2, 1, 3), [{'axis': 1}, {'axis': -2}]),
    ('tile', (2, 3), [{'n': (2, 3)}, {'n': [1, 2]}]),
    ('repeat', (2, 3), [{'n': 4}]),
    ('repeat_elements', (2, 3, 4), [{'rep': 2, 'axis': 1},
                                    {'rep': 3, 'axis': 2}]),
    ('repeatRdim', (2, 3, 4), [{'n': 2}, {'n': 3, 'axis': 2}]),
    ('reverse', (2, 3, 4), [{'axes': 1}, {'axes': [0, 2]}, {'axes': -1}]),
    ('slice', (3, 4, 5), [{'start': (1, 0, 2), 'size': (2, 3, 2)}]),
    ('pattern_broadcast', (2, 3), [{'broadcastable': (False, False)}]),
    ('identity', (2, 3), [{}]),
    ('temporal_padding', (2, 3, 4), [{}, {'padding': (0, 2)}]),
    ('spatial_2d_padding', (2, 3, 4, 2), [
        {}, {'padding': ((0, 1), (2, 0)), 'data_format': 'channels_last'},
        {'padding': ((1, 0), (0, 2)), 'data_format': 'channels_first'}]),
    ('spatial_3d_padding', (1, 2, 3, 2, 2), [
        {}, {'padding': ((0, 1), (1, 0), (0, 2)),
             'data_format': 'channels_first'}]),
    ('resize_images', (2, 3, 4, 2), [
        {'height_factor': 2, 'width_factor': 3,
         'data_format': 'channels_last'},
        {'height_factor': 1, 'width_factor': 2,
         'data_format': 'channels_first'}]),
    ('resize_volumes', (1, 2, 3, 2, 2), [
        {'depth_factor': 2, 'height_factor': 1, 'width_factor': 3,
         'data_format': 'channels_last'},
        {'depth_factor': 1, 'height_factor': 2, 'width_factor': 2,
         'data_format': 'channels_first'}]),
    ('zeros_like', (2, 3), [{}, {'dtype': 'int32'}]),
    ('ones_like', (2, 3), [{}, {'dtype': 'float32'}]),
    ('softmax_3d', (2, 3, 4), [{}]),
]

for _row in SINGLE:
    cover(_row[0])
cover('one_hot')


@pytest.mark.parametrize('name,shape,kwargs_list', SINGLE,
                         ids=[r[0] for r in SINGLE])
def test_single(engine, name, shape, kwargs_list):
    check_single_tensor_operation(name, shape, engine, kwargs_list)


@covers('shape', 'int_shape', 'ndim', 'size')
def test_shape_and_int_shape(engine):
    x = engine.placeholder(shape=(None, 3, 4))
    assert engine.int_shape(x) == (None, 3, 4)
    assert engine.ndim(x) == 3
    f = engine.function([x], [engine.shape(x), engine.size(x)])
    shape, size = f([np.zeros((2, 3, 4), 'float32')])
    assert list(shape) == [2, 3, 4]
    assert shape.dtype.kind == 'i'
    assert int(size) == 24
    v = engine.variable(np.zeros((2, 5)))
    assert engine.int_shape(v) == (2, 5)
    assert engine.int_shape(engine.shape(v)) == (2,)


@covers('concatenate', 'stack')
def test_concatenate_and_stack(engine):
    a, b, c = randn((2, 3), 1), randn((2, 3), 2), randn((2, 4), 3)

    def build(x, y, z):
        return [engine.concatenate([x, y], axis=0),
                engine.concatenate([x, y, z]),
                engine.concatenate([x, z], axis=-1),
                engine.stack([x, y]), engine.stack([x, y], axis=1),
                engine.stack([x, y, x], axis=-1)]

    values, symbolic = run(engine, build, [a, b, c])
    expected = [np.concatenate([a, b], 0), np.concatenate([a, b, c], -1),
                np.concatenate([a, c], -1), np.stack([a, b]),
                np.stack([a, b], 1), np.stack([a, b, a], -1)]
    for got, want, sym in zip(values, expected, symbolic):
        assert_close(engine, got, want, sym)


@covers('gather')
def test_gather(engine):
    ref = randn((5, 3))
    for indices in (np.array([0, 3, 3], 'int32'),
                    np.array([[1, 0], [4, 2]], 'int32')):
        check_operation(engine, 'gather', [ref, indices])


def test_one_hot(engine):
    indices = np.array([[0, 2], [1, 3]], dtype='int32')
    check_operation(engine, 'one_hot', [indices], [{'num_classes': 4}])


@covers('arange')
def test_arange(engine):

    def build():
        return [engine.arange(5), engine.arange(2, 8, 2),
                engine.arange(3, dtype='float32'),
                engine.arange(1, 4, dtype='int64')]

    values, symbolic = run(engine, build)
    expected = [KNP.arange(5), KNP.arange(2, 8, 2),
                KNP.arange(3, dtype='float32'),
                KNP.arange(1, 4, dtype='int64')]
    for got, want in zip(values, expected):
        np.testing.assert_array_equal(got, want)
        assert got.dtype == want.dtype


def test_reshape_with_symbolic_batch(engine):
    x = engine.placeholder(shape=(None, 3, 4))
    y = engine.reshape(x, (-1, 12))
    z = engine.reshape(x, engine.stack([engine.shape(x)[0], 12]))
    f = engine.function([x], [y, z])
    data = randn((2, 3, 4))
    for out in f([data]):
        np.testing.assert_array_equal(out, data.reshape(2, 12))


def test_squeeze_and_expand_dims_int_shape(engine):
    x = engine.placeholder(shape=(None, 1, 3))
    assert engine.int_shape(engine.squeeze(x, 1)) == (None, 3)
    assert engine.int_shape(engine.expand_dims(x, 1)) == (None, 1, 1, 3)
    assert engine.int_shape(engine.batch_flatten(
        engine.placeholder(shape=(None, 2, 3)))) == (None, 6)


def test_padding_unknown_data_format(engine):
    x = engine.placeholder(shape=(1, 2, 2, 1))
    with pytest.raises(ValueError) as err:
        engine.spatial_2d_padding(x, data_format='channels_middle')
    assert 'channels_last' in str(err.value)
    assert 'channels_first' in str(err.value)
