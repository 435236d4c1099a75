"""Conversions of saved weight arrays to the layout a layer expects.

`preprocess_weights_for_loading` handles (see weights.md, 'Conversions'):
nested layers (Bidirectional, TimeDistributed, Model/Sequential), Keras 1
files (convolution kernels, GRU/LSTM/ConvLSTM2D per-gate arrays), the
Theano <-> TensorFlow kernel flip of convolutions, and CuDNN <-> standard
recurrent layouts.
"""
from __future__ import absolute_import

import numpy as np

from .. import backend as K
from ..utils.layer_utils import flip_kernel

_FLIPPED_CONV_CLASSES = ('Conv1D', 'Conv2D', 'Conv3D', 'Conv2DTranspose',
                         'ConvLSTM2D')
# Whether the convolution kernels that a Keras 2 backend wrote are for a
# correlation (TensorFlow, CNTK) or a true convolution (Theano). Both engines
# of this project compute correlations, so only true-convolution kernels are
# flipped on load; files written by this project say so (see saving.py,
# `CONV_KERNELS_ATTR`) and are never flipped.
_USES_CORRELATION = {'tensorflow': True, 'theano': False, 'cntk': True}


def _class_name(layer):
    return layer.__class__.__name__


# ----------------------------------------------------------------------
# Nested layers
# ----------------------------------------------------------------------

def _convert_bidirectional(layer, weights, **kwargs):
    half = len(weights) // 2
    return (preprocess_weights_for_loading(layer.forward_layer,
                                           weights[:half], **kwargs) +
            preprocess_weights_for_loading(layer.backward_layer,
                                           weights[half:], **kwargs))


def _convert_nested_model(layer, weights, **kwargs):
    """Weights of a nested model come as: every sub-layer's trainable
    weights, then every sub-layer's non-trainable ones."""
    converted = []
    weights = list(weights)
    for trainable_part in (True, False):
        for sublayer in layer.layers:
            if trainable_part:
                count = len(sublayer.trainable_weights)
            else:
                trainable_ids = set(id(w) for w in sublayer.trainable_weights)
                count = len([w for w in sublayer.weights
                             if id(w) not in trainable_ids])
            if count:
                converted += preprocess_weights_for_loading(
                    sublayer, weights[:count], **kwargs)
                weights = weights[count:]
    return converted + weights


# ----------------------------------------------------------------------
# Keras 1 layouts
# ----------------------------------------------------------------------

def _concat_gates(weights, order):
    """Per-gate [W, U, b] triplets -> [kernel, recurrent_kernel, bias], the
    gates concatenated in `order` (indices of the triplets)."""
    return [np.concatenate([weights[3 * gate + part] for gate in order],
                           axis=-1)
            for part in range(3)]


def _convert_keras1_conv1d(layer, weights):
    kernel = weights[0]
    length = layer.kernel_size[0]
    if kernel.shape[:2] != (length, 1) or kernel.shape[3] != layer.filters:
        # Legacy layout (filters, input_dim, length, 1).
        kernel = np.transpose(kernel, (2, 3, 1, 0))
    weights[0] = kernel[:, 0, :, :]
    return weights


def _convert_keras1(layer, weights):
    name = _class_name(layer)
    data_format = getattr(layer, 'data_format', None)
    if name == 'Conv1D':
        weights = _convert_keras1_conv1d(layer, weights)
    elif name == 'Conv2D' and data_format == 'channels_first':
        weights[0] = np.transpose(weights[0], (2, 3, 1, 0))
    elif name == 'Conv2DTranspose':
        if data_format == 'channels_last':
            weights[0] = np.transpose(weights[0], (0, 1, 3, 2))
        elif data_format == 'channels_first':
            weights[0] = np.transpose(weights[0], (2, 3, 0, 1))
    elif name == 'Conv3D' and data_format == 'channels_first':
        weights[0] = np.transpose(weights[0], (2, 3, 4, 1, 0))
    elif name == 'GRU' and len(weights) == 9:
        weights = _concat_gates(weights, (0, 1, 2))          # z, r, h
    elif name == 'LSTM' and len(weights) == 12:
        weights = _concat_gates(weights, (0, 2, 1, 3))       # i,c,f,o->ifco
    elif name == 'ConvLSTM2D' and len(weights) == 12:
        weights = _concat_gates(weights, (0, 2, 1, 3))
        if data_format == 'channels_first':
            weights[0] = np.transpose(weights[0], (2, 3, 1, 0))
            weights[1] = np.transpose(weights[1], (2, 3, 1, 0))
    return weights


# ----------------------------------------------------------------------
# Convolution kernels across backends
# ----------------------------------------------------------------------

def _needs_kernel_flip(original_backend):
    return _USES_CORRELATION.get(original_backend, True) is False


def _convert_conv_kernels(layer, weights, original_backend, reshape):
    if not layer.weights:
        return weights
    expected = tuple(K.int_shape(layer.weights[0]))
    is_conv_lstm = _class_name(layer) == 'ConvLSTM2D'
    if _needs_kernel_flip(original_backend):
        weights[0] = flip_kernel(weights[0])
        if is_conv_lstm:
            weights[1] = flip_kernel(weights[1])
    if expected == weights[0].shape:
        return weights
    if reshape:
        if weights[0].size != int(np.prod(expected)):
            raise ValueError('Weights must be of equal size to apply a '
                             'reshape operation. Layer %s\'s weights have '
                             'shape %s and size %d. The weights for loading '
                             'have shape %s and size %d.'
                             % (layer.name, expected, int(np.prod(expected)),
                                weights[0].shape, weights[0].size))
        weights[0] = np.reshape(weights[0], expected)
    elif weights[0].ndim == 4:
        weights[0] = np.transpose(weights[0], (3, 2, 0, 1))
        if is_conv_lstm:
            weights[1] = np.transpose(weights[1], (3, 2, 0, 1))
    return weights


# ----------------------------------------------------------------------
# CuDNN <-> standard recurrent layers
# ----------------------------------------------------------------------

def _per_gate(matrix, transform, n_gates):
    return np.hstack([transform(block)
                      for block in np.hsplit(matrix, n_gates)])


def _cudnn_kernel_transform(from_cudnn):
    order = 'F' if from_cudnn else 'C'
    return lambda block: block.T.reshape(block.shape, order=order)


def _convert_kernels(weights, from_cudnn, n_gates):
    kernel = _per_gate(weights[0], _cudnn_kernel_transform(from_cudnn),
                       n_gates)
    recurrent = _per_gate(weights[1], lambda block: block.T, n_gates)
    return kernel, recurrent


def _convert_lstm(layer, weights):
    units = weights[1].shape[0]
    bias_shape = weights[2].shape
    if bias_shape == (8 * units,):
        source = 'CuDNNLSTM'
    elif bias_shape == (4 * units,):
        source = 'LSTM'
    else:
        raise ValueError('Layer %s: invalid LSTM bias shape %s for %d units.'
                         % (layer.name, bias_shape, units))
    if source == _class_name(layer):
        return weights
    from_cudnn = source == 'CuDNNLSTM'
    kernel, recurrent = _convert_kernels(weights, from_cudnn, 4)
    if from_cudnn:
        bias = np.sum(np.split(weights[2], 2, axis=0), axis=0)
    else:
        bias = np.tile(0.5 * weights[2], 2)
    return [kernel, recurrent, bias]


def _convert_gru(layer, weights):
    units = weights[1].shape[0]
    bias_shape = weights[2].shape
    if bias_shape == (6 * units,):
        source = 'CuDNNGRU'
    elif bias_shape == (2, 3 * units):
        source = 'GRU(reset_after=True)'
    elif bias_shape == (3 * units,):
        source = 'GRU(reset_after=False)'
    else:
        raise ValueError('Layer %s: invalid GRU bias shape %s for %d units.'
                         % (layer.name, bias_shape, units))
    if _class_name(layer) == 'CuDNNGRU':
        target = 'CuDNNGRU'
    elif getattr(layer, 'reset_after', False):
        target = 'GRU(reset_after=True)'
    else:
        target = 'GRU(reset_after=False)'
    if source == target:
        return weights
    if 'GRU(reset_after=False)' in (source, target):
        raise ValueError('Layer %s: weights of a %s are not compatible with '
                         'a %s.' % (layer.name, source, target))
    from_cudnn = source == 'CuDNNGRU'
    kernel, recurrent = _convert_kernels(weights, from_cudnn, 3)
    bias = np.asarray(weights[2]).reshape((2, -1) if from_cudnn else -1)
    return [kernel, recurrent, bias]


def _convert_rnn_weights(layer, weights):
    name = _class_name(layer)
    if len(weights) != 3:
        return weights
    if name in ('LSTM', 'CuDNNLSTM'):
        return _convert_lstm(layer, weights)
    if name in ('GRU', 'CuDNNGRU'):
        return _convert_gru(layer, weights)
    return weights


def preprocess_weights_for_loading(layer, weights,
                                   original_keras_version=None,
                                   original_backend=None,
                                   reshape=False):
    """Converts layers weights from Keras 1 format to Keras 2 (and between
    backends and CuDNN/standard recurrent layers).

    # Arguments
        layer: Layer instance.
        weights: List of weights values (Numpy arrays).
        original_keras_version: Keras version for the weights, as a string.
        original_backend: Keras backend the weights were trained with,
            as a string.
        reshape: Reshape weights to fit the layer when the correct number
            of values are present but the shape does not match.

    # Returns
        A list of weights values (Numpy arrays).
    """
    weights = [np.asarray(w) for w in weights]
    kwargs = dict(original_keras_version=original_keras_version,
                  original_backend=original_backend, reshape=reshape)
    name = _class_name(layer)
    if name == 'Bidirectional':
        weights = _convert_bidirectional(layer, weights, **kwargs)
    if name == 'TimeDistributed':
        weights = preprocess_weights_for_loading(layer.layer, weights,
                                                 **kwargs)
    elif name in ('Model', 'Sequential') or (
            getattr(layer, '_is_graph_network', False) and
            hasattr(layer, 'layers')):
        weights = _convert_nested_model(layer, weights, **kwargs)

    if original_keras_version == '1':
        weights = _convert_keras1(layer, weights)
    if name in _FLIPPED_CONV_CLASSES and weights:
        weights = _convert_conv_kernels(layer, weights, original_backend,
                                        reshape)
    return _convert_rnn_weights(layer, weights)
