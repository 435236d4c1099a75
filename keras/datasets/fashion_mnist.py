"""Fashion-MNIST dataset (Zalando article images)."""
from __future__ import absolute_import

import gzip
import os

import numpy as np

from ..utils.data_utils import get_file

BASE_URL = 'https://storage.googleapis.com/tensorflow/tf-keras-datasets/'
FILES = ['train-labels-idx1-ubyte.gz', 'train-images-idx3-ubyte.gz',
         't10k-labels-idx1-ubyte.gz', 't10k-images-idx3-ubyte.gz']
#: MD5 of each file, as published by Zalando Research.
FILE_HASHES = {'train-labels-idx1-ubyte.gz': '25c81989df183df01b3e8a0aad5dffbe',
               'train-images-idx3-ubyte.gz': '8d4fb7e6c68d591d4c3dfef9ec88bf0d',
               't10k-labels-idx1-ubyte.gz': 'bb300cfdad3c16e7a12a480ee83cd310',
               't10k-images-idx3-ubyte.gz': 'bef4ecab320f06d8554ea6380940ec79'}


def _read_idx(path, offset):
    with gzip.open(path, 'rb') as f:
        return np.frombuffer(f.read(), np.uint8, offset=offset)


def load_data():
    """Loads the Fashion-MNIST dataset.

    60,000 28x28 grayscale images of 10 fashion categories, along with a
    test set of 10,000 images, read from the original IDX files.

    # Returns
        Tuple of Numpy arrays: `(x_train, y_train), (x_test, y_test)`.
        `x_*` are uint8 arrays of shape `(num_samples, 28, 28)`, `y_*`
        uint8 arrays of labels (0-9).
    """
    dirname = os.path.join('datasets', 'fashion-mnist')
    paths = [get_file(fname, origin=BASE_URL + fname, cache_subdir=dirname,
                      file_hash=FILE_HASHES[fname])
             for fname in FILES]
    y_train = _read_idx(paths[0], offset=8)
    x_train = _read_idx(paths[1], offset=16).reshape(len(y_train), 28, 28)
    y_test = _read_idx(paths[2], offset=8)
    x_test = _read_idx(paths[3], offset=16).reshape(len(y_test), 28, 28)
    return (x_train, y_train), (x_test, y_test)
