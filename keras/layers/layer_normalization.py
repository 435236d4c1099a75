"""Layer normalization as keras-utility-layer-collection has it."""
from .. import backend as K
from ..engine.base_layer import Layer
from ._utils import layer_error, check_known

__all__ = ['LayerNormalization']


class LayerNormalization(Layer):
    """Layer normalization (Ba, Kiros and Hinton, 2016), over the last axis.

        output = gain * (x - mean(x)) / (std(x) + epsilon) + bias

    with the mean and the (population) standard deviation of each sample's
    last axis, `gain` initialized to ones and `bias` to zeros. Note that
    `epsilon` is added to the standard deviation, not to the variance, as
    in keras-utility-layer-collection, whose layer (and default `epsilon`)
    this is; there it worked for rank-3 inputs only, here for any rank >= 2.
    Masks pass through unchanged.

    # Arguments
        epsilon: small float added to the standard deviation.

    # Input shape
        Any shape of rank >= 2 with a known last dimension.

    # Output shape
        Same as the input.

    # Weights
        `gain (features,)`, `bias (features,)`.

    # Raises
        ValueError: a rank-1 input or an unknown last dimension.
    """

    def __init__(self, epsilon=1e-8, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True
        self.epsilon = epsilon

    def build(self, input_shape):
        if len(input_shape) < 2:
            raise layer_error(self, 'expected an input of rank >= 2 (batch '
                              'axis included), got shape %s.'
                              % (tuple(input_shape),))
        features = check_known(self, input_shape, -1, 'feature')
        self.gain = self.add_weight(name='gain', shape=(features,),
                                    initializer='ones')
        self.bias = self.add_weight(name='bias', shape=(features,),
                                    initializer='zeros')
        self.built = True

    def call(self, inputs):
        mean = K.mean(inputs, axis=-1, keepdims=True)
        std = K.std(inputs, axis=-1, keepdims=True)
        return self.gain * (inputs - mean) / (std + self.epsilon) + self.bias

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        config = super().get_config()
        config['epsilon'] = self.epsilon
        return config
