"""Keras 2.0-2.1 module path of the graph classes (re-exports only)."""
from __future__ import absolute_import

from .base_layer import Layer, InputSpec, Node  # noqa: F401
from .input_layer import Input, InputLayer  # noqa: F401
from .network import Network, get_source_inputs  # noqa: F401
from .saving import (save_weights_to_hdf5_group,  # noqa: F401
                     load_weights_from_hdf5_group,
                     load_weights_from_hdf5_group_by_name,
                     preprocess_weights_for_loading)
