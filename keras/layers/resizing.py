"""Image resizing layers of keras-utility-layer-collection: `Resize2D` (to a
given size, TensorFlow 1's `resize_images` methods) and `DiscreteResize2D`
(integer upscaling by a fixed bilinear transposed convolution)."""
import numpy as np

from .. import backend as K
from ..engine import argument_checks
from ..engine.base_layer import Layer, InputSpec
from ._utils import layer_error, check_rank

__all__ = ['Resize2D', 'DiscreteResize2D']


# -- interpolation matrices ((out, in) per axis; TensorFlow 1's
#    `resize_images` with align_corners=False, no half-pixel centres) --------

def _nearest(n_in, n_out):
    matrix = np.zeros((n_out, n_in))
    source = np.minimum(np.floor(np.arange(n_out) * n_in / n_out),
                        n_in - 1).astype(int)
    matrix[np.arange(n_out), source] = 1.
    return matrix


def _bilinear(n_in, n_out):
    matrix = np.zeros((n_out, n_in))
    position = np.arange(n_out) * n_in / n_out
    low = np.floor(position).astype(int)
    high = np.minimum(low + 1, n_in - 1)
    frac = position - low
    rows = np.arange(n_out)
    np.add.at(matrix, (rows, low), 1. - frac)
    np.add.at(matrix, (rows, high), frac)
    return matrix


def _cubic_weight(t, a=-0.75):
    t = np.abs(t)
    return np.where(t <= 1., ((a + 2.) * t - (a + 3.)) * t * t + 1.,
                    np.where(t < 2., ((t - 5.) * t + 8.) * t * a - 4. * a,
                             0.))


def _bicubic(n_in, n_out):
    matrix = np.zeros((n_out, n_in))
    position = np.arange(n_out) * n_in / n_out
    base = np.floor(position).astype(int)
    # TensorFlow looks the weights up in a table of 1024 steps per pixel.
    frac = np.round((position - base) * 1024.) / 1024.
    rows = np.arange(n_out)
    for offset in (-1, 0, 1, 2):
        weight = _cubic_weight(frac - offset)
        np.add.at(matrix, (rows, np.clip(base + offset, 0, n_in - 1)),
                  weight)
    return matrix


def _area(n_in, n_out):
    matrix = np.zeros((n_out, n_in))
    scale = n_in / n_out
    for row in range(n_out):
        start, end = row * scale, (row + 1) * scale
        for source in range(int(np.floor(start)), int(np.ceil(end))):
            overlap = min(source + 1., end) - max(float(source), start)
            matrix[row, min(source, n_in - 1)] += overlap / scale
    return matrix


INTERPOLATIONS = {'bilinear': _bilinear, 'nearest_neighbor': _nearest,
                  'bicubic': _bicubic, 'area': _area}


def resize_matrix(method, n_in, n_out):
    """The `(n_out, n_in)` matrix that resizes one axis with `method`."""
    return INTERPOLATIONS[method](n_in, n_out)


def _image_shape(layer, input_shape):
    check_rank(layer, input_shape, ndim=4)
    return tuple(input_shape)


class Resize2D(Layer):
    """Resizes images to a fixed `(height, width)`.

    The methods and their results are TensorFlow 1's `resize_images` (as
    keras-utility-layer-collection used it: no corner alignment, no
    half-pixel centres), computed on both engines as two products with
    fixed interpolation matrices, so the layer is differentiable
    everywhere.

    # Arguments
        output_shape: `(height, width)` of the resized images.
        method: 'bilinear', 'nearest_neighbor', 'bicubic' or 'area'.

    # Input shape
        `(batch, rows, cols, channels)` with known `rows` and `cols`.

    # Output shape
        `(batch, height, width, channels)`.

    # Raises
        ValueError: a bad `output_shape` or `method`, an input that is not
            rank 4 or whose rows/cols are unknown.
    """

    def __init__(self, output_shape, method='bilinear', **kwargs):
        super().__init__(**kwargs)
        if not isinstance(output_shape, (list, tuple)) or \
                len(output_shape) != 2 or \
                not all(argument_checks.is_integer(d) and d > 0
                        for d in output_shape):
            raise layer_error(self, '`output_shape` must be a tuple of two '
                              'positive integers (height, width), got %r.'
                              % (output_shape,))
        if method not in INTERPOLATIONS:
            raise layer_error(self, '`method` must be one of %s, got %r.'
                              % (sorted(INTERPOLATIONS), method))
        self.target_shape = tuple(output_shape)
        self.method = method
        self.input_spec = InputSpec(ndim=4)

    def build(self, input_shape):
        shape = _image_shape(self, input_shape)
        if shape[1] is None or shape[2] is None:
            raise layer_error(self, 'the rows and cols of the input must be '
                              'known, got input shape %s.' % (shape,))
        self._rows = K.constant(resize_matrix(
            self.method, shape[1], self.target_shape[0]).T)
        self._cols = K.constant(resize_matrix(
            self.method, shape[2], self.target_shape[1]).T)
        self.built = True

    def call(self, inputs):
        x = K.dot(K.permute_dimensions(inputs, (0, 2, 3, 1)), self._rows)
        x = K.dot(K.permute_dimensions(x, (0, 3, 2, 1)), self._cols)
        return K.permute_dimensions(x, (0, 1, 3, 2))

    def compute_output_shape(self, input_shape):
        shape = _image_shape(self, input_shape)
        return (shape[0],) + self.target_shape + (shape[3],)

    def get_config(self):
        config = super().get_config()
        config.update({'output_shape': self.target_shape,
                       'method': self.method})
        return config


def bilinear_upsampling_kernel(shape, dtype=None):
    """Initializer of `DiscreteResize2D`: `(rows, cols, channels,
    channels)`, the bilinear interpolation kernel on the diagonal."""
    if shape[-1] != shape[-2]:
        raise ValueError('bilinear_upsampling_kernel: the last two '
                         'dimensions must be equal (channels in = out), got '
                         'shape %s.' % (tuple(shape),))
    kernel_axes = []
    for size in shape[:2]:
        factor = (size + 1) // 2
        center = factor - 1 if size % 2 else factor - 0.5
        kernel_axes.append(1. - np.abs(np.arange(size) - center) / factor)
    kernel = np.outer(kernel_axes[0], kernel_axes[1])
    weights = np.zeros(shape, dtype=dtype or K.floatx())
    for channel in range(shape[-1]):
        weights[:, :, channel, channel] = kernel
    return weights


class DiscreteResize2D(Layer):
    """Upscales images by integer factors with a fixed bilinear kernel.

    A transposed convolution with stride `upscaling_factor`, 'same'
    padding and, for a factor `f`, a `(2f - f % 2)`-wide bilinear kernel on
    each channel (channels do not mix), as in keras-utility-layer-
    collection (which declared its output shape without the batch axis;
    here it has it).

    # Arguments
        upscaling_factor: int or tuple of two ints (rows, cols).

    # Input shape
        `(batch, rows, cols, channels)` with known `channels`.

    # Output shape
        `(batch, rows * f_rows, cols * f_cols, channels)`.

    # Weights
        `W (kernel_rows, kernel_cols, channels, channels)`, not trainable.

    # Raises
        ValueError: a bad `upscaling_factor`, an input that is not rank 4.
    """

    def __init__(self, upscaling_factor, **kwargs):
        super().__init__(**kwargs)
        factors = (upscaling_factor, upscaling_factor) \
            if argument_checks.is_integer(upscaling_factor) \
            else upscaling_factor
        if not isinstance(factors, (list, tuple)) or len(factors) != 2 or \
                not all(argument_checks.is_integer(f) and f > 0
                        for f in factors):
            raise layer_error(self, '`upscaling_factor` must be a positive '
                              'integer or a tuple of two, got %r.'
                              % (upscaling_factor,))
        self.upscaling_factor = tuple(factors)
        self.input_spec = InputSpec(ndim=4)

    def build(self, input_shape):
        shape = _image_shape(self, input_shape)
        if shape[3] is None:
            raise layer_error(self, 'the channels of the input must be '
                              'known, got input shape %s.' % (shape,))
        sizes = [2 * f - f % 2 for f in self.upscaling_factor]
        self.W = self.add_weight(name='W',
                                 shape=(sizes[0], sizes[1], shape[3],
                                        shape[3]),
                                 initializer=bilinear_upsampling_kernel,
                                 trainable=False)
        self.built = True

    def call(self, inputs):
        shape = K.shape(inputs)
        static = K.int_shape(inputs)
        rows, cols = [shape[i] * f if static[i] is None else static[i] * f
                      for i, f in zip((1, 2), self.upscaling_factor)]
        return K.conv2d_transpose(inputs, self.W,
                                  output_shape=(shape[0], rows, cols,
                                                static[3]),
                                  strides=self.upscaling_factor,
                                  padding='same',
                                  data_format='channels_last')

    def compute_output_shape(self, input_shape):
        shape = _image_shape(self, input_shape)
        rows, cols = [None if d is None else d * f for d, f in
                      zip(shape[1:3], self.upscaling_factor)]
        return (shape[0], rows, cols, shape[3])

    def get_config(self):
        config = super().get_config()
        config['upscaling_factor'] = self.upscaling_factor
        return config
