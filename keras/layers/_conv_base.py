"""Private bases of the convolution layers: `_Conv` (N-D convolution),
`_ConvTranspose` (N-D transposed convolution) and `_SeparableConv`."""
from __future__ import absolute_import
from __future__ import division
from __future__ import print_function

from .. import backend as K
from .. import activations
from .. import initializers
from .. import regularizers
from .. import constraints
from ..engine.base_layer import InputSpec
from ..engine.base_layer import Layer
from ..utils import conv_utils
from ._utils import layer_error, check_rank, normalize_format, to_shape_tuple
from ._utils import positive_int


def _serialize_fields(layer, prefix_map):
    """Serialized initializers/regularizers/constraints of `layer` for the
    attribute names in `prefix_map` (name -> module)."""
    return {name: module.serialize(getattr(layer, name))
            for name, module in prefix_map}


def _weight_fields(prefix):
    """(attribute, module) pairs of one weight's initializer, regularizer
    and constraint, e.g. `kernel_initializer`."""
    return [(prefix + '_initializer', initializers),
            (prefix + '_regularizer', regularizers),
            (prefix + '_constraint', constraints)]


def _conv_call(rank):
    """The backend convolution of a rank (1, 2 or 3)."""
    return {1: K.conv1d, 2: K.conv2d, 3: K.conv3d}[rank]


class _Conv(Layer):
    """Abstract N-D convolution layer (private, used as implementation base).

    # Arguments
        rank: An integer, the rank of the convolution (1, 2 or 3).
        filters: Integer, the dimensionality of the output space.
        kernel_size: An integer or tuple/list of n integers.
        strides: An integer or tuple/list of n integers.
        padding: One of `"valid"`, `"same"` (or `"causal"` for rank 1).
        data_format: `"channels_last"` or `"channels_first"`.
        dilation_rate: an integer or tuple/list of n integers.
        activation: Activation function to use (default: linear).
        use_bias: Boolean, whether the layer uses a bias vector.
        kernel_initializer, bias_initializer, kernel_regularizer,
        bias_regularizer, activity_regularizer, kernel_constraint,
        bias_constraint: as for `Dense`.
    """

    # Names of the initializer/regularizer/constraint families of the
    # layer's main kernel(s), in config order.
    _kernel_prefixes = ('kernel',)

    def __init__(self, rank,
                 filters,
                 kernel_size,
                 strides=1,
                 padding='valid',
                 data_format=None,
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
        # tf.keras / tf_keras write `groups` (always 1 for Keras 2 models).
        groups = kwargs.pop('groups', 1)
        super(_Conv, self).__init__(**kwargs)
        if groups != 1:
            raise layer_error(self, 'grouped convolutions are not supported: '
                              'expected `groups=1`, got %r.' % (groups,))
        self.rank = rank
        self.filters = positive_int(self, filters, 'filters',
                                    allow_none=True)
        try:
            self.kernel_size = conv_utils.normalize_tuple(kernel_size, rank,
                                                          'kernel_size')
            self.strides = conv_utils.normalize_tuple(strides, rank,
                                                      'strides')
            self.dilation_rate = conv_utils.normalize_tuple(
                dilation_rate, rank, 'dilation_rate')
            self.padding = conv_utils.normalize_padding(padding)
        except ValueError as e:
            raise layer_error(self, str(e))
        self.data_format = normalize_format(self, data_format)
        for name in ('kernel_size', 'strides', 'dilation_rate'):
            if any(v <= 0 for v in getattr(self, name)):
                raise layer_error(self, '`%s` entries must be positive, got '
                                  '%s.' % (name, getattr(self, name)))
        if self.padding == 'causal' and rank != 1:
            raise layer_error(self, '`padding="causal"` is only supported by '
                              '1D convolutions.')
        self.activation = activations.get(activation)
        self.use_bias = use_bias
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.bias_initializer = initializers.get(bias_initializer)
        self.kernel_regularizer = regularizers.get(kernel_regularizer)
        self.bias_regularizer = regularizers.get(bias_regularizer)
        self.activity_regularizer = regularizers.get(activity_regularizer)
        self.kernel_constraint = constraints.get(kernel_constraint)
        self.bias_constraint = constraints.get(bias_constraint)
        self.input_spec = InputSpec(ndim=self.rank + 2)

    # -- shapes ------------------------------------------------------------

    @property
    def _channel_axis(self):
        return 1 if self.data_format == 'channels_first' else -1

    def _spatial(self, input_shape):
        if self.data_format == 'channels_first':
            return list(input_shape[2:])
        return list(input_shape[1:-1])

    def _assemble(self, batch, space, channels):
        if self.data_format == 'channels_first':
            return (batch, channels) + tuple(space)
        return (batch,) + tuple(space) + (channels,)

    def _check_input(self, input_shape):
        """Rank and channel checks; returns (shape tuple, input channels)."""
        input_shape = to_shape_tuple(input_shape)
        check_rank(self, input_shape, ndim=self.rank + 2)
        input_dim = input_shape[self._channel_axis]
        if input_dim is None:
            raise layer_error(self, 'the channel dimension of the inputs '
                              'should be defined (data_format=%s), got input '
                              'shape %s.' % (self.data_format, input_shape))
        return input_shape, int(input_dim)

    def _output_space(self, space):
        return [conv_utils.conv_output_length(length, self.kernel_size[i],
                                              padding=self.padding,
                                              stride=self.strides[i],
                                              dilation=self.dilation_rate[i])
                for i, length in enumerate(space)]

    def _check_output_space(self, input_shape, space):
        if any(d is not None and d <= 0 for d in space):
            raise layer_error(self, 'the kernel (kernel_size=%s, '
                              'dilation_rate=%s, padding=%r) is larger than '
                              'the input: input shape %s gives output size '
                              '%s.' % (self.kernel_size, self.dilation_rate,
                                       self.padding, tuple(input_shape),
                                       tuple(space)))

    def _output_channels(self, input_dim):
        return self.filters

    def compute_output_shape(self, input_shape):
        input_shape = to_shape_tuple(input_shape)
        check_rank(self, input_shape, ndim=self.rank + 2)
        space = self._output_space(self._spatial(input_shape))
        self._check_output_space(input_shape, space)
        channels = input_shape[self._channel_axis]
        channels = None if channels is None else self._output_channels(
            channels)
        return self._assemble(input_shape[0], space, channels)

    # -- weights -----------------------------------------------------------

    def _kernel_shape(self, input_dim):
        return self.kernel_size + (input_dim, self.filters)

    def _add_kernels(self, input_dim):
        self.kernel = self.add_weight(shape=self._kernel_shape(input_dim),
                                      initializer=self.kernel_initializer,
                                      name='kernel',
                                      regularizer=self.kernel_regularizer,
                                      constraint=self.kernel_constraint)

    def _add_bias(self, size):
        if self.use_bias:
            self.bias = self.add_weight(shape=(size,),
                                        initializer=self.bias_initializer,
                                        name='bias',
                                        regularizer=self.bias_regularizer,
                                        constraint=self.bias_constraint)
        else:
            self.bias = None

    def build(self, input_shape):
        input_shape, input_dim = self._check_input(input_shape)
        self._check_output_space(
            input_shape, self._output_space(self._spatial(input_shape)))
        self._add_kernels(input_dim)
        self._add_bias(self._output_channels(input_dim))
        self.input_spec = InputSpec(ndim=self.rank + 2,
                                    axes={self._channel_axis: input_dim})
        self._apply_lr_multipliers()
        self.built = True

    # -- computation -------------------------------------------------------

    def _convolve(self, inputs):
        rank1 = self.rank == 1
        return _conv_call(self.rank)(
            inputs, self.kernel,
            strides=self.strides[0] if rank1 else self.strides,
            padding=self.padding,
            data_format=self.data_format,
            dilation_rate=self.dilation_rate[0] if rank1
            else self.dilation_rate)

    def call(self, inputs):
        outputs = self._convolve(inputs)
        if self.use_bias:
            outputs = K.bias_add(outputs, self.bias,
                                 data_format=self.data_format)
        if self.activation is not None:
            return self.activation(outputs)
        return outputs

    # -- per-layer learning rates (fork API) --------------------------------

    def set_lr_multipliers(self, W_learning_rate_multiplier,
                           b_learning_rate_multiplier):
        """Sets the learning-rate multipliers of the kernel(s) and the bias.

        # Arguments
            W_learning_rate_multiplier: float (or None) for the kernel(s).
            b_learning_rate_multiplier: float (or None) for the bias.
        """
        self.W_learning_rate_multiplier = W_learning_rate_multiplier
        self.b_learning_rate_multiplier = b_learning_rate_multiplier
        self.learning_rate_multipliers = [W_learning_rate_multiplier,
                                          b_learning_rate_multiplier]
        if self.built:
            self._apply_lr_multipliers()

    def _apply_lr_multipliers(self):
        w_mult = getattr(self, 'W_learning_rate_multiplier', None)
        b_mult = getattr(self, 'b_learning_rate_multiplier', None)
        kernels = [getattr(self, p + '_kernel', None) if p != 'kernel'
                   else getattr(self, 'kernel', None)
                   for p in self._kernel_prefixes]
        for weights, mult in ((kernels, w_mult),
                              ([getattr(self, 'bias', None)], b_mult)):
            if mult is None:
                continue
            for w in weights:
                if w is not None:
                    w._learning_rate_multiplier = float(mult)

    # -- config ------------------------------------------------------------

    def get_config(self):
        config = {
            'filters': self.filters,
            'kernel_size': self.kernel_size,
            'strides': self.strides,
            'padding': self.padding,
            'data_format': self.data_format,
            'dilation_rate': self.dilation_rate,
            'activation': activations.serialize(self.activation),
            'use_bias': self.use_bias,
        }
        fields = []
        for prefix in self._kernel_prefixes:
            fields += _weight_fields(prefix)
        fields += _weight_fields('bias')
        fields.append(('activity_regularizer', regularizers))
        config.update(_serialize_fields(self, fields))
        base_config = super(_Conv, self).get_config()
        merged = dict(base_config)
        merged.update(config)
        return merged


class _ConvTranspose(_Conv):
    """N-D transposed convolution (rank 2 or 3): the kernel is stored as
    `kernel_size + (filters, input_dim)`; `output_padding` (one int per
    axis, each smaller than its stride) extends the output."""

    _has_dilation = True

    def __init__(self, rank, filters, kernel_size, output_padding=None,
                 **kwargs):
        # Explicit base call: in the MRO of Conv2DTranspose the next class
        # is Conv2D, whose signature has no `rank`.
        _Conv.__init__(self, rank, filters, kernel_size, **kwargs)
        # 'full' as in Keras 2.3's Theano backend; TensorFlow's transposed
        # convolution has no 'full' mode.
        allowed = ('valid', 'same', 'full') if K.backend() == 'theano' \
            else ('valid', 'same')
        if self.padding not in allowed:
            raise layer_error(self, '`padding` must be "valid" or "same" '
                              '(or "full" on the theano backend), got %r.'
                              % (self.padding,))
        self.output_padding = output_padding
        if output_padding is not None:
            try:
                self.output_padding = conv_utils.normalize_tuple(
                    output_padding, rank, 'output_padding')
            except ValueError as e:
                raise layer_error(self, str(e))
            for stride, pad in zip(self.strides, self.output_padding):
                if pad >= stride:
                    raise layer_error(self, 'strides %s must be greater than '
                                      'output_padding %s.'
                                      % (self.strides, self.output_padding))

    def _kernel_shape(self, input_dim):
        return self.kernel_size + (self.filters, input_dim)

    def _output_space(self, space):
        out = []
        for i, length in enumerate(space):
            pad = None if self.output_padding is None \
                else self.output_padding[i]
            out.append(conv_utils.deconv_length(
                length, self.strides[i], self.kernel_size[i], self.padding,
                pad, self.dilation_rate[i]))
        return out

    def _convolve(self, inputs):
        static = K.int_shape(inputs)
        dynamic = K.shape(inputs)
        space_axes = (range(2, 2 + self.rank)
                      if self.data_format == 'channels_first'
                      else range(1, 1 + self.rank))
        space = [static[a] if static[a] is not None else dynamic[a]
                 for a in space_axes]
        batch = static[0] if static[0] is not None else dynamic[0]
        output_shape = self._assemble(batch, self._output_space(space),
                                      self.filters)
        if self.rank == 2:
            return K.conv2d_transpose(inputs, self.kernel, output_shape,
                                      self.strides, padding=self.padding,
                                      data_format=self.data_format,
                                      dilation_rate=self.dilation_rate)
        return K.conv3d_transpose(inputs, self.kernel, output_shape,
                                  self.strides, padding=self.padding,
                                  data_format=self.data_format)

    def get_config(self):
        config = super(_ConvTranspose, self).get_config()
        config['output_padding'] = self.output_padding
        if not self._has_dilation:
            config.pop('dilation_rate', None)
        return config


class _SeparableConv(_Conv):
    """Depthwise separable N-D convolution: a depthwise convolution (one
    spatial filter per input channel and `depth_multiplier`) followed by a
    pointwise (1x1) convolution mixing the channels."""

    _kernel_prefixes = ('depthwise', 'pointwise')

    def __init__(self, rank, filters, kernel_size,
                 depth_multiplier=1,
                 depthwise_initializer='glorot_uniform',
                 pointwise_initializer='glorot_uniform',
                 depthwise_regularizer=None,
                 pointwise_regularizer=None,
                 depthwise_constraint=None,
                 pointwise_constraint=None,
                 **kwargs):
        super(_SeparableConv, self).__init__(rank, filters, kernel_size,
                                             **kwargs)
        if self.padding == 'causal':
            raise layer_error(self, '`padding` must be "valid" or "same", '
                              'got "causal".')
        self.depth_multiplier = depth_multiplier
        self.depthwise_initializer = initializers.get(depthwise_initializer)
        self.pointwise_initializer = initializers.get(pointwise_initializer)
        self.depthwise_regularizer = regularizers.get(depthwise_regularizer)
        self.pointwise_regularizer = regularizers.get(pointwise_regularizer)
        self.depthwise_constraint = constraints.get(depthwise_constraint)
        self.pointwise_constraint = constraints.get(pointwise_constraint)

    def _add_kernels(self, input_dim):
        self.depthwise_kernel = self.add_weight(
            shape=self.kernel_size + (input_dim, self.depth_multiplier),
            initializer=self.depthwise_initializer,
            name='depthwise_kernel',
            regularizer=self.depthwise_regularizer,
            constraint=self.depthwise_constraint)
        self.pointwise_kernel = self.add_weight(
            shape=(1,) * self.rank + (self.depth_multiplier * input_dim,
                                      self.filters),
            initializer=self.pointwise_initializer,
            name='pointwise_kernel',
            regularizer=self.pointwise_regularizer,
            constraint=self.pointwise_constraint)

    def _convolve(self, inputs):
        if self.rank == 1:
            return K.separable_conv1d(inputs, self.depthwise_kernel,
                                      self.pointwise_kernel,
                                      data_format=self.data_format,
                                      strides=self.strides[0],
                                      padding=self.padding,
                                      dilation_rate=self.dilation_rate[0])
        return K.separable_conv2d(inputs, self.depthwise_kernel,
                                  self.pointwise_kernel,
                                  data_format=self.data_format,
                                  strides=self.strides,
                                  padding=self.padding,
                                  dilation_rate=self.dilation_rate)

    def get_config(self):
        config = super(_SeparableConv, self).get_config()
        config['depth_multiplier'] = self.depth_multiplier
        return config
