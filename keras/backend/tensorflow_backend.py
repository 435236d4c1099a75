"""Keras 2 module path of the TensorFlow engine.

`keras.backend.tensorflow_backend` re-exports `keras.backend.tensorflow`,
where the implementation lives, split by concern.
"""
from .tensorflow import *  # noqa: F401,F403
from .tensorflow import __all__  # noqa: F401
# Private helpers that Keras 2 code reaches through this module.
from .tensorflow.graph import (_get_available_gpus,  # noqa: F401
                               _has_nchw_support)
