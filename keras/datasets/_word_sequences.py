"""Shared parsing of the word-index sequence datasets (IMDB, Reuters):
index offsets, start/OOV characters, length and vocabulary filtering."""
from __future__ import absolute_import

import json
import warnings

import numpy as np

from ..preprocessing.sequence import _remove_long_seq


def pop_legacy_kwargs(num_words, kwargs):
    """Handles the Keras 1 `nb_words` spelling; rejects anything else."""
    if 'nb_words' in kwargs:
        warnings.warn('The `nb_words` argument in `load_data` '
                      'has been renamed `num_words`.')
        num_words = kwargs.pop('nb_words')
    if kwargs:
        raise TypeError('Unrecognized keyword arguments: ' + str(kwargs))
    return num_words


def shuffled(rng, *arrays):
    """The arrays permuted by one shuffle drawn from `rng`."""
    indices = np.arange(len(arrays[0]))
    rng.shuffle(indices)
    return [a[indices] for a in arrays]


def object_array(sequences):
    """1D object array of Python lists (ragged sequences)."""
    out = np.empty(len(sequences), dtype=object)
    for i, seq in enumerate(sequences):
        out[i] = seq
    return out


def encode(xs, labels, num_words, skip_top, maxlen, start_char, oov_char,
           index_from):
    """Applies the Keras conventions to raw word-index sequences.

    Indices are shifted by `index_from`, `start_char` is prepended,
    sequences of `maxlen` words or more are dropped, and words outside
    `[skip_top, num_words)` become `oov_char` (or are removed when
    `oov_char` is None).

    # Returns
        `(xs, labels)`: list of lists, array of labels.

    # Raises
        ValueError: when `maxlen` leaves no sequence.
    """
    if start_char is not None:
        xs = [[start_char] + [w + index_from for w in x] for x in xs]
    elif index_from:
        xs = [[w + index_from for w in x] for x in xs]
    else:
        xs = [list(x) for x in xs]

    if maxlen:
        xs, labels = _remove_long_seq(maxlen, xs, labels)
        if not xs:
            raise ValueError('After filtering for sequences shorter than '
                             'maxlen=' + str(maxlen) + ', no sequence was '
                             'kept. Increase maxlen.')
    if not num_words:
        num_words = max(max(x) for x in xs if len(x))

    # By convention, 2 is the OOV word; `index_from` (3 by default)
    # reserves 0 (padding), 1 (start) and 2 (OOV).
    if oov_char is not None:
        xs = [[w if skip_top <= w < num_words else oov_char for w in x]
              for x in xs]
    else:
        xs = [[w for w in x if skip_top <= w < num_words] for x in xs]
    return xs, np.asarray(labels)


def read_word_index(path):
    """Parses a JSON word index file."""
    with open(path) as f:
        return json.load(f)
