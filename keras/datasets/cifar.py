"""Utilities common to CIFAR10 and CIFAR100 datasets.

The CIFAR batches are Python pickles. `pickle.load` would run any code a
poisoned cache file carries, so they are read with `_RestrictedUnpickler`,
which builds only NumPy arrays, lists, dicts, strings and numbers and
refuses every other global.
"""
from __future__ import absolute_import

import pickle

import numpy as np

#: The only globals a CIFAR batch needs: NumPy arrays, their dtypes and
#: scalars, and `_codecs.encode` (protocol-2 pickles written by Python 3
#: store bytes as `encode(text, 'latin1')`).
_ALLOWED_GLOBALS = {
    ('numpy.core.multiarray', '_reconstruct'),
    ('numpy._core.multiarray', '_reconstruct'),
    ('numpy.core.multiarray', 'scalar'),
    ('numpy._core.multiarray', 'scalar'),
    ('_codecs', 'encode'),
    ('numpy', 'ndarray'),
    ('numpy', 'dtype'),
}


class _RestrictedUnpickler(pickle.Unpickler):
    """Unpickler that refuses every global except NumPy's array builders."""

    def find_class(self, module, name):
        if (module, name) in _ALLOWED_GLOBALS:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(
            'refused global %s.%s: CIFAR batches only hold NumPy arrays, '
            'lists, dicts and strings' % (module, name))


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
        ValueError: when the file is not a CIFAR batch (it holds anything
            but arrays, lists, dicts and strings, or `label_key` is
            missing).
    """
    with open(fpath, 'rb') as f:
        try:
            d = _RestrictedUnpickler(f, encoding='bytes').load()
        except (pickle.UnpicklingError, EOFError, AttributeError,
                ValueError, TypeError, IndexError, KeyError) as e:
            raise ValueError('%s is not a valid CIFAR batch: %s' % (fpath, e))
    if not isinstance(d, dict):
        raise ValueError('%s is not a valid CIFAR batch: expected a dict, '
                         'found %s.' % (fpath, type(d).__name__))
    d = {(k.decode('utf8') if isinstance(k, bytes) else k): v
         for k, v in d.items()}
    if label_key not in d or 'data' not in d:
        raise ValueError('CIFAR batch %s has no %r entry; found %s.'
                         % (fpath, label_key if label_key not in d
                            else 'data', sorted(d)))
    data = np.asarray(d['data'])
    labels = d[label_key]
    if data.ndim != 2 or data.shape[1] != 3 * 32 * 32:
        raise ValueError('CIFAR batch %s: `data` should have shape '
                         '(num_samples, 3072), found %s.'
                         % (fpath, data.shape))
    data = data.reshape(data.shape[0], 3, 32, 32)
    return data, labels
