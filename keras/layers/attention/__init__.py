"""Attention layers, and the scorers they share with the attentional
decoders of `keras.layers.recurrent_advanced`."""
from .scoring import ATTENTION_MODES, MASK_MODES  # noqa: F401
from .scoring import attention_scores, masked_softmax  # noqa: F401
