"""Keras layers: local (being built)."""
