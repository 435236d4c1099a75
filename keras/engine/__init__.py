"""The Keras engine: layers, the layer graph, models and their saving."""
from __future__ import absolute_import

import importlib.util as _importlib_util

from .base_layer import Layer, InputSpec, Node  # noqa: F401
from .input_layer import Input, InputLayer  # noqa: F401
from .network import Network, get_source_inputs  # noqa: F401
from . import saving  # noqa: F401
from . import topology  # noqa: F401

if _importlib_util.find_spec(__name__ + '.training') is not None:
    from .training import Model  # noqa: F401
    from .sequential import Sequential  # noqa: F401
