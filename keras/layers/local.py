# -*- coding: utf-8 -*-
"""Locally-connected layers: like convolutions, but the weights are not
shared (every output position has its own filter bank)."""
from __future__ import absolute_import
from __future__ import division
from __future__ import print_function

from .. import backend as K
from .. import activations
from .. import initializers
from .. import regularizers
from .. import constraints
from ..engine.base_layer import InputSpec
from ..engine.base_layer import Layer
from ..legacy import interfaces
from ..utils import conv_utils
from ._utils import layer_error, check_rank, normalize_format, to_shape_tuple

__all__ = ['LocallyConnected1D', 'LocallyConnected2D']


class _LocallyConnected(Layer):
    """Shared logic of LocallyConnected1D/2D (`rank` spatial axes).

    Weights: `kernel` of shape `(n_positions, prod(kernel_size) * channels,
    filters)` and `bias` of shape `output_space + (filters,)`. A patch is
    flattened in the input's layout order; with channels_first the bias
    array is read in (filters,) + output_space order (Keras 2 `bias_add`).

    `implementation` 1 uses the backend's `local_conv1d/2d`; 2 gathers all
    patches into one tensor and takes a single batched product (more
    memory, fewer graph nodes). Both use the same weights.
    """

    rank = 1

    def __init__(self, filters, kernel_size, strides, padding, data_format,
                 activation, use_bias, kernel_initializer, bias_initializer,
                 kernel_regularizer, bias_regularizer, activity_regularizer,
                 kernel_constraint, bias_constraint, implementation=1,
                 **kwargs):
        super(_LocallyConnected, self).__init__(**kwargs)
        self.filters = filters
        try:
            self.kernel_size = conv_utils.normalize_tuple(
                kernel_size, self.rank, 'kernel_size')
            self.strides = conv_utils.normalize_tuple(strides, self.rank,
                                                      'strides')
            self.padding = conv_utils.normalize_padding(padding)
        except ValueError as e:
            raise layer_error(self, str(e))
        if self.padding != 'valid':
            raise layer_error(self, 'invalid border mode %r (only "valid" is '
                              'supported).' % (padding,))
        if implementation not in (1, 2):
            raise layer_error(self, '`implementation` must be 1 or 2, got '
                              '%r.' % (implementation,))
        self.implementation = implementation
        self.data_format = normalize_format(self, data_format)
        self.activation = activations.get(activation)
        self.use_bias = use_bias
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.activity_regularizer = regularizers.get(activity_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        self.input_spec = InputSpec(ndim=self.rank + 2)

    def _channel_axis(self):
        return 1 if self.data_format == 'channels_first' else -1

    def _spatial(self, input_shape):
        if self.data_format == 'channels_first':
            return list(input_shape[2:])
        return list(input_shape[1:-1])

    def _output_space(self, input_shape):
        space = []
        for i, size in enumerate(self._spatial(input_shape)):
            length = conv_utils.conv_output_length(
                size, self.kernel_size[i], self.padding, self.strides[i])
            if length is not None and length <= 0:
                raise layer_error(self, '`kernel_size` %s is larger than the '
                                  'input (shape %s).' % (self.kernel_size,
                                                         input_shape))
            space.append(length)
        return space

    def build(self, input_shape):
        input_shape = to_shape_tuple(input_shape)
        check_rank(self, input_shape, ndim=self.rank + 2)
        input_dim = input_shape[self._channel_axis()]
        space = self._output_space(input_shape)
        if input_dim is None or None in self._spatial(input_shape):
            raise layer_error(self, 'the spatial and channel dimensions of '
                              'the input must be fully defined, got input '
                              'shape %s.' % (input_shape,))
        self.output_space = tuple(space)
        positions = 1
        for size in space:
            positions *= size
        patch = input_dim
        for size in self.kernel_size:
            patch *= size
        self.kernel_shape = (positions, patch, self.filters)
        self.kernel = self.add_weight(shape=self.kernel_shape,
                                      initializer=self.kernel_initializer,
                                      name='kernel',
                                      regularizer=self.kernel_regularizer,
                                      constraint=self.kernel_constraint)
        if self.use_bias:
            self.bias = self.add_weight(shape=self.output_space +
                                        (self.filters,),
                                        initializer=self.bias_initializer,
                                        name='bias',
                                        regularizer=self.bias_regularizer,
                                        constraint=self.bias_constraint)
        else:
            self.bias = None
        axes = {self._channel_axis(): input_dim}
        self.input_spec = InputSpec(ndim=self.rank + 2, axes=axes)
        self.built = True

    def compute_output_shape(self, input_shape):
        input_shape = to_shape_tuple(input_shape)
        check_rank(self, input_shape, ndim=self.rank + 2)
        space = tuple(self._output_space(input_shape))
        if self.data_format == 'channels_first':
            return (input_shape[0], self.filters) + space
        return (input_shape[0],) + space + (self.filters,)

    def _patches(self, inputs):
        """All patches, as a `(positions, batch, patch)` tensor. A patch is
        flattened in the input's layout order: (rows, cols, channel) for
        channels_last, (channel, rows, cols) for channels_first, as the
        Keras 2 backends' `local_conv` does."""
        channels_first = self.data_format == 'channels_first'
        positions = [[]]
        for i in range(self.rank):
            positions = [p + [j] for p in positions
                         for j in range(self.output_space[i])]
        patches = []
        for position in positions:
            index = [slice(None)] * (self.rank + 2)
            for i, j in enumerate(position):
                start = j * self.strides[i]
                axis = i + 2 if channels_first else i + 1
                index[axis] = slice(start, start + self.kernel_size[i])
            patch = inputs[tuple(index)]
            patches.append(K.reshape(patch, (1, -1, self.kernel_shape[1])))
        return K.concatenate(patches, axis=0)

    def _local_product(self, inputs):
        if self.implementation == 2:
            outputs = K.batch_dot(self._patches(inputs), self.kernel,
                                  axes=(2, 1))  # (positions, batch, filters)
            outputs = K.permute_dimensions(outputs, (1, 0, 2))
            outputs = K.reshape(outputs, (-1,) + self.output_space +
                                (self.filters,))
            if self.data_format == 'channels_first':
                outputs = K.permute_dimensions(
                    outputs, (0, self.rank + 1) + tuple(range(1,
                                                              self.rank + 1)))
            return outputs
        if self.rank == 1:
            return K.local_conv1d(inputs, self.kernel, self.kernel_size,
                                  self.strides, data_format=self.data_format)
        return K.local_conv2d(inputs, self.kernel, self.kernel_size,
                              self.strides, self.output_space,
                              data_format=self.data_format)

    def call(self, inputs):
        outputs = self._local_product(inputs)
        if self.use_bias:
            bias = self.bias
            if self.data_format == 'channels_first':
                # Keras 2 reads the stored (space..., filters) array as
                # (filters, space...) for channels_first outputs.
                bias = K.reshape(bias, (self.filters,) + self.output_space)
            outputs = outputs + K.expand_dims(bias, 0)
        return self.activation(outputs)

    def get_config(self):
        config = dict(super(_LocallyConnected, self).get_config())
        config.update({
            'filters': self.filters,
            'kernel_size': self.kernel_size,
            'strides': self.strides,
            'padding': self.padding,
            'data_format': self.data_format,
            'activation': activations.serialize(self.activation),
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
            'bias_constraint': constraints.serialize(self.bias_constraint),
            'implementation': self.implementation})
        return config


class LocallyConnected1D(_LocallyConnected):
    """Locally-connected layer for 1D inputs: a `Conv1D` whose weights are
    not shared (a different filter bank at every output step).

    # Example
    ```python
        model = Sequential()
        model.add(LocallyConnected1D(64, 3, input_shape=(10, 32)))
        # now model.output_shape == (None, 8, 64)
    ```

    # Arguments
        filters: Integer, the number of output filters.
        kernel_size: An integer or tuple/list of a single integer, the
            length of the 1D window.
        strides: An integer or tuple/list of a single integer.
        padding: Only `"valid"` is supported.
        data_format: `"channels_last"` or `"channels_first"`.
        activation, use_bias, kernel_initializer, bias_initializer,
        kernel_regularizer, bias_regularizer, activity_regularizer,
        kernel_constraint, bias_constraint: as `Conv1D`.
        implementation: 1 or 2 (keyword only; see the class notes).

    # Input shape
        3D tensor `(batch_size, steps, input_dim)`.

    # Output shape
        3D tensor `(batch_size, new_steps, filters)`.
    """

    rank = 1

    @interfaces.legacy_conv1d_support
    def __init__(self, filters,
                 kernel_size,
                 strides=1,
                 padding='valid',
                 data_format=None,
                 activation=None,
                 use_bias=True,
                 kernel_initializer='glorot_uniform',
                 bias_initializer='zeros',
                 kernel_regularizer=None,
                 bias_regularizer=None,
                 activity_regularizer=None,
                 kernel_constraint=None,
                 bias_constraint=None,
                 **kwargs):
        super(LocallyConnected1D, self).__init__(
            filters, kernel_size, strides, padding, data_format, activation,
            use_bias, kernel_initializer, bias_initializer,
            kernel_regularizer, bias_regularizer, activity_regularizer,
            kernel_constraint, bias_constraint, **kwargs)


class LocallyConnected2D(_LocallyConnected):
    """Locally-connected layer for 2D inputs: a `Conv2D` whose weights are
    not shared.

    # Example
    ```python
        model = Sequential()
        model.add(LocallyConnected2D(64, (3, 3), input_shape=(32, 32, 3)))
        # now model.output_shape == (None, 30, 30, 64)
    ```

    # Arguments
        As `LocallyConnected1D`, with tuples of 2 integers.

    # Input shape
        4D tensor (channels_first or channels_last).

    # Output shape
        4D tensor with `filters` channels.
    """

    rank = 2

    @interfaces.legacy_conv2d_support
    def __init__(self, filters,
                 kernel_size,
                 strides=(1, 1),
                 padding='valid',
                 data_format=None,
                 activation=None,
                 use_bias=True,
                 kernel_initializer='glorot_uniform',
                 bias_initializer='zeros',
                 kernel_regularizer=None,
                 bias_regularizer=None,
                 activity_regularizer=None,
                 kernel_constraint=None,
                 bias_constraint=None,
                 **kwargs):
        super(LocallyConnected2D, self).__init__(
            filters, kernel_size, strides, padding, data_format, activation,
            use_bias, kernel_initializer, bias_initializer,
            kernel_regularizer, bias_regularizer, activity_regularizer,
            kernel_constraint, bias_constraint, **kwargs)
