"""Legacy name of `keras.losses` (Keras 1): every loss is importable from
here too."""
from __future__ import absolute_import

from .losses import *  # noqa: F401,F403
from .losses import (Loss, LossFunctionWrapper, deserialize, get,  # noqa: F401
                     serialize, is_categorical_crossentropy)
