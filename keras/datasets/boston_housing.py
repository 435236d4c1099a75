"""Boston housing price regression dataset."""
from __future__ import absolute_import

import numpy as np

from ..utils.data_utils import get_file

ORIGIN = 'https://s3.amazonaws.com/keras-datasets/boston_housing.npz'
FILE_HASH = ('f553886a1f8d56431e820c5b82552d9d'
             '95cfcb96d1e678153f8839538947dff5')


def load_data(path='boston_housing.npz', test_split=0.2, seed=113):
    """Loads the Boston Housing dataset.

    # Arguments
        path: path where to cache the dataset locally
            (relative to ~/.keras/datasets).
        test_split: fraction of the data to reserve as test set.
        seed: Random seed for shuffling the data
            before computing the test split.

    # Returns
        Tuple of Numpy arrays: `(x_train, y_train), (x_test, y_test)`.

    # Raises
        ValueError: when `test_split` is not in `[0, 1)`.
    """
    if not 0 <= test_split < 1:
        raise ValueError('`test_split` must be in [0, 1), got %r.'
                         % (test_split,))
    path = get_file(path, origin=ORIGIN, file_hash=FILE_HASH)
    with np.load(path, allow_pickle=False) as f:
        x = f['x']
        y = f['y']
    indices = np.arange(len(x))
    np.random.RandomState(seed).shuffle(indices)
    x = x[indices]
    y = y[indices]
    split = int(len(x) * (1 - test_split))
    return (np.array(x[:split]), np.array(y[:split])), \
        (np.array(x[split:]), np.array(y[split:]))
