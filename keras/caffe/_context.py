"""The state of one conversion: the Keras tensor of every Caffe blob, the
model inputs, the Keras layer names, and how each Caffe layer's weights
become Keras weights.

Layout: with `channels_first` every tensor keeps Caffe's layout. With
`channels_last`, 4-D blobs `(N, C, H, W)` are Keras tensors `(N, H, W, C)`;
blobs of other ranks keep Caffe's layout. `keras_axis` and `caffe_shape`
translate between the two.
"""
import re

from .. import backend as K
from ..engine.input_layer import Input
from ..layers import Permute

_NAME_CHARS = re.compile(r'[^A-Za-z0-9_.\-]')
# Caffe axis of a 4-D blob -> Keras axis of a channels_last tensor.
_TO_LAST = {0: 0, 1: 3, 2: 1, 3: 2}
_TO_FIRST = {keras: caffe for caffe, keras in _TO_LAST.items()}


class ConversionContext(object):
    """Everything the per-type builders share during one conversion.

    # Arguments
        data_format: `'channels_first'` or `'channels_last'`.
        verbose: print a progress line per layer.
        debug: also print the shapes.
    """

    def __init__(self, data_format, verbose=False, debug=False):
        self.data_format = data_format
        self.verbose = verbose or debug
        self.debug = debug
        self.tensors = {}          # blob name -> Keras tensor
        self.input_specs = {}      # blob name -> (order, Caffe shape)
        self.inputs = {}           # blob name -> (order, Keras Input)
        self.labels = set()        # blobs holding labels (no model input)
        self.weight_rules = {}     # Caffe layer name -> (Keras layer, fn)
        self.default_input_dim = None  # (C, H, W) of inputs of unknown size
        self.keras_names = {}      # Caffe layer name -> Keras layer name
        self._used_names = set()

    # -- names ---------------------------------------------------------------

    def name(self, caffe_name, suffix=''):
        """A unique Keras layer name for `caffe_name` (characters other than
        letters, digits, `_`, `.` and `-` become `_`: '/' would nest the
        weights in HDF5 files)."""
        base = _NAME_CHARS.sub('_', caffe_name + suffix) or 'caffe_layer'
        if base[0] in '_.-':
            base = 'l' + base
        name, index = base, 1
        while name in self._used_names:
            index += 1
            name = '%s_%d' % (base, index)
        self._used_names.add(name)
        if not suffix:
            self.keras_names[caffe_name] = name
        return name

    # -- layout --------------------------------------------------------------

    def is_image(self, x):
        """Whether `x` is a 4-D tensor (it follows `data_format`)."""
        return len(K.int_shape(x)) == 4

    def caffe_shape(self, x):
        """The Caffe shape of the blob held by `x` (batch axis first)."""
        shape = K.int_shape(x)
        if self.data_format == 'channels_last' and len(shape) == 4:
            return (shape[0], shape[3], shape[1], shape[2])
        return tuple(shape)

    def keras_shape(self, caffe_shape):
        """The Keras shape of a blob of `caffe_shape` (without batch)."""
        shape = tuple(caffe_shape)
        if self.data_format == 'channels_last' and len(shape) == 3:
            return (shape[1], shape[2], shape[0])
        return shape

    def caffe_axis(self, layer, axis, ndim):
        """A Caffe axis parameter (negative counts from the end) -> 0..ndim-1.

        # Raises
            ValueError: out of range, naming the layer.
        """
        if not -ndim <= axis < ndim:
            raise ValueError('Layer "%s": axis %d out of range for a blob of '
                             '%d axes.' % (layer.name, axis, ndim))
        return axis % ndim

    def keras_axis(self, x, caffe_axis):
        """The Keras axis of `x` holding the (normalized) Caffe axis."""
        if self.data_format == 'channels_last' and self.is_image(x):
            return _TO_LAST[caffe_axis]
        return caffe_axis

    def to_caffe_layout(self, x, name):
        """`x` in Caffe's axis order (a Permute for channels_last
        images)."""
        if self.data_format == 'channels_last' and self.is_image(x):
            return Permute((3, 1, 2), name=self.name(name, '_to_nchw'))(x)
        return x

    def from_caffe_layout(self, x, name):
        """The inverse of `to_caffe_layout` for a tensor in Caffe's order."""
        if self.data_format == 'channels_last' and self.is_image(x):
            return Permute((2, 3, 1), name=self.name(name, '_to_nhwc'))(x)
        return x

    # -- blobs ---------------------------------------------------------------

    def declare_input(self, blob, caffe_shape, layer_name):
        """Declares a blob read from outside (data layer or net header);
        the Keras Input is made when a layer first reads it.

        # Raises
            ValueError: a blob declared twice.
        """
        if blob in self.input_specs or blob in self.tensors:
            raise ValueError('Layer "%s": the input blob "%s" is already '
                             'defined.' % (layer_name, blob))
        self.input_specs[blob] = (len(self.input_specs), caffe_shape,
                                  layer_name)

    def bottom(self, blob, layer):
        """The Keras tensor of the blob `blob` read by `layer`.

        # Raises
            ValueError: an unknown blob, a label, or an input of unknown
                shape.
        """
        if blob in self.tensors:
            return self.tensors[blob]
        if blob in self.labels:
            raise ValueError('Layer "%s" (%s) reads the label blob "%s": a '
                             'converted model has no label inputs.'
                             % (layer.name, layer.type, blob))
        if blob not in self.input_specs:
            raise ValueError('Layer "%s" (%s) reads the blob "%s", which no '
                             'earlier layer produces and no input declares.'
                             % (layer.name, layer.type, blob))
        order, shape, source = self.input_specs[blob]
        if not shape:
            raise ValueError('The shape of the input blob "%s" (from "%s") '
                             'is unknown: give it in the prototxt (an Input '
                             'layer, input_shape, or transform_param.'
                             'crop_size) or through `input_dim`.'
                             % (blob, source))
        tensor = Input(shape=self.keras_shape(shape[1:]),
                       name=self.name(blob))
        self.inputs[blob] = (order, tensor)
        self.tensors[blob] = tensor
        return tensor

    def set_weight_rule(self, caffe_name, keras_layer, convert):
        """Records that the blobs of Caffe layer `caffe_name` become the
        weights of `keras_layer` through `convert(blobs) -> weights`."""
        self.weight_rules[caffe_name] = (keras_layer, convert)

    def log(self, message):
        """Prints a progress line when verbose."""
        if self.verbose:
            print(message)
