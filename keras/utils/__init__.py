"""Keras utilities: serialization helpers, data feeding, file download,
model plotting and summaries."""
from __future__ import absolute_import

import importlib.util as _importlib_util

from . import generic_utils
from . import conv_utils
from . import np_utils

from .generic_utils import CustomObjectScope
from .generic_utils import custom_object_scope
from .generic_utils import get_custom_objects
from .generic_utils import serialize_keras_object
from .generic_utils import deserialize_keras_object
from .generic_utils import Progbar
from .np_utils import to_categorical
from .np_utils import normalize


def _present(name):
    """Whether the submodule `keras.utils.<name>` exists yet (modules of
    other owners land at different times; once they all exist these
    imports become unconditional)."""
    return _importlib_util.find_spec(__name__ + '.' + name) is not None


if _present('data_utils'):
    from . import data_utils
    from .data_utils import Sequence
    from .data_utils import SequenceEnqueuer
    from .data_utils import OrderedEnqueuer
    from .data_utils import GeneratorEnqueuer
    from .data_utils import get_file
if _present('io_utils'):
    from . import io_utils
    from .io_utils import HDF5Matrix
    if hasattr(io_utils, 'H5Dict'):
        from .io_utils import H5Dict
if _present('layer_utils'):
    from . import layer_utils
    from .layer_utils import convert_all_kernels_in_model
    from .layer_utils import get_source_inputs
    from .layer_utils import print_summary
if _present('vis_utils'):
    from . import vis_utils
    from .vis_utils import model_to_dot
    from .vis_utils import plot_model
if _present('multi_gpu_utils'):
    from . import multi_gpu_utils
    from .multi_gpu_utils import multi_gpu_model
if _present('losses_utils'):
    from . import losses_utils
if _present('metrics_utils'):
    from . import metrics_utils
