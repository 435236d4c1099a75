"""Keras 2.3 API on TensorFlow 2 and PyTensor, with the multimodal fork's layers."""
from __future__ import absolute_import

__version__ = '2.3.1.1'

from . import utils  # noqa: E402,F401
from . import activations  # noqa: E402,F401
from . import backend  # noqa: E402,F401
from . import engine  # noqa: E402,F401
from . import layers  # noqa: E402,F401
from . import callbacks  # noqa: E402,F401
from . import optimizers  # noqa: E402,F401
from . import initializers  # noqa: E402,F401
from . import metrics  # noqa: E402,F401
from . import losses  # noqa: E402,F401
from . import models  # noqa: E402,F401
from . import datasets  # noqa: E402,F401
from . import preprocessing  # noqa: E402,F401
from . import wrappers  # noqa: E402,F401
from . import config  # noqa: E402,F401
from .layers import Input  # noqa: E402,F401
from .models import Model, Sequential  # noqa: E402,F401
