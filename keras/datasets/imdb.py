"""IMDB sentiment classification dataset."""
from __future__ import absolute_import

import numpy as np

from ..utils.data_utils import get_file
from . import _word_sequences as ws

ORIGIN = 'https://s3.amazonaws.com/text-datasets/imdb.npz'
FILE_HASH = '599dadb1135973df5b59232a0e9a887c'
WORD_INDEX_ORIGIN = ('https://s3.amazonaws.com/text-datasets/'
                     'imdb_word_index.json')
WORD_INDEX_HASH = 'bfafd718b763782e994055a2d397834f'


def load_data(path='imdb.npz', num_words=None, skip_top=0,
              maxlen=None, seed=113,
              start_char=1, oov_char=2, index_from=3, **kwargs):
    """Loads the IMDB dataset.

    25,000 movie reviews labeled by sentiment (positive/negative) for
    training and 25,000 for testing; each review is a list of word indexes
    (words ranked by frequency: index 1 is the most frequent word).

    # Arguments
        path: where to cache the data (relative to `~/.keras/dataset`).
        num_words: max number of words to include. Words are ranked
            by how often they occur (in the training set) and only
            the most frequent words are kept
        skip_top: skip the top N most frequently occurring words
            (which may not be informative).
        maxlen: sequences longer than this will be filtered out.
        seed: random seed for sample shuffling.
        start_char: The start of a sequence will be marked with this
            character. Set to 1 because 0 is usually the padding character.
        oov_char: words that were cut out because of the `num_words`
            or `skip_top` limit will be replaced with this character.
        index_from: index actual words with this index and higher.
        **kwargs: `nb_words`, the Keras 1 name of `num_words`.

    # Returns
        Tuple of Numpy arrays: `(x_train, y_train), (x_test, y_test)`.

    # Raises
        ValueError: in case `maxlen` is so low
            that no input sequence could be kept.
        TypeError: for an unknown keyword argument.

    Note that the 'out of vocabulary' character is only used for
    words that were present in the training set but are not included
    because they're not making the `num_words` cut here.
    Words that were not seen in the training set but are in the test set
    have simply been skipped.
    """
    num_words = ws.pop_legacy_kwargs(num_words, kwargs)
    path = get_file(path, origin=ORIGIN, file_hash=FILE_HASH)
    with np.load(path, allow_pickle=True) as f:
        x_train, labels_train = f['x_train'], f['y_train']
        x_test, labels_test = f['x_test'], f['y_test']

    rng = np.random.RandomState(seed)
    x_train, labels_train = ws.shuffled(rng, x_train, labels_train)
    x_test, labels_test = ws.shuffled(rng, x_test, labels_test)

    xs = list(x_train) + list(x_test)
    labels = np.concatenate([labels_train, labels_test])
    xs, labels = ws.encode(xs, labels, num_words, skip_top, maxlen,
                           start_char, oov_char, index_from)
    # `maxlen` may drop samples: the split is at the original train size
    # among the kept ones, as in Keras.
    idx = len(x_train)
    return ((ws.object_array(xs[:idx]), np.array(labels[:idx])),
            (ws.object_array(xs[idx:]), np.array(labels[idx:])))


def get_word_index(path='imdb_word_index.json'):
    """Retrieves the dictionary mapping words to word indices.

    # Arguments
        path: where to cache the data (relative to `~/.keras/dataset`).

    # Returns
        The word index dictionary.
    """
    path = get_file(path, origin=WORD_INDEX_ORIGIN,
                    file_hash=WORD_INDEX_HASH)
    return ws.read_word_index(path)
