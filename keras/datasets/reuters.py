"""Reuters topic classification dataset."""
from __future__ import absolute_import

import numpy as np

from ..utils.data_utils import get_file
from . import _word_sequences as ws

ORIGIN = 'https://s3.amazonaws.com/text-datasets/reuters.npz'
FILE_HASH = '87aedbeb0cb229e378797a632c1997b6'
WORD_INDEX_ORIGIN = ('https://s3.amazonaws.com/text-datasets/'
                     'reuters_word_index.json')
WORD_INDEX_HASH = '4d44cc38712099c9e383dc6e5f11a921'


def load_data(path='reuters.npz', num_words=None, skip_top=0,
              maxlen=None, test_split=0.2, seed=113,
              start_char=1, oov_char=2, index_from=3, **kwargs):
    """Loads the Reuters newswire classification dataset.

    11,228 newswires from Reuters, labeled over 46 topics; each wire is a
    list of word indexes (same conventions as the IMDB dataset).

    # Arguments
        path: where to cache the data (relative to `~/.keras/dataset`).
        num_words: max number of words to include. Words are ranked
            by how often they occur (in the training set) and only
            the most frequent words are kept
        skip_top: skip the top N most frequently occurring words
            (which may not be informative).
        maxlen: truncate sequences after this length.
        test_split: Fraction of the dataset to be used as test data.
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
        xs, labels = f['x'], f['y']

    xs, labels = ws.shuffled(np.random.RandomState(seed), xs, labels)
    xs, labels = ws.encode(list(xs), labels, num_words, skip_top, maxlen,
                           start_char, oov_char, index_from)
    idx = int(len(xs) * (1 - test_split))
    return ((ws.object_array(xs[:idx]), np.array(labels[:idx])),
            (ws.object_array(xs[idx:]), np.array(labels[idx:])))


def get_word_index(path='reuters_word_index.json'):
    """Retrieves the dictionary mapping words to word indices.

    # Arguments
        path: where to cache the data (relative to `~/.keras/dataset`).

    # Returns
        The word index dictionary.
    """
    path = get_file(path, origin=WORD_INDEX_ORIGIN,
                    file_hash=WORD_INDEX_HASH)
    return ws.read_word_index(path)
