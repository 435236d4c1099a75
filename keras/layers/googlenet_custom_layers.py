"""The two custom layers of the Keras GoogLeNet port that the multimodal
fork ships: `LRN` (cross-channel local response normalization, as in
Caffe) and `PoolHelper` (drops the first row and column of a feature map,
to mimic Caffe's pooling output sizes).

The fork's versions were Theano-only and channels-first; these run on both
engines and take an optional `data_format` keyword (default: the
configured image data format).
"""
from .. import backend as K
from ..engine.base_layer import Layer
from ._utils import layer_error, check_rank, check_known, normalize_format, \
    to_shape_tuple

__all__ = ['LRN', 'PoolHelper']


class _FeatureMapLayer(Layer):
    """A weightless layer on 4D feature maps in either data format."""

    def __init__(self, **kwargs):
        data_format = kwargs.pop('data_format', None)
        super().__init__(**kwargs)
        self.data_format = normalize_format(self, data_format)

    def _channels_first(self, x):
        if self.data_format == 'channels_first':
            return x
        return K.permute_dimensions(x, (0, 3, 1, 2))

    def _back(self, x):
        if self.data_format == 'channels_first':
            return x
        return K.permute_dimensions(x, (0, 2, 3, 1))

    def build(self, input_shape):
        check_rank(self, to_shape_tuple(input_shape), ndim=4)
        super().build(input_shape)

    def get_config(self):
        config = dict(super().get_config())
        config['data_format'] = self.data_format
        return config


class LRN(_FeatureMapLayer):
    """Local response normalization across channels (Caffe's
    `ACROSS_CHANNELS`):
    `out[c] = x[c] / (k + alpha / n * sum_{c' in window(c)} x[c']^2) ^ beta`,
    where the window holds the `n` channels centred on `c` (zero outside).

    # Arguments
        alpha: scale of the sum of squares (divided by `n`).
        k: offset.
        beta: exponent.
        n: number of channels in the window.
        data_format (keyword): 'channels_first' (the fork's layout) or
            'channels_last'.

    # Input shape
        4D feature maps.

    # Output shape
        Same as the input.

    # Raises
        ValueError: for inputs that are not 4D or an `n` below 1.
    """

    def __init__(self, alpha=0.0001, k=1, beta=0.75, n=5, **kwargs):
        super().__init__(**kwargs)
        if int(n) < 1:
            raise layer_error(self, '`n` must be >= 1, got %r.' % (n,))
        self.alpha = alpha
        self.k = k
        self.beta = beta
        self.n = int(n)

    def build(self, input_shape):
        super().build(input_shape)
        axis = 1 if self.data_format == 'channels_first' else 3
        self._channels = check_known(self, to_shape_tuple(input_shape), axis,
                                     'channel')

    def call(self, inputs):
        x = self._channels_first(inputs)
        half = self.n // 2
        squares = K.square(x)
        zeros = K.zeros_like(squares[:, :1])
        pad = [zeros] * half
        padded = K.concatenate(pad + [squares] + pad, axis=1) if half \
            else squares
        total = padded[:, 0:self._channels]
        for i in range(1, self.n):
            total = total + padded[:, i:i + self._channels]
        scale = (self.k + (self.alpha / self.n) * total) ** self.beta
        return self._back(x / scale)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        config = dict(super().get_config())
        config.update({'alpha': self.alpha, 'k': self.k, 'beta': self.beta,
                       'n': self.n})
        return config


class PoolHelper(_FeatureMapLayer):
    """Removes the first row and the first column of a feature map
    (`x[:, :, 1:, 1:]` channels first).

    # Input shape
        4D feature maps.

    # Output shape
        Rows and columns one smaller.
    """

    def call(self, inputs):
        if self.data_format == 'channels_first':
            return inputs[:, :, 1:, 1:]
        return inputs[:, 1:, 1:, :]

    def compute_output_shape(self, input_shape):
        shape = list(to_shape_tuple(input_shape))
        check_rank(self, shape, ndim=4)
        axes = (2, 3) if self.data_format == 'channels_first' else (1, 2)
        for axis in axes:
            if shape[axis] is not None:
                shape[axis] -= 1
        return tuple(shape)
