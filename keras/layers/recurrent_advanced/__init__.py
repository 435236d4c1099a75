"""The multimodal fork's conditional and attentional recurrent layers
(NMT-Keras' decoders), composed from a few parts:

- `_parts`: the weight plan, dropout masks, the LSTM and GRU updates;
- `_attention`: one attention (weights, context preparation before the
  loop, `attend` inside it) and the fork's `compute_attention`;
- `_base`: the input list, masks, initial states, the loop and the three
  output flags;
- one short module per family: `conditional` (GRUCond, LSTMCond),
  `attentional` (AttGRUCond, AttLSTMCond, AttGRU, AttLSTM),
  `two_transition` (AttConditionalGRUCond, AttConditionalLSTMCond),
  `multi_input` (the 2- and 3-context decoders).

The extra outputs (attended contexts and attention weights of every step)
are time-major, `(time, batch, ...)`, as in the fork.
"""
from ._attention import compute_attention
from .attentional import AttGRU, AttGRUCond, AttLSTM, AttLSTMCond
from .conditional import GRUCond, LSTMCond
from .multi_input import (AttConditionalLSTMCond2Inputs, AttLSTMCond2Inputs,
                          AttLSTMCond3Inputs)
from .two_transition import AttConditionalGRUCond, AttConditionalLSTMCond

__all__ = ['GRUCond', 'AttGRU', 'AttGRUCond', 'AttConditionalGRUCond',
           'LSTMCond', 'AttLSTM', 'AttLSTMCond', 'AttConditionalLSTMCond',
           'AttLSTMCond2Inputs', 'AttConditionalLSTMCond2Inputs',
           'AttLSTMCond3Inputs', 'compute_attention']
