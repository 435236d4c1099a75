"""Keras 2 module path of the PyTensor engine (`keras.backend.theano_backend`).

The implementation lives in `keras.backend.theano`, split by concern.
"""
from .theano import *  # noqa: F401,F403
from .theano import __all__  # noqa: F401
