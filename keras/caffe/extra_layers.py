"""Keras layers for the Caffe operations that have no Keras 2 equivalent:
local response normalization (`LRN2D`, the fork's name), Caffe's pooling
with its output-size rule, `Power`, `AbsVal`, a weighted `Eltwise` sum and
`Slice`.

Importing this module (or `keras.caffe`) registers the layers as custom
objects, so that `keras.models.model_from_json` and `load_model` read the
models the converter writes.
"""
import numpy as np

from .. import backend as K
from ..engine.base_layer import Layer
from ..layers._utils import layer_error, normalize_format, to_shape_tuple
from ..layers.merge import _Merge
from ..utils.generic_utils import get_custom_objects

__all__ = ['LRN2D', 'CaffePooling2D', 'CaffePower', 'CaffeAbsVal',
           'CaffeEltwiseSum', 'CaffeSlice']


def _channel_axis(data_format):
    return 1 if data_format == 'channels_first' else -1


def _spatial_axes(data_format):
    return (2, 3) if data_format == 'channels_first' else (1, 2)


def _along(ndim, axis, index):
    """An indexing tuple selecting `index` (a slice) along `axis`."""
    key = [slice(None)] * ndim
    key[axis] = index
    return tuple(key)


class LRN2D(Layer):
    """Local response normalization of images, as in Caffe's `LRN` layer.

    Across channels (default): every value is divided by
    `(k + alpha * sum(x**2 over the n channels centred on it))**beta`
    (channels beyond the edges count as zeros). Within channel: the sum
    runs over the `n x n` spatial window centred on the value (zero
    padded). Note that `alpha` multiplies the plain sum: Caffe's `alpha` is
    that of the mean, so a Caffe layer maps to `alpha = caffe_alpha / n`
    across channels and `caffe_alpha / n**2` (with `k = 1`) within one.

    # Arguments
        alpha: scale of the sum of squares.
        k: additive constant.
        beta: exponent.
        n: odd size of the window (channels, or pixels per side).
        data_format: `'channels_first'` or `'channels_last'` (default: the
            configured image data format).
        norm_region: `'across_channels'` or `'within_channel'`.

    # Input shape
        4D tensor `(batch, channels, rows, cols)` (`channels_first`) or
        `(batch, rows, cols, channels)` (`channels_last`).

    # Output shape
        Same as the input.

    # Raises
        ValueError: an even or non-positive `n`, an unknown `norm_region`,
            an input of rank other than 4.
    """

    def __init__(self, alpha=1e-4, k=2, beta=0.75, n=5, data_format=None,
                 norm_region='across_channels', **kwargs):
        super().__init__(**kwargs)
        if not isinstance(n, int) or n <= 0 or n % 2 == 0:
            raise layer_error(self, '`n` must be a positive odd integer, '
                              'got %r.' % (n,))
        if norm_region not in ('across_channels', 'within_channel'):
            raise layer_error(self, "`norm_region` must be "
                              "'across_channels' or 'within_channel', got "
                              "%r." % (norm_region,))
        self.alpha = alpha
        self.k = k
        self.beta = beta
        self.n = n
        self.data_format = normalize_format(self, data_format)
        self.norm_region = norm_region

    def build(self, input_shape):
        input_shape = to_shape_tuple(input_shape)
        if len(input_shape) != 4:
            raise layer_error(self, 'expected a 4D input, got shape %s.'
                              % (input_shape,))
        if self.norm_region == 'across_channels' and \
                input_shape[_channel_axis(self.data_format)] is None:
            raise layer_error(self, 'the number of channels must be known, '
                              'got input shape %s.' % (input_shape,))
        super().build(input_shape)

    def _window_sum_across(self, squares):
        axis = _channel_axis(self.data_format) % 4
        channels = K.int_shape(squares)[axis]
        half = self.n // 2
        zeros = K.zeros_like(squares[_along(4, axis, slice(0, 1))])
        if half:
            padding = K.repeat_elements(zeros, half, axis)
            squares = K.concatenate([padding, squares, padding], axis=axis)
        total = None
        for offset in range(self.n):
            part = squares[_along(4, axis, slice(offset, offset + channels))]
            total = part if total is None else total + part
        return total

    def _window_sum_within(self, squares):
        half = self.n // 2
        padded = K.spatial_2d_padding(squares, ((half, half), (half, half)),
                                      data_format=self.data_format)
        mean = K.pool2d(padded, (self.n, self.n), strides=(1, 1),
                        padding='valid', data_format=self.data_format,
                        pool_mode='avg')
        return mean * float(self.n * self.n)

    def call(self, inputs):
        squares = K.square(inputs)
        if self.norm_region == 'across_channels':
            total = self._window_sum_across(squares)
        else:
            total = self._window_sum_within(squares)
        return inputs / K.pow(self.k + self.alpha * total, self.beta)

    def get_output(self, train=False):
        """The layer's output tensor (Keras 1's accessor, as in the fork;
        `train` is ignored: the layer behaves the same in both phases)."""
        return self.output

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        config = dict(super().get_config())
        config.update({'alpha': self.alpha, 'k': self.k, 'beta': self.beta,
                       'n': self.n, 'data_format': self.data_format,
                       'norm_region': self.norm_region})
        return config


def caffe_pool_length(length, kernel, stride, pad, round_mode='ceil'):
    """Caffe's pooling output size along one axis.

    `ceil` (Caffe's historical rule) or `floor` of
    `(length + 2 * pad - kernel) / stride`, plus one; with padding, a last
    window that would start in the padding is dropped.
    """
    span = length + 2 * pad - kernel
    if round_mode == 'ceil':
        out = -(-span // stride) + 1
    else:
        out = span // stride + 1
    if pad and (out - 1) * stride >= length + pad:
        out -= 1
    return out


class CaffePooling2D(Layer):
    """2D max or average pooling with Caffe's semantics.

    Output size: `caffe_pool_length` (by default rounded up: a window may
    overhang the bottom/right edge). Max pooling ignores the padding and the
    overhang. Average pooling sums the values inside the image and divides
    by the window area clipped to the padded image (the zero padding counts,
    the overhang beyond it does not), as Caffe does.

    # Arguments
        pool_size: tuple of 2 integers (rows, cols).
        strides: tuple of 2 integers.
        padding: tuple of 2 integers, zeros added on both sides.
        pool_mode: `'max'` or `'avg'`.
        round_mode: `'ceil'` or `'floor'`.
        data_format: `'channels_first'` or `'channels_last'`.

    # Input shape
        4D tensor with known rows and cols.

    # Output shape
        4D tensor with the pooled rows and cols.

    # Raises
        ValueError: bad arguments, a padding not smaller than the window, or
            unknown spatial sizes.
    """

    def __init__(self, pool_size, strides=(1, 1), padding=(0, 0),
                 pool_mode='max', round_mode='ceil', data_format=None,
                 **kwargs):
        super().__init__(**kwargs)
        self.pool_size = self._pair(pool_size, 'pool_size', 1)
        self.strides = self._pair(strides, 'strides', 1)
        self.padding = self._pair(padding, 'padding', 0)
        if pool_mode not in ('max', 'avg'):
            raise layer_error(self, "`pool_mode` must be 'max' or 'avg', "
                              "got %r." % (pool_mode,))
        if round_mode not in ('ceil', 'floor'):
            raise layer_error(self, "`round_mode` must be 'ceil' or "
                              "'floor', got %r." % (round_mode,))
        if any(p >= k for p, k in zip(self.padding, self.pool_size)):
            raise layer_error(self, '`padding` %s must be smaller than '
                              '`pool_size` %s.' % (self.padding,
                                                   self.pool_size))
        self.pool_mode = pool_mode
        self.round_mode = round_mode
        self.data_format = normalize_format(self, data_format)

    def _pair(self, value, name, minimum):
        pair = (value, value) if isinstance(value, int) else tuple(value)
        if len(pair) != 2 or any(not isinstance(v, (int, np.integer)) or
                                 v < minimum for v in pair):
            raise layer_error(self, '`%s` must be an integer >= %d or a '
                              'pair of them, got %r.' % (name, minimum,
                                                         value))
        return tuple(int(v) for v in pair)

    def _geometry(self, input_shape):
        """Per spatial axis: (input size, output size, bottom padding)."""
        sizes = [input_shape[a] for a in _spatial_axes(self.data_format)]
        if any(size is None for size in sizes):
            raise layer_error(self, 'the spatial sizes must be known, got '
                              'input shape %s.' % (tuple(input_shape),))
        geometry = []
        for size, k, s, p in zip(sizes, self.pool_size, self.strides,
                                 self.padding):
            out = caffe_pool_length(size, k, s, p, self.round_mode)
            if out < 1:
                raise layer_error(self, 'window %d larger than the padded '
                                  'input %d.' % (k, size + 2 * p))
            after = max((out - 1) * s + k - size - p, 0)
            geometry.append((size, out, after))
        return geometry

    def compute_output_shape(self, input_shape):
        input_shape = list(to_shape_tuple(input_shape))
        for axis, (_, out, _) in zip(_spatial_axes(self.data_format),
                                     self._geometry(input_shape)):
            input_shape[axis] = out
        return tuple(input_shape)

    def _edge_pad(self, x, axis, before, after):
        """Pads by repeating the first/last row (max pooling: a window
        always holds the edge row it overhangs, so the copies never win
        over a value of the image)."""
        parts = [x]
        if before:
            parts.insert(0, K.repeat_elements(
                x[_along(4, axis, slice(0, 1))], before, axis))
        if after:
            parts.append(K.repeat_elements(
                x[_along(4, axis, slice(-1, None))], after, axis))
        return K.concatenate(parts, axis=axis) if len(parts) > 1 else x

    def _area_correction(self, geometry):
        """window area / area counted by Caffe, per output position."""
        factors = []
        for (size, out, _), k, s, p in zip(geometry, self.pool_size,
                                           self.strides, self.padding):
            starts = np.arange(out) * s - p
            ends = np.minimum(starts + k, size + p)
            factors.append(k / (ends - starts).astype('float64'))
        grid = np.outer(factors[0], factors[1]).astype(K.floatx())
        if self.data_format == 'channels_first':
            return grid[None, None, :, :]
        return grid[None, :, :, None]

    def call(self, inputs):
        geometry = self._geometry(K.int_shape(inputs))
        axes = _spatial_axes(self.data_format)
        if self.pool_mode == 'max':
            x = inputs
            for axis, (_, _, after), p in zip(axes, geometry, self.padding):
                x = self._edge_pad(x, axis, p, after)
        else:
            x = K.spatial_2d_padding(
                inputs, tuple((p, after) for (_, _, after), p in
                              zip(geometry, self.padding)),
                data_format=self.data_format)
        pooled = K.pool2d(x, self.pool_size, strides=self.strides,
                          padding='valid', data_format=self.data_format,
                          pool_mode=self.pool_mode)
        for axis, (_, out, _) in zip(axes, geometry):
            if K.int_shape(pooled)[axis] != out:
                pooled = pooled[_along(4, axis, slice(0, out))]
        if self.pool_mode == 'avg':
            correction = self._area_correction(geometry)
            if not np.allclose(correction, 1.):
                pooled = pooled * K.constant(correction)
        return pooled

    def get_config(self):
        config = dict(super().get_config())
        config.update({'pool_size': self.pool_size, 'strides': self.strides,
                       'padding': self.padding, 'pool_mode': self.pool_mode,
                       'round_mode': self.round_mode,
                       'data_format': self.data_format})
        return config


class CaffePower(Layer):
    """`y = (shift + scale * x) ** power`, Caffe's `Power` layer.

    # Arguments
        power, scale, shift: floats.

    # Input shape
        Arbitrary.

    # Output shape
        Same as the input.
    """

    def __init__(self, power=1., scale=1., shift=0., **kwargs):
        super().__init__(**kwargs)
        self.power = float(power)
        self.scale = float(scale)
        self.shift = float(shift)

    def call(self, inputs):
        base = inputs
        if self.scale != 1.:
            base = base * self.scale
        if self.shift != 0.:
            base = base + self.shift
        if self.power == 1.:
            return base
        if self.power == 2.:
            return K.square(base)
        return K.pow(base, self.power)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        config = dict(super().get_config())
        config.update({'power': self.power, 'scale': self.scale,
                       'shift': self.shift})
        return config


class CaffeAbsVal(Layer):
    """`y = |x|`, Caffe's `AbsVal` layer.

    # Input shape
        Arbitrary.

    # Output shape
        Same as the input.
    """

    def call(self, inputs):
        return K.abs(inputs)

    def compute_output_shape(self, input_shape):
        return input_shape


class CaffeEltwiseSum(_Merge):
    """Weighted sum of inputs of the same shape, `sum(c_i * x_i)`: Caffe's
    `Eltwise` layer with `operation: SUM` and coefficients.

    # Arguments
        coefficients: one float per input.

    # Input shape
        A list of tensors of the same shape.

    # Output shape
        That shape.

    # Raises
        ValueError: a number of inputs other than the number of
            coefficients.
    """

    def __init__(self, coefficients, **kwargs):
        super().__init__(**kwargs)
        self.coefficients = [float(c) for c in coefficients]

    def build(self, input_shape):
        if len(input_shape) != len(self.coefficients):
            raise layer_error(self, 'got %d inputs for %d coefficients.'
                              % (len(input_shape), len(self.coefficients)))
        super().build(input_shape)

    def _merge_function(self, inputs):
        total = None
        for coefficient, x in zip(self.coefficients, inputs):
            term = x if coefficient == 1. else x * coefficient
            total = term if total is None else total + term
        return total

    def get_config(self):
        config = dict(super().get_config())
        config['coefficients'] = list(self.coefficients)
        return config


class CaffeSlice(Layer):
    """The part `[start:stop]` of the input along one axis (one top of
    Caffe's `Slice` layer).

    # Arguments
        axis: the axis to slice (not the batch axis).
        start, stop: integers, `0 <= start < stop`.

    # Input shape
        Arbitrary, with a known size along `axis`.

    # Output shape
        The input shape with `stop - start` along `axis`.

    # Raises
        ValueError: the batch axis, bad bounds, or bounds beyond the size of
            the input.
    """

    def __init__(self, axis, start, stop, **kwargs):
        super().__init__(**kwargs)
        if axis == 0:
            raise layer_error(self, 'cannot slice the batch axis.')
        if not 0 <= start < stop:
            raise layer_error(self, 'expected 0 <= start < stop, got start '
                              '%r, stop %r.' % (start, stop))
        self.axis = int(axis)
        self.start = int(start)
        self.stop = int(stop)

    def build(self, input_shape):
        input_shape = to_shape_tuple(input_shape)
        size = input_shape[self.axis]
        if size is not None and self.stop > size:
            raise layer_error(self, 'slice [%d:%d] beyond size %d of axis %d '
                              '(input shape %s).' % (self.start, self.stop,
                                                     size, self.axis,
                                                     input_shape))
        super().build(input_shape)

    def call(self, inputs):
        ndim = K.ndim(inputs)
        return inputs[_along(ndim, self.axis % ndim,
                             slice(self.start, self.stop))]

    def compute_output_shape(self, input_shape):
        shape = list(to_shape_tuple(input_shape))
        shape[self.axis] = self.stop - self.start
        return tuple(shape)

    def get_config(self):
        config = dict(super().get_config())
        config.update({'axis': self.axis, 'start': self.start,
                       'stop': self.stop})
        return config


get_custom_objects().update({name: globals()[name] for name in __all__})
