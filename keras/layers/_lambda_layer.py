"""The `Lambda` layer (an arbitrary expression as a layer) and the
encoding of its functions in layer configs; re-exported by `layers.core`.
"""
from __future__ import absolute_import
from __future__ import division
from __future__ import print_function

import types as python_types
import warnings

import numpy as np

from .. import backend as K
from ..engine.base_layer import Layer
from ..utils.generic_utils import func_dump
from ..utils.safe_mode import load_serialized_function
from ..utils.generic_utils import deserialize_keras_object
from ..utils.generic_utils import has_arg
from ..legacy import interfaces
from ._utils import layer_error


def _serialize_callable(value):
    """Lambda config encoding of a function: (payload, type)."""
    if isinstance(value, python_types.LambdaType):
        return func_dump(value), 'lambda'
    if callable(value):
        return value.__name__, 'function'
    return value, 'raw'


def _deserialize_callable(payload, kind, custom_objects, globs, what,
                          owner='a Lambda layer', safe_mode=None):
    """Inverse of `_serialize_callable`; bytecode goes through safe mode
    (see `keras.utils.safe_mode`)."""
    if kind == 'function':
        return deserialize_keras_object(payload,
                                        custom_objects=custom_objects,
                                        printable_module_name=what)
    if kind == 'lambda':
        return load_serialized_function(payload, globs, custom_objects,
                                        what=what, owner=owner,
                                        safe_mode=safe_mode)
    if kind == 'raw':
        return payload
    raise TypeError('Unknown %s type: %r' % (what, kind))


class Lambda(Layer):
    """Wraps an arbitrary expression as a `Layer` object.

    # Examples
    ```python
        model.add(Lambda(lambda x: x ** 2))

        def antirectifier(x):
            x -= K.mean(x, axis=1, keepdims=True)
            x = K.l2_normalize(x, axis=1)
            return K.concatenate([K.relu(x), K.relu(-x)], axis=1)

        model.add(Lambda(antirectifier,
                         output_shape=lambda s: (s[0], 2 * s[1])))
    ```

    # Arguments
        function: The function to be evaluated. Takes the input tensor (or
            list of tensors) as first argument; it also receives `mask=`
            when it accepts such an argument.
        output_shape: Expected output shape from the function: a tuple (the
            batch axis excluded; a list of tuples for several outputs), or a
            function of the input shape returning the full shape. When
            omitted it is inferred (by running the function on a
            placeholder), falling back to the input shape with a warning.
        mask: Either None (no output mask), a tensor returned as the mask,
            or a callable `mask(inputs, mask)` computing it.
        arguments: optional dictionary of keyword arguments to be passed
            to the function.
        supports_masking: whether the layer accepts masked inputs.

    # Input shape
        Arbitrary.

    # Output shape
        Specified by the `output_shape` argument (or inferred).
    """

    @interfaces.legacy_lambda_support
    def __init__(self, function, output_shape=None, mask=None,
                 arguments=None, supports_masking=True, **kwargs):
        super(Lambda, self).__init__(**kwargs)
        self.function = function
        self.arguments = dict(arguments) if arguments else {}
        self.supports_masking = supports_masking or mask is not None
        self.mask = mask
        self._input_dtypes = None
        if output_shape is None or callable(output_shape):
            self._output_shape = output_shape
        elif isinstance(output_shape, list) and output_shape and \
                isinstance(output_shape[0], (list, tuple)):
            self._output_shape = [tuple(s) for s in output_shape]
        elif isinstance(output_shape, (tuple, list)):
            self._output_shape = tuple(output_shape)
        else:
            raise TypeError('In Lambda, `output_shape` must be a list, a '
                            'tuple, or a function; got %r.' % (output_shape,))

    def _infer_shape_by_running(self, input_shape):
        """Runs the function on placeholders of the given shape(s)."""
        if isinstance(input_shape, list):
            dtypes = self._input_dtypes or [None] * len(input_shape)
            xs = [K.placeholder(shape=tuple(s), dtype=d or K.floatx())
                  for s, d in zip(input_shape, dtypes)]
        else:
            xs = K.placeholder(shape=tuple(input_shape),
                               dtype=self._input_dtypes or K.floatx())
        outputs = self.call(xs)
        if isinstance(outputs, (list, tuple)):
            return [K.int_shape(o) for o in outputs]
        return K.int_shape(outputs)

    def compute_output_shape(self, input_shape):
        if self._output_shape is None:
            if K.backend() == 'tensorflow':
                return self._infer_shape_by_running(input_shape)
            try:
                shape = self._infer_shape_by_running(input_shape)
            except Exception:  # engine cannot infer: Keras 2 fallback
                shape = None
            shapes = shape if isinstance(shape, list) else [shape]
            if shape is not None and all(
                    s is not None and None not in s[1:] for s in shapes):
                return shape
            warnings.warn('`output_shape` argument not specified for layer '
                          '{} and cannot be automatically inferred with the '
                          'Theano backend. Defaulting to output shape `{}` '
                          '(same as input shape). If the expected output '
                          'shape is different, specify it via the '
                          '`output_shape` argument.'.format(self.name,
                                                            input_shape))
            return input_shape
        if isinstance(self._output_shape, (tuple, list)):
            if isinstance(input_shape, list):
                num_samples = input_shape[0][0]
            else:
                num_samples = input_shape[0] if input_shape else None
            if isinstance(self._output_shape, list):
                return [(num_samples,) + tuple(s) for s in self._output_shape]
            return (num_samples,) + tuple(self._output_shape)
        shape = self._output_shape(input_shape)
        if not isinstance(shape, (list, tuple)):
            raise layer_error(self, 'the `output_shape` function must return '
                              'a tuple or a list of tuples, got %r.'
                              % (shape,))
        if isinstance(shape, list) and shape and (
                isinstance(shape[0], int) or shape[0] is None):
            shape = tuple(shape)
        return shape

    def call(self, inputs, mask=None):
        arguments = dict(self.arguments)
        if has_arg(self.function, 'mask'):
            arguments['mask'] = mask
        if isinstance(inputs, list):
            self._input_dtypes = [K.dtype(x) for x in inputs]
        else:
            self._input_dtypes = K.dtype(inputs)
        return self.function(inputs, **arguments)

    def compute_mask(self, inputs, mask=None):
        if callable(self.mask):
            return self.mask(inputs, mask)
        return self.mask

    def get_config(self):
        function, function_type = _serialize_callable(self.function)
        output_shape, output_shape_type = _serialize_callable(
            self._output_shape)
        arguments = {}
        for key, value in self.arguments.items():
            if isinstance(value, np.ndarray):
                value = {'type': 'ndarray', 'value': value.tolist()}
            arguments[key] = value
        config = {'function': function,
                  'function_type': function_type,
                  'output_shape': output_shape,
                  'output_shape_type': output_shape_type,
                  'arguments': arguments}
        if callable(self.mask):
            config['mask'], config['mask_type'] = _serialize_callable(
                self.mask)
        base_config = dict(super(Lambda, self).get_config())
        base_config.update(config)
        return base_config

    @classmethod
    def from_config(cls, config, custom_objects=None, safe_mode=None):
        """Rebuilds the layer from `get_config()`.

        # Arguments
            config: the layer config.
            custom_objects: functions (by name) the config may refer to.
            safe_mode: True refuses functions stored as bytecode unless
                they match a known function (see `keras.utils.safe_mode`);
                False rebuilds them (runs code from the config); None (the
                default) follows the enclosing `load_model(safe_mode=...)`,
                else True.

        # Raises
            ValueError: (`UnsafeDeserializationError`) for unknown
                bytecode in safe mode.
        """
        config = dict(config)
        # Serialized lambdas resolve their names in `keras.layers.core`, the
        # module Lambda is public from (as in Keras 2.3).
        from . import core
        globs = dict(vars(core))
        if custom_objects:
            globs.update(custom_objects)
        owner = 'Lambda layer "%s"' % config.get('name', '?')
        for key, default in (('function', 'lambda'), ('output_shape', 'raw'),
                             ('mask', None)):
            kind = config.pop(key + '_type', default)
            if kind is None:
                continue
            config[key] = _deserialize_callable(
                config.get(key), kind, custom_objects, globs,
                'the `%s` argument' % key, owner, safe_mode)
        arguments = dict(config.get('arguments') or {})
        for key, value in arguments.items():
            if isinstance(value, dict) and value.get('type') == 'ndarray':
                arguments[key] = np.array(value['value'])
        config['arguments'] = arguments
        return cls(**config)
