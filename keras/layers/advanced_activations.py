"""Activation layers with parameters: LeakyReLU, PReLU, ELU,
ThresholdedReLU, Softmax, ReLU."""
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
from ._utils import layer_error, check_rank, to_shape_tuple

__all__ = ['LeakyReLU', 'PReLU', 'ELU', 'ThresholdedReLU', 'Softmax', 'ReLU',
           'ChannelWisePReLU']


class _ElementwiseActivation(Layer):
    """Shape-preserving, mask-preserving activation layer; subclasses list
    their config keys in `_config_keys`."""

    _config_keys = ()

    def __init__(self, **kwargs):
        super(_ElementwiseActivation, self).__init__(**kwargs)
        self.supports_masking = True

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        config = dict(super(_ElementwiseActivation, self).get_config())
        config.update({key: getattr(self, key) for key in self._config_keys})
        return config


class LeakyReLU(_ElementwiseActivation):
    """Leaky version of a Rectified Linear Unit:
    `f(x) = alpha * x for x < 0`, `f(x) = x for x >= 0`.

    # Arguments
        alpha: float >= 0. Negative slope coefficient.

    # Input shape
        Arbitrary.

    # Output shape
        Same shape as the input.
    """

    _config_keys = ('alpha',)

    def __init__(self, alpha=0.3, **kwargs):
        super(LeakyReLU, self).__init__(**kwargs)
        self.alpha = K.cast_to_floatx(alpha)

    def call(self, inputs):
        return K.relu(inputs, alpha=self.alpha)

    def get_config(self):
        config = super(LeakyReLU, self).get_config()
        config['alpha'] = float(self.alpha)
        return config


class PReLU(Layer):
    """Parametric Rectified Linear Unit:
    `f(x) = alpha * x for x < 0`, `f(x) = x for x >= 0`, where `alpha` is a
    learned array with the same shape as x (without the batch axis).

    # Arguments
        alpha_initializer: initializer function for the weights.
        alpha_regularizer: regularizer for the weights.
        alpha_constraint: constraint for the weights.
        shared_axes: the axes (batch axis = 0 excluded) along which to
            share the parameters, e.g. `[1, 2]` for one alpha per channel
            of a channels_last 2D feature map.

    # Input shape
        Arbitrary.

    # Output shape
        Same shape as the input.

    # References
        - [Delving Deep into Rectifiers](https://arxiv.org/abs/1502.01852)
    """

    @interfaces.legacy_prelu_support
    def __init__(self, alpha_initializer='zeros',
                 alpha_regularizer=None,
                 alpha_constraint=None,
                 shared_axes=None,
                 **kwargs):
        super(PReLU, self).__init__(**kwargs)
        self.supports_masking = True
        self.alpha_initializer = initializers.get(alpha_initializer)
        self.alpha_regularizer = regularizers.get(alpha_regularizer)
        self.alpha_constraint = constraints.get(alpha_constraint)
        if shared_axes is None:
            self.shared_axes = None
        elif isinstance(shared_axes, (list, tuple)):
            self.shared_axes = list(shared_axes)
        else:
            self.shared_axes = [shared_axes]

    def build(self, input_shape):
        input_shape = to_shape_tuple(input_shape)
        check_rank(self, input_shape, min_ndim=2)
        param_shape = list(input_shape[1:])
        self.param_broadcast = [False] * len(param_shape)
        for axis in self.shared_axes or []:
            if not 1 <= axis < len(input_shape):
                raise layer_error(self, '`shared_axes` entry %d is out of '
                                  'range for input shape %s (axes start at 1).'
                                  % (axis, input_shape))
            param_shape[axis - 1] = 1
            self.param_broadcast[axis - 1] = True
        if None in param_shape:
            raise layer_error(self, 'every non-shared axis of the input must '
                              'be known, got input shape %s and shared_axes '
                              '%s.' % (input_shape, self.shared_axes))
        self.alpha = self.add_weight(shape=tuple(param_shape),
                                     name='alpha',
                                     initializer=self.alpha_initializer,
                                     regularizer=self.alpha_regularizer,
                                     constraint=self.alpha_constraint)
        axes = {}
        if self.shared_axes:
            for i in range(1, len(input_shape)):
                if i not in self.shared_axes:
                    axes[i] = input_shape[i]
        self.input_spec = InputSpec(ndim=len(input_shape), axes=axes)
        self.built = True

    def call(self, inputs, mask=None):
        alpha = self.alpha
        if any(self.param_broadcast) and hasattr(K, 'pattern_broadcast'):
            alpha = K.pattern_broadcast(alpha, self.param_broadcast)
        return K.relu(inputs) - alpha * K.relu(-inputs)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        config = dict(super(PReLU, self).get_config())
        config.update({
            'alpha_initializer': initializers.serialize(self.alpha_initializer),
            'alpha_regularizer': regularizers.serialize(self.alpha_regularizer),
            'alpha_constraint': constraints.serialize(self.alpha_constraint),
            'shared_axes': self.shared_axes})
        return config


class ELU(_ElementwiseActivation):
    """Exponential Linear Unit:
    `f(x) = alpha * (exp(x) - 1.) for x < 0`, `f(x) = x for x >= 0`.

    # Arguments
        alpha: scale for the negative factor.

    # References
        - [Fast and Accurate Deep Network Learning by Exponential Linear
          Units (ELUs)](https://arxiv.org/abs/1511.07289v1)
    """

    def __init__(self, alpha=1.0, **kwargs):
        super(ELU, self).__init__(**kwargs)
        self.alpha = K.cast_to_floatx(alpha)

    def call(self, inputs):
        return K.elu(inputs, self.alpha)

    def get_config(self):
        config = super(ELU, self).get_config()
        config['alpha'] = float(self.alpha)
        return config


class ThresholdedReLU(_ElementwiseActivation):
    """Thresholded Rectified Linear Unit:
    `f(x) = x for x > theta`, `f(x) = 0 otherwise`.

    # Arguments
        theta: float >= 0. Threshold location of activation.

    # References
        - [Zero-Bias Autoencoders and the Benefits of Co-Adapting
          Features](https://arxiv.org/abs/1402.3337)
    """

    def __init__(self, theta=1.0, **kwargs):
        super(ThresholdedReLU, self).__init__(**kwargs)
        self.theta = K.cast_to_floatx(theta)

    def call(self, inputs, mask=None):
        return inputs * K.cast(K.greater(inputs, self.theta), K.floatx())

    def get_config(self):
        config = super(ThresholdedReLU, self).get_config()
        config['theta'] = float(self.theta)
        return config


class Softmax(_ElementwiseActivation):
    """Softmax activation function.

    # Arguments
        axis: Integer, axis along which the softmax normalization is applied.
    """

    _config_keys = ('axis',)

    def __init__(self, axis=-1, **kwargs):
        super(Softmax, self).__init__(**kwargs)
        self.axis = axis

    def call(self, inputs):
        return activations.softmax(inputs, axis=self.axis)


class ReLU(_ElementwiseActivation):
    """Rectified Linear Unit activation function:
    `f(x) = max_value for x >= max_value`,
    `f(x) = x for threshold <= x < max_value`,
    `f(x) = negative_slope * (x - threshold)` otherwise.

    # Arguments
        max_value: float >= 0. Maximum activation value (None: unbounded).
        negative_slope: float >= 0. Negative slope coefficient.
        threshold: float. Threshold value for thresholded activation.

    # Raises
        ValueError: negative `max_value` or `negative_slope`.
    """

    _config_keys = ('max_value', 'negative_slope', 'threshold')

    def __init__(self, max_value=None, negative_slope=0., threshold=0.,
                 **kwargs):
        super(ReLU, self).__init__(**kwargs)
        if max_value is not None and max_value < 0.:
            raise layer_error(self, '`max_value` cannot be negative, got %r.'
                              % (max_value,))
        if negative_slope < 0.:
            raise layer_error(self, '`negative_slope` cannot be negative, '
                              'got %r.' % (negative_slope,))
        self.max_value = None if max_value is None else float(max_value)
        self.negative_slope = float(negative_slope)
        self.threshold = float(threshold)

    def call(self, inputs):
        return K.relu(inputs, alpha=self.negative_slope,
                      max_value=self.max_value, threshold=self.threshold)


class ChannelWisePReLU(Layer):
    """Parametric ReLU with one learned slope per channel (the multimodal
    fork's layer): `f(x) = x` for `x >= 0`, `alphas[c] * x` for `x < 0`,
    where `c` is the index along `axis`.

    Weight: `{name}_alphas`, of shape `(input_shape[axis],)`, or `(1,)`
    when `channels_shared`. The fork could not construct this layer; this
    follows its intended equations.

    # Arguments
        init: initializer of the slopes (default zeros: a ReLU).
        weights: optional initial slopes (one-element list or array).
        channels_shared: if True, one slope for all channels.
        axis: the channel axis (default 1, channels first).

    # Input shape
        Arbitrary, of rank >= 2.

    # Output shape
        Same as the input.

    # Raises
        ValueError: if `axis` is out of range or its size unknown.
    """

    def __init__(self, init='zero', weights=None, channels_shared=False,
                 axis=1, **kwargs):
        super(ChannelWisePReLU, self).__init__(**kwargs)
        self.supports_masking = True
        self.init = initializers.get(init)
        if weights is not None and not isinstance(weights, (list, tuple)):
            weights = [weights]
        self.initial_weights = weights
        self.channels_shared = channels_shared
        self.axis = axis

    def build(self, input_shape):
        input_shape = to_shape_tuple(input_shape)
        check_rank(self, input_shape, min_ndim=2)
        if not -len(input_shape) < self.axis < len(input_shape) or \
                self.axis % len(input_shape) == 0:
            raise layer_error(self, '`axis` %d is out of range for input '
                              'shape %s.' % (self.axis, input_shape))
        channels = input_shape[self.axis]
        if channels is None and not self.channels_shared:
            raise layer_error(self, 'the channel axis %d must be known, got '
                              'input shape %s.' % (self.axis, input_shape))
        size = 1 if self.channels_shared else channels
        self.alphas = self.add_weight(shape=(size,), initializer=self.init,
                                      name='{}_alphas'.format(self.name))
        self._broadcast = [1] * len(input_shape)
        self._broadcast[self.axis] = size
        if self.initial_weights is not None:
            self.set_weights(self.initial_weights)
            self.initial_weights = None
        self.built = True

    def call(self, inputs, mask=None):
        shape = [1] * K.ndim(inputs)
        shape[self.axis] = self._broadcast[self.axis]
        alphas = K.reshape(self.alphas, shape)
        return K.relu(inputs) - alphas * K.relu(-inputs)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        config = dict(super(ChannelWisePReLU, self).get_config())
        config.update({'init': initializers.serialize(self.init),
                       'channels_shared': self.channels_shared,
                       'axis': self.axis})
        return config


# Keras 1 names that old code imports from here.
from ..legacy.keras0_layers import (ParametricSoftplus,  # noqa: E402,F401
                                    ThresholdedLinear)
