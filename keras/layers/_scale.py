"""The multimodal fork's `Scale` layer: a learned per-feature affine map
(re-exported by `keras.layers.normalization` and `keras.layers`)."""
from .. import backend as K
from ..engine import argument_checks
from .. import initializers
from ..engine.base_layer import InputSpec
from ..engine.base_layer import Layer
from ._utils import layer_error, to_shape_tuple


class Scale(Layer):
    """Learned scaling and shift of every feature along one axis.

    `output = input * gamma + beta`, with `gamma` and `beta` vectors of the
    size of `input_shape[axis]`, broadcast along the other axes. This is
    Caffe's `Scale` layer with a bias term (the Caffe converter maps Caffe
    `Scale` and `Bias` layers onto it) and the affine part of a batch
    normalization without the normalization.

    # Arguments
        weights: optional initial weights, a list `[gamma, beta]` of two
            NumPy arrays of shape `(input_shape[axis],)`.
        axis: integer, the axis along which the weights vary (the feature
            axis): 1 for `channels_first` images, -1 (default) for
            `channels_last` ones.
        momentum: kept for compatibility with the fork's signature (the
            layer keeps no moving statistics); stored in the config.
        beta_init: initializer of the shift `beta` (name or instance).
        gamma_init: initializer of the scale `gamma` (name or instance).

    # Input shape
        Arbitrary, with a known size along `axis`.

    # Output shape
        Same shape as input.

    # Raises
        ValueError: `axis` out of range for the input, an unknown size along
            `axis`, or initial `weights` of the wrong number or shapes.

    # Weights
        `{name}_gamma` then `{name}_beta`, both of shape
        `(input_shape[axis],)`.
    """

    def __init__(self, weights=None, axis=-1, momentum=0.9, beta_init='zero',
                 gamma_init='one', **kwargs):
        super().__init__(**kwargs)
        if not argument_checks.is_integer(axis):
            raise layer_error(self, '`axis` must be an integer, got %r.'
                              % (axis,), TypeError)
        self.axis = axis
        self.momentum = momentum
        self.beta_init = initializers.get(beta_init)
        self.gamma_init = initializers.get(gamma_init)
        self.initial_weights = weights
        self.supports_masking = True

    def build(self, input_shape):
        input_shape = to_shape_tuple(input_shape)
        ndim = len(input_shape)
        if not -ndim <= self.axis < ndim:
            raise layer_error(self, '`axis` %d is out of range for input '
                              'shape %s.' % (self.axis, input_shape))
        dim = input_shape[self.axis]
        if dim is None:
            raise layer_error(self, 'the size of axis %d must be known, got '
                              'input shape %s.' % (self.axis, input_shape))
        self.input_spec = InputSpec(ndim=ndim, axes={self.axis: dim})
        shape = (int(dim),)
        self.gamma = self.add_weight(shape=shape,
                                     name='{}_gamma'.format(self.name),
                                     initializer=self.gamma_init)
        self.beta = self.add_weight(shape=shape,
                                    name='{}_beta'.format(self.name),
                                    initializer=self.beta_init)
        self.built = True
        if self.initial_weights is not None:
            self._set_initial(self.initial_weights, shape)
            self.initial_weights = None

    def _set_initial(self, weights, shape):
        shapes = [tuple(getattr(w, 'shape', ())) for w in weights]
        if len(shapes) != 2 or any(s != shape for s in shapes):
            raise layer_error(self, '`weights` must be [gamma, beta], two '
                              'arrays of shape %s; got shapes %s.'
                              % (shape, shapes))
        self.set_weights(weights)

    def call(self, inputs):
        ndim = K.ndim(inputs)
        axis = self.axis % ndim
        if axis == ndim - 1:
            return inputs * self.gamma + self.beta
        broadcast = [1] * ndim
        broadcast[axis] = K.int_shape(self.gamma)[0]
        return (inputs * K.reshape(self.gamma, broadcast) +
                K.reshape(self.beta, broadcast))

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        config = dict(super().get_config())
        config.update({
            'axis': self.axis,
            'momentum': self.momentum,
            'beta_init': initializers.serialize(self.beta_init),
            'gamma_init': initializers.serialize(self.gamma_init),
        })
        return config
