"""Tests of keras.preprocessing.sequence."""
import json

import numpy as np
import pytest

from keras.preprocessing import sequence
from keras.preprocessing.sequence import TimeseriesGenerator
from keras.utils.data_utils import Sequence


def test_pad_sequences_sides_and_value():
    a = [[1], [1, 2], [1, 2, 3]]
    np.testing.assert_array_equal(
        sequence.pad_sequences(a, maxlen=3, padding='pre'),
        [[0, 0, 1], [0, 1, 2], [1, 2, 3]])
    np.testing.assert_array_equal(
        sequence.pad_sequences(a, maxlen=3, padding='post'),
        [[1, 0, 0], [1, 2, 0], [1, 2, 3]])
    np.testing.assert_array_equal(
        sequence.pad_sequences(a, maxlen=2, truncating='pre'),
        [[0, 1], [1, 2], [2, 3]])
    np.testing.assert_array_equal(
        sequence.pad_sequences(a, maxlen=2, truncating='post'),
        [[0, 1], [1, 2], [1, 2]])
    np.testing.assert_array_equal(
        sequence.pad_sequences(a, maxlen=3, value=1),
        [[1, 1, 1], [1, 1, 2], [1, 2, 3]])
    out = sequence.pad_sequences(a)
    assert out.shape == (3, 3) and out.dtype == np.int32


def test_pad_sequences_float_dtype_empty_and_vectors():
    out = sequence.pad_sequences([[0.5, 1.5], []], maxlen=3, dtype='float32',
                                 value=-1.)
    np.testing.assert_allclose(out, [[-1., 0.5, 1.5], [-1., -1., -1.]])
    assert out.dtype == np.float32
    vec = [np.ones((2, 4)), np.zeros((1, 4))]
    out = sequence.pad_sequences(vec, maxlen=3, dtype='float32',
                                 padding='post')
    assert out.shape == (2, 3, 4)
    np.testing.assert_allclose(out[0, :2], 1.)
    np.testing.assert_allclose(out[0, 2], 0.)
    assert sequence.pad_sequences([]).shape == (0, 0)


def test_pad_sequences_strings():
    a = [['a'], ['a', 'b'], ['a', 'b', 'c']]
    out = sequence.pad_sequences(a, maxlen=3, dtype=object, value='pad')
    assert out.tolist() == [['pad', 'pad', 'a'], ['pad', 'a', 'b'],
                            ['a', 'b', 'c']]
    out = sequence.pad_sequences(a, maxlen=2, dtype='<U3', value='x',
                                 padding='post', truncating='post')
    assert out.tolist() == [['a', 'x'], ['a', 'b'], ['a', 'b']]
    with pytest.raises(ValueError, match='dtype=object'):
        sequence.pad_sequences(a, dtype='int32', value='pad')


def test_pad_sequences_errors():
    with pytest.raises(ValueError, match='Padding type "middle"'):
        sequence.pad_sequences([[1]], padding='middle')
    with pytest.raises(ValueError, match='Truncating type "x"'):
        sequence.pad_sequences([[1]], truncating='x')
    with pytest.raises(ValueError, match='non-iterable at position 1'):
        sequence.pad_sequences([[1], 2])
    with pytest.raises(ValueError, match='must be iterable'):
        sequence.pad_sequences(5)
    with pytest.raises(ValueError, match='different from expected shape'):
        sequence.pad_sequences([np.ones((1, 2)), np.ones((1, 3))],
                               dtype='float32')


def test_make_sampling_table():
    table = sequence.make_sampling_table(5, sampling_factor=1e-5)
    rank = np.array([1., 1., 2., 3., 4.])
    f = 1e-5 * (rank * (np.log(rank) + 0.577) + 0.5 - 1. / (12. * rank))
    np.testing.assert_allclose(table, np.minimum(1., np.sqrt(f)))
    assert np.all(np.diff(table[1:]) >= 0)
    np.testing.assert_allclose(sequence.make_sampling_table(3, 10.), 1.)


def test_skipgrams_positive_pairs_and_negatives():
    seq = [1, 2, 0, 3]
    couples, labels = sequence.skipgrams(seq, vocabulary_size=10,
                                         window_size=1, negative_samples=0.,
                                         shuffle=False)
    assert couples == [[1, 2], [2, 1]]
    assert labels == [1, 1]

    couples, labels = sequence.skipgrams(list(range(1, 6)), 6, window_size=2,
                                         negative_samples=1., seed=3)
    assert len(couples) == len(labels)
    assert labels.count(1) == labels.count(0) == 14
    for (a, b), label in zip(couples, labels):
        assert 1 <= a < 6 and 1 <= b < 6
        if label == 1:
            assert a != b and abs(a - b) <= 2
    again = sequence.skipgrams(list(range(1, 6)), 6, window_size=2, seed=3)
    assert again == (couples, labels)


def test_skipgrams_categorical_and_sampling_table():
    couples, labels = sequence.skipgrams([1, 2, 3], 4, window_size=1,
                                         categorical=True, shuffle=False)
    assert labels[:4] == [[0, 1]] * 4 and labels[4:] == [[1, 0]] * 4
    table = np.zeros(4)  # every word is rejected
    assert sequence.skipgrams([1, 2, 3], 4, sampling_table=table) == ([], [])


def test_timeseries_generator_batches():
    data = np.array([[i] for i in range(50)])
    targets = np.array([[i] for i in range(50)])
    gen = TimeseriesGenerator(data, targets, length=10, sampling_rate=2,
                              batch_size=2)
    assert isinstance(gen, Sequence)
    assert len(gen) == 20
    x, y = gen[0]
    np.testing.assert_array_equal(x, [[[0], [2], [4], [6], [8]],
                                      [[1], [3], [5], [7], [9]]])
    np.testing.assert_array_equal(y, [[10], [11]])
    x, y = gen[-1 + len(gen)]
    np.testing.assert_array_equal(y, [[48], [49]])

    gen = TimeseriesGenerator(data, targets, length=10, sampling_rate=2,
                              reverse=True, batch_size=2)
    x, _ = gen[0]
    np.testing.assert_array_equal(x[0, :, 0], [8, 6, 4, 2, 0])

    gen = TimeseriesGenerator(data, targets, length=10, stride=3,
                              start_index=5, end_index=30, batch_size=4)
    x, y = gen[0]
    np.testing.assert_array_equal(y[:, 0], [15, 18, 21, 24])
    np.testing.assert_array_equal(x[1, :, 0], np.arange(8, 18))
    assert len(gen) == 2 and gen[1][1][:, 0].tolist() == [27, 30]


def test_timeseries_generator_shuffle_and_errors():
    data = np.arange(20.)
    gen = TimeseriesGenerator(data, data, length=3, shuffle=True,
                              batch_size=5)
    x, y = gen[0]
    assert x.shape == (5, 3)
    np.testing.assert_allclose(x[:, -1] + 1, y)
    with pytest.raises(ValueError, match='same length'):
        TimeseriesGenerator(data, data[:5], length=3)
    with pytest.raises(ValueError, match='start_index\\+length'):
        TimeseriesGenerator(data, data, length=30)


def test_timeseries_generator_json_round_trip():
    data = np.arange(12.).reshape(6, 2)
    gen = TimeseriesGenerator(data, data[:, 0], length=2, batch_size=2,
                              start_index=1)
    config = json.loads(gen.to_json())
    assert config['class_name'] == 'TimeseriesGenerator'
    restored = sequence.timeseries_generator_from_json(gen.to_json())
    for i in range(len(gen)):
        for a, b in zip(gen[i], restored[i]):
            np.testing.assert_allclose(a, b)
