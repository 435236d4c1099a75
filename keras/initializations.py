"""Keras 0.x / 1 name of `keras.initializers`.

The initializer names (`'uniform'`, `'normal'`, `'zero'`, `'one'`,
`'identity'`, `'orthogonal'`, `'glorot_uniform'`, ...) resolve as in
`keras.initializers`. Keras 1 custom layers called
`initializations.get(name)(shape, name=...)` and received a variable: the
objects `get` returns here do the same.
"""
from . import backend as K
from . import initializers
from .initializers import *  # noqa: F401,F403
from .initializers import serialize, deserialize  # noqa: F401

__all__ = ['get', 'serialize', 'deserialize']


class _VariableInitializer(object):
    """A Keras 2 initializer called the Keras 1 way: `init(shape,
    name=None)` returns a variable."""

    def __init__(self, initializer):
        self.initializer = initializer

    def __call__(self, shape, name=None, dim_ordering=None, dtype=None):
        return K.variable(self.initializer(shape, dtype=dtype), name=name)

    def get_config(self):
        return self.initializer.get_config()


def get(identifier, **kwargs):
    """Gets an initializer that returns a variable (Keras 1 behaviour).

    # Arguments
        identifier: a name, a config dict or a callable (as for
            `keras.initializers.get`).

    # Returns
        A callable `(shape, name=None) -> variable`, or None.
    """
    initializer = initializers.get(identifier)
    if initializer is None:
        return None
    return _VariableInitializer(initializer)
