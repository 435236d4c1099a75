"""Keras 0.x / 1.x compatibility: argument converters and legacy layers."""
