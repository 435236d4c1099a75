# -*- coding: utf-8 -*-
"""Core layers: Dense, Activation, Dropout, Flatten, Reshape, Permute,
RepeatVector, Lambda, ActivityRegularization, Masking, SpatialDropout*.
"""
from __future__ import absolute_import
from __future__ import division
from __future__ import print_function

# The module namespace is also the one deserialized Lambda functions see
# (see `_lambda_layer`), so it keeps the names Keras 2.3's core had.
import types as python_types  # noqa: F401
import warnings  # noqa: F401

import numpy as np

from .. import backend as K
from .. import activations
from .. import initializers
from .. import regularizers
from .. import constraints
from ..engine.base_layer import InputSpec
from ..engine.base_layer import Layer
from ..utils.generic_utils import func_dump  # noqa: F401
from ..utils.generic_utils import func_load  # noqa: F401
from ..utils.generic_utils import deserialize_keras_object  # noqa: F401
from ..utils.generic_utils import has_arg  # noqa: F401
from ..legacy import interfaces
from ._utils import layer_error, check_rank, normalize_format, to_shape_tuple
from ._utils import positive_int, unit_rate
from ._lambda_layer import Lambda  # noqa: F401 (re-exported)
# The multimodal fork's additions live in private siblings.
from ._core_masking import *  # noqa: F401,F403
from ._core_masking import __all__ as _masking_names
from ._core_shape import *  # noqa: F401,F403
from ._core_shape import __all__ as _shape_names
from ._core_fork import *  # noqa: F401,F403
from ._core_fork import __all__ as _fork_names
from .merge import autocrop, autocrop_array_shapes  # noqa: F401

__all__ = ['Masking', 'Dropout', 'SpatialDropout1D', 'SpatialDropout2D',
           'SpatialDropout3D', 'Activation', 'Reshape', 'Permute', 'Flatten',
           'RepeatVector', 'Lambda', 'Dense', 'ActivityRegularization',
           'Layer', 'InputSpec', 'autocrop', 'autocrop_array_shapes']
__all__ += _masking_names + _shape_names + _fork_names


def _merge_config(base_config, config):
    """Base layer config updated with the layer's own keys."""
    merged = dict(base_config)
    merged.update(config)
    return merged


class Masking(Layer):
    """Masks a sequence by using a mask value to skip timesteps.

    A timestep (axis 1) is masked when every feature of it equals
    `mask_value`; masked timesteps are also zeroed in the output. Downstream
    layers that support masking then skip them.

    # Arguments
        mask_value: the value that marks padding.

    # Example
    ```python
        model = Sequential()
        model.add(Masking(mask_value=0., input_shape=(timesteps, features)))
        model.add(LSTM(32))
    ```
    """

    def __init__(self, mask_value=0., **kwargs):
        super(Masking, self).__init__(**kwargs)
        self.supports_masking = True
        self.mask_value = mask_value

    def compute_mask(self, inputs, mask=None):
        return K.any(K.not_equal(inputs, self.mask_value), axis=-1)

    def call(self, inputs):
        keep = K.any(K.not_equal(inputs, self.mask_value), axis=-1,
                     keepdims=True)
        return inputs * K.cast(keep, K.dtype(inputs))

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return _merge_config(super(Masking, self).get_config(),
                             {'mask_value': self.mask_value})


class Dropout(Layer):
    """Applies Dropout to the input.

    During training, a fraction `rate` of the input units is set to 0 and
    the rest is scaled by `1 / (1 - rate)`; at test time the layer is the
    identity.

    # Arguments
        rate: float between 0 and 1. Fraction of the input units to drop.
        noise_shape: optional tuple, the shape of the binary dropout mask
            that is broadcast against the input (batch axis included);
            `None` entries take the input's size. For instance, for inputs
            of shape `(batch, timesteps, features)`, `noise_shape=(None, 1,
            None)` drops the same features at every timestep.
        seed: A Python integer to use as random seed.

    # References
        - [Dropout: A Simple Way to Prevent Neural Networks from
          Overfitting](http://www.jmlr.org/papers/v15/srivastava14a.html)
    """

    @interfaces.legacy_dropout_support
    def __init__(self, rate, noise_shape=None, seed=None, **kwargs):
        super(Dropout, self).__init__(**kwargs)
        self.rate = unit_rate(self, rate, 'rate')
        self.noise_shape = noise_shape
        self.seed = seed
        self.supports_masking = True

    def build(self, input_shape):
        if self.noise_shape is not None and input_shape is not None:
            if len(self.noise_shape) != len(input_shape):
                raise layer_error(self, '`noise_shape` %s must have the rank '
                                  'of the input (batch axis included); input '
                                  'shape is %s.' % (tuple(self.noise_shape),
                                                    tuple(input_shape)))
        super(Dropout, self).build(input_shape)

    def _get_noise_shape(self, inputs):
        if self.noise_shape is None:
            return None
        symbolic_shape = K.shape(inputs)
        return tuple(symbolic_shape[axis] if dim is None else dim
                     for axis, dim in enumerate(self.noise_shape))

    def call(self, inputs, training=None):
        if 0. < self.rate < 1.:
            noise_shape = self._get_noise_shape(inputs)

            def dropped_inputs():
                return K.dropout(inputs, self.rate, noise_shape,
                                 seed=self.seed)
            return K.in_train_phase(dropped_inputs, inputs, training=training)
        return inputs

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        config = {'rate': self.rate,
                  'noise_shape': self.noise_shape,
                  'seed': self.seed}
        return _merge_config(super(Dropout, self).get_config(), config)


class _SpatialDropout(Dropout):
    """Dropout of whole feature maps: the mask has size 1 on every spatial
    axis. `self._rank` is the number of spatial axes."""

    _rank = 1

    def __init__(self, rate, data_format=None, **kwargs):
        super(_SpatialDropout, self).__init__(rate, **kwargs)
        self.data_format = normalize_format(self, data_format)
        self.input_spec = InputSpec(ndim=self._rank + 2)

    def build(self, input_shape):
        check_rank(self, input_shape, ndim=self._rank + 2)
        super(_SpatialDropout, self).build(input_shape)

    def _get_noise_shape(self, inputs):
        shape = K.shape(inputs)
        ones = (1,) * self._rank
        if self.data_format == 'channels_first':
            return (shape[0], shape[1]) + ones
        return (shape[0],) + ones + (shape[self._rank + 1],)

    def get_config(self):
        config = super(_SpatialDropout, self).get_config()
        if self._rank > 1:
            config['data_format'] = self.data_format
        return config


class SpatialDropout1D(_SpatialDropout):
    """Spatial 1D version of Dropout: drops entire 1D feature maps
    (channels) instead of individual elements.

    # Arguments
        rate: float between 0 and 1. Fraction of the input units to drop.

    # Input shape
        3D tensor with shape `(samples, timesteps, channels)`

    # Output shape
        Same as input

    # References
        - [Efficient Object Localization Using Convolutional
          Networks](https://arxiv.org/abs/1411.4280)
    """

    _rank = 1

    @interfaces.legacy_spatialdropout1d_support
    def __init__(self, rate, **kwargs):
        kwargs.pop('data_format', None)
        super(SpatialDropout1D, self).__init__(rate, data_format='channels_last',
                                               **kwargs)


class SpatialDropout2D(_SpatialDropout):
    """Spatial 2D version of Dropout: drops entire 2D feature maps.

    # Arguments
        rate: float between 0 and 1. Fraction of the input units to drop.
        data_format: 'channels_first' or 'channels_last' (default: the
            `image_data_format` of `~/.keras/keras.json`).

    # Input shape
        4D tensor `(samples, channels, rows, cols)` (channels_first) or
        `(samples, rows, cols, channels)` (channels_last).

    # Output shape
        Same as input
    """

    _rank = 2

    @interfaces.legacy_spatialdropoutNd_support
    def __init__(self, rate, data_format=None, **kwargs):
        super(SpatialDropout2D, self).__init__(rate, data_format=data_format,
                                               **kwargs)


class SpatialDropout3D(_SpatialDropout):
    """Spatial 3D version of Dropout: drops entire 3D feature maps.

    # Arguments
        rate: float between 0 and 1. Fraction of the input units to drop.
        data_format: 'channels_first' or 'channels_last' (default: the
            `image_data_format` of `~/.keras/keras.json`).

    # Input shape
        5D tensor `(samples, channels, dim1, dim2, dim3)` (channels_first)
        or `(samples, dim1, dim2, dim3, channels)` (channels_last).

    # Output shape
        Same as input
    """

    _rank = 3

    @interfaces.legacy_spatialdropoutNd_support
    def __init__(self, rate, data_format=None, **kwargs):
        super(SpatialDropout3D, self).__init__(rate, data_format=data_format,
                                               **kwargs)


class Activation(Layer):
    """Applies an activation function to an output.

    # Arguments
        activation: name of activation function to use
            (see: [activations](../activations.md)),
            or alternatively, a backend operation.

    # Input shape
        Arbitrary.

    # Output shape
        Same shape as input.
    """

    def __init__(self, activation, **kwargs):
        super(Activation, self).__init__(**kwargs)
        self.supports_masking = True
        self.activation = activations.get(activation)

    def call(self, inputs):
        return self.activation(inputs)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        config = {'activation': activations.serialize(self.activation)}
        return _merge_config(super(Activation, self).get_config(), config)


class Reshape(Layer):
    """Reshapes an output to a certain shape.

    # Arguments
        target_shape: target shape. Tuple of integers, does not include the
            batch axis. One entry may be -1: it is inferred from the input.

    # Input shape
        Arbitrary.

    # Output shape
        `(batch_size,) + target_shape`

    # Raises
        ValueError: when the sizes do not match, or more than one -1.

    # Example
    ```python
        model = Sequential()
        model.add(Reshape((3, 4), input_shape=(12,)))
        # now: model.output_shape == (None, 3, 4)
        model.add(Reshape((-1, 2, 2)))
        # now: model.output_shape == (None, 3, 2, 2)
    ```
    """

    @interfaces.legacy_reshape_support
    def __init__(self, target_shape, **kwargs):
        super(Reshape, self).__init__(**kwargs)
        self.target_shape = tuple(target_shape)
        unknown = [d for d in self.target_shape if d is None or d < 0]
        if any(d is not None and d < -1 for d in self.target_shape) or \
                any(d is None for d in self.target_shape) or len(unknown) > 1:
            raise layer_error(self, '`target_shape` must hold positive '
                              'integers and at most one -1, got %s.'
                              % (self.target_shape,))

    def _fix_unknown_dimension(self, input_shape, output_shape):
        """Replaces the -1 of `output_shape` by the size that keeps the
        number of elements of `input_shape` (no batch axis in either).

        # Raises
            ValueError: if the total sizes cannot match.
        """
        output_shape = list(output_shape)
        known = int(np.prod([d for d in output_shape if d != -1]))
        original = int(np.prod(input_shape))
        mismatch = layer_error(self, 'total size of new array must be '
                               'unchanged: cannot reshape input of shape %s '
                               '(%d elements) to `target_shape` %s.'
                               % (tuple(input_shape), original,
                                  tuple(self.target_shape)))
        if -1 in output_shape:
            if known == 0 or original % known != 0:
                raise mismatch
            output_shape[output_shape.index(-1)] = original // known
        elif original != known:
            raise mismatch
        return tuple(output_shape)

    def compute_output_shape(self, input_shape):
        input_shape = to_shape_tuple(input_shape)
        if None in input_shape[1:]:
            return (input_shape[0],) + tuple(None if d == -1 else d
                                             for d in self.target_shape)
        return ((input_shape[0],) +
                self._fix_unknown_dimension(input_shape[1:],
                                            self.target_shape))

    def call(self, inputs):
        static = K.int_shape(inputs)
        if static is not None and None not in static[1:]:
            target = self._fix_unknown_dimension(static[1:], self.target_shape)
            return K.reshape(inputs, (-1,) + target)
        return K.reshape(inputs, (K.shape(inputs)[0],) + self.target_shape)

    def get_config(self):
        return _merge_config(super(Reshape, self).get_config(),
                             {'target_shape': self.target_shape})


class Permute(Layer):
    """Permutes the dimensions of the input according to a given pattern.

    # Arguments
        dims: Tuple of integers, a permutation of `1..ndim-1` (the batch
            axis is not included). E.g. `(2, 1)` swaps the first and second
            non-batch axes.

    # Input shape
        Arbitrary, of rank `len(dims) + 1`.

    # Output shape
        Same as the input shape, with the axes reordered.

    # Example
    ```python
        model = Sequential()
        model.add(Permute((2, 1), input_shape=(10, 64)))
        # now: model.output_shape == (None, 64, 10)
    ```
    """

    def __init__(self, dims, **kwargs):
        super(Permute, self).__init__(**kwargs)
        self.dims = tuple(dims)
        if sorted(self.dims) != list(range(1, len(self.dims) + 1)):
            raise layer_error(self, 'invalid permutation `dims` %s: it must '
                              'be a permutation of 1..%d (the batch axis 0 is '
                              'not permuted).' % (self.dims, len(self.dims)))
        self.input_spec = InputSpec(ndim=len(self.dims) + 1)

    def build(self, input_shape):
        check_rank(self, input_shape, ndim=len(self.dims) + 1)
        super(Permute, self).build(input_shape)

    def compute_output_shape(self, input_shape):
        input_shape = to_shape_tuple(input_shape)
        return (input_shape[0],) + tuple(input_shape[d] for d in self.dims)

    def call(self, inputs):
        return K.permute_dimensions(inputs, (0,) + self.dims)

    def get_config(self):
        return _merge_config(super(Permute, self).get_config(),
                             {'dims': self.dims})


class Flatten(Layer):
    """Flattens the input. Does not affect the batch size.

    # Arguments
        data_format: 'channels_first' or 'channels_last'. With
            'channels_first', the input is first transposed to channels-last
            so that the result matches the channels_last ordering (weights
            can then be moved between data formats).

    # Example
    ```python
        model = Sequential()
        model.add(Conv2D(64, (3, 3), input_shape=(3, 32, 32),
                         padding='same', data_format='channels_first'))
        model.add(Flatten())
        # now: model.output_shape == (None, 65536)
    ```
    """

    def __init__(self, data_format=None, **kwargs):
        super(Flatten, self).__init__(**kwargs)
        self.input_spec = InputSpec(min_ndim=3)
        self.data_format = normalize_format(self, data_format)

    def build(self, input_shape):
        check_rank(self, input_shape, min_ndim=3)
        super(Flatten, self).build(input_shape)

    def compute_output_shape(self, input_shape):
        input_shape = to_shape_tuple(input_shape)
        if not all(input_shape[1:]):
            raise layer_error(self, 'the shape of the input is not fully '
                              'defined (got %s). Make sure to pass a complete '
                              '"input_shape" or "batch_input_shape" argument '
                              'to the first layer in your model.'
                              % (input_shape[1:],))
        return (input_shape[0], int(np.prod(input_shape[1:])))

    def call(self, inputs):
        if self.data_format == 'channels_first':
            ndim = K.ndim(inputs)
            inputs = K.permute_dimensions(
                inputs, (0,) + tuple(range(2, ndim)) + (1,))
        return K.batch_flatten(inputs)

    def get_config(self):
        return _merge_config(super(Flatten, self).get_config(),
                             {'data_format': self.data_format})


class RepeatVector(Layer):
    """Repeats the input n times.

    # Arguments
        n: integer, repetition factor.

    # Input shape
        2D tensor of shape `(num_samples, features)`.

    # Output shape
        3D tensor of shape `(num_samples, n, features)`.
    """

    def __init__(self, n, **kwargs):
        super(RepeatVector, self).__init__(**kwargs)
        self.n = n
        self.input_spec = InputSpec(ndim=2)

    def build(self, input_shape):
        check_rank(self, input_shape, ndim=2)
        super(RepeatVector, self).build(input_shape)

    def compute_output_shape(self, input_shape):
        return (input_shape[0], self.n, input_shape[1])

    def call(self, inputs):
        return K.repeat(inputs, self.n)

    def get_config(self):
        return _merge_config(super(RepeatVector, self).get_config(),
                             {'n': self.n})


class Dense(Layer):
    """Just your regular densely-connected NN layer.

    `output = activation(dot(input, kernel) + bias)`. For inputs of rank
    greater than 2 the product is taken over the last axis.

    # Arguments
        units: Positive integer, dimensionality of the output space.
        activation: Activation function to use (default: linear).
        use_bias: Boolean, whether the layer uses a bias vector.
        kernel_initializer: Initializer for the `kernel` weights matrix.
        bias_initializer: Initializer for the bias vector.
        kernel_regularizer: Regularizer function applied to the `kernel`.
        bias_regularizer: Regularizer function applied to the bias vector.
        activity_regularizer: Regularizer function applied to the output.
        kernel_constraint: Constraint function applied to the `kernel`.
        bias_constraint: Constraint function applied to the bias vector.

    # Input shape
        nD tensor with shape: `(batch_size, ..., input_dim)`.

    # Output shape
        nD tensor with shape: `(batch_size, ..., units)`.

    # Example
    ```python
        model = Sequential()
        model.add(Dense(32, input_shape=(16,)))
        model.add(Dense(32))
    ```
    """

    @interfaces.legacy_dense_support
    def __init__(self, units,
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
        if 'input_shape' not in kwargs and 'input_dim' in kwargs:
            kwargs['input_shape'] = (kwargs.pop('input_dim'),)
        super(Dense, self).__init__(**kwargs)
        self.units = positive_int(self, units, 'units')
        self.activation = activations.get(activation)
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

    def build(self, input_shape):
        input_shape = to_shape_tuple(input_shape)
        check_rank(self, input_shape, min_ndim=2)
        input_dim = input_shape[-1]
        if input_dim is None:
            raise layer_error(self, 'the last dimension of the input must be '
                              'known, got input shape %s.' % (input_shape,))
        self.kernel = self.add_weight(shape=(input_dim, self.units),
                                      initializer=self.kernel_initializer,
                                      name='kernel',
                                      regularizer=self.kernel_regularizer,
                                      constraint=self.kernel_constraint)
        if self.use_bias:
            self.bias = self.add_weight(shape=(self.units,),
                                        initializer=self.bias_initializer,
                                        name='bias',
                                        regularizer=self.bias_regularizer,
                                        constraint=self.bias_constraint)
        else:
            self.bias = None
        self.input_spec = InputSpec(min_ndim=2, axes={-1: input_dim})
        self.built = True

    def call(self, inputs):
        output = K.dot(inputs, self.kernel)
        if self.use_bias:
            output = K.bias_add(output, self.bias, data_format='channels_last')
        if self.activation is not None:
            output = self.activation(output)
        return output

    def compute_output_shape(self, input_shape):
        input_shape = to_shape_tuple(input_shape)
        check_rank(self, input_shape, min_ndim=2)
        if input_shape[-1] is None:
            raise layer_error(self, 'the last dimension of the input must be '
                              'known, got input shape %s.' % (input_shape,))
        return input_shape[:-1] + (self.units,)

    def get_config(self):
        config = {
            'units': self.units,
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
            'bias_constraint': constraints.serialize(self.bias_constraint)
        }
        return _merge_config(super(Dense, self).get_config(), config)


class ActivityRegularization(Layer):
    """Layer that applies an update to the cost function based on its input
    activity (the identity otherwise).

    # Arguments
        l1: L1 regularization factor (positive float).
        l2: L2 regularization factor (positive float).

    # Input shape
        Arbitrary.

    # Output shape
        Same shape as input.
    """

    def __init__(self, l1=0., l2=0., **kwargs):
        super(ActivityRegularization, self).__init__(**kwargs)
        self.supports_masking = True
        self.l1 = l1
        self.l2 = l2
        self.activity_regularizer = regularizers.L1L2(l1=l1, l2=l2)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        config = {'l1': self.l1, 'l2': self.l2}
        return _merge_config(super(ActivityRegularization, self).get_config(),
                             config)


# Keras 0.x / 1 names that old code imports from here.
from ..legacy.keras0_layers import (Repeat, TimeDistributedDense,  # noqa: E402,F401
                                    AutoEncoder)
from ..legacy.layers import MaxoutDense, Highway, Merge  # noqa: E402,F401
