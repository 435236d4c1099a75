"""Keras 2.3 API on TensorFlow 2 and PyTensor, with the multimodal fork's layers."""
from __future__ import absolute_import

__version__ = '2.3.1.1'

from . import backend  # noqa: E402,F401
