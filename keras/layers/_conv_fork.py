"""The multimodal fork's additions to `keras.layers.convolutional`:
ClassActivationMapping and the (compact) bilinear pooling layers.

Compact bilinear pooling (Fukui et al. 2016, https://arxiv.org/abs/1606.01847)
projects each input with a count sketch `v_i = C_i(x_i)` and combines the
sketches by circular convolution, computed as `ifft(prod_i fft(v_i))`.
"""
import numpy as np

from .. import backend as K
from .. import initializers
from ..engine.base_layer import Layer
from ._utils import (layer_error, check_rank, check_known, normalize_format,
                     to_shape_tuple)

__all__ = ['ClassActivationMapping', 'CompactBilinearPooling',
           'BilinearPooling', 'CountSketch']


def _complex_product(a, b):
    """Product of two FFTs: native complex tensors, or Theano's `rfft`
    layout (a last axis of size 2 holding the real and imaginary parts)."""
    if K.ndim(a) == 2:
        return a * b
    re = a[..., 0] * b[..., 0] - a[..., 1] * b[..., 1]
    im = a[..., 0] * b[..., 1] + a[..., 1] * b[..., 0]
    return K.stack([re, im], axis=-1)


def circular_convolution(vectors, size):
    """Circular convolution of `(batch, size)` tensors, through FFTs
    (real output, floatx)."""
    product = K.fft(vectors[0])
    for v in vectors[1:]:
        product = _complex_product(product, K.fft(v))
    if K.ndim(product) == 2:
        return K.cast(K.real(K.ifft(product)), K.floatx())
    return K.cast(K.ifft(product, is_odd=size % 2 == 1), K.floatx())


def _input_list(layer, input_shape, at_least=2):
    """The input shapes as a list of 2D shapes with known features."""
    if not isinstance(input_shape, list) or len(input_shape) < at_least:
        raise layer_error(layer, 'must be called on a list of at least %d '
                          'tensors, got %r.' % (at_least, input_shape))
    shapes = [to_shape_tuple(s) for s in input_shape]
    for i, shape in enumerate(shapes):
        check_rank(layer, shape, ndim=2, what='input %d' % i)
        check_known(layer, shape, 1, 'feature')
    return shapes


class _Hashes:
    """Random count-sketch hashes: bucket `h[j]` in `[0, d)` and sign
    `s[j]` in {-1, 1} for every input feature `j` (NumPy's global random
    state, as in the fork)."""

    @staticmethod
    def draw(features, d):
        h = np.random.randint(0, d, size=(features,)).astype('int64')
        s = (np.floor(np.random.uniform(0, 2, size=(features,))) * 2 - 1)
        return h, s.astype('int64')


class _SketchLayer(Layer):
    """Shared parts of CountSketch and CompactBilinearPooling."""

    def __init__(self, d, return_extra=False, **kwargs):
        super().__init__(**kwargs)
        self.d = int(d)
        if self.d <= 0:
            raise layer_error(self, '`d` must be a positive integer, got %r.'
                              % (d,))
        self.return_extra = return_extra
        self.supports_masking = True
        self.h = []
        self.s = []

    def _sketches(self, inputs):
        return [K.count_sketch(h, s, x, self.d)
                for h, s, x in zip(self.h, self.s, inputs)]

    def compute_mask(self, inputs, mask=None):
        return None


class CountSketch(_SketchLayer):
    """Count-sketch projection of each input to `d` features:
    `v[:, h[j]] += s[j] * x[:, j]`.

    As in the fork, the random hashes are drawn at build time and are not
    saved with the weights (a reloaded model draws new ones); they are
    available as `layer.h` and `layer.s`.

    # Arguments
        d: output dimension of every sketch.
        return_extra: not supported (the fork returned its hash variables
            as extra outputs); `True` raises a ValueError.

    # Input shape
        A list of 2D tensors `(batch, features_i)` (or a single one).

    # Output shape
        A list of `(batch, d)` tensors (a single one for a single input).
    """

    def __init__(self, d, return_extra=False, **kwargs):
        super().__init__(d, return_extra, **kwargs)
        if return_extra:
            raise layer_error(self, '`return_extra=True` is not supported: '
                              'the hashes are `layer.h` and `layer.s`.')

    def build(self, input_shape):
        single = not isinstance(input_shape, list)
        shapes = _input_list(self, [input_shape] if single else input_shape,
                             at_least=1)
        for i, shape in enumerate(shapes):
            h, s = _Hashes.draw(shape[1], self.d)
            self.h.append(K.variable(h, dtype='int64', name='h%d' % i))
            self.s.append(K.variable(s, dtype='int64', name='s%d' % i))
        self.built = True

    def compact(self, x):
        """The count sketches of the list of tensors `x`."""
        return self._sketches(x)

    def call(self, inputs):
        if isinstance(inputs, list):
            return self.compact(inputs)
        return self.compact([inputs])[0]

    def compute_output_shape(self, input_shape):
        if isinstance(input_shape, list):
            return [(s[0], self.d) for s in input_shape]
        return (input_shape[0], self.d)

    get_output_shape_for = compute_output_shape

    def compute_mask(self, inputs, mask=None):
        return [None] * len(inputs) if isinstance(inputs, list) else None

    def get_config(self):
        config = dict(super().get_config())
        config.update({'d': self.d, 'return_extra': self.return_extra})
        return config


class CompactBilinearPooling(_SketchLayer):
    """Multimodal compact bilinear pooling of two or more vectors.

    `out = ifft(prod_i fft(C_i(x_i)))`: the circular convolution of the
    count sketches of the inputs, a `d`-dimensional approximation of the
    projected outer product of the inputs.

    Weights (not trainable, int64, drawn at random at build time and saved
    as the fork saves them): `h0, h1, ...` (`(features_i,)`, buckets in
    `[0, d)`) then `s0, s1, ...` (signs in {-1, 1}).

    # Arguments
        d: output dimension.
        return_extra: if True, the outputs are `[out, v_0, v_1, ...]`, the
            count sketches `v_i (batch, d)` added (the fork also returned
            the FFTs and hash variables, which are not batch tensors).
        conv_type: 'conv', the circular convolution through FFTs (the only
            method).

    # Input shape
        A list of at least two 2D tensors `(batch, features_i)`.

    # Output shape
        `(batch, d)` (a list with the sketches if `return_extra`).

    # Raises
        ValueError: for fewer than two inputs, inputs that are not 2D, or
            an unknown `conv_type`.
    """

    def __init__(self, d, return_extra=False, conv_type='conv', **kwargs):
        super().__init__(d, return_extra, **kwargs)
        if conv_type != 'conv':
            raise layer_error(self, "`conv_type` must be 'conv', got %r."
                              % (conv_type,))
        self.conv_type = conv_type

    def build(self, input_shape):
        shapes = _input_list(self, input_shape)
        hashes = [_Hashes.draw(shape[1], self.d) for shape in shapes]
        self.h = [self.add_weight('h%d' % i, (shape[1],), 'int64',
                                  initializer=_fixed(h), trainable=False)
                  for i, (shape, (h, _)) in enumerate(zip(shapes, hashes))]
        self.s = [self.add_weight('s%d' % i, (shape[1],), 'int64',
                                  initializer=_fixed(s), trainable=False)
                  for i, (shape, (_, s)) in enumerate(zip(shapes, hashes))]
        self.built = True

    def call(self, inputs):
        if not isinstance(inputs, list) or len(inputs) < 2:
            raise layer_error(self, 'must be called on a list of at least 2 '
                              'tensors.')
        return self.multimodal_compact_bilinear(inputs)

    def multimodal_compact_bilinear(self, x):
        """The pooled output (and the sketches if `return_extra`) of the
        list of tensors `x`."""
        sketches = self._sketches(x)
        out = circular_convolution(sketches, self.d)
        return [out] + sketches if self.return_extra else out

    def compute_output_shape(self, input_shape):
        shapes = _input_list(self, input_shape)
        out = (shapes[0][0], self.d)
        if self.return_extra:
            return [out] + [(s[0], self.d) for s in shapes]
        return out

    get_output_shape_for = compute_output_shape

    def compute_mask(self, inputs, mask=None):
        if self.return_extra:
            return [None] * (len(inputs) + 1)
        return None

    def get_config(self):
        config = dict(super().get_config())
        config.update({'d': self.d, 'return_extra': self.return_extra,
                       'conv_type': self.conv_type})
        return config


def _fixed(value):
    """An initializer returning `value` (an array drawn beforehand)."""
    def initializer(shape, dtype=None):
        return np.asarray(value).reshape(shape)
    return initializer


class BilinearPooling(Layer):
    """Circular convolution of two or more same-shaped vectors through
    FFTs (`ifft(prod_i fft(x_i))`): compact bilinear pooling without the
    count sketches. The first input's mask passes on.

    # Arguments
        d: kept for the fork's signature (the output has the inputs' size).

    # Input shape
        A list of at least two 2D tensors of the same shape.

    # Output shape
        The common input shape.

    # Raises
        ValueError: for fewer than two inputs or different shapes.
    """

    def __init__(self, d, **kwargs):
        super().__init__(**kwargs)
        self.d = d
        self.supports_masking = True

    def build(self, input_shape):
        shapes = _input_list(self, input_shape)
        if any(s[1:] != shapes[0][1:] for s in shapes):
            raise layer_error(self, 'all inputs must have the same shape, '
                              'got %s.' % (shapes,))
        self._size = shapes[0][1]
        self.built = True

    def multimodal_bilinear(self, x):
        """The circular convolution of the list of tensors `x`."""
        return circular_convolution(list(x), self._size)

    def call(self, inputs, mask=None):
        return self.multimodal_bilinear(inputs)

    def compute_output_shape(self, input_shape):
        return to_shape_tuple(_input_list(self, input_shape)[0])

    get_output_shape_for = compute_output_shape

    def compute_mask(self, inputs, mask=None):
        return mask[0] if mask else None

    def get_config(self):
        config = dict(super().get_config())
        config['d'] = self.d
        return config


class ClassActivationMapping(Layer):
    """Class activation maps (Zhou et al. 2015, arXiv:1512.04150):
    `CAM[c, x, y] = sum_k W[k, c] * f[k, x, y]`, with `W` the weights of the
    Dense layer that follows global average pooling.

    Weight: `{name}_W` of shape `weights_shape = (channels, classes)`
    (trainable; give the learned Dense kernel with `weights=[W]`). The fork
    could not construct this layer; this follows its intended equations.

    # Arguments
        weights_shape: `(channels, classes)`.
        weights: optional initial `W` (one-element list or array).
        data_format (keyword): 'channels_first' (the fork's layout) or
            'channels_last'; default: the configured image data format.

    # Input shape
        4D feature maps `(batch, channels, rows, cols)` (channels first) or
        `(batch, rows, cols, channels)`.

    # Output shape
        `(batch, classes, rows, cols)` or `(batch, rows, cols, classes)`.

    # Raises
        ValueError: for inputs that are not 4D or whose channels differ
            from `weights_shape[0]`.
    """

    def __init__(self, weights_shape, weights=None, **kwargs):
        data_format = kwargs.pop('data_format', None)
        super().__init__(**kwargs)
        self.data_format = normalize_format(self, data_format)
        self.weights_shape = tuple(int(d) for d in weights_shape)
        if len(self.weights_shape) != 2:
            raise layer_error(self, '`weights_shape` must be (channels, '
                              'classes), got %r.' % (weights_shape,))
        if weights is not None and not isinstance(weights, (list, tuple)):
            weights = [weights]
        self.initial_weights = weights

    def _channel_axis(self):
        return 1 if self.data_format == 'channels_first' else 3

    def build(self, input_shape):
        input_shape = to_shape_tuple(input_shape)
        check_rank(self, input_shape, ndim=4)
        channels = check_known(self, input_shape, self._channel_axis(),
                               'channel')
        if channels != self.weights_shape[0]:
            raise layer_error(self, 'inputs with %d channels need '
                              '`weights_shape` (%d, classes), got %s.'
                              % (channels, channels, self.weights_shape))
        self.W = self.add_weight(shape=self.weights_shape,
                                 initializer=initializers.get('uniform'),
                                 name='{}_W'.format(self.name))
        if self.initial_weights is not None:
            self.set_weights(self.initial_weights)
            self.initial_weights = None
        self.built = True

    def call(self, inputs):
        if self.data_format == 'channels_last':
            return K.dot(inputs, self.W)
        maps = K.dot(K.permute_dimensions(inputs, (0, 2, 3, 1)), self.W)
        return K.permute_dimensions(maps, (0, 3, 1, 2))

    def compute_output_shape(self, input_shape):
        shape = list(to_shape_tuple(input_shape))
        check_rank(self, shape, ndim=4)
        shape[self._channel_axis()] = self.weights_shape[1]
        return tuple(shape)

    get_output_shape_for = compute_output_shape

    def get_config(self):
        config = dict(super().get_config())
        config.update({'weights_shape': self.weights_shape,
                       'data_format': self.data_format})
        return config
