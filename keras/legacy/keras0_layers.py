"""Layers and layer names of Keras 0.x / 1 that Keras 2.3 dropped:
`Repeat`, `TimeDistributedDense`, `AutoEncoder`, `ParametricSoftplus`,
`ThresholdedLinear`.

`Repeat` and `TimeDistributedDense` build their Keras 2 equivalents
(`RepeatVector`, `TimeDistributed(Dense)`), so models that use them save,
load and train as Keras 2 models; the other three are layers of their own.
"""
from .. import backend as K
from .. import initializers
from ..engine.base_layer import InputSpec, Layer
from . import interfaces

__all__ = ['Repeat', 'TimeDistributedDense', 'AutoEncoder',
           'ParametricSoftplus', 'ThresholdedLinear']


def Repeat(n, **kwargs):
    """Keras 0.x `Repeat(n)`: repeats a 2D input `n` times, a
    `RepeatVector(n)`.

    # Arguments
        n: integer, repetition factor.
        **kwargs: layer keyword arguments (`name`, ...).

    # Returns
        A `RepeatVector` layer.
    """
    from ..layers.core import RepeatVector
    interfaces.warn_legacy_name(
        'Repeat', interfaces.keras2_call('RepeatVector', (n,), kwargs))
    return RepeatVector(n, **kwargs)


def _named(name):
    """An object that stands for a layer named `name` in the converters
    (which read the class name)."""
    return type(name, (), {})()


_WRAPPER_KEYWORDS = ('name', 'input_shape', 'batch_input_shape',
                     'batch_size', 'trainable', 'dtype', 'input_dtype')


def TimeDistributedDense(*args, **kwargs):
    """Keras 0.x `TimeDistributedDense(input_dim, output_dim, ...)` and
    Keras 1 `TimeDistributedDense(output_dim, ..., input_dim=,
    input_length=)`: the same `Dense` applied to every timestep, a
    `TimeDistributed(Dense(output_dim, ...))`.

    # Arguments
        *args, **kwargs: the Keras 0.x / 1 arguments of `Dense`, plus
            `input_length` and the layer keywords (`name`, ...), which go
            to the `TimeDistributed` wrapper.

    # Returns
        A `TimeDistributed` layer wrapping a `Dense` layer; a Keras 0.x
        input size is checked against the input when it is built.

    # Raises
        ValueError / TypeError: for arguments `Dense` would refuse.
    """
    from ..layers.core import Dense
    from ..layers.wrappers import TimeDistributed
    kwargs = dict(kwargs)
    wrapper_kwargs = {key: kwargs.pop(key) for key in _WRAPPER_KEYWORDS
                      if key in kwargs}
    length = kwargs.pop('input_length', None)
    if 'input_dim' in kwargs:
        wrapper_kwargs['input_shape'] = (length, kwargs.pop('input_dim'))
    args, dense_kwargs, _ = interfaces.legacy_dense_support.convert(
        (_named('TimeDistributedDense'),) + tuple(args), kwargs,
        'TimeDistributedDense')
    declared = dense_kwargs.pop(interfaces.DECLARED_INPUT, None)
    shape = dense_kwargs.pop('input_shape', None)
    if shape is not None and 'batch_input_shape' not in wrapper_kwargs:
        wrapper_kwargs.setdefault('input_shape', (length,) + tuple(shape))
    interfaces.warn_legacy_name(
        'TimeDistributedDense',
        'TimeDistributed(%s%s)' % (
            interfaces.keras2_call('Dense', args[1:], dense_kwargs),
            ''.join(', %s=%r' % item for item in wrapper_kwargs.items())))
    with interfaces.legacy_alias_scope():
        layer = TimeDistributed(Dense(*args[1:], **dense_kwargs),
                                **wrapper_kwargs)
    interfaces.declare_input(layer, declared)
    return layer


class AutoEncoder(Layer):
    """Keras 0.x auto-encoder: `decoder(encoder(x))`, or `encoder(x)` alone
    with `output_reconstruction=False`.

    # Arguments
        encoder: a layer (or a `Sequential` model).
        decoder: a layer (or a `Sequential` model) taking the encoder's
            output.
        output_reconstruction: whether the output is the reconstruction
            (True) or the code (False).
        weights: optional list of the encoder's then the decoder's weights.

    # Input shape
        The encoder's input shape.

    # Output shape
        The decoder's output shape (or the encoder's).
    """

    def __init__(self, encoder, decoder, output_reconstruction=True,
                 weights=None, **kwargs):
        if weights is not None:
            kwargs['weights'] = weights
        super().__init__(**kwargs)
        interfaces.warn_legacy_name(
            'AutoEncoder', 'a Sequential model of the encoder and the '
            'decoder layers', code=False)
        self.encoder = encoder
        self.decoder = decoder
        self.output_reconstruction = output_reconstruction

    def build(self, input_shape):
        if not self.encoder.built:
            self.encoder.build(input_shape)
        code_shape = self.encoder.compute_output_shape(input_shape)
        if not self.decoder.built:
            self.decoder.build(code_shape)
        self.built = True

    def call(self, inputs):
        code = self.encoder.call(inputs)
        if not self.output_reconstruction:
            return code
        return self.decoder.call(code)

    def compute_output_shape(self, input_shape):
        code_shape = self.encoder.compute_output_shape(input_shape)
        if not self.output_reconstruction:
            return code_shape
        return self.decoder.compute_output_shape(code_shape)

    def get_config(self):
        from ..layers import serialize
        config = super().get_config()
        config.update({'encoder': serialize(self.encoder),
                       'decoder': serialize(self.decoder),
                       'output_reconstruction': self.output_reconstruction})
        return config

    @classmethod
    def from_config(cls, config, custom_objects=None):
        from ..layers import deserialize
        config = dict(config)
        for key in ('encoder', 'decoder'):
            config[key] = deserialize(config[key],
                                      custom_objects=custom_objects)
        return cls(**config)


class ParametricSoftplus(Layer):
    """Keras 1 parametric softplus: `alpha * log(1 + exp(beta * x))`, with
    learned `alpha` and `beta` per input unit.

    # Arguments
        alpha_init: float, initial value of the alphas.
        beta_init: float, initial value of the betas.
        weights: optional list `[alphas, betas]`.
        shared_axes: axes (batch axis excluded) along which the parameters
            are shared, e.g. `[1, 2]` for one pair per channel of a
            channels-last image.

    # Input shape
        Arbitrary; the parameter shape is the input shape without the batch
        axis (1 along `shared_axes`).

    # Output shape
        Same shape as the input.

    # References
        - [Inferring Nonlinear Neuronal Computation Based on Physiologically
          Plausible Inputs](http://journals.plos.org/ploscompbiol/article?id=10.1371/journal.pcbi.1003143)
    """

    def __init__(self, alpha_init=0.2, beta_init=5.0, weights=None,
                 shared_axes=None, **kwargs):
        if weights is not None:
            kwargs['weights'] = weights
        super().__init__(**kwargs)
        self.supports_masking = True
        self.alpha_init = K.cast_to_floatx(alpha_init)
        self.beta_init = K.cast_to_floatx(beta_init)
        if shared_axes is None:
            self.shared_axes = []
        elif isinstance(shared_axes, (list, tuple)):
            self.shared_axes = list(shared_axes)
        else:
            self.shared_axes = [shared_axes]

    def build(self, input_shape):
        param_shape = list(input_shape[1:])
        for axis in self.shared_axes:
            if not 1 <= axis < len(input_shape):
                raise ValueError('Layer "%s" (ParametricSoftplus): '
                                 '`shared_axes` entry %d is out of range for '
                                 'input shape %s.'
                                 % (self.name, axis, tuple(input_shape)))
            param_shape[axis - 1] = 1
        if None in param_shape:
            raise ValueError('Layer "%s" (ParametricSoftplus): the parameter '
                             'shape %s must be known (input shape %s, '
                             'shared_axes %s).' % (self.name, param_shape,
                                                   tuple(input_shape),
                                                   self.shared_axes))
        self.alphas = self.add_weight(
            shape=tuple(param_shape), name='alphas',
            initializer=initializers.Constant(self.alpha_init))
        self.betas = self.add_weight(
            shape=tuple(param_shape), name='betas',
            initializer=initializers.Constant(self.beta_init))
        axes = {i: input_shape[i] for i in range(1, len(input_shape))
                if i not in self.shared_axes}
        self.input_spec = InputSpec(ndim=len(input_shape), axes=axes)
        self.built = True

    def call(self, inputs, mask=None):
        return K.softplus(self.betas * inputs) * self.alphas

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        config = super().get_config()
        config.update({'alpha_init': float(self.alpha_init),
                       'beta_init': float(self.beta_init),
                       'shared_axes': self.shared_axes})
        return config


class ThresholdedLinear(Layer):
    """Keras 1 thresholded linear activation: `f(x) = x` where
    `|x| >= theta`, else 0.

    # Arguments
        theta: float >= 0, the threshold.

    # Input shape
        Arbitrary.

    # Output shape
        Same shape as the input.

    # Raises
        ValueError: if `theta` is negative.
    """

    def __init__(self, theta=1.0, **kwargs):
        super().__init__(**kwargs)
        if theta < 0:
            raise ValueError('Layer "%s" (ThresholdedLinear): `theta` must '
                             'be >= 0, got %r.' % (self.name, theta))
        self.supports_masking = True
        self.theta = K.cast_to_floatx(theta)

    def call(self, inputs, mask=None):
        return inputs * K.cast(K.abs(inputs) >= self.theta, K.floatx())

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        config = super().get_config()
        config['theta'] = float(self.theta)
        return config
