"""Keras 0.x containers (`keras.layers.containers.Sequential` / `Graph`):
the models, which are layers too."""
from ..engine.sequential import Sequential  # noqa: F401
from ..legacy.graph import Graph  # noqa: F401

__all__ = ['Sequential', 'Graph']
