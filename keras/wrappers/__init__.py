"""Wrappers that adapt Keras models to other libraries' interfaces."""
from __future__ import absolute_import

from . import scikit_learn  # noqa: F401
