"""MNIST handwritten digits dataset."""
from __future__ import absolute_import

import numpy as np

from ..utils.data_utils import get_file

ORIGIN = 'https://s3.amazonaws.com/img-datasets/mnist.npz'
FILE_HASH = '8a61469f7ea1b51cbae51d4f78837e45'


def load_data(path='mnist.npz'):
    """Loads the MNIST dataset.

    60,000 28x28 grayscale images of the 10 digits, along with a test set
    of 10,000 images.

    # Arguments
        path: path where to cache the dataset locally
            (relative to ~/.keras/datasets).

    # Returns
        Tuple of Numpy arrays: `(x_train, y_train), (x_test, y_test)`.
        `x_*` are uint8 arrays of shape `(num_samples, 28, 28)`, `y_*`
        uint8 arrays of digit labels (0-9) of shape `(num_samples,)`.
    """
    path = get_file(path, origin=ORIGIN, file_hash=FILE_HASH)
    with np.load(path, allow_pickle=False) as f:
        x_train, y_train = f['x_train'], f['y_train']
        x_test, y_test = f['x_test'], f['y_test']
    return (x_train, y_train), (x_test, y_test)
