"""Pooling layers: max/average pooling over 1, 2 or 3 spatial axes, and
their global versions."""
from __future__ import absolute_import
from __future__ import division
from __future__ import print_function

from .. import backend as K
from ..engine.base_layer import InputSpec
from ..engine.base_layer import Layer
from ..legacy import interfaces
from ..utils import conv_utils
from ._utils import layer_error, check_rank, normalize_format, to_shape_tuple

__all__ = ['MaxPooling1D', 'MaxPooling2D', 'MaxPooling3D',
           'AveragePooling1D', 'AveragePooling2D', 'AveragePooling3D',
           'GlobalMaxPooling1D', 'GlobalMaxPooling2D', 'GlobalMaxPooling3D',
           'GlobalAveragePooling1D', 'GlobalAveragePooling2D',
           'GlobalAveragePooling3D',
           'MaxPool1D', 'MaxPool2D', 'MaxPool3D', 'AvgPool1D', 'AvgPool2D',
           'AvgPool3D', 'GlobalMaxPool1D', 'GlobalMaxPool2D',
           'GlobalMaxPool3D', 'GlobalAvgPool1D', 'GlobalAvgPool2D',
           'GlobalAvgPool3D']


class _Pooling(Layer):
    """Pooling over `rank` spatial axes with `pool_mode` 'max' or 'avg'.

    # Arguments
        pool_size: int or tuple of `rank` ints, the window size.
        strides: int or tuple of `rank` ints, or None (= pool_size).
        padding: `"valid"` or `"same"`.
        data_format: `"channels_last"` or `"channels_first"`.
    """

    rank = 2
    pool_mode = 'max'

    def __init__(self, pool_size, strides=None, padding='valid',
                 data_format=None, **kwargs):
        super(_Pooling, self).__init__(**kwargs)
        if strides is None:
            strides = pool_size
        try:
            self.pool_size = conv_utils.normalize_tuple(pool_size, self.rank,
                                                        'pool_size')
            self.strides = conv_utils.normalize_tuple(strides, self.rank,
                                                      'strides')
            self.padding = conv_utils.normalize_padding(padding)
        except ValueError as e:
            raise layer_error(self, str(e))
        if self.padding not in ('valid', 'same'):
            raise layer_error(self, '`padding` must be "valid" or "same", '
                              'got %r.' % (padding,))
        if any(v <= 0 for v in self.pool_size + self.strides):
            raise layer_error(self, '`pool_size` %s and `strides` %s must be '
                              'positive.' % (self.pool_size, self.strides))
        self.data_format = normalize_format(self, data_format)
        self.input_spec = InputSpec(ndim=self.rank + 2)

    def _spatial_axes(self):
        start = 2 if self.data_format == 'channels_first' else 1
        return list(range(start, start + self.rank))

    def compute_output_shape(self, input_shape):
        input_shape = to_shape_tuple(input_shape)
        check_rank(self, input_shape, ndim=self.rank + 2)
        output_shape = list(input_shape)
        for i, axis in enumerate(self._spatial_axes()):
            length = conv_utils.conv_output_length(
                input_shape[axis], self.pool_size[i], self.padding,
                self.strides[i])
            if length is not None and length <= 0:
                raise layer_error(self, '`pool_size` %s is larger than the '
                                  'input (shape %s, padding %r).'
                                  % (self.pool_size, input_shape,
                                     self.padding))
            output_shape[axis] = length
        return tuple(output_shape)

    def build(self, input_shape):
        self.compute_output_shape(input_shape)
        super(_Pooling, self).build(input_shape)

    def call(self, inputs):
        if self.rank == 1:
            # Pool a (batch, steps, 1, channels) image, drop the dummy axis.
            dummy_axis = 2 if self.data_format == 'channels_last' else 3
            inputs = K.expand_dims(inputs, dummy_axis)
            outputs = K.pool2d(inputs, self.pool_size + (1,),
                               strides=self.strides + (1,),
                               padding=self.padding,
                               data_format=self.data_format,
                               pool_mode=self.pool_mode)
            return K.squeeze(outputs, dummy_axis)
        pool = K.pool2d if self.rank == 2 else K.pool3d
        return pool(inputs, self.pool_size, strides=self.strides,
                    padding=self.padding, data_format=self.data_format,
                    pool_mode=self.pool_mode)

    def get_config(self):
        config = dict(super(_Pooling, self).get_config())
        one = self.rank == 1
        config.update({
            'pool_size': self.pool_size[0] if one else self.pool_size,
            'padding': self.padding,
            'strides': self.strides[0] if one else self.strides,
            'data_format': self.data_format})
        return config


class _Pooling1D(_Pooling):
    rank = 1

    @interfaces.legacy_pooling1d_support
    def __init__(self, pool_size=2, strides=None, padding='valid',
                 data_format='channels_last', **kwargs):
        super(_Pooling1D, self).__init__(pool_size, strides, padding,
                                         data_format, **kwargs)


class _Pooling2D(_Pooling):
    rank = 2

    @interfaces.legacy_pooling2d_support
    def __init__(self, pool_size=(2, 2), strides=None, padding='valid',
                 data_format=None, **kwargs):
        super(_Pooling2D, self).__init__(pool_size, strides, padding,
                                         data_format, **kwargs)


class _Pooling3D(_Pooling):
    rank = 3

    @interfaces.legacy_pooling3d_support
    def __init__(self, pool_size=(2, 2, 2), strides=None, padding='valid',
                 data_format=None, **kwargs):
        super(_Pooling3D, self).__init__(pool_size, strides, padding,
                                         data_format, **kwargs)


class MaxPooling1D(_Pooling1D):
    """Max pooling operation for temporal data.

    # Arguments
        pool_size: Integer, size of the max pooling windows.
        strides: Integer, or None (default: `pool_size`).
        padding: `"valid"` or `"same"` (case-insensitive).
        data_format: `"channels_last"` (default, `(batch, steps,
            features)`) or `"channels_first"` (`(batch, features, steps)`).

    # Output shape
        3D tensor with `downsampled_steps` on the time axis.
    """
    pool_mode = 'max'


class AveragePooling1D(_Pooling1D):
    """Average pooling for temporal data (arguments as `MaxPooling1D`)."""
    pool_mode = 'avg'


class MaxPooling2D(_Pooling2D):
    """Max pooling operation for spatial data.

    # Arguments
        pool_size: integer or tuple of 2 integers, window size.
        strides: Integer, tuple of 2 integers, or None (= pool_size).
        padding: `"valid"` or `"same"` (case-insensitive).
        data_format: `"channels_last"` or `"channels_first"`.

    # Output shape
        4D tensor with pooled rows and cols.
    """
    pool_mode = 'max'


class AveragePooling2D(_Pooling2D):
    """Average pooling operation for spatial data (arguments as
    `MaxPooling2D`)."""
    pool_mode = 'avg'


class MaxPooling3D(_Pooling3D):
    """Max pooling operation for 3D data (spatial or spatio-temporal);
    arguments as `MaxPooling2D` with 3 spatial axes."""
    pool_mode = 'max'


class AveragePooling3D(_Pooling3D):
    """Average pooling operation for 3D data (spatial or
    spatio-temporal); arguments as `MaxPooling2D` with 3 spatial axes."""
    pool_mode = 'avg'


class _GlobalPooling(Layer):
    """Reduces all `rank` spatial axes with max or mean.

    # Arguments
        data_format: `"channels_last"` or `"channels_first"`.

    # Output shape
        2D tensor `(batch, channels)`.
    """

    rank = 2

    def __init__(self, data_format=None, **kwargs):
        super(_GlobalPooling, self).__init__(**kwargs)
        self.data_format = normalize_format(self, data_format)
        self.input_spec = InputSpec(ndim=self.rank + 2)

    def _spatial_axes(self):
        start = 2 if self.data_format == 'channels_first' else 1
        return list(range(start, start + self.rank))

    def build(self, input_shape):
        check_rank(self, to_shape_tuple(input_shape), ndim=self.rank + 2)
        super(_GlobalPooling, self).build(input_shape)

    def compute_output_shape(self, input_shape):
        input_shape = to_shape_tuple(input_shape)
        check_rank(self, input_shape, ndim=self.rank + 2)
        channel_axis = 1 if self.data_format == 'channels_first' else -1
        return (input_shape[0], input_shape[channel_axis])

    def call(self, inputs):
        return self._reduce(inputs, axis=self._spatial_axes())

    def get_config(self):
        config = dict(super(_GlobalPooling, self).get_config())
        config['data_format'] = self.data_format
        return config


class _GlobalPooling1D(_GlobalPooling):
    rank = 1

    def __init__(self, data_format='channels_last', **kwargs):
        super(_GlobalPooling1D, self).__init__(data_format, **kwargs)


class _GlobalPooling2D(_GlobalPooling):
    rank = 2

    @interfaces.legacy_global_pooling_support
    def __init__(self, data_format=None, **kwargs):
        super(_GlobalPooling2D, self).__init__(data_format, **kwargs)


class _GlobalPooling3D(_GlobalPooling):
    rank = 3

    @interfaces.legacy_global_pooling_support
    def __init__(self, data_format=None, **kwargs):
        super(_GlobalPooling3D, self).__init__(data_format, **kwargs)


class GlobalAveragePooling1D(_GlobalPooling1D):
    """Global average pooling operation for temporal data.

    Masked timesteps (input mask of shape `(batch, steps)`) are left out of
    the average.

    # Arguments
        data_format: `"channels_last"` (default) or `"channels_first"`.

    # Output shape
        2D tensor `(batch_size, features)`.
    """

    def __init__(self, data_format='channels_last', **kwargs):
        super(GlobalAveragePooling1D, self).__init__(data_format, **kwargs)
        self.supports_masking = True

    def call(self, inputs, mask=None):
        steps_axis = self._spatial_axes()[0]
        if mask is None:
            return K.mean(inputs, axis=steps_axis)
        mask = K.cast(mask, K.dtype(inputs))
        mask = K.expand_dims(mask, 1 if steps_axis == 2 else -1)
        return (K.sum(inputs * mask, axis=steps_axis) /
                K.sum(mask, axis=steps_axis))

    def compute_mask(self, inputs, mask=None):
        return None


class GlobalMaxPooling1D(_GlobalPooling1D):
    """Global max pooling operation for temporal data.

    # Arguments
        data_format: `"channels_last"` (default) or `"channels_first"`.

    # Output shape
        2D tensor `(batch_size, features)`.
    """

    def _reduce(self, inputs, axis):
        return K.max(inputs, axis=axis[0])


class GlobalAveragePooling2D(_GlobalPooling2D):
    """Global average pooling operation for spatial data."""

    def _reduce(self, inputs, axis):
        return K.mean(inputs, axis=axis)


class GlobalMaxPooling2D(_GlobalPooling2D):
    """Global max pooling operation for spatial data."""

    def _reduce(self, inputs, axis):
        return K.max(inputs, axis=axis)


class GlobalAveragePooling3D(_GlobalPooling3D):
    """Global Average pooling operation for 3D data."""

    def _reduce(self, inputs, axis):
        return K.mean(inputs, axis=axis)


class GlobalMaxPooling3D(_GlobalPooling3D):
    """Global Max pooling operation for 3D data."""

    def _reduce(self, inputs, axis):
        return K.max(inputs, axis=axis)


# Aliases
AvgPool1D = AveragePooling1D
MaxPool1D = MaxPooling1D
AvgPool2D = AveragePooling2D
MaxPool2D = MaxPooling2D
AvgPool3D = AveragePooling3D
MaxPool3D = MaxPooling3D
GlobalMaxPool1D = GlobalMaxPooling1D
GlobalMaxPool2D = GlobalMaxPooling2D
GlobalMaxPool3D = GlobalMaxPooling3D
GlobalAvgPool1D = GlobalAveragePooling1D
GlobalAvgPool2D = GlobalAveragePooling2D
GlobalAvgPool3D = GlobalAveragePooling3D
