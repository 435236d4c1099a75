"""Utilities for preprocessing sequence data: padding, skip-gram pairs and
sliding windows over time series."""
from __future__ import absolute_import
from __future__ import division
from __future__ import print_function

import json
import random

import numpy as np

from ..utils.data_utils import Sequence

_PAD_SIDES = ('pre', 'post')


def _check_side(name, value):
    if value not in _PAD_SIDES:
        raise ValueError('%s type "%s" not understood: expected "pre" or '
                         '"post".' % (name.capitalize(), value))


def _sample_shape(sequences):
    """Shape of one timestep: taken from the first non-empty sequence."""
    for s in sequences:
        if len(s) > 0:
            return np.asarray(s).shape[1:]
    return ()


def pad_sequences(sequences, maxlen=None, dtype='int32',
                  padding='pre', truncating='pre', value=0.):
    """Pads sequences to the same length.

    Turns a list of `num_samples` sequences (lists of integers, or of
    arrays of one timestep each) into an array of shape
    `(num_samples, num_timesteps)` (plus the timestep shape).
    `num_timesteps` is `maxlen` if given, else the length of the longest
    sequence. Shorter sequences are padded with `value`, longer ones are
    truncated.

    # Arguments
        sequences: List of lists, where each element is a sequence.
        maxlen: Int, maximum length of all sequences.
        dtype: Type of the output sequences. To pad sequences with
            variable length strings, use `object`.
        padding: String, 'pre' or 'post': pad either before or after
            each sequence.
        truncating: String, 'pre' or 'post': remove values from sequences
            larger than `maxlen`, either at the beginning or at the end.
        value: Float or String, padding value.

    # Returns
        x: Numpy array with shape `(len(sequences), maxlen)`.

    # Raises
        ValueError: In case of invalid values for `truncating` or
            `padding`, a non-iterable `sequences`, a `value` of another
            type than `dtype`, or sequences whose timesteps differ in shape.
    """
    if not hasattr(sequences, '__len__'):
        raise ValueError('`sequences` must be iterable, got %r.'
                         % type(sequences).__name__)
    _check_side('padding', padding)
    _check_side('truncating', truncating)
    lengths = []
    for position, s in enumerate(sequences):
        if not hasattr(s, '__len__'):
            raise ValueError('`sequences` must be a list of iterables. '
                             'Found non-iterable at position %d: %r'
                             % (position, s))
        lengths.append(len(s))
    if maxlen is None:
        maxlen = max(lengths) if lengths else 0
    sample_shape = _sample_shape(sequences)

    is_dtype_str = (np.issubdtype(dtype, np.str_) or
                    np.issubdtype(dtype, np.bytes_))
    if isinstance(value, str) and dtype != object and not is_dtype_str:
        raise ValueError("`dtype` {} is not compatible with `value`'s type: "
                         "{}\nYou should set `dtype=object` for variable "
                         "length strings.".format(dtype, type(value)))

    x = np.full((len(sequences), maxlen) + sample_shape, value, dtype=dtype)
    if maxlen == 0:
        return x
    for idx, s in enumerate(sequences):
        if not len(s):
            continue
        trunc = s[-maxlen:] if truncating == 'pre' else s[:maxlen]
        trunc = np.asarray(trunc, dtype=dtype)
        if trunc.shape[1:] != sample_shape:
            raise ValueError('Shape of sample %s of sequence at position %s '
                             'is different from expected shape %s'
                             % (trunc.shape[1:], idx, sample_shape))
        if padding == 'post':
            x[idx, :len(trunc)] = trunc
        else:
            x[idx, -len(trunc):] = trunc
    return x


def make_sampling_table(size, sampling_factor=1e-5):
    """Generates a word rank-based probabilistic sampling table.

    Used for generating the `sampling_table` argument of `skipgrams`.
    `sampling_table[i]` is the probability of sampling the i-th most
    common word of a dataset (more common words are sampled less often).
    Word frequencies are assumed to follow Zipf's law (s=1), which gives
    `frequency(rank) ~ 1 / (rank * (log(rank) + gamma) + 1/2 - 1/(12*rank))`
    with gamma the Euler-Mascheroni constant; the sampling probability is
    `min(1, sqrt(sampling_factor / frequency))`, as in word2vec.

    # Arguments
        size: Int, number of possible words to sample.
        sampling_factor: The sampling factor in the word2vec formula.

    # Returns
        A 1D Numpy array of length `size` where the ith entry
        is the probability that a word of rank i should be sampled.
    """
    gamma = 0.577
    rank = np.arange(size, dtype='float64')
    if size:
        rank[0] = 1
    inv_fq = rank * (np.log(rank) + gamma) + 0.5 - 1. / (12. * rank)
    f = sampling_factor * inv_fq
    return np.minimum(1., f / np.sqrt(f))


def skipgrams(sequence, vocabulary_size,
              window_size=4, negative_samples=1., shuffle=True,
              categorical=False, sampling_table=None, seed=None):
    """Generates skipgram word pairs.

    Turns a sequence of word indexes (list of integers) into tuples of
    words of the form:
    - (word, word in the same window), with label 1 (positive samples).
    - (word, random word from the vocabulary), with label 0 (negative
      samples).

    Index 0 is a non-word and is skipped.

    # Arguments
        sequence: A word sequence (sentence), encoded as a list
            of word indices (integers).
        vocabulary_size: Int, maximum possible word index + 1
        window_size: Int, size of sampling windows (technically half-window).
        negative_samples: Float >= 0. 0 for no negative (i.e. random)
            samples. 1 for same number as positive samples.
        shuffle: Whether to shuffle the word couples before returning them.
        categorical: bool. if False, labels will be
            integers (eg. `[0, 1, 1 .. ]`),
            if `True`, labels will be categorical, e.g.
            `[[1,0],[0,1],[0,1] .. ]`.
        sampling_table: 1D array of size `vocabulary_size` where the entry i
            encodes the probability to sample a word of rank i.
        seed: Random seed.

    # Returns
        couples, labels: where `couples` are int pairs and
            `labels` are either 0 or 1.
    """
    rng = random.Random(seed)
    positive = [0, 1] if categorical else 1
    negative = [1, 0] if categorical else 0
    couples = []
    for i, wi in enumerate(sequence):
        if not wi:
            continue
        if sampling_table is not None and sampling_table[wi] < rng.random():
            continue
        start = max(0, i - window_size)
        end = min(len(sequence), i + window_size + 1)
        couples.extend([wi, sequence[j]] for j in range(start, end)
                       if j != i and sequence[j])
    labels = [list(positive) if categorical else positive
              for _ in couples]

    if negative_samples > 0 and couples:
        num_negative = int(len(labels) * negative_samples)
        words = [c[0] for c in couples]
        rng.shuffle(words)
        couples += [[words[i % len(words)],
                     rng.randint(1, vocabulary_size - 1)]
                    for i in range(num_negative)]
        labels += [list(negative) if categorical else negative
                   for _ in range(num_negative)]

    if shuffle:
        order = list(range(len(couples)))
        rng.shuffle(order)
        couples = [couples[k] for k in order]
        labels = [labels[k] for k in order]
    return couples, labels


def _remove_long_seq(maxlen, seq, label):
    """Keeps the sequences (and their labels) shorter than `maxlen`.

    # Arguments
        maxlen: Int, sequences of this length or more are dropped.
        seq: List of lists, where each sublist is a sequence.
        label: List where each element is an integer.

    # Returns
        new_seq, new_label: shortened lists for `seq` and `label`.
    """
    kept = [(x, y) for x, y in zip(seq, label) if len(x) < maxlen]
    return [x for x, _ in kept], [y for _, y in kept]


class TimeseriesGenerator(Sequence):
    """Utility class for generating batches of temporal data.

    Takes a sequence of data points gathered at equal intervals, along
    with time series parameters such as stride and length of history,
    and produces batches for training/validation.

    # Arguments
        data: Indexable generator (such as list or Numpy array)
            containing consecutive data points (timesteps).
            The data should be at 2D, and axis 0 is expected
            to be the time dimension.
        targets: Targets corresponding to timesteps in `data`.
            It should have same length as `data`.
        length: Length of the output sequences (in number of timesteps).
        sampling_rate: Period between successive individual timesteps
            within sequences. For rate `r`, timesteps
            `data[i]`, `data[i-r]`, ... `data[i - length]`
            are used to create a sample sequence.
        stride: Period between successive output sequences.
            For stride `s`, consecutive output samples would
            be centered around `data[i]`, `data[i+s]`, `data[i+2*s]`, etc.
        start_index: Data points earlier than `start_index` will not be used
            in the output sequences. This is useful to reserve part of the
            data for test or validation.
        end_index: Data points later than `end_index` will not be used
            in the output sequences. This is useful to reserve part of the
            data for test or validation.
        shuffle: Whether to shuffle output samples,
            or instead draw them in chronological order.
        reverse: Boolean: if `true`, timesteps in each output sample will be
            in reverse chronological order.
        batch_size: Number of timeseries samples in each batch
            (except maybe the last one).

    # Returns
        A `keras.utils.Sequence` instance.

    # Raises
        ValueError: when `data` and `targets` differ in length, or when
            `start_index + length > end_index`.

    # Examples

    ```python
    from keras.preprocessing.sequence import TimeseriesGenerator
    import numpy as np

    data = np.array([[i] for i in range(50)])
    targets = np.array([[i] for i in range(50)])

    data_gen = TimeseriesGenerator(data, targets,
                                   length=10, sampling_rate=2,
                                   batch_size=2)
    assert len(data_gen) == 20

    batch_0 = data_gen[0]
    x, y = batch_0
    assert np.array_equal(x,
                          np.array([[[0], [2], [4], [6], [8]],
                                    [[1], [3], [5], [7], [9]]]))
    assert np.array_equal(y,
                          np.array([[10], [11]]))
    ```
    """

    def __init__(self, data, targets, length,
                 sampling_rate=1,
                 stride=1,
                 start_index=0,
                 end_index=None,
                 shuffle=False,
                 reverse=False,
                 batch_size=128):
        if len(data) != len(targets):
            raise ValueError('Data and targets have to be of same length. '
                             'Data length is {} while target length is {}'
                             .format(len(data), len(targets)))
        self.data = data
        self.targets = targets
        self.length = length
        self.sampling_rate = sampling_rate
        self.stride = stride
        self.start_index = start_index + length
        if end_index is None:
            end_index = len(data) - 1
        self.end_index = end_index
        self.shuffle = shuffle
        self.reverse = reverse
        self.batch_size = batch_size
        if self.start_index > self.end_index:
            raise ValueError('`start_index+length=%i > end_index=%i` '
                             'is disallowed, as no part of the sequence '
                             'would be left to be used as current step.'
                             % (self.start_index, self.end_index))

    def __len__(self):
        step = self.batch_size * self.stride
        return (self.end_index - self.start_index + step) // step

    def _rows(self, index):
        if self.shuffle:
            return np.random.randint(self.start_index, self.end_index + 1,
                                     size=self.batch_size)
        first = self.start_index + self.batch_size * self.stride * index
        last = min(first + self.batch_size * self.stride,
                   self.end_index + 1)
        return np.arange(first, last, self.stride)

    def __getitem__(self, index):
        rows = self._rows(index)
        samples = np.array([self.data[row - self.length:row:
                                      self.sampling_rate]
                            for row in rows])
        targets = np.array([self.targets[row] for row in rows])
        if self.reverse:
            return samples[:, ::-1, ...], targets
        return samples, targets

    def get_config(self):
        """Returns the TimeseriesGenerator configuration as a dictionary.

        # Returns
            A Python dictionary with the TimeseriesGenerator configuration
            (`data` and `targets` as JSON strings).
        """
        def as_json(values):
            values = np.asarray(values)
            return json.dumps(values.tolist())

        return {
            'data': as_json(self.data),
            'targets': as_json(self.targets),
            'length': self.length,
            'sampling_rate': self.sampling_rate,
            'stride': self.stride,
            'start_index': self.start_index - self.length,
            'end_index': self.end_index,
            'shuffle': self.shuffle,
            'reverse': self.reverse,
            'batch_size': self.batch_size,
        }

    def to_json(self, **kwargs):
        """Returns a JSON string containing the generator's configuration.

        # Arguments
            **kwargs: Additional keyword arguments to be passed
                to `json.dumps()`.

        # Returns
            A JSON string containing the generator configuration.
        """
        return json.dumps({'class_name': self.__class__.__name__,
                           'config': self.get_config()}, **kwargs)


def timeseries_generator_from_json(json_string):
    """Parses a JSON timeseries generator configuration file and
    returns a timeseries generator instance.

    # Arguments
        json_string: JSON string encoding a timeseries
            generator configuration (from `TimeseriesGenerator.to_json()`).

    # Returns
        A Keras TimeseriesGenerator instance.
    """
    config = dict(json.loads(json_string)['config'])
    config['data'] = np.array(json.loads(config['data']))
    config['targets'] = np.array(json.loads(config['targets']))
    return TimeseriesGenerator(**config)
