"""The TensorFlow engine of the Keras backend API.

Ops are built in a graph private to Keras (`get_graph()`) and run by a
`tf.compat.v1.Session` (`get_session()`); the process stays in eager mode.
The modules are split by concern; this package re-exports their public
functions (the names of `keras.backend` on TensorFlow).
"""
import tensorflow as _tf

from ..engine_versions import check_engine_version as _check_version

_check_version('TensorFlow', _tf.__version__)

from ..common import (epsilon, set_epsilon, floatx, set_floatx,  # noqa: E402
                      cast_to_floatx, image_data_format,
                      set_image_data_format, normalize_data_format,
                      image_dim_ordering, set_image_dim_ordering)
from .graph import (get_graph, get_session, set_session, clear_session,
                    manual_variable_initialization, get_uid, reset_uids,
                    name_scope, learning_phase, set_learning_phase,
                    learning_phase_scope)
from .function import Function, function, gradients, stop_gradient
from . import (variables as _variables, math as _math, shape as _shape,
               nn as _nn, conv as _conv, control as _control,
               random as _random, signal as _signal, ctc as _ctc)
from .variables import *  # noqa: F401,F403
from .math import *  # noqa: F401,F403
from .shape import *  # noqa: F401,F403
from .nn import *  # noqa: F401,F403
from .conv import *  # noqa: F401,F403
from .control import *  # noqa: F401,F403
from .random import *  # noqa: F401,F403
from .signal import *  # noqa: F401,F403
from .ctc import *  # noqa: F401,F403
from . import tf1_names as _tf1_names

_tf1_names.install()


def backend():
    """Returns the name of the current backend (`'tensorflow'`)."""
    return 'tensorflow'


_OWN = ['epsilon', 'set_epsilon', 'floatx', 'set_floatx', 'cast_to_floatx',
        'image_data_format', 'set_image_data_format',
        'normalize_data_format', 'image_dim_ordering',
        'set_image_dim_ordering',
        'get_graph', 'get_session', 'set_session', 'clear_session',
        'manual_variable_initialization', 'get_uid', 'reset_uids',
        'name_scope', 'learning_phase', 'set_learning_phase',
        'learning_phase_scope', 'backend',
        'Function', 'function', 'gradients', 'stop_gradient']

__all__ = _OWN + [name for module in (_variables, _math, _shape, _nn, _conv,
                                      _control, _random, _signal, _ctc)
                  for name in module.__all__]
