"""Resampling layers of the convolutional family: UpSampling1D/2D/3D,
ZeroPadding1D/2D/3D and Cropping1D/2D/3D (re-exported by
`keras.layers.convolutional`)."""
from __future__ import absolute_import
from __future__ import division
from __future__ import print_function

from .. import backend as K
from ..engine import argument_checks
from ..engine.base_layer import InputSpec
from ..engine.base_layer import Layer
from ..legacy import interfaces
from ..utils import conv_utils
from ._utils import layer_error, check_rank, normalize_format, to_shape_tuple


class _Spatial(Layer):
    """A layer acting on the `rank` spatial axes of a (batch, [channels,]
    spatial..., [channels]) tensor, keeping the batch and channel axes."""

    rank = 1

    def __init__(self, data_format=None, **kwargs):
        super(_Spatial, self).__init__(**kwargs)
        if self.rank == 1:
            self.data_format = 'channels_last'
        else:
            self.data_format = normalize_format(self, data_format)
        self.input_spec = InputSpec(ndim=self.rank + 2)

    def _spatial_axes(self):
        start = 2 if self.data_format == 'channels_first' else 1
        return list(range(start, start + self.rank))

    def _new_size(self, i, size, input_shape):
        raise NotImplementedError

    def build(self, input_shape):
        self.compute_output_shape(input_shape)
        super(_Spatial, self).build(input_shape)

    def compute_output_shape(self, input_shape):
        input_shape = to_shape_tuple(input_shape)
        check_rank(self, input_shape, ndim=self.rank + 2)
        output_shape = list(input_shape)
        for i, axis in enumerate(self._spatial_axes()):
            size = input_shape[axis]
            output_shape[axis] = None if size is None else \
                self._new_size(i, size, input_shape)
        return tuple(output_shape)

    def get_config(self):
        config = dict(super(_Spatial, self).get_config())
        if self.rank > 1:
            config['data_format'] = self.data_format
        return config


def _normalize_pairs(layer, value, rank, name):
    """`value` as `rank` (before, after) pairs: an int (same everywhere), a
    tuple of `rank` ints (symmetric per axis) or of `rank` pairs; for rank 1
    an int or one pair."""
    try:
        if rank == 1:
            return (conv_utils.normalize_tuple(value, 2, name),)
        if argument_checks.is_integer(value):
            value = int(value)
            return ((value, value),) * rank
        if not hasattr(value, '__len__') or len(value) != rank:
            raise ValueError('`%s` should be an int, a tuple of %d ints or a '
                             'tuple of %d tuples of 2 ints; found: %r.'
                             % (name, rank, rank, value))
        return tuple(conv_utils.normalize_tuple(v, 2, 'entry %d of %s'
                                                % (i, name))
                     for i, v in enumerate(value))
    except ValueError as e:
        raise layer_error(layer, str(e))


# --------------------------------------------------------------------------
# UpSampling
# --------------------------------------------------------------------------

class _UpSampling(_Spatial):
    """Repeats each spatial step `size[i]` times along spatial axis i."""

    def __init__(self, size, data_format=None, **kwargs):
        super(_UpSampling, self).__init__(data_format=data_format, **kwargs)
        try:
            self.size = conv_utils.normalize_tuple(size, self.rank, 'size')
        except ValueError as e:
            raise layer_error(self, str(e))

    def _new_size(self, i, size, input_shape):
        return size * self.size[i]

    def get_config(self):
        config = super(_UpSampling, self).get_config()
        config['size'] = self.size
        return config


class UpSampling1D(_UpSampling):
    """Upsampling layer for 1D inputs: repeats each temporal step `size`
    times along the time axis.

    # Arguments
        size: integer. Upsampling factor.

    # Input shape
        3D tensor `(batch, steps, features)`.

    # Output shape
        3D tensor `(batch, upsampled_steps, features)`.
    """

    rank = 1

    @interfaces.legacy_upsampling1d_support
    def __init__(self, size=2, **kwargs):
        super(UpSampling1D, self).__init__(size, **kwargs)

    def call(self, inputs):
        return K.repeat_elements(inputs, self.size[0], axis=1)

    def get_config(self):
        config = super(UpSampling1D, self).get_config()
        config['size'] = self.size[0]
        return config


class UpSampling2D(_UpSampling):
    """Upsampling layer for 2D inputs: repeats rows and columns
    (`interpolation="nearest"`) or resizes bilinearly.

    # Arguments
        size: int, or tuple of 2 integers. The upsampling factors for rows
            and columns.
        data_format: `"channels_last"` or `"channels_first"`.
        interpolation: `"nearest"` or `"bilinear"`.

    # Input shape
        4D tensor.

    # Output shape
        4D tensor with `rows * size[0]`, `cols * size[1]`.
    """

    rank = 2

    @interfaces.legacy_upsampling2d_support
    def __init__(self, size=(2, 2), data_format=None, interpolation='nearest',
                 **kwargs):
        super(UpSampling2D, self).__init__(size, data_format=data_format,
                                           **kwargs)
        if interpolation not in ('nearest', 'bilinear'):
            raise layer_error(self, '`interpolation` argument should be one '
                              'of "nearest" or "bilinear", got %r.'
                              % (interpolation,))
        self.interpolation = interpolation

    def call(self, inputs):
        return K.resize_images(inputs, self.size[0], self.size[1],
                               self.data_format,
                               interpolation=self.interpolation)

    def get_config(self):
        config = super(UpSampling2D, self).get_config()
        config['interpolation'] = self.interpolation
        return config


class UpSampling3D(_UpSampling):
    """Upsampling layer for 3D inputs: repeats the 1st, 2nd and 3rd spatial
    dimensions by `size[0]`, `size[1]` and `size[2]`.

    # Arguments
        size: int, or tuple of 3 integers.
        data_format: `"channels_last"` or `"channels_first"`.
    """

    rank = 3

    @interfaces.legacy_upsampling3d_support
    def __init__(self, size=(2, 2, 2), data_format=None, **kwargs):
        super(UpSampling3D, self).__init__(size, data_format=data_format,
                                           **kwargs)

    def call(self, inputs):
        return K.resize_volumes(inputs, self.size[0], self.size[1],
                                self.size[2], self.data_format)


# --------------------------------------------------------------------------
# ZeroPadding
# --------------------------------------------------------------------------

class _ZeroPadding(_Spatial):
    """Adds rows/columns/... of zeros at both ends of each spatial axis."""

    def __init__(self, padding, data_format=None, **kwargs):
        super(_ZeroPadding, self).__init__(data_format=data_format, **kwargs)
        self.padding = _normalize_pairs(self, padding, self.rank, 'padding')
        if any(p < 0 for pair in self.padding for p in pair):
            raise layer_error(self, '`padding` must be non-negative, got %s.'
                              % (self.padding,))

    def _new_size(self, i, size, input_shape):
        return size + self.padding[i][0] + self.padding[i][1]

    def call(self, inputs):
        if self.rank == 1:
            return K.temporal_padding(inputs, padding=self.padding[0])
        if self.rank == 2:
            return K.spatial_2d_padding(inputs, padding=self.padding,
                                        data_format=self.data_format)
        return K.spatial_3d_padding(inputs, padding=self.padding,
                                    data_format=self.data_format)

    def get_config(self):
        config = super(_ZeroPadding, self).get_config()
        config['padding'] = self.padding[0] if self.rank == 1 \
            else self.padding
        return config


class ZeroPadding1D(_ZeroPadding):
    """Zero-padding layer for 1D input (e.g. temporal sequence).

    # Arguments
        padding: int, or tuple of 2 ints: zeros added at the start and the
            end of the time axis.

    # Input shape
        3D tensor `(batch, axis_to_pad, features)`.
    """

    rank = 1

    def __init__(self, padding=1, **kwargs):
        super(ZeroPadding1D, self).__init__(padding, **kwargs)


class ZeroPadding2D(_ZeroPadding):
    """Zero-padding layer for 2D input (e.g. picture).

    # Arguments
        padding: int (same padding everywhere), tuple of 2 ints (symmetric
            `(rows, cols)` padding) or `((top, bottom), (left, right))`.
        data_format: `"channels_last"` or `"channels_first"`.
    """

    rank = 2

    @interfaces.legacy_zeropadding2d_support
    def __init__(self, padding=(1, 1), data_format=None, **kwargs):
        super(ZeroPadding2D, self).__init__(padding, data_format=data_format,
                                            **kwargs)


class ZeroPadding3D(_ZeroPadding):
    """Zero-padding layer for 3D data (spatial or spatio-temporal).

    # Arguments
        padding: int, tuple of 3 ints or tuple of 3 tuples of 2 ints.
        data_format: `"channels_last"` or `"channels_first"`.
    """

    rank = 3

    @interfaces.legacy_zeropadding3d_support
    def __init__(self, padding=(1, 1, 1), data_format=None, **kwargs):
        super(ZeroPadding3D, self).__init__(padding, data_format=data_format,
                                            **kwargs)


# --------------------------------------------------------------------------
# Cropping
# --------------------------------------------------------------------------

class _Cropping(_Spatial):
    """Removes elements at both ends of each spatial axis."""

    def __init__(self, cropping, data_format=None, **kwargs):
        super(_Cropping, self).__init__(data_format=data_format, **kwargs)
        self.cropping = _normalize_pairs(self, cropping, self.rank,
                                         'cropping')
        if any(c < 0 for pair in self.cropping for c in pair):
            raise layer_error(self, '`cropping` must be non-negative, got '
                              '%s.' % (self.cropping,))

    def _new_size(self, i, size, input_shape):
        # Keras 2.3: a cropping that leaves nothing gives a length-0 axis
        # (an empty tensor); cropping more than the axis holds is refused
        # here (2.3 reported a negative length).
        new_size = size - self.cropping[i][0] - self.cropping[i][1]
        if new_size < 0:
            raise layer_error(self, '`cropping` %s removes more than the '
                              'input of shape %s holds.'
                              % (self.cropping, input_shape))
        return new_size

    def call(self, inputs):
        index = [slice(None)] * (self.rank + 2)
        for (start, end), axis in zip(self.cropping, self._spatial_axes()):
            index[axis] = slice(start, -end if end else None)
        return inputs[tuple(index)]

    def get_config(self):
        config = super(_Cropping, self).get_config()
        config['cropping'] = self.cropping[0] if self.rank == 1 \
            else self.cropping
        return config


class Cropping1D(_Cropping):
    """Cropping layer for 1D input (e.g. temporal sequence).

    # Arguments
        cropping: int or tuple of 2 ints: how many units to trim at the
            start and the end of the cropping dimension (axis 1).
    """

    rank = 1

    def __init__(self, cropping=(1, 1), **kwargs):
        super(Cropping1D, self).__init__(cropping, **kwargs)


class Cropping2D(_Cropping):
    """Cropping layer for 2D input (e.g. picture).

    # Arguments
        cropping: int, tuple of 2 ints (symmetric) or
            `((top_crop, bottom_crop), (left_crop, right_crop))`.
        data_format: `"channels_last"` or `"channels_first"`.
    """

    rank = 2

    @interfaces.legacy_cropping2d_support
    def __init__(self, cropping=((0, 0), (0, 0)), data_format=None,
                 **kwargs):
        super(Cropping2D, self).__init__(cropping, data_format=data_format,
                                         **kwargs)


class Cropping3D(_Cropping):
    """Cropping layer for 3D data (e.g. spatial or spatio-temporal).

    # Arguments
        cropping: int, tuple of 3 ints or tuple of 3 tuples of 2 ints.
        data_format: `"channels_last"` or `"channels_first"`.
    """

    rank = 3

    @interfaces.legacy_cropping3d_support
    def __init__(self, cropping=((1, 1), (1, 1), (1, 1)), data_format=None,
                 **kwargs):
        super(Cropping3D, self).__init__(cropping, data_format=data_format,
                                         **kwargs)
