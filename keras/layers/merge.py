"""Layers that merge a list of inputs: Add, Subtract, Multiply, Average,
Maximum, Minimum, Concatenate, Dot, and their functional forms.
"""
from __future__ import absolute_import
from __future__ import division
from __future__ import print_function

from .. import backend as K
from ..engine import argument_checks
from ..engine.base_layer import Layer
from ._utils import layer_error, to_shape_tuple

__all__ = ['Add', 'Subtract', 'Multiply', 'Average', 'Maximum', 'Minimum',
           'Concatenate', 'Dot', 'Sum', 'add', 'subtract', 'multiply',
           'average', 'maximum', 'minimum', 'concatenate', 'dot',
           'autocrop', 'autocrop_array_shapes']


def _shapes(layer, input_shape, exactly=None):
    """Validates that a merge layer got a list of (at least 2 / exactly
    `exactly`) input shapes; returns them as tuples (None stays None)."""
    if not isinstance(input_shape, (list, tuple)) or not input_shape or \
            not all(s is None or isinstance(s, (list, tuple)) or
                    hasattr(s, 'as_list') for s in input_shape):
        raise layer_error(layer, 'a merge layer should be called on a list '
                          'of at least 2 inputs, got input shape %s.'
                          % (input_shape,))
    shapes = [to_shape_tuple(s) for s in input_shape]
    if exactly is not None and len(shapes) != exactly:
        raise layer_error(layer, 'should be called on exactly %d inputs, got '
                          '%d (shapes %s).' % (exactly, len(shapes), shapes))
    if len(shapes) < 2:
        raise layer_error(layer, 'a merge layer should be called on a list '
                          'of at least 2 inputs, got %d (shapes %s).'
                          % (len(shapes), shapes))
    return shapes


def _batch_size(layer, shapes):
    """The common batch size of the inputs (None when unknown)."""
    sizes = set(s[0] for s in shapes if s is not None) - {None}
    if len(sizes) > 1:
        raise layer_error(layer, 'can not merge tensors with different batch '
                          'sizes. Got tensors with shapes: %s.' % (shapes,))
    return sizes.pop() if sizes else None


class _Merge(Layer):
    """Generic merge layer for elementwise merge functions.

    Inputs of different ranks are broadcast NumPy-style over their trailing
    axes (the smaller-rank inputs get new axes after the batch axis).

    # Arguments
        **kwargs: standard layer keyword arguments.
    """

    # Inputs of unknown rank (`K.ndim(x)` is None) are merged as in Keras
    # 2.3: the output's shape is then unknown too.
    _accepts_unknown_rank = True

    def __init__(self, **kwargs):
        super(_Merge, self).__init__(**kwargs)
        self.supports_masking = True
        self._reshape_required = False

    def _merge_function(self, inputs):
        raise NotImplementedError

    def _compute_elemwise_op_output_shape(self, shape1, shape2):
        """Broadcast shape of two shapes without their batch axis.

        # Raises
            ValueError: if the shapes cannot be broadcast together.
        """
        if shape1 is None or shape2 is None:
            return None
        if len(shape1) < len(shape2):
            return self._compute_elemwise_op_output_shape(shape2, shape1)
        if not shape2:
            return tuple(shape1)
        output_shape = list(shape1[:len(shape1) - len(shape2)])
        for i, j in zip(shape1[len(shape1) - len(shape2):], shape2):
            if i is None or j is None:
                output_shape.append(None)
            elif i == 1:
                output_shape.append(j)
            elif j == 1 or i == j:
                output_shape.append(i)
            else:
                raise layer_error(self, 'operands could not be broadcast '
                                  'together with shapes %s %s.'
                                  % (tuple(shape1), tuple(shape2)))
        return tuple(output_shape)

    def _output_shape_without_batch(self, shapes):
        output_shape = None if shapes[0] is None else shapes[0][1:]
        for shape in shapes[1:]:
            output_shape = self._compute_elemwise_op_output_shape(
                output_shape, None if shape is None else shape[1:])
        return output_shape

    def build(self, input_shape):
        shapes = _shapes(self, input_shape)
        _batch_size(self, shapes)
        self._output_shape_without_batch(shapes)
        self._reshape_required = (None in shapes or
                                  len(set(len(s) for s in shapes)) != 1)
        self.built = True

    def call(self, inputs):
        if not isinstance(inputs, (list, tuple)):
            raise layer_error(self, 'a merge layer should be called on a list '
                              'of inputs.')
        inputs = list(inputs)
        ndims = [K.ndim(x) for x in inputs]
        if self._reshape_required and None not in ndims:
            max_ndim = max(ndims)
            expanded = []
            for x, ndim in zip(inputs, ndims):
                for _ in range(max_ndim - ndim):
                    x = K.expand_dims(x, 1)
                expanded.append(x)
            inputs = expanded
        return self._merge_function(inputs)

    def compute_output_shape(self, input_shape):
        shapes = _shapes(self, input_shape)
        output_shape = self._output_shape_without_batch(shapes)
        if output_shape is None:
            return None
        return (_batch_size(self, shapes),) + tuple(output_shape)

    def compute_mask(self, inputs, mask=None):
        if mask is None:
            return None
        if not isinstance(mask, (list, tuple)):
            raise layer_error(self, '`mask` should be a list.')
        if not isinstance(inputs, (list, tuple)):
            raise layer_error(self, '`inputs` should be a list.')
        if len(mask) != len(inputs):
            raise layer_error(self, 'the lists `inputs` and `mask` should '
                              'have the same length (%d != %d).'
                              % (len(inputs), len(mask)))
        masks = [K.expand_dims(m, 0) for m in mask if m is not None]
        if not masks:
            return None
        return K.all(K.concatenate(masks, axis=0), axis=0, keepdims=False)


class Add(_Merge):
    """Layer that adds a list of inputs (all of the same shape, or
    broadcastable), returning a single tensor of that shape.

    # Example
    ```python
        added = keras.layers.Add()([x1, x2])
    ```
    """

    def _merge_function(self, inputs):
        output = inputs[0]
        for x in inputs[1:]:
            output = output + x
        return output


class Subtract(_Merge):
    """Layer that subtracts two inputs: `inputs[0] - inputs[1]`.

    # Example
    ```python
        subtracted = keras.layers.Subtract()([x1, x2])
    ```
    """

    def build(self, input_shape):
        _shapes(self, input_shape, exactly=2)
        super(Subtract, self).build(input_shape)

    def _merge_function(self, inputs):
        if len(inputs) != 2:
            raise layer_error(self, 'should be called on exactly 2 inputs, '
                              'got %d.' % len(inputs))
        return inputs[0] - inputs[1]


class Multiply(_Merge):
    """Layer that multiplies (element-wise) a list of inputs."""

    def _merge_function(self, inputs):
        output = inputs[0]
        for x in inputs[1:]:
            output = output * x
        return output


class Average(_Merge):
    """Layer that averages a list of inputs."""

    def _merge_function(self, inputs):
        output = inputs[0]
        for x in inputs[1:]:
            output = output + x
        return output / len(inputs)


class Maximum(_Merge):
    """Layer that computes the element-wise maximum of a list of inputs."""

    def _merge_function(self, inputs):
        output = inputs[0]
        for x in inputs[1:]:
            output = K.maximum(output, x)
        return output


class Minimum(_Merge):
    """Layer that computes the element-wise minimum of a list of inputs."""

    def _merge_function(self, inputs):
        output = inputs[0]
        for x in inputs[1:]:
            output = K.minimum(output, x)
        return output


Sum = Add


# --------------------------------------------------------------------------
# Cropping of mismatched inputs before a concatenation (fork addition).
# --------------------------------------------------------------------------

def _crop_slice(mode, size, target):
    """Slice keeping `target` of `size` elements: 'lower' keeps the first
    ones, 'upper' the last ones, 'center' the middle ones."""
    if mode == 'lower':
        return slice(0, target)
    if mode == 'upper':
        return slice(size - target, size)
    if mode == 'center':
        start = (size - target) // 2
        return slice(start, start + target)
    raise ValueError("Unknown cropping mode %r: expected None, 'lower', "
                     "'upper' or 'center'." % (mode,))


def autocrop_array_shapes(input_shapes, cropping):
    """Shapes of `input_shapes` after `autocrop` with the same `cropping`.

    # Arguments
        input_shapes: list of shape tuples.
        cropping: list with one entry per axis (shorter lists leave the
            remaining axes alone): None (no cropping) or 'lower', 'upper',
            'center' (crop every input to the smallest size on that axis).

    # Returns
        The list of cropped shapes.
    """
    if cropping is None:
        return [tuple(s) for s in input_shapes]
    shapes = [list(s) for s in input_shapes]
    for axis, mode in enumerate(cropping):
        if mode is None:
            continue
        sizes = [s[axis] for s in shapes]
        known = [d for d in sizes if d is not None]
        target = min(known) if len(known) == len(sizes) else None
        for s in shapes:
            s[axis] = target
    return [tuple(s) for s in shapes]


def autocrop(inputs, cropping):
    """Crops a list of tensors to a common size on the axes that
    `cropping` names (see `autocrop_array_shapes`).

    # Arguments
        inputs: list of tensors of the same rank.
        cropping: list of None / 'lower' / 'upper' / 'center', one per axis.

    # Returns
        The list of cropped tensors.
    """
    if cropping is None:
        return list(inputs)
    ndim = K.ndim(inputs[0])
    if any(K.ndim(x) != ndim for x in inputs):
        raise ValueError('autocrop: all inputs must have the same rank, got '
                         'ranks %s.' % ([K.ndim(x) for x in inputs],))
    static = [K.int_shape(x) for x in inputs]
    result = list(inputs)
    for axis, mode in enumerate(cropping):
        if mode is None:
            continue
        sizes = [s[axis] for s in static]
        if None in sizes:
            raise ValueError('autocrop: axis %d must have a known size in '
                             'every input, got shapes %s.' % (axis, static))
        target = min(sizes)
        for i, x in enumerate(result):
            index = [slice(None)] * ndim
            index[axis] = _crop_slice(mode, sizes[i], target)
            result[i] = x[tuple(index)]
    return result


class Concatenate(_Merge):
    """Layer that concatenates a list of inputs along `axis`; the other
    axes must match.

    # Arguments
        axis: Axis along which to concatenate.
        cropping: optional list, one entry per axis, of None / 'lower' /
            'upper' / 'center': inputs are first cropped to the smallest
            size on those axes (see `autocrop`).
        **kwargs: standard layer keyword arguments.

    # Raises
        ValueError: inputs whose shapes differ outside `axis`.
    """

    def __init__(self, axis=-1, cropping=None, **kwargs):
        super(Concatenate, self).__init__(**kwargs)
        self.axis = axis
        self.cropping = cropping
        self.supports_masking = True
        self._reshape_required = False

    def _cropped(self, input_shape):
        shapes = _shapes(self, input_shape)
        if self.cropping is not None and None not in shapes:
            shapes = autocrop_array_shapes(shapes, self.cropping)
        return shapes

    def build(self, input_shape):
        shapes = self._cropped(input_shape)
        if all(s is None for s in shapes):
            self.built = True
            return
        ranks = set(len(s) for s in shapes if s is not None)
        if len(ranks) > 1:
            raise layer_error(self, 'a `Concatenate` layer requires inputs of '
                              'the same rank. Got inputs shapes: %s.'
                              % (shapes,))
        rank = ranks.pop()
        if not -rank <= self.axis < rank:
            raise layer_error(self, '`axis` %d is out of range for inputs of '
                              'rank %d (shapes %s).' % (self.axis, rank,
                                                        shapes))
        axis = self.axis % rank
        known = [s for s in shapes if s is not None]
        for dim in range(rank):
            if dim == axis:
                continue
            sizes = set(s[dim] for s in known) - {None}
            if len(sizes) > 1:
                raise layer_error(self, 'a `Concatenate` layer requires '
                                  'inputs with matching shapes except for '
                                  'the concat axis (%d). Got inputs shapes: '
                                  '%s.' % (self.axis, shapes))
        self.built = True

    def call(self, inputs):
        inputs = list(inputs)
        if self.cropping is not None:
            inputs = autocrop(inputs, self.cropping)
        return K.concatenate(inputs, axis=self.axis)

    def compute_output_shape(self, input_shape):
        shapes = self._cropped(input_shape)
        output_shape = list(shapes[0])
        for shape in shapes[1:]:
            if output_shape[self.axis] is None or shape[self.axis] is None:
                output_shape[self.axis] = None
                break
            output_shape[self.axis] += shape[self.axis]
        for dim in range(len(output_shape)):
            if output_shape[dim] is None and dim != self.axis % len(output_shape):
                sizes = [s[dim] for s in shapes if s[dim] is not None]
                if sizes:
                    output_shape[dim] = sizes[0]
        return tuple(output_shape)

    def compute_mask(self, inputs, mask=None):
        if mask is None:
            return None
        if not isinstance(mask, (list, tuple)) or \
                not isinstance(inputs, (list, tuple)) or \
                len(mask) != len(inputs):
            raise layer_error(self, '`inputs` and `mask` should be lists of '
                              'the same length.')
        if all(m is None for m in mask):
            return None
        # Every mask as (..., 1) of the input's rank: a missing mask is all
        # True; a mask without the feature axis gets it back.
        masks = []
        for x, m in zip(inputs, mask):
            if m is None:
                m = K.cast(K.ones_like(x[..., :1]), 'bool')
            elif K.ndim(m) < K.ndim(x):
                m = K.expand_dims(m)
            masks.append(m)
        if self.cropping is not None:
            masks = autocrop(masks, self.cropping)
        return K.all(K.concatenate(masks, axis=self.axis), axis=-1,
                     keepdims=False)

    def get_config(self):
        config = dict(super(Concatenate, self).get_config())
        config.update({'axis': self.axis, 'cropping': self.cropping})
        return config


class Dot(_Merge):
    """Layer that computes a dot product between samples in two tensors.

    For inputs of shapes `(batch, n)` the output has shape `(batch, 1)`:
    entry i is the dot product of `a[i]` and `b[i]`.

    # Arguments
        axes: Integer or tuple of integers, axis or axes along which to
            take the dot product (batch axis excluded from counting).
        normalize: Whether to L2-normalize samples along the dot product
            axis before taking the dot product (the output is then the
            cosine proximity).
        **kwargs: standard layer keyword arguments.

    # Raises
        ValueError: if the sizes of the two reduced axes differ.
    """

    def __init__(self, axes, normalize=False, **kwargs):
        super(Dot, self).__init__(**kwargs)
        if not argument_checks.is_integer(axes):
            if not isinstance(axes, (list, tuple)) or len(axes) != 2 or \
                    not all(argument_checks.is_integer(a) for a in axes):
                raise layer_error(self, 'invalid format for `axes`: expected '
                                  'an integer or a list/tuple of 2 integers, '
                                  'got %r.' % (axes,), TypeError)
        self.axes = int(axes) if argument_checks.is_integer(axes) \
            else tuple(int(a) for a in axes)
        self.normalize = normalize
        self.supports_masking = True
        self._reshape_required = False

    def _axes(self, ndims):
        axes = [self.axes] * 2 if isinstance(self.axes, int) else self.axes
        return [a % n if a < 0 else a for a, n in zip(axes, ndims)]

    def build(self, input_shape):
        shape1, shape2 = _shapes(self, input_shape, exactly=2)
        self.built = True
        if shape1 is None or shape2 is None:
            return
        axes = self._axes([len(shape1), len(shape2)])
        for shape, axis in zip((shape1, shape2), axes):
            if not 0 < axis < len(shape):
                raise layer_error(self, '`axes` %s is out of range for input '
                                  'shapes %s, %s.' % (self.axes, shape1,
                                                      shape2))
        d1, d2 = shape1[axes[0]], shape2[axes[1]]
        if d1 is not None and d2 is not None and d1 != d2:
            raise layer_error(self, 'dimension incompatibility %s != %s on '
                              '`axes` %s. Layer shapes: %s, %s.'
                              % (d1, d2, self.axes, shape1, shape2))

    def _merge_function(self, inputs):
        if len(inputs) != 2:
            raise layer_error(self, 'should be called on exactly 2 inputs.')
        x1, x2 = inputs
        axes = self._axes([K.ndim(x1), K.ndim(x2)])
        if self.normalize:
            x1 = K.l2_normalize(x1, axis=axes[0])
            x2 = K.l2_normalize(x2, axis=axes[1])
        return K.batch_dot(x1, x2, axes)

    def compute_output_shape(self, input_shape):
        shape1, shape2 = [list(s) for s in _shapes(self, input_shape,
                                                   exactly=2)]
        axes = self._axes([len(shape1), len(shape2)])
        shape1.pop(axes[0])
        shape2.pop(axes[1])
        shape2.pop(0)
        output_shape = shape1 + shape2
        if len(output_shape) == 1:
            output_shape += [1]
        return tuple(output_shape)

    def compute_mask(self, inputs, mask=None):
        return None

    def get_config(self):
        config = dict(super(Dot, self).get_config())
        config.update({'axes': self.axes, 'normalize': self.normalize})
        return config


def add(inputs, **kwargs):
    """Functional interface to the `Add` layer.

    # Arguments
        inputs: A list of input tensors (at least 2).
        **kwargs: Standard layer keyword arguments.

    # Returns
        A tensor, the sum of the inputs.
    """
    return Add(**kwargs)(inputs)


def subtract(inputs, **kwargs):
    """Functional interface to the `Subtract` layer (exactly 2 inputs):
    returns `inputs[0] - inputs[1]`."""
    return Subtract(**kwargs)(inputs)


def multiply(inputs, **kwargs):
    """Functional interface to the `Multiply` layer: the element-wise
    product of the inputs."""
    return Multiply(**kwargs)(inputs)


def average(inputs, **kwargs):
    """Functional interface to the `Average` layer: the average of the
    inputs."""
    return Average(**kwargs)(inputs)


def maximum(inputs, **kwargs):
    """Functional interface to the `Maximum` layer: the element-wise
    maximum of the inputs."""
    return Maximum(**kwargs)(inputs)


def minimum(inputs, **kwargs):
    """Functional interface to the `Minimum` layer: the element-wise
    minimum of the inputs."""
    return Minimum(**kwargs)(inputs)


def concatenate(inputs, axis=-1, **kwargs):
    """Functional interface to the `Concatenate` layer.

    # Arguments
        inputs: A list of input tensors (at least 2).
        axis: Concatenation axis.
        **kwargs: Standard layer keyword arguments.

    # Returns
        A tensor, the concatenation of the inputs alongside axis `axis`.
    """
    return Concatenate(axis=axis, **kwargs)(inputs)


def dot(inputs, axes, normalize=False, **kwargs):
    """Functional interface to the `Dot` layer.

    # Arguments
        inputs: A list of 2 input tensors.
        axes: Integer or tuple of integers, axis or axes along which to
            take the dot product.
        normalize: Whether to L2-normalize samples along the dot product
            axis before taking the dot product.
        **kwargs: Standard layer keyword arguments.

    # Returns
        A tensor, the dot product of the samples from the inputs.
    """
    return Dot(axes=axes, normalize=normalize, **kwargs)(inputs)
