"""Attention layers: the multimodal fork's (`MultiHeadAttention` and the
layers it left unfinished) and those of keras-utility-layer-collection, and
the scorers they share with the attentional decoders of
`keras.layers.recurrent_advanced`.

One module per family; the layers are re-exported here and from
`keras.layers`.
"""
from .scoring import ATTENTION_MODES, MASK_MODES  # noqa: F401
from .scoring import attention_scores, masked_softmax  # noqa: F401
from .multi_head import MultiHeadAttention
from .soft_attention import (Attention, AttentionComplex, SoftAttention,
                             SoftMultistepsAttention)
from .conv_attention import ConvAtt, ConvCoAtt
from .dot_product import ScaledDotProductAttention
from .sequence import SequenceAttention
from .rnn_wrappers import AttentionRNNWrapper, ExternalAttentionRNNWrapper

__all__ = ['MultiHeadAttention', 'Attention', 'AttentionComplex',
           'SoftAttention', 'SoftMultistepsAttention', 'ConvAtt', 'ConvCoAtt',
           'ScaledDotProductAttention', 'SequenceAttention',
           'AttentionRNNWrapper', 'ExternalAttentionRNNWrapper']
