"""Process-wide settings under their Keras 3 names (`keras.config`).

Only `enable_unsafe_deserialization` lives here; backend settings stay in
`keras.backend` as in Keras 2.3.
"""
from .utils.safe_mode import enable_unsafe_deserialization  # noqa: F401
from .utils.safe_mode import in_safe_mode  # noqa: F401

__all__ = ['enable_unsafe_deserialization', 'in_safe_mode']
