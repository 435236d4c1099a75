"""The multimodal fork's uncertainty layer: appends a learned log variance
to a model's output (see `keras.layers.loss_layers` for the losses that
read it)."""
from .. import backend as K
from ..engine.base_layer import Layer
from ._utils import layer_error, check_rank, to_shape_tuple

__all__ = ['ConcatenateOutputWithSigma']


class ConcatenateOutputWithSigma(Layer):
    """Appends one learned scalar (the same for every sample) to the last
    axis of the input: `(batch, ..., D)` -> `(batch, ..., D + 1)`.

    Weight: `sigma (1,)`, initialised to 0, held in the attribute `kernel`
    as in the fork.

    # Arguments
        output_dim: the output size `D + 1`, or the full output shape (as
            the fork's users pass it); checked against the input.

    # Input shape
        `(batch, ..., D)`.

    # Output shape
        `(batch, ..., D + 1)`.

    # Raises
        ValueError: if `output_dim` does not match the input.
    """

    def __init__(self, output_dim, **kwargs):
        super().__init__(**kwargs)
        self.output_dim = output_dim

    def _expected(self):
        dims = self.output_dim
        if isinstance(dims, (list, tuple)):
            return dims[-1] if dims else None
        return dims

    def compute_output_shape(self, input_shape):
        input_shape = to_shape_tuple(input_shape)
        check_rank(self, input_shape, min_ndim=2)
        size = None if input_shape[-1] is None else input_shape[-1] + 1
        expected = self._expected()
        if expected is not None and size is not None and expected != size:
            raise layer_error(self, '`output_dim` %r does not match inputs '
                              'of shape %s (expected an output size of %d).'
                              % (self.output_dim, input_shape, size))
        return input_shape[:-1] + (size,)

    def build(self, input_shape):
        self.compute_output_shape(input_shape)
        self.kernel = self.add_weight(shape=(1,), name='sigma',
                                      initializer='zeros')
        self.built = True

    def call(self, inputs):
        sigma = K.ones_like(inputs[..., :1]) * self.kernel
        return K.concatenate([inputs, sigma], axis=-1)

    def get_config(self):
        config = dict(super().get_config())
        config['output_dim'] = self.output_dim
        return config
