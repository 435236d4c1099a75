# -*- coding: utf-8 -*-
"""Deprecated layers kept for Keras 1 code: `Merge` / `merge`, `Highway`,
`MaxoutDense`, `AtrousConvolution1D/2D`, and the `Recurrent` and
`ConvRecurrent2D` base classes of the old recurrent layers.
"""
from __future__ import absolute_import
from __future__ import division
from __future__ import print_function

import importlib
import types as python_types
import warnings

from .. import backend as K
from .. import activations
from .. import initializers
from .. import regularizers
from .. import constraints
from ..engine.base_layer import InputSpec
from ..engine.base_layer import Layer
from ..utils.generic_utils import func_dump
from ..utils.generic_utils import func_load  # noqa: F401
from ..utils.safe_mode import load_serialized_function
from . import interfaces

__all__ = ['Merge', 'merge', 'Highway', 'MaxoutDense', 'AtrousConvolution1D',
           'AtrousConvolution2D', 'AtrousConv1D', 'AtrousConv2D',
           'Recurrent', 'ConvRecurrent2D']


def _deprecated(old, new):
    interfaces.warn_legacy_name(old, new, code=False)


# --------------------------------------------------------------------------
# Merge
# --------------------------------------------------------------------------

_MERGE_MODES = ('sum', 'mul', 'concat', 'ave', 'cos', 'dot', 'max')
_MERGE_REPLACEMENTS = {'sum': 'keras.layers.Add / add',
                       'mul': 'keras.layers.Multiply / multiply',
                       'concat': 'keras.layers.Concatenate / concatenate',
                       'ave': 'keras.layers.Average / average',
                       'max': 'keras.layers.Maximum / maximum',
                       'dot': 'keras.layers.Dot / dot',
                       'cos': 'keras.layers.Dot(normalize=True)'}


def keras2_merge_layer(mode, concat_axis=-1, dot_axes=-1, name=None):
    """The Keras 2 layer of a Keras 1 merge mode.

    # Arguments
        mode: 'sum', 'mul', 'concat', 'ave', 'cos', 'dot' or 'max'.
        concat_axis: axis of 'concat'.
        dot_axes: axes of 'dot' / 'cos'.
        name: name of the layer.

    # Returns
        An `Add`, `Multiply`, `Concatenate`, `Average`, `Dot` or `Maximum`
        layer.
    """
    # `keras.layers.merge` is the legacy `merge` function (as in Keras 2),
    # so the module is named through its own path.
    merge_layers = importlib.import_module('keras.layers.merge')
    if mode in ('dot', 'cos'):
        return merge_layers.Dot(axes=dot_axes, normalize=mode == 'cos',
                                name=name)
    if mode == 'concat':
        return merge_layers.Concatenate(axis=concat_axis, name=name)
    classes = {'sum': merge_layers.Add, 'mul': merge_layers.Multiply,
               'ave': merge_layers.Average, 'max': merge_layers.Maximum}
    if mode not in classes:
        raise ValueError('Invalid merge mode %r: expected one of %s.'
                         % (mode, _MERGE_MODES))
    return classes[mode](name=name)


class Merge(Layer):
    """Keras 1 merge layer: merges a list of tensors (or the outputs of a
    list of layers) into a single tensor.

    # Arguments
        layers: optional list of layers (or models) whose outputs are
            merged at once (Keras 1 `Merge([model_a, model_b])`).
        mode: 'sum', 'mul', 'concat', 'ave', 'cos', 'dot', 'max', or a
            function taking the list of tensors.
        concat_axis: axis of 'concat'.
        dot_axes: axes of 'dot' / 'cos' (int or pair of ints).
        output_shape: output shape for a function `mode` (tuple without the
            batch axis, or a function of the list of input shapes).
        output_mask: mask (or function `(inputs, masks) -> mask`) for a
            function `mode`.
        arguments: keyword arguments passed to a function `mode`.
        node_indices, tensor_indices: which node / output of each layer of
            `layers` to use (default: 0).
        name: layer name.
    """

    def __init__(self, layers=None, mode='sum', concat_axis=-1,
                 dot_axes=-1, output_shape=None, output_mask=None,
                 arguments=None, node_indices=None, tensor_indices=None,
                 name=None):
        super(Merge, self).__init__(name=name)
        if not callable(mode) and mode not in _MERGE_MODES:
            raise _error(self, 'invalid merge `mode` %r: expected one of %s '
                         'or a function.' % (mode, _MERGE_MODES))
        interfaces.warn_legacy_name(
            'Merge', 'the layers of `keras.layers.merge`, e.g. `%s`'
            % _MERGE_REPLACEMENTS.get(mode, 'Lambda'), code=False)
        self.mode = mode
        self.concat_axis = concat_axis
        self.dot_axes = dot_axes
        self._output_shape = output_shape
        self.node_indices = node_indices
        self._output_mask = output_mask
        self.arguments = arguments if arguments else {}
        self.supports_masking = True
        self._merge_layer = None
        if layers:
            node_indices = node_indices or [0] * len(layers)
            tensor_indices = tensor_indices or [0] * len(layers)
            inputs = []
            for layer, node_index, tensor_index in zip(layers, node_indices,
                                                       tensor_indices):
                output = layer.get_output_at(node_index)
                if isinstance(output, (list, tuple)):
                    output = output[tensor_index]
                inputs.append(output)
            self(inputs)
            self._called_on_models = True

    def _delegate(self):
        """The Keras 2 merge layer that computes a built-in mode."""
        if self._merge_layer is None:
            self._merge_layer = keras2_merge_layer(
                self.mode, self.concat_axis, self.dot_axes,
                self.name + '_' + {'cos': 'dot'}.get(self.mode, self.mode))
        return self._merge_layer

    def build(self, input_shape):
        if not isinstance(input_shape, list) or len(input_shape) < 2:
            raise _error(self, 'a Merge should be called on a list of at '
                         'least 2 inputs, got input shape %s.'
                         % (input_shape,))
        if not callable(self.mode):
            self._delegate().build(input_shape)
            if self.mode in ('dot', 'cos') and len(input_shape) != 2:
                raise _error(self, 'mode %r needs exactly 2 inputs.'
                             % self.mode)
        self.built = True

    def call(self, inputs, mask=None):
        if not isinstance(inputs, list) or len(inputs) < 2:
            raise _error(self, 'a Merge should be called on a list of at '
                         'least 2 tensors.')
        if callable(self.mode):
            return self.mode(inputs, **self.arguments)
        return self._delegate().call(inputs)

    def compute_output_shape(self, input_shape):
        if callable(self.mode):
            if callable(self._output_shape):
                return tuple(self._output_shape(input_shape))
            if self._output_shape is not None:
                return (input_shape[0][0],) + tuple(self._output_shape)
            return input_shape[0]
        return self._delegate().compute_output_shape(input_shape)

    def compute_mask(self, inputs, mask=None):
        if mask is None or all(m is None for m in mask):
            return None
        if callable(self._output_mask):
            return self._output_mask(mask)
        if self._output_mask is not None:
            return self._output_mask
        if callable(self.mode):
            return None
        return self._delegate().compute_mask(inputs, mask)

    def get_config(self):
        def encode(value):
            if isinstance(value, python_types.LambdaType):
                return func_dump(value), 'lambda'
            if callable(value):
                return value.__name__, 'function'
            return value, 'raw'
        mode, mode_type = encode(self.mode)
        output_shape, output_shape_type = encode(self._output_shape)
        output_mask, output_mask_type = encode(self._output_mask)
        return {'name': self.name,
                'mode': mode, 'mode_type': mode_type,
                'concat_axis': self.concat_axis,
                'dot_axes': self.dot_axes,
                'output_shape': output_shape,
                'output_shape_type': output_shape_type,
                'output_mask': output_mask,
                'output_mask_type': output_mask_type,
                'arguments': self.arguments}

    @classmethod
    def from_config(cls, config, custom_objects=None):
        config = dict(config)
        globs = dict(globals())
        if custom_objects:
            globs.update(custom_objects)
        for key in ('mode', 'output_shape', 'output_mask'):
            kind = config.pop(key + '_type', 'raw')
            if kind == 'function':
                config[key] = globs[config[key]]
            elif kind == 'lambda':
                config[key] = load_serialized_function(
                    config[key], globs, custom_objects,
                    what='the `%s` argument' % key,
                    owner='Merge layer "%s"' % config.get('name', '?'))
        return cls(**config)


def merge(inputs, mode='sum', concat_axis=-1,
          dot_axes=-1, output_shape=None, output_mask=None,
          arguments=None, name=None):
    """Keras 1 functional merge: `Merge(mode=...)(inputs)`.

    # Arguments
        inputs: list of tensors.
        mode, concat_axis, dot_axes, output_shape, output_mask, arguments,
        name: as for `Merge`.

    # Returns
        The merged tensor.
    """
    return Merge(mode=mode, concat_axis=concat_axis, dot_axes=dot_axes,
                 output_shape=output_shape, output_mask=output_mask,
                 arguments=arguments, name=name)(inputs)


# --------------------------------------------------------------------------
# Dense-like legacy layers
# --------------------------------------------------------------------------

class _LegacyDense(Layer):
    """Shared constructor / config of MaxoutDense and Highway (Keras 1
    argument names: init, W_regularizer, b_regularizer, W_constraint,
    b_constraint, bias)."""

    def __init__(self, init='glorot_uniform', weights=None,
                 W_regularizer=None, b_regularizer=None,
                 activity_regularizer=None, W_constraint=None,
                 b_constraint=None, bias=True, input_dim=None, **kwargs):
        self.input_dim = input_dim
        if input_dim and 'input_shape' not in kwargs:
            kwargs['input_shape'] = (input_dim,)
        if weights is not None:
            kwargs['weights'] = weights
        super(_LegacyDense, self).__init__(**kwargs)
        self.init = initializers.get(init)
        self.W_regularizer = regularizers.get(W_regularizer)
        self.b_regularizer = regularizers.get(b_regularizer)
        self.activity_regularizer = regularizers.get(activity_regularizer)
        self.W_constraint = constraints.get(W_constraint)
        self.b_constraint = constraints.get(b_constraint)
        self.bias = bias
        self.input_spec = InputSpec(ndim=2)

    def _input_dim(self, input_shape):
        if len(input_shape) != 2 or input_shape[-1] is None:
            raise _error(self, 'expected input of shape (batch, features) '
                         'with known features, got %s.' % (input_shape,))
        return int(input_shape[-1])

    def _add(self, name, shape, initializer, bias=False):
        return self.add_weight(
            name=name, shape=shape, initializer=initializer,
            regularizer=self.b_regularizer if bias else self.W_regularizer,
            constraint=self.b_constraint if bias else self.W_constraint)

    def get_config(self):
        config = dict(super(_LegacyDense, self).get_config())
        config.update({
            'init': initializers.serialize(self.init),
            'W_regularizer': regularizers.serialize(self.W_regularizer),
            'b_regularizer': regularizers.serialize(self.b_regularizer),
            'activity_regularizer': regularizers.serialize(
                self.activity_regularizer),
            'W_constraint': constraints.serialize(self.W_constraint),
            'b_constraint': constraints.serialize(self.b_constraint),
            'bias': self.bias,
            'input_dim': self.input_dim})
        return config


class MaxoutDense(_LegacyDense):
    """A dense maxout layer: `max_k(dot(x, W[k]) + b[k])` over
    `nb_feature` linear pieces.

    # Arguments
        output_dim: int > 0.
        nb_feature: number of Dense layers to use internally.
        init, weights, W_regularizer, b_regularizer, activity_regularizer,
        W_constraint, b_constraint, bias, input_dim: Keras 1 Dense
            arguments.

    # Input shape
        2D tensor `(nb_samples, input_dim)`.

    # Output shape
        2D tensor `(nb_samples, output_dim)`.

    # References
        - [Maxout Networks](https://arxiv.org/abs/1302.4389)
    """

    def __init__(self, output_dim, nb_feature=4, init='glorot_uniform',
                 weights=None, W_regularizer=None, b_regularizer=None,
                 activity_regularizer=None, W_constraint=None,
                 b_constraint=None, bias=True, input_dim=None, **kwargs):
        _deprecated('MaxoutDense', 'a Dense layer with `units * nb_feature` '
                    'units followed by a max over the pieces')
        super(MaxoutDense, self).__init__(
            init=init, weights=weights, W_regularizer=W_regularizer,
            b_regularizer=b_regularizer,
            activity_regularizer=activity_regularizer,
            W_constraint=W_constraint, b_constraint=b_constraint, bias=bias,
            input_dim=input_dim, **kwargs)
        self.output_dim = output_dim
        self.nb_feature = nb_feature

    def build(self, input_shape):
        input_dim = self._input_dim(input_shape)
        self.input_spec = InputSpec(ndim=2, axes={1: input_dim})
        self.W = self._add('W', (self.nb_feature, input_dim,
                                 self.output_dim), self.init)
        self.b = None
        if self.bias:
            self.b = self._add('b', (self.nb_feature, self.output_dim),
                               'zeros', bias=True)
        self.built = True

    def call(self, x):
        output = None
        for k in range(self.nb_feature):
            piece = K.dot(x, self.W[k])
            if self.bias:
                piece = piece + self.b[k]
            output = piece if output is None else K.maximum(output, piece)
        return output

    def compute_output_shape(self, input_shape):
        return (input_shape[0], self.output_dim)

    def get_config(self):
        config = super(MaxoutDense, self).get_config()
        config.update({'output_dim': self.output_dim,
                       'nb_feature': self.nb_feature})
        return config


class Highway(_LegacyDense):
    """Densely connected highway network:
    `t = sigmoid(dot(x, W_carry) + b_carry)`,
    `y = activation(dot(x, W) + b) * t + x * (1 - t)`.

    # Arguments
        init, activation, weights, W_regularizer, b_regularizer,
        activity_regularizer, W_constraint, b_constraint, bias, input_dim:
            Keras 1 Dense arguments (`b_carry` starts at 1).

    # Input shape
        2D tensor `(nb_samples, input_dim)`.

    # Output shape
        2D tensor `(nb_samples, input_dim)`.

    # References
        - [Highway Networks](https://arxiv.org/abs/1505.00387v2)
    """

    def __init__(self, init='glorot_uniform', activation=None, weights=None,
                 W_regularizer=None, b_regularizer=None,
                 activity_regularizer=None, W_constraint=None,
                 b_constraint=None, bias=True, input_dim=None, **kwargs):
        _deprecated('Highway', 'a custom layer (or two Dense layers and a '
                    'gating Lambda)')
        if 'transform_bias' in kwargs:
            kwargs.pop('transform_bias')
            warnings.warn('`transform_bias` argument is deprecated and has '
                          'been removed.', stacklevel=2)
        super(Highway, self).__init__(
            init=init, weights=weights, W_regularizer=W_regularizer,
            b_regularizer=b_regularizer,
            activity_regularizer=activity_regularizer,
            W_constraint=W_constraint, b_constraint=b_constraint, bias=bias,
            input_dim=input_dim, **kwargs)
        self.activation = activations.get(activation)

    def build(self, input_shape):
        input_dim = self._input_dim(input_shape)
        self.input_spec = InputSpec(ndim=2, axes={1: input_dim})
        self.W = self._add('W', (input_dim, input_dim), self.init)
        self.W_carry = self._add('W_carry', (input_dim, input_dim), self.init)
        self.b = self.b_carry = None
        if self.bias:
            self.b = self._add('b', (input_dim,), 'zeros', bias=True)
            self.b_carry = self._add('b_carry', (input_dim,), 'ones',
                                     bias=True)
        self.built = True

    def call(self, x):
        carry = K.dot(x, self.W_carry)
        transformed = K.dot(x, self.W)
        if self.bias:
            carry = carry + self.b_carry
            transformed = transformed + self.b
        gate = K.sigmoid(carry)
        return self.activation(transformed) * gate + (1 - gate) * x

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        config = super(Highway, self).get_config()
        config['activation'] = activations.serialize(self.activation)
        return config


def AtrousConvolution1D(*args, **kwargs):
    """Keras 1 atrous 1D convolution: a `Conv1D` whose `dilation_rate` is
    `atrous_rate`."""
    from ..layers import Conv1D
    kwargs['dilation_rate'] = kwargs.pop('atrous_rate', 1)
    _deprecated('AtrousConvolution1D', '`Conv1D(..., dilation_rate=rate)`')
    return Conv1D(*args, **kwargs)


def AtrousConvolution2D(*args, **kwargs):
    """Keras 1 atrous 2D convolution: a `Conv2D` whose `dilation_rate` is
    `atrous_rate`."""
    from ..layers import Conv2D
    kwargs['dilation_rate'] = kwargs.pop('atrous_rate', (1, 1))
    _deprecated('AtrousConvolution2D', '`Conv2D(..., dilation_rate=rate)`')
    return Conv2D(*args, **kwargs)


AtrousConv1D = AtrousConvolution1D
AtrousConv2D = AtrousConvolution2D


from ._recurrent_base import Recurrent, ConvRecurrent2D  # noqa: E402,F401
from ..layers._utils import layer_error as _error
