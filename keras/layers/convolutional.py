# -*- coding: utf-8 -*-
"""Convolutional layers: Conv1D/2D/3D, transposed, separable and depthwise
convolutions; the resampling layers (UpSampling, ZeroPadding, Cropping)
live in `_conv_reshaping` and are re-exported here, as are the pooling
layers and the Keras 1 Atrous convolutions (Keras 2 import paths).
"""
from __future__ import absolute_import
from __future__ import division
from __future__ import print_function

from .. import backend as K
from .. import initializers
from .. import regularizers
from .. import constraints
from ..legacy import interfaces
from ._conv_base import _Conv, _ConvTranspose, _SeparableConv
from ._utils import named_arguments
from ._conv_reshaping import (UpSampling1D, UpSampling2D, UpSampling3D,
                              ZeroPadding1D, ZeroPadding2D, ZeroPadding3D,
                              Cropping1D, Cropping2D, Cropping3D)
# Keras 2 kept these importable from keras.layers.convolutional.
from .pooling import (MaxPooling1D, MaxPooling2D, MaxPooling3D,  # noqa: F401
                      AveragePooling1D, AveragePooling2D, AveragePooling3D)
from ..legacy.layers import (AtrousConvolution1D,  # noqa: F401
                             AtrousConvolution2D)
# The multimodal fork's additions.
from ._conv_fork import (ClassActivationMapping,  # noqa: F401
                         CompactBilinearPooling, BilinearPooling, CountSketch)

__all__ = ['Conv1D', 'Conv2D', 'Conv3D', 'Conv2DTranspose',
           'Conv3DTranspose', 'SeparableConv1D', 'SeparableConv2D',
           'DepthwiseConv2D', 'UpSampling1D', 'UpSampling2D', 'UpSampling3D',
           'ZeroPadding1D', 'ZeroPadding2D', 'ZeroPadding3D', 'Cropping1D',
           'Cropping2D', 'Cropping3D', 'Convolution1D', 'Convolution2D',
           'Convolution3D', 'Deconvolution2D', 'Deconvolution3D', 'Deconv2D',
           'Deconv3D', 'Convolution2DTranspose', 'SeparableConvolution1D',
           'SeparableConvolution2D', 'AtrousConvolution1D',
           'AtrousConvolution2D', 'AtrousConv1D', 'AtrousConv2D',
           'ClassActivationMapping', 'CompactBilinearPooling',
           'BilinearPooling', 'CountSketch']


class Conv1D(_Conv):
    """1D convolution layer (e.g. temporal convolution).

    # Arguments
        (see `Conv2D`), plus `padding="causal"`: causal (dilated)
        convolutions, where `output[t]` does not depend on `input[t + 1:]`.
        Causal padding requires `data_format="channels_last"`.

    # Input shape
        3D tensor `(batch, steps, channels)` (channels_last) or
        `(batch, channels, steps)` (channels_first).

    # Output shape
        3D tensor `(batch, new_steps, filters)` (or channels first).

    # Raises
        ValueError: bad padding / data format combination, wrong input rank,
            unknown channel size, kernel larger than the input.
    """

    @interfaces.legacy_conv1d_support
    def __init__(self, filters,
                 kernel_size,
                 strides=1,
                 padding='valid',
                 data_format='channels_last',
                 dilation_rate=1,
                 activation=None,
                 use_bias=True,
                 kernel_initializer='glorot_uniform',
                 bias_initializer='zeros',
                 kernel_regularizer=None,
                 bias_regularizer=None,
                 activity_regularizer=None,
                 kernel_constraint=None,
                 bias_constraint=None,
                 **kwargs):
        if padding == 'causal' and data_format != 'channels_last':
            raise ValueError('Conv1D: when using causal padding, '
                             '`data_format` must be "channels_last" '
                             '(temporal data), got %r.' % (data_format,))
        super(Conv1D, self).__init__(
            rank=1, filters=filters, kernel_size=kernel_size,
            strides=strides, padding=padding, data_format=data_format,
            dilation_rate=dilation_rate, activation=activation,
            use_bias=use_bias, kernel_initializer=kernel_initializer,
            bias_initializer=bias_initializer,
            kernel_regularizer=kernel_regularizer,
            bias_regularizer=bias_regularizer,
            activity_regularizer=activity_regularizer,
            kernel_constraint=kernel_constraint,
            bias_constraint=bias_constraint, **kwargs)


class Conv2D(_Conv):
    """2D convolution layer (e.g. spatial convolution over images).

    The kernel has shape `(rows, cols, input_channels, filters)` whatever
    the data format.

    # Arguments
        filters: Integer, the number of output filters.
        kernel_size: An integer or tuple/list of integers, the size of the
            convolution window (one per spatial axis).
        strides: An integer or tuple/list of integers, the strides.
        padding: `"valid"` or `"same"` (case-insensitive).
        data_format: `"channels_last"` (default from `keras.json`) or
            `"channels_first"`.
        dilation_rate: an integer or tuple/list of integers, the dilation
            rate of a dilated (atrous) convolution.
        activation: Activation function to use (default: linear).
        use_bias: Boolean, whether the layer uses a bias vector.
        kernel_initializer, bias_initializer: Initializers.
        kernel_regularizer, bias_regularizer, activity_regularizer:
            Regularizers.
        kernel_constraint, bias_constraint: Constraints.

    # Input shape
        4D tensor `(batch, channels, rows, cols)` (channels_first) or
        `(batch, rows, cols, channels)` (channels_last).

    # Output shape
        4D tensor `(batch, filters, new_rows, new_cols)` or
        `(batch, new_rows, new_cols, filters)`.

    # Raises
        ValueError: wrong input rank, unknown channel size, kernel larger
            than the input, invalid arguments.
    """

    @interfaces.legacy_conv2d_support
    def __init__(self, filters,
                 kernel_size,
                 strides=(1, 1),
                 padding='valid',
                 data_format=None,
                 dilation_rate=(1, 1),
                 activation=None,
                 use_bias=True,
                 kernel_initializer='glorot_uniform',
                 bias_initializer='zeros',
                 kernel_regularizer=None,
                 bias_regularizer=None,
                 activity_regularizer=None,
                 kernel_constraint=None,
                 bias_constraint=None,
                 **kwargs):
        super(Conv2D, self).__init__(
            rank=2, filters=filters, kernel_size=kernel_size,
            strides=strides, padding=padding, data_format=data_format,
            dilation_rate=dilation_rate, activation=activation,
            use_bias=use_bias, kernel_initializer=kernel_initializer,
            bias_initializer=bias_initializer,
            kernel_regularizer=kernel_regularizer,
            bias_regularizer=bias_regularizer,
            activity_regularizer=activity_regularizer,
            kernel_constraint=kernel_constraint,
            bias_constraint=bias_constraint, **kwargs)


class Conv3D(_Conv):
    """3D convolution layer (e.g. spatial convolution over volumes).

    # Arguments
        filters: Integer, the number of output filters.
        kernel_size: An integer or tuple/list of integers, the size of the
            convolution window (one per spatial axis).
        strides: An integer or tuple/list of integers, the strides.
        padding: `"valid"` or `"same"` (case-insensitive).
        data_format: `"channels_last"` (default from `keras.json`) or
            `"channels_first"`.
        dilation_rate: an integer or tuple/list of integers, the dilation
            rate of a dilated (atrous) convolution.
        activation: Activation function to use (default: linear).
        use_bias: Boolean, whether the layer uses a bias vector.
        kernel_initializer, bias_initializer: Initializers.
        kernel_regularizer, bias_regularizer, activity_regularizer:
            Regularizers.
        kernel_constraint, bias_constraint: Constraints.

    # Input shape
        5D tensor `(batch, channels, d1, d2, d3)` (channels_first) or
        `(batch, d1, d2, d3, channels)` (channels_last).

    # Output shape
        5D tensor with `filters` channels.
    """

    @interfaces.legacy_conv3d_support
    def __init__(self, filters,
                 kernel_size,
                 strides=(1, 1, 1),
                 padding='valid',
                 data_format=None,
                 dilation_rate=(1, 1, 1),
                 activation=None,
                 use_bias=True,
                 kernel_initializer='glorot_uniform',
                 bias_initializer='zeros',
                 kernel_regularizer=None,
                 bias_regularizer=None,
                 activity_regularizer=None,
                 kernel_constraint=None,
                 bias_constraint=None,
                 **kwargs):
        super(Conv3D, self).__init__(
            rank=3, filters=filters, kernel_size=kernel_size,
            strides=strides, padding=padding, data_format=data_format,
            dilation_rate=dilation_rate, activation=activation,
            use_bias=use_bias, kernel_initializer=kernel_initializer,
            bias_initializer=bias_initializer,
            kernel_regularizer=kernel_regularizer,
            bias_regularizer=bias_regularizer,
            activity_regularizer=activity_regularizer,
            kernel_constraint=kernel_constraint,
            bias_constraint=bias_constraint, **kwargs)


class Conv2DTranspose(_ConvTranspose, Conv2D):
    """Transposed convolution layer (sometimes called Deconvolution).

    The kernel has shape `(rows, cols, filters, input_channels)`.

    # Arguments
        filters: Integer, the number of output filters.
        kernel_size: An integer or tuple/list of integers, the size of the
            convolution window (one per spatial axis).
        strides: An integer or tuple/list of integers, the strides.
        padding: `"valid"` or `"same"` (case-insensitive).
        data_format: `"channels_last"` (default from `keras.json`) or
            `"channels_first"`.
        dilation_rate: an integer or tuple/list of integers, the dilation
            rate of a dilated (atrous) convolution.
        activation: Activation function to use (default: linear).
        use_bias: Boolean, whether the layer uses a bias vector.
        kernel_initializer, bias_initializer: Initializers.
        kernel_regularizer, bias_regularizer, activity_regularizer:
            Regularizers.
        kernel_constraint, bias_constraint: Constraints.
        output_padding: An integer or tuple/list of 2 integers, the amount
            of padding added to the output along each spatial axis (each
            smaller than its stride). `None`: inferred.

    # Output shape
        4D tensor; each spatial size is
        `(size - 1) * stride + kernel - 2 * pad + output_padding`
        (with `pad` = kernel // 2 for "same", 0 for "valid").

    # References
        - [A guide to convolution arithmetic for deep
          learning](https://arxiv.org/abs/1603.07285v1)
    """

    @interfaces.legacy_deconv2d_support
    def __init__(self, filters,
                 kernel_size,
                 strides=(1, 1),
                 padding='valid',
                 output_padding=None,
                 data_format=None,
                 dilation_rate=(1, 1),
                 activation=None,
                 use_bias=True,
                 kernel_initializer='glorot_uniform',
                 bias_initializer='zeros',
                 kernel_regularizer=None,
                 bias_regularizer=None,
                 activity_regularizer=None,
                 kernel_constraint=None,
                 bias_constraint=None,
                 **kwargs):
        _ConvTranspose.__init__(
            self, 2, filters, kernel_size, output_padding=output_padding,
            strides=strides, padding=padding, data_format=data_format,
            dilation_rate=dilation_rate, activation=activation,
            use_bias=use_bias, kernel_initializer=kernel_initializer,
            bias_initializer=bias_initializer,
            kernel_regularizer=kernel_regularizer,
            bias_regularizer=bias_regularizer,
            activity_regularizer=activity_regularizer,
            kernel_constraint=kernel_constraint,
            bias_constraint=bias_constraint, **kwargs)


class Conv3DTranspose(_ConvTranspose, Conv3D):
    """Transposed 3D convolution layer (sometimes called Deconvolution).

    The kernel has shape `(d1, d2, d3, filters, input_channels)`.

    # Arguments
        As `Conv2DTranspose`, with 3 spatial axes (no dilation).
    """

    _has_dilation = False

    def __init__(self, filters,
                 kernel_size,
                 strides=(1, 1, 1),
                 padding='valid',
                 output_padding=None,
                 data_format=None,
                 activation=None,
                 use_bias=True,
                 kernel_initializer='glorot_uniform',
                 bias_initializer='zeros',
                 kernel_regularizer=None,
                 bias_regularizer=None,
                 activity_regularizer=None,
                 kernel_constraint=None,
                 bias_constraint=None,
                 **kwargs):
        kwargs.pop('dilation_rate', None)
        _ConvTranspose.__init__(
            self, 3, filters, kernel_size, output_padding=output_padding,
            strides=strides, padding=padding, data_format=data_format,
            activation=activation,
            use_bias=use_bias, kernel_initializer=kernel_initializer,
            bias_initializer=bias_initializer,
            kernel_regularizer=kernel_regularizer,
            bias_regularizer=bias_regularizer,
            activity_regularizer=activity_regularizer,
            kernel_constraint=kernel_constraint,
            bias_constraint=bias_constraint, **kwargs)


class SeparableConv1D(_SeparableConv):
    """Depthwise separable 1D convolution.

    # Arguments
        filters, kernel_size, strides, padding, data_format,
        dilation_rate, activation, use_bias: as `Conv1D`.
        depth_multiplier: The number of depthwise convolution output
            channels for each input channel.
        depthwise_initializer, pointwise_initializer, bias_initializer:
            Initializers of the kernels and the bias.
        depthwise_regularizer, pointwise_regularizer, bias_regularizer,
            activity_regularizer: Regularizers.
        depthwise_constraint, pointwise_constraint, bias_constraint:
            Constraints.
    """

    def __init__(self, filters,
                 kernel_size,
                 strides=1,
                 padding='valid',
                 data_format='channels_last',
                 dilation_rate=1,
                 depth_multiplier=1,
                 activation=None,
                 use_bias=True,
                 depthwise_initializer='glorot_uniform',
                 pointwise_initializer='glorot_uniform',
                 bias_initializer='zeros',
                 depthwise_regularizer=None,
                 pointwise_regularizer=None,
                 bias_regularizer=None,
                 activity_regularizer=None,
                 depthwise_constraint=None,
                 pointwise_constraint=None,
                 bias_constraint=None,
                 **kwargs):
        super(SeparableConv1D, self).__init__(
            rank=1, **named_arguments(locals()), **kwargs)


class SeparableConv2D(_SeparableConv):
    """Depthwise separable 2D convolution.

    # Arguments
        filters, kernel_size, strides, padding, data_format,
        dilation_rate, activation, use_bias: as `Conv2D`.
        depth_multiplier: The number of depthwise convolution output
            channels for each input channel.
        depthwise_initializer, pointwise_initializer, bias_initializer:
            Initializers of the kernels and the bias.
        depthwise_regularizer, pointwise_regularizer, bias_regularizer,
            activity_regularizer: Regularizers.
        depthwise_constraint, pointwise_constraint, bias_constraint:
            Constraints.
    """

    @interfaces.legacy_separable_conv2d_support
    def __init__(self, filters,
                 kernel_size,
                 strides=(1, 1),
                 padding='valid',
                 data_format=None,
                 dilation_rate=(1, 1),
                 depth_multiplier=1,
                 activation=None,
                 use_bias=True,
                 depthwise_initializer='glorot_uniform',
                 pointwise_initializer='glorot_uniform',
                 bias_initializer='zeros',
                 depthwise_regularizer=None,
                 pointwise_regularizer=None,
                 bias_regularizer=None,
                 activity_regularizer=None,
                 depthwise_constraint=None,
                 pointwise_constraint=None,
                 bias_constraint=None,
                 **kwargs):
        super(SeparableConv2D, self).__init__(
            rank=2, **named_arguments(locals()), **kwargs)


class DepthwiseConv2D(Conv2D):
    """Depthwise 2D convolution: each input channel is convolved with its
    own `depth_multiplier` filters; the outputs are stacked (channel c,
    multiplier m -> output channel `c * depth_multiplier + m`).

    # Arguments
        kernel_size, strides, padding, data_format, dilation_rate,
        activation, use_bias: as `Conv2D`.
        depth_multiplier: number of output channels per input channel.
        depthwise_initializer, depthwise_regularizer, depthwise_constraint:
            for the depthwise kernel `(rows, cols, channels,
            depth_multiplier)`.
        bias_initializer, bias_regularizer, activity_regularizer,
        bias_constraint: as `Conv2D`.
    """

    _kernel_prefixes = ('depthwise',)

    def __init__(self, kernel_size,
                 strides=(1, 1),
                 padding='valid',
                 depth_multiplier=1,
                 data_format=None,
                 dilation_rate=(1, 1),
                 activation=None,
                 use_bias=True,
                 depthwise_initializer='glorot_uniform',
                 bias_initializer='zeros',
                 depthwise_regularizer=None,
                 bias_regularizer=None,
                 activity_regularizer=None,
                 depthwise_constraint=None,
                 bias_constraint=None,
                 **kwargs):
        super(DepthwiseConv2D, self).__init__(
            filters=None, kernel_size=kernel_size, strides=strides,
            padding=padding, data_format=data_format,
            dilation_rate=dilation_rate, activation=activation,
            use_bias=use_bias, bias_regularizer=bias_regularizer,
            activity_regularizer=activity_regularizer,
            bias_constraint=bias_constraint,
            bias_initializer=bias_initializer, **kwargs)
        self.depth_multiplier = depth_multiplier
        self.depthwise_initializer = initializers.get(depthwise_initializer)
        self.depthwise_regularizer = regularizers.get(depthwise_regularizer)
        self.depthwise_constraint = constraints.get(depthwise_constraint)

    def _output_channels(self, input_dim):
        return input_dim * self.depth_multiplier

    def _add_kernels(self, input_dim):
        self.depthwise_kernel = self.add_weight(
            shape=self.kernel_size + (input_dim, self.depth_multiplier),
            initializer=self.depthwise_initializer,
            name='depthwise_kernel',
            regularizer=self.depthwise_regularizer,
            constraint=self.depthwise_constraint)

    def _convolve(self, inputs):
        return K.depthwise_conv2d(inputs, self.depthwise_kernel,
                                  strides=self.strides,
                                  padding=self.padding,
                                  dilation_rate=self.dilation_rate,
                                  data_format=self.data_format)

    def get_config(self):
        config = super(DepthwiseConv2D, self).get_config()
        config.pop('filters', None)
        config['depth_multiplier'] = self.depth_multiplier
        return config


# Aliases (Keras 1 / Keras 2 spellings).
Convolution1D = Conv1D
Convolution2D = Conv2D
Convolution3D = Conv3D
SeparableConvolution1D = SeparableConv1D
SeparableConvolution2D = SeparableConv2D
Convolution2DTranspose = Conv2DTranspose
Deconvolution2D = Deconv2D = Conv2DTranspose
Deconvolution3D = Deconv3D = Conv3DTranspose
AtrousConv1D = AtrousConvolution1D
AtrousConv2D = AtrousConvolution2D
