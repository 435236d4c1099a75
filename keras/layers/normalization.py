"""Normalization layers: BatchNormalization, and the fork's Scale."""
from __future__ import absolute_import
from __future__ import division
from __future__ import print_function

from .. import backend as K
from .. import initializers
from .. import regularizers
from .. import constraints
from ..engine.base_layer import InputSpec
from ..engine.base_layer import Layer
from ..legacy import interfaces
from ._utils import layer_error, to_shape_tuple
from ._scale import Scale  # noqa: F401  (the fork's Scale, re-exported)

from ._norm_fork import (SqrtScaling, L1_norm, L2_norm,  # noqa: F401
                         signed_sqrt)

__all__ = ['BatchNormalization', 'Scale', 'SqrtScaling', 'L1_norm',
           'L2_norm', 'signed_sqrt']


class BatchNormalization(Layer):
    """Batch normalization layer (Ioffe and Szegedy, 2014).

    Normalizes the activations of the previous layer at each batch: in
    training, with the mean and variance of the batch (and updates moving
    averages of them); in inference, with the moving averages. Then scales
    by `gamma` and shifts by `beta`.

    # Arguments
        axis: Integer, the axis that should be normalized (typically the
            features axis): 1 after a `Conv2D` with
            `data_format="channels_first"`, -1 by default.
        mode: 0 (standard, feature-wise normalization as above), 2 (same
            as 0) or 1 (sample-wise: each sample is normalized over the
            last axis with its own statistics, in training and inference;
            the moving statistics exist but are unused).
        momentum: Momentum for the moving mean and the moving variance.
        epsilon: Small float added to variance to avoid dividing by zero.
        center: If True, add offset of `beta` to normalized tensor.
        scale: If True, multiply by `gamma`.
        beta_initializer: Initializer for the beta weight.
        gamma_initializer: Initializer for the gamma weight.
        moving_mean_initializer: Initializer for the moving mean.
        moving_variance_initializer: Initializer for the moving variance.
        beta_regularizer: Optional regularizer for the beta weight.
        gamma_regularizer: Optional regularizer for the gamma weight.
        beta_constraint: Optional constraint for the beta weight.
        gamma_constraint: Optional constraint for the gamma weight.

    # Input shape
        Arbitrary.

    # Output shape
        Same shape as input.

    # Raises
        ValueError: unknown size of `axis`, or `axis` out of range.

    # References
        - [Batch Normalization: Accelerating Deep Network Training by
           Reducing Internal Covariate Shift](https://arxiv.org/abs/1502.03167)
    """

    @interfaces.legacy_batchnorm_support
    def __init__(self,
                 axis=-1,
                 mode=0,
                 momentum=0.99,
                 epsilon=1e-3,
                 center=True,
                 scale=True,
                 beta_initializer='zeros',
                 gamma_initializer='ones',
                 moving_mean_initializer='zeros',
                 moving_variance_initializer='ones',
                 beta_regularizer=None,
                 gamma_regularizer=None,
                 beta_constraint=None,
                 gamma_constraint=None,
                 **kwargs):
        super(BatchNormalization, self).__init__(**kwargs)
        if mode not in (0, 1, 2):
            raise layer_error(self, '`mode` must be 0, 1 or 2, got %r.'
                              % (mode,))
        self.supports_masking = True
        self.axis = axis
        self.mode = mode
        self.momentum = momentum
        self.epsilon = epsilon
        self.center = center
        self.scale = scale
        self.beta_initializer = initializers.get(beta_initializer)
        self.gamma_initializer = initializers.get(gamma_initializer)
        self.moving_mean_initializer = initializers.get(
            moving_mean_initializer)
        self.moving_variance_initializer = initializers.get(
            moving_variance_initializer)
        self.beta_regularizer = regularizers.get(beta_regularizer)
        self.gamma_regularizer = regularizers.get(gamma_regularizer)
        self.beta_constraint = constraints.get(beta_constraint)
        self.gamma_constraint = constraints.get(gamma_constraint)

    def build(self, input_shape):
        input_shape = to_shape_tuple(input_shape)
        ndim = len(input_shape)
        if not -ndim <= self.axis < ndim:
            raise layer_error(self, '`axis` %d is out of range for input '
                              'shape %s.' % (self.axis, input_shape))
        dim = input_shape[self.axis]
        if dim is None:
            raise layer_error(self, 'axis %d of the input should have a '
                              'defined dimension, but the layer received an '
                              'input with shape %s.' % (self.axis,
                                                        input_shape))
        self.input_spec = InputSpec(ndim=ndim, axes={self.axis: dim})
        shape = (dim,)
        self.gamma = self.beta = None
        if self.scale:
            self.gamma = self.add_weight(shape=shape, name='gamma',
                                         initializer=self.gamma_initializer,
                                         regularizer=self.gamma_regularizer,
                                         constraint=self.gamma_constraint)
        if self.center:
            self.beta = self.add_weight(shape=shape, name='beta',
                                        initializer=self.beta_initializer,
                                        regularizer=self.beta_regularizer,
                                        constraint=self.beta_constraint)
        self.moving_mean = self.add_weight(
            shape=shape, name='moving_mean',
            initializer=self.moving_mean_initializer, trainable=False)
        self.moving_variance = self.add_weight(
            shape=shape, name='moving_variance',
            initializer=self.moving_variance_initializer, trainable=False)
        self.built = True

    def _broadcast(self, x, broadcast_shape, needed):
        if x is None or not needed:
            return x
        return K.reshape(x, broadcast_shape)

    def _samplewise(self, inputs):
        """Mode 1: each sample normalized over its last axis."""
        mean = K.mean(inputs, axis=-1, keepdims=True)
        std = K.sqrt(K.var(inputs, axis=-1, keepdims=True) + self.epsilon)
        outputs = (inputs - mean) / (std + self.epsilon)
        if self.gamma is not None:
            outputs = outputs * self.gamma
        if self.beta is not None:
            outputs = outputs + self.beta
        return outputs

    def call(self, inputs, training=None):
        if self.mode == 1:
            return self._samplewise(inputs)
        ndim = K.ndim(inputs)
        axis = self.axis % ndim
        reduction_axes = [i for i in range(ndim) if i != axis]
        broadcast_shape = [1] * ndim
        broadcast_shape[axis] = K.int_shape(self.moving_mean)[0]
        needs_broadcasting = axis != ndim - 1

        def normalize_inference():
            return K.batch_normalization(
                inputs,
                self._broadcast(self.moving_mean, broadcast_shape,
                                needs_broadcasting),
                self._broadcast(self.moving_variance, broadcast_shape,
                                needs_broadcasting),
                self._broadcast(self.beta, broadcast_shape,
                                needs_broadcasting),
                self._broadcast(self.gamma, broadcast_shape,
                                needs_broadcasting),
                axis=axis, epsilon=self.epsilon)

        if training in (0, False):
            return normalize_inference()

        normed_training, mean, variance = K.normalize_batch_in_training(
            inputs, self.gamma, self.beta, reduction_axes,
            epsilon=self.epsilon)
        # Unbiased estimate of the population variance for the moving stat.
        shape = K.shape(inputs)
        sample_size = K.cast(K.prod(K.stack([shape[i]
                                             for i in reduction_axes])),
                             K.dtype(inputs))
        variance = variance * (sample_size /
                               (sample_size - (1.0 - self.epsilon)))
        self.add_update([K.moving_average_update(self.moving_mean, mean,
                                                 self.momentum),
                         K.moving_average_update(self.moving_variance,
                                                 variance, self.momentum)],
                        inputs)
        # Both branches are built outside the conditional (cheap), so that
        # its gradient needs no branch intermediates.
        return K.in_train_phase(normed_training, normalize_inference(),
                                training=training)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        config = dict(super(BatchNormalization, self).get_config())
        config.update({
            'axis': self.axis,
            'mode': self.mode,
            'momentum': self.momentum,
            'epsilon': self.epsilon,
            'center': self.center,
            'scale': self.scale,
            'beta_initializer': initializers.serialize(self.beta_initializer),
            'gamma_initializer': initializers.serialize(
                self.gamma_initializer),
            'moving_mean_initializer': initializers.serialize(
                self.moving_mean_initializer),
            'moving_variance_initializer': initializers.serialize(
                self.moving_variance_initializer),
            'beta_regularizer': regularizers.serialize(self.beta_regularizer),
            'gamma_regularizer': regularizers.serialize(
                self.gamma_regularizer),
            'beta_constraint': constraints.serialize(self.beta_constraint),
            'gamma_constraint': constraints.serialize(self.gamma_constraint)
        })
        return config
