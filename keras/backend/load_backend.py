"""Chooses the engine (from `KERAS_BACKEND` or `keras.json`) and loads it.

Every public function of the chosen engine's module is re-exported here, so
`from keras import backend as K` gives `K.dot`, `K.function`, ...
"""
import os
import sys

from . import common
from . import config as _config
from .common import (epsilon, set_epsilon, floatx, set_floatx, cast_to_floatx,
                     image_data_format, set_image_data_format,
                     normalize_data_format, image_dim_ordering,
                     set_image_dim_ordering)


def _apply_config(cfg):
    common.set_floatx(cfg['floatx'])
    common.set_epsilon(cfg['epsilon'])
    common.set_image_data_format(cfg['image_data_format'])


_CONFIG = _config.load()
_BACKEND = _config.canonical_backend(_CONFIG['backend'])
_apply_config(_CONFIG)

if _BACKEND == 'theano':
    if 'KERAS_BACKEND' in os.environ or _CONFIG['backend'] != 'tensorflow':
        sys.stderr.write('Using PyTensor (theano) backend.\n')
    from .theano_backend import *  # noqa: F401,F403
else:
    from .tensorflow_backend import *  # noqa: F401,F403


def backend():
    """Returns the name of the current backend (`'tensorflow'` or `'theano'`).

    # Returns
        String.

    # Example
    ```python
        >>> keras.backend.backend()
        'tensorflow'
    ```
    """
    return _BACKEND
