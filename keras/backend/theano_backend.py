"""Keras 2 module path of the PyTensor engine (`keras.backend.theano_backend`).

The implementation lives in `keras.backend.theano`, split by concern. The
module-level names of Keras 2.3's `theano_backend` that third-party code
imports are kept: `theano` and `T` (here PyTensor and `pytensor.tensor`),
`th_sparse_module`, `ifelse`, `Print`, `py_all`, `py_any`, `py_sum`,
`py_slice`, `_assert_sparse_module`, `_is_explicit_shape`.
"""
import builtins

import pytensor as theano  # noqa: F401
import pytensor.tensor as T  # noqa: F401,N812
from pytensor.ifelse import ifelse  # noqa: F401
from pytensor.printing import Print  # noqa: F401

from .theano import *  # noqa: F401,F403
from .theano import __all__  # noqa: F401

try:
    import pytensor.sparse as th_sparse_module
except ImportError:  # pragma: no cover - PyTensor always ships it
    th_sparse_module = None

# Keras 2.3 kept Python's builtins under these names (its `all`, `any`,
# `sum` and `slice` are backend functions).
py_all = builtins.all
py_any = builtins.any
py_sum = builtins.sum
py_slice = builtins.slice


def _assert_sparse_module():
    """Raises ImportError when sparse tensors are not available."""
    if not th_sparse_module:
        raise ImportError('Failed to import pytensor.sparse: you probably '
                          'need to install scipy.')


def _is_explicit_shape(shape):
    """Whether `shape` is a fully known tuple of integers."""
    if hasattr(shape, '__iter__'):
        for x in shape:
            if x is not None and not isinstance(x, int):
                return False
        return True
    return False
