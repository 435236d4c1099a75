"""CIFAR100 small images classification dataset."""
from __future__ import absolute_import

import os

import numpy as np

from ..utils.data_utils import get_file
from .cifar import load_batch
from .cifar10 import to_image_data_format

ORIGIN = 'https://www.cs.toronto.edu/~kriz/cifar-100-python.tar.gz'
#: MD5 of the archive, as published on the CIFAR page.
FILE_HASH = 'eb9058c3a382ffc7106e4002c42a8d85'
DIRNAME = 'cifar-100-python'


def load_data(label_mode='fine'):
    """Loads CIFAR100 dataset.

    50,000 32x32 colour training images and 10,000 test images, labeled
    over 100 fine-grained classes grouped into 20 coarse classes.

    # Arguments
        label_mode: one of "fine", "coarse".

    # Returns
        Tuple of Numpy arrays: `(x_train, y_train), (x_test, y_test)`.

    # Raises
        ValueError: in case of invalid `label_mode`.
    """
    if label_mode not in ['fine', 'coarse']:
        raise ValueError('`label_mode` must be one of `"fine"`, `"coarse"`; '
                         'got %r.' % (label_mode,))
    path = get_file(DIRNAME, origin=ORIGIN, untar=True,
                    file_hash=FILE_HASH)
    label_key = label_mode + '_labels'

    def load(split):
        x, y = load_batch(os.path.join(path, split), label_key=label_key)
        y = np.reshape(np.asarray(y, dtype='int64'), (len(y), 1))
        return to_image_data_format(np.asarray(x, dtype='uint8')), y

    return load('train'), load('test')
