"""Utilities common to CIFAR10 and CIFAR100 datasets."""
from __future__ import absolute_import

import pickle

import numpy as np


def load_batch(fpath, label_key='labels'):
    """Internal utility for parsing CIFAR data.

    # Arguments
        fpath: path the file to parse.
        label_key: key for label data in the retrieve
            dictionary.

    # Returns
        A tuple `(data, labels)`: uint8 images of shape
        `(num_samples, 3, 32, 32)` and the list of labels.

    # Raises
        ValueError: when `label_key` is not in the batch.
    """
    with open(fpath, 'rb') as f:
        d = pickle.load(f, encoding='bytes')
    d = {(k.decode('utf8') if isinstance(k, bytes) else k): v
         for k, v in d.items()}
    if label_key not in d:
        raise ValueError('CIFAR batch %s has no %r entry; found %s.'
                         % (fpath, label_key, sorted(d)))
    data = np.asarray(d['data'])
    labels = d[label_key]
    data = data.reshape(data.shape[0], 3, 32, 32)
    return data, labels
