"""Builders of the Caffe layers that move data around: the data layers and
net inputs, Flatten, Reshape, Split, Slice, Concat, Eltwise, Crop."""
import numpy as np

from ..layers import (Add, Concatenate, Cropping2D, Flatten, Maximum,
                      Multiply, Reshape)
from . import caffe_pb2
from .caffe_utils import get_data_dim, is_data_input
from .extra_layers import CaffeEltwiseSum, CaffeSlice
from ._registry import builder, expect_bottoms, expect_tops


def reshape_caffe(ctx, x, shape, name):
    """`x` reshaped to the Caffe shape `shape` (batch axis excluded), with
    Caffe's (row-major, channels-first) order of the values."""
    shape = tuple(int(d) for d in shape)
    x = ctx.to_caffe_layout(x, name)
    if len(shape) == 1:
        y = Flatten(name=ctx.name(name, '_flatten'))(x)
    else:
        y = Reshape(shape, name=ctx.name(name, '_reshape'))(x)
    return ctx.from_caffe_layout(y, name)


def _known_shape(ctx, layer, x):
    shape = ctx.caffe_shape(x)
    if any(d is None for d in shape[1:]):
        raise ValueError('Layer "%s" (%s) needs an input of known shape, got '
                         '%s.' % (layer.name, layer.type, shape))
    return shape


# -- inputs ------------------------------------------------------------------

@builder('Input')
def build_input(ctx, layer, bottoms):
    """`Input` layer: one shape per top, one shape for all, or none (the
    size then comes from `input_dim`)."""
    shapes = [tuple(int(d) for d in s.dim) for s in layer.input_param.shape]
    if not shapes:
        default = ctx.default_input_dim
        shapes = [(None,) + tuple(default) if default else ()]
    if len(shapes) not in (1, len(layer.top)):
        raise ValueError('Layer "%s" (Input) gives %d shapes for %d tops.'
                         % (layer.name, len(shapes), len(layer.top)))
    for i, top in enumerate(layer.top):
        ctx.declare_input(top, shapes[i if len(shapes) > 1 else 0],
                          layer.name)


@builder('Data', 'ImageData', 'MemoryData', 'HDF5Data', 'WindowData')
def build_data(ctx, layer, bottoms):
    """A data-set reader: its first top is an input of the size
    `get_data_dim` finds (or `input_dim`), the others are labels."""
    if not len(layer.top):
        return
    dims = get_data_dim(layer) or ctx.default_input_dim
    ctx.declare_input(layer.top[0], (None,) + tuple(dims) if dims else (),
                      layer.name)
    if is_data_input(layer):
        ctx.labels.update(layer.top[1:])


@builder('DummyData')
def build_dummy_data(ctx, layer, bottoms):
    """`DummyData`: every top an input of the declared shape."""
    param = layer.dummy_data_param
    shapes = [tuple(int(d) for d in s.dim) for s in param.shape]
    if not shapes and len(param.num):
        shapes = list(zip(param.num, param.channels, param.height,
                          param.width))
    if len(shapes) not in (1, len(layer.top)):
        raise ValueError('Layer "%s" (DummyData) gives %d shapes for %d '
                         'tops.' % (layer.name, len(shapes), len(layer.top)))
    for i, top in enumerate(layer.top):
        ctx.declare_input(top, shapes[i if len(shapes) > 1 else 0],
                          layer.name)


# -- shape changes -----------------------------------------------------------

@builder('Flatten')
def build_flatten(ctx, layer, bottoms):
    """Flatten axes `axis..end_axis` (default: all but the batch axis)."""
    expect_bottoms(layer, bottoms, 1)
    expect_tops(layer, 1)
    shape = _known_shape(ctx, layer, bottoms[0])
    ndim = len(shape)
    first = ctx.caffe_axis(layer, layer.flatten_param.axis, ndim)
    last = ctx.caffe_axis(layer, layer.flatten_param.end_axis, ndim)
    if first == 0 or last < first:
        raise ValueError('Layer "%s" (Flatten): axes %d..%d cannot be '
                         'flattened (the batch axis stays).'
                         % (layer.name, first, last))
    new = shape[1:first] + (int(np.prod(shape[first:last + 1])),) + \
        shape[last + 1:]
    return [reshape_caffe(ctx, bottoms[0], new, layer.name)]


def reshape_target(layer, shape):
    """The output shape of Caffe's Reshape layer for an input `shape`."""
    param = layer.reshape_param
    ndim = len(shape)
    start = param.axis if param.axis >= 0 else ndim + param.axis + 1
    end = ndim if param.num_axes == -1 else start + param.num_axes
    if not 0 <= start <= end <= ndim:
        raise ValueError('Layer "%s" (Reshape): axis %d / num_axes %d out of '
                         'range for a blob of shape %s.'
                         % (layer.name, param.axis, param.num_axes, shape))
    spec = [int(d) for d in param.shape.dim]
    middle = [shape[start + i] if d == 0 else d for i, d in enumerate(spec)]
    new = list(shape[:start]) + middle + list(shape[end:])
    if new.count(-1) > 1:
        raise ValueError('Layer "%s" (Reshape): more than one -1 in shape %s.'
                         % (layer.name, spec))
    total = int(np.prod(shape))
    if -1 in new:
        known = int(np.prod([d for d in new if d != -1]))
        new[new.index(-1)] = total // known if known else 0
    if int(np.prod(new)) != total:
        raise ValueError('Layer "%s" (Reshape): cannot reshape a blob of '
                         'shape %s to %s.' % (layer.name, tuple(shape),
                                              tuple(new)))
    return tuple(new)


@builder('Reshape')
def build_reshape(ctx, layer, bottoms):
    """Caffe's Reshape (0 copies a dimension, -1 infers one); the batch
    axis must stay."""
    expect_bottoms(layer, bottoms, 1)
    expect_tops(layer, 1)
    shape = _known_shape(ctx, layer, bottoms[0])
    probe = (1,) + shape[1:]
    new = reshape_target(layer, probe)
    if new[0] != 1:
        raise ValueError('Layer "%s" (Reshape): changing the batch axis is '
                         'not supported (shape %s).' % (layer.name, new))
    return [reshape_caffe(ctx, bottoms[0], new[1:], layer.name)]


@builder('Split')
def build_split(ctx, layer, bottoms):
    """Split: every top is the bottom itself (no Keras layer)."""
    expect_bottoms(layer, bottoms, 1)
    return [bottoms[0]] * len(layer.top)


@builder('Slice')
def build_slice(ctx, layer, bottoms):
    """Slice along an axis at `slice_point`s (or in equal parts): one
    `CaffeSlice` per top."""
    expect_bottoms(layer, bottoms, 1)
    x = bottoms[0]
    shape = ctx.caffe_shape(x)
    param = layer.slice_param
    axis_value = param.axis if param.HasField('axis') or \
        not param.HasField('slice_dim') else param.slice_dim
    axis = ctx.caffe_axis(layer, axis_value, len(shape))
    size = shape[axis]
    points = list(param.slice_point)
    tops = len(layer.top)
    if size is None or axis == 0:
        raise ValueError('Layer "%s" (Slice): cannot slice axis %d of a blob '
                         'of shape %s.' % (layer.name, axis, shape))
    if points:
        if len(points) != tops - 1 or points != sorted(set(points)) or \
                points[0] <= 0 or points[-1] >= size:
            raise ValueError('Layer "%s" (Slice): slice points %s do not cut '
                             'size %d into %d parts.'
                             % (layer.name, points, size, tops))
    else:
        if size % tops:
            raise ValueError('Layer "%s" (Slice): size %d of axis %d does '
                             'not split into %d equal parts.'
                             % (layer.name, size, axis, tops))
        points = [size // tops * i for i in range(1, tops)]
    bounds = [0] + points + [size]
    keras_axis = ctx.keras_axis(x, axis)
    return [CaffeSlice(keras_axis, start, stop,
                       name=ctx.name(layer.name, '_%d' % i))(x)
            for i, (start, stop) in enumerate(zip(bounds, bounds[1:]))]


@builder('Concat')
def build_concat(ctx, layer, bottoms):
    """Concatenation along `axis` (or the deprecated `concat_dim`)."""
    expect_bottoms(layer, bottoms, minimum=1)
    expect_tops(layer, 1)
    if len(bottoms) == 1:
        return [bottoms[0]]
    param = layer.concat_param
    value = param.concat_dim if param.HasField('concat_dim') and \
        not param.HasField('axis') else param.axis
    ndim = len(ctx.caffe_shape(bottoms[0]))
    axis = ctx.caffe_axis(layer, value, ndim)
    return [Concatenate(axis=ctx.keras_axis(bottoms[0], axis),
                        name=ctx.name(layer.name))(bottoms)]


@builder('Eltwise')
def build_eltwise(ctx, layer, bottoms):
    """PROD -> Multiply, MAX -> Maximum, SUM -> Add (or `CaffeEltwiseSum`
    with coefficients other than 1)."""
    expect_bottoms(layer, bottoms, minimum=2)
    expect_tops(layer, 1)
    param = layer.eltwise_param
    coefficients = list(param.coeff)
    if coefficients and param.operation != caffe_pb2.EltwiseParameter.SUM:
        raise ValueError('Layer "%s" (Eltwise): coefficients are only allowed '
                         'with operation SUM.' % (layer.name,))
    if coefficients and len(coefficients) != len(bottoms):
        raise ValueError('Layer "%s" (Eltwise): %d coefficients for %d '
                         'bottoms.' % (layer.name, len(coefficients),
                                       len(bottoms)))
    shapes = {ctx.caffe_shape(b)[1:] for b in bottoms}
    if len(shapes) != 1:
        raise ValueError('Layer "%s" (Eltwise): the bottoms have different '
                         'shapes %s.' % (layer.name, sorted(shapes)))
    name = ctx.name(layer.name)
    if param.operation == caffe_pb2.EltwiseParameter.PROD:
        return [Multiply(name=name)(bottoms)]
    if param.operation == caffe_pb2.EltwiseParameter.MAX:
        return [Maximum(name=name)(bottoms)]
    if any(c != 1 for c in coefficients):
        return [CaffeEltwiseSum(coefficients, name=name)(bottoms)]
    return [Add(name=name)(bottoms)]


@builder('Crop')
def build_crop(ctx, layer, bottoms):
    """Crops the first bottom to the shape of the second from `axis` on,
    starting at `offset` (Cropping2D for spatial crops of images, else
    CaffeSlice per cropped axis)."""
    expect_bottoms(layer, bottoms, 2)
    expect_tops(layer, 1)
    x, reference = bottoms
    shape = _known_shape(ctx, layer, x)
    target = _known_shape(ctx, layer, reference)
    ndim = len(shape)
    if len(target) != ndim:
        raise ValueError('Layer "%s" (Crop): bottoms of ranks %d and %d.'
                         % (layer.name, ndim, len(target)))
    axis = ctx.caffe_axis(layer, layer.crop_param.axis, ndim)
    offsets = list(layer.crop_param.offset)
    cropped = list(range(axis, ndim))
    if len(offsets) not in (0, 1, len(cropped)):
        raise ValueError('Layer "%s" (Crop): %d offsets for %d cropped axes.'
                         % (layer.name, len(offsets), len(cropped)))
    starts = {a: (offsets[0] if len(offsets) == 1 else
                  offsets[i] if offsets else 0)
              for i, a in enumerate(cropped)}
    for a in cropped:
        if starts[a] + target[a] > shape[a]:
            raise ValueError('Layer "%s" (Crop): offset %d + size %d exceeds '
                             'size %d of axis %d.' % (layer.name, starts[a],
                                                      target[a], shape[a], a))
    changed = [a for a in cropped if (starts[a], target[a]) != (0, shape[a])]
    if 0 in changed:
        raise ValueError('Layer "%s" (Crop): cropping the batch axis is not '
                         'supported.' % (layer.name,))
    if not changed:
        return [x]
    if ndim == 4 and set(changed) <= {2, 3}:
        crop = tuple((starts[a], shape[a] - starts[a] - target[a])
                     for a in (2, 3))
        return [Cropping2D(crop, data_format=ctx.data_format,
                           name=ctx.name(layer.name))(x)]
    for a in changed:
        x = CaffeSlice(ctx.keras_axis(x, a), starts[a], starts[a] + target[a],
                       name=ctx.name(layer.name, '_axis%d' % a))(x)
    return [x]
