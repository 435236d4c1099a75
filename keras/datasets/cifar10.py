"""CIFAR10 small images classification dataset."""
from __future__ import absolute_import

import os

import numpy as np

from .. import backend as K
from ..utils.data_utils import get_file
from .cifar import load_batch

ORIGIN = 'https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz'
#: MD5 of the archive, as published on the CIFAR page.
FILE_HASH = 'c58f30108f718f92721af3b95e74349a'
DIRNAME = 'cifar-10-batches-py'


def to_image_data_format(x):
    """(samples, 3, 32, 32) uint8 images -> `K.image_data_format()`."""
    if K.image_data_format() == 'channels_last':
        return x.transpose(0, 2, 3, 1)
    return x


def load_data():
    """Loads CIFAR10 dataset.

    50,000 32x32 colour training images and 10,000 test images, labeled
    over 10 categories.

    # Returns
        Tuple of Numpy arrays: `(x_train, y_train), (x_test, y_test)`.
        `x_*` are uint8 images in `K.image_data_format()` layout, `y_*`
        uint8 labels of shape `(num_samples, 1)`.
    """
    path = get_file(DIRNAME, origin=ORIGIN, untar=True,
                    file_hash=FILE_HASH)
    batches = [load_batch(os.path.join(path, 'data_batch_%d' % i))
               for i in range(1, 6)]
    x_train = np.concatenate([data for data, _ in batches]).astype('uint8')
    y_train = np.concatenate([labels for _, labels in batches]
                             ).astype('uint8')
    x_test, y_test = load_batch(os.path.join(path, 'test_batch'))
    y_train = np.reshape(y_train, (len(y_train), 1))
    y_test = np.reshape(y_test, (len(y_test), 1))
    return ((to_image_data_format(x_train), y_train),
            (to_image_data_format(x_test), y_test))
