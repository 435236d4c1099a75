"""Keras 2 module path of the TensorFlow engine (`keras.backend.tensorflow_backend`).

The implementation lives in `keras.backend.tensorflow`, split by concern.
"""
from .tensorflow import *  # noqa: F401,F403
from .tensorflow import __all__  # noqa: F401
