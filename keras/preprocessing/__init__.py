"""Data preprocessing utilities: text, sequences and images."""
from __future__ import absolute_import

from . import text  # noqa: F401
from . import sequence  # noqa: F401
from . import image  # noqa: F401
