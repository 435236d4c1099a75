"""The multimodal fork's core layers with weights or several inputs
(re-exported by `keras.layers.core`): PositionwiseFeedForwardDense,
GuidedDropout, WeightedSum, WeightedMerge.
"""
from .. import backend as K
from .. import activations
from .. import initializers
from .. import regularizers
from .. import constraints
from ..engine.base_layer import InputSpec
from ..engine.base_layer import Layer
from ..legacy import interfaces
from ._utils import layer_error, check_rank, check_known, to_shape_tuple

__all__ = ['PositionwiseFeedForwardDense', 'GuidedDropout', 'WeightedSum',
           'WeightedMerge']


def _two_inputs(layer, input_shape):
    """The two input shapes of a two-input layer, or a ValueError."""
    if not isinstance(input_shape, (list, tuple)) or len(input_shape) != 2 \
            or not all(isinstance(s, (list, tuple)) or hasattr(s, 'as_list')
                       for s in input_shape):
        raise layer_error(layer, 'expected a list of 2 inputs, got %r.'
                          % (input_shape,))
    return [to_shape_tuple(s) for s in input_shape]


class PositionwiseFeedForwardDense(Layer):
    """The Transformer's position-wise feed-forward block:
    `out = dropout(activation(x . kernel1 + bias1)) . kernel2 + bias2`,
    applied to the last axis; the output has the input's shape.

    Weights, in this order: `kernel1 (E, units)`, `bias1 (units,)`,
    `kernel2 (units, E)`, `bias2 (E,)` (biases only if `use_bias`), as the
    fork saves them. The mask passes through.

    # Arguments
        units: Positive integer, size of the inner layer.
        activation: activation of the inner layer (default 'relu').
        dropout: float in [0, 1), dropout on the inner layer (training only).
        use_bias: Boolean, whether the two products get a bias.
        kernel_initializer, bias_initializer: Initializers.
        kernel_regularizer, bias_regularizer, activity_regularizer:
            Regularizers.
        kernel_constraint, bias_constraint: Constraints.

    # Input shape
        `(batch, ..., E)`.

    # Output shape
        Same as the input.

    # Raises
        ValueError: for a non-positive `units`, a `dropout` outside [0, 1),
            or inputs whose last axis is unknown.
    """

    @interfaces.legacy_dense_support
    def __init__(self, units,
                 activation='relu',
                 dropout=0.,
                 use_bias=True,
                 kernel_initializer='glorot_uniform',
                 bias_initializer='zeros',
                 kernel_regularizer=None,
                 bias_regularizer=None,
                 activity_regularizer=None,
                 kernel_constraint=None,
                 bias_constraint=None,
                 **kwargs):
        if 'input_shape' not in kwargs and 'input_dim' in kwargs:
            kwargs['input_shape'] = (kwargs.pop('input_dim'),)
        super().__init__(**kwargs)
        self.units = int(units)
        if self.units <= 0:
            raise layer_error(self, '`units` must be a positive integer, got '
                              '%r.' % (units,))
        if not 0. <= dropout < 1.:
            raise layer_error(self, '`dropout` must be in [0, 1), got %r.'
                              % (dropout,))
        self.activation = activations.get(activation)
        self.dropout = dropout
        self.use_bias = use_bias
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.activity_regularizer = regularizers.get(activity_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        self.input_spec = InputSpec(min_ndim=2)
        self.supports_masking = True

    def _kernel(self, name, shape):
        return self.add_weight(shape=shape, name=name,
                               initializer=self.kernel_initializer,
                               regularizer=self.kernel_regularizer,
                               constraint=self.kernel_constraint)

    def _bias(self, name, size):
        if not self.use_bias:
            return None
        return self.add_weight(shape=(size,), name=name,
                               initializer=self.bias_initializer,
                               regularizer=self.bias_regularizer,
                               constraint=self.bias_constraint)

    def build(self, input_shape):
        input_shape = to_shape_tuple(input_shape)
        check_rank(self, input_shape, min_ndim=2)
        dim = check_known(self, input_shape, -1, 'last')
        self.kernel1 = self._kernel('kernel1', (dim, self.units))
        self.bias1 = self._bias('bias1', self.units)
        self.kernel2 = self._kernel('kernel2', (self.units, dim))
        self.bias2 = self._bias('bias2', dim)
        self.input_spec = InputSpec(min_ndim=2, axes={-1: dim})
        self.built = True

    def call(self, inputs, mask=None, training=None):
        hidden = K.dot(inputs, self.kernel1)
        if self.use_bias:
            hidden = K.bias_add(hidden, self.bias1,
                                data_format='channels_last')
        if self.activation is not None:
            hidden = self.activation(hidden)
        if 0. < self.dropout < 1.:
            kept = hidden

            def dropped():
                return K.dropout(kept, self.dropout)
            hidden = K.in_train_phase(dropped, kept, training=training)
        output = K.dot(hidden, self.kernel2)
        if self.use_bias:
            output = K.bias_add(output, self.bias2,
                                data_format='channels_last')
        return output

    def compute_output_shape(self, input_shape):
        input_shape = to_shape_tuple(input_shape)
        check_rank(self, input_shape, min_ndim=2)
        return input_shape

    def get_config(self):
        config = dict(super().get_config())
        config.update({
            'units': self.units,
            'activation': activations.serialize(self.activation),
            'dropout': self.dropout,
            'use_bias': self.use_bias,
            'kernel_initializer': initializers.serialize(
                self.kernel_initializer),
            'bias_initializer': initializers.serialize(self.bias_initializer),
            'kernel_regularizer': regularizers.serialize(
                self.kernel_regularizer),
            'bias_regularizer': regularizers.serialize(self.bias_regularizer),
            'activity_regularizer': regularizers.serialize(
                self.activity_regularizer),
            'kernel_constraint': constraints.serialize(self.kernel_constraint),
            'bias_constraint': constraints.serialize(self.bias_constraint)})
        return config


class GuidedDropout(Layer):
    """Multiplies each sample by a row of a fixed matrix chosen by a
    second input: `out = x * W[argmax(modulator, axis=1)]`.

    `W` (`weights_shape = (num_matrices, num_features)`, saved as
    `{name}_W`) is not trained; give it with `weights=[W]` or
    `set_weights`. The fork could not construct this layer; this follows
    its intended equations.

    # Arguments
        weights_shape: `(num_matrices, num_features)`.
        weights: optional initial value of `W`, as a one-element list or
            an array.

    # Input shape
        `[x (batch, num_features), modulator (batch, num_matrices)]`.

    # Output shape
        `(batch, num_features)`.

    # Raises
        ValueError: inputs that are not two 2D tensors matching
            `weights_shape`.
    """

    def __init__(self, weights_shape, weights=None, **kwargs):
        super().__init__(**kwargs)
        self.weights_shape = tuple(int(d) for d in weights_shape)
        if len(self.weights_shape) != 2:
            raise layer_error(self, '`weights_shape` must be (num_matrices, '
                              'num_features), got %r.' % (weights_shape,))
        if weights is not None and not isinstance(weights, (list, tuple)):
            weights = [weights]
        self.initial_weights = weights
        self.init = initializers.get('uniform')

    def build(self, input_shape):
        x_shape, mod_shape = _two_inputs(self, input_shape)
        check_rank(self, x_shape, ndim=2, what='first input')
        check_rank(self, mod_shape, ndim=2, what='second input')
        expected = (mod_shape[1], x_shape[1])
        if any(a is not None and a != b
               for a, b in zip(expected, self.weights_shape)):
            raise layer_error(self, 'inputs of shapes %s need `weights_shape` '
                              '(%s, %s), got %s.' % (
                                  [x_shape, mod_shape], expected[0],
                                  expected[1], self.weights_shape))
        self.W = self.add_weight(shape=self.weights_shape,
                                 initializer=self.init,
                                 name='{}_W'.format(self.name),
                                 trainable=False)
        if self.initial_weights is not None:
            self.set_weights(self.initial_weights)
            self.initial_weights = None
        self.built = True

    def call(self, inputs):
        x, modulator = inputs
        rows = K.gather(self.W, K.argmax(modulator, axis=1))
        return x * rows

    def compute_output_shape(self, input_shape):
        return _two_inputs(self, input_shape)[0]

    def get_config(self):
        config = dict(super().get_config())
        config['weights_shape'] = self.weights_shape
        return config


class WeightedSum(Layer):
    """Multiplies values by weights (broadcast, e.g. weights with size 1
    on an axis) and sums the product over `sum_dims`.

    # Arguments
        sum_dims: list of the axes summed after the product (batch axis
            counted as 0).

    # Input shape
        `[values, weights]`, of the same rank; on each axis the sizes match
        or one of them is 1.

    # Output shape
        The broadcast shape without the axes in `sum_dims`.

    # Raises
        ValueError: for inputs that are not two tensors of the same rank,
            or `sum_dims` outside their axes.
    """

    def __init__(self, sum_dims=[], **kwargs):
        super().__init__(**kwargs)
        if not isinstance(sum_dims, (list, tuple)):
            raise layer_error(self, '`sum_dims` must be a list of axes, got '
                              '%r.' % (sum_dims,))
        self.sum_dims = sorted(int(d) for d in sum_dims)[::-1]
        self.supports_masking = True

    def _shapes(self, input_shape):
        values, weights = _two_inputs(self, input_shape)
        if len(values) != len(weights):
            raise layer_error(self, 'values and weights must have the same '
                              'rank, got shapes %s and %s.'
                              % (values, weights))
        if any(not 0 <= d < len(values) for d in self.sum_dims):
            raise layer_error(self, '`sum_dims` %s out of range for inputs of '
                              'rank %d.' % (self.sum_dims, len(values)))
        return values, weights

    def build(self, input_shape):
        self._shapes(input_shape)
        super().build(input_shape)

    def call(self, inputs, mask=None):
        output = inputs[0] * inputs[1]
        for axis in self.sum_dims:
            output = K.sum(output, axis=axis)
        return output

    def compute_output_shape(self, input_shape):
        values, weights = self._shapes(input_shape)
        shape = []
        for axis, (a, b) in enumerate(zip(values, weights)):
            if axis in self.sum_dims:
                continue
            if a is None or b is None:
                shape.append(None if a in (None, 1) and b in (None, 1)
                             else max(a or 0, b or 0))
            else:
                shape.append(max(a, b))
        return tuple(shape)

    def compute_mask(self, inputs, mask=None):
        masks = [m for m in (mask or []) if m is not None]
        if not masks:
            return None
        if any(d < K.ndim(masks[0]) for d in self.sum_dims):
            return None
        out = masks[0]
        for m in masks[1:]:
            out = K.all(K.stack([K.cast(out, 'bool'), K.cast(m, 'bool')]),
                        axis=0)
        return out

    def get_config(self):
        config = dict(super().get_config())
        config['sum_dims'] = list(self.sum_dims)
        return config


class WeightedMerge(Layer):
    """Merges same-shaped inputs with one learned weight per input:
    `sum_i lambdas[i] * x_i` (mode 'sum') or `prod_i lambdas[i] * x_i`
    (mode 'mul'). The output carries the first input's mask.

    Weight: `{name}_lambdas (n_inputs,)`. The fork could not build this
    layer; this follows its intended equations.

    # Arguments
        mode: 'sum' (default) or 'mul'.
        init: initializer of the lambdas.
        lambdas_regularizer: regularizer of the lambdas.
        weights: optional initial lambdas (one-element list or array).

    # Input shape
        A list of tensors of the same shape (or a single tensor).

    # Output shape
        The common shape.

    # Raises
        ValueError: for an unknown mode or inputs of different shapes.
    """

    _MODES = ('sum', 'mul')

    def __init__(self, mode='sum', init='glorot_uniform',
                 lambdas_regularizer=None, weights=None, **kwargs):
        super().__init__(**kwargs)
        if mode not in self._MODES:
            raise layer_error(self, '`mode` must be one of %s, got %r.'
                              % (list(self._MODES), mode))
        self.mode = mode
        self.init = initializers.get(init)
        self.lambdas_regularizer = regularizers.get(lambdas_regularizer)
        if weights is not None and not isinstance(weights, (list, tuple)):
            weights = [weights]
        self.initial_weights = weights
        self.supports_masking = True

    @staticmethod
    def _as_list(value):
        return list(value) if isinstance(value, list) else [value]

    def _check(self, shapes):
        first = shapes[0]
        for shape in shapes[1:]:
            if len(shape) != len(first) or any(
                    a is not None and b is not None and a != b
                    for a, b in zip(shape, first)):
                raise layer_error(self, 'all inputs must have the same shape, '
                                  'got %s.' % (shapes,))

    def build(self, input_shape):
        shapes = [to_shape_tuple(s) for s in self._as_list(input_shape)]
        self._check(shapes)
        self.lambdas = self.add_weight(
            shape=(len(shapes),), initializer=self.init,
            name='{}_lambdas'.format(self.name),
            regularizer=self.lambdas_regularizer)
        if self.initial_weights is not None:
            self.set_weights(self.initial_weights)
            self.initial_weights = None
        self.built = True

    def call(self, inputs, mask=None):
        inputs = self._as_list(inputs)
        output = inputs[0] * self.lambdas[0]
        for i, x in enumerate(inputs[1:], 1):
            if self.mode == 'sum':
                output = output + x * self.lambdas[i]
            else:
                output = output * (x * self.lambdas[i])
        return output

    def compute_output_shape(self, input_shape):
        return to_shape_tuple(self._as_list(input_shape)[0])

    def compute_mask(self, inputs, mask=None):
        return self._as_list(mask)[0] if mask is not None else None

    def get_config(self):
        config = dict(super().get_config())
        config.update({'mode': self.mode,
                       'init': initializers.serialize(self.init),
                       'lambdas_regularizer': regularizers.serialize(
                           self.lambdas_regularizer)})
        return config
