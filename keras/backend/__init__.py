"""The Keras backend API: every tensor operation that layers, models,
optimizers and losses use. The engine is chosen at import time (see
`keras.backend.load_backend`)."""
from .load_backend import *  # noqa: F401,F403
from .load_backend import backend  # noqa: F401
from .common import (epsilon, set_epsilon, floatx, set_floatx,  # noqa: F401
                     cast_to_floatx, image_data_format, set_image_data_format,
                     normalize_data_format, image_dim_ordering,
                     set_image_dim_ordering)
