"""NumPy reference implementation of the Keras 2.3 backend API.

Used by the test-suite only: every function takes and returns NumPy arrays
and has the same name and signature as its symbolic counterpart in
`keras.backend.tensorflow_backend` / `keras.backend.theano_backend`, so the
same test (or the same RNN step function) runs on all three.

The package is split by concern: `variables` (creation, values, updates,
random), `math` (element-wise and reductions), `shape` (reshaping, padding,
indexing), `nn` (activations, losses, normalization), `conv` (convolution,
pooling, local convolution) and `control` (rnn, switch, folds).
"""
from ..common import (epsilon, set_epsilon, floatx, set_floatx,  # noqa: F401
                      cast_to_floatx, image_data_format,
                      set_image_data_format, normalize_data_format,
                      image_dim_ordering, set_image_dim_ordering)
from .variables import *  # noqa: F401,F403
from .math import *  # noqa: F401,F403
from .shape import *  # noqa: F401,F403
from .nn import *  # noqa: F401,F403
from .conv import *  # noqa: F401,F403
from .control import *  # noqa: F401,F403
from . import variables as _variables
from . import math as _math
from . import shape as _shape
from . import nn as _nn
from . import conv as _conv
from . import control as _control

__all__ = sorted(set(
    _variables.__all__ + _math.__all__ + _shape.__all__ + _nn.__all__ +
    _conv.__all__ + _control.__all__ +
    ['epsilon', 'set_epsilon', 'floatx', 'set_floatx', 'cast_to_floatx',
     'image_data_format', 'set_image_data_format', 'normalize_data_format',
     'image_dim_ordering', 'set_image_dim_ordering']))


def backend():
    """Returns `'numpy'`, the name of this reference backend."""
    return 'numpy'
