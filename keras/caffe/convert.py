"""Converts a Caffe model (a prototxt net definition and a caffemodel of
trained weights) into a Keras `Model` that computes the same outputs.

    from keras.caffe.convert import caffe_to_keras
    model = caffe_to_keras('deploy.prototxt', 'weights.caffemodel',
                           phase='test')

Every Caffe layer type has its own small builder (see `supported_types()`);
weights are matched to the layers by layer name, so the snapshot of a
training net (with its data and loss layers) loads into the deploy
definition of the same net. Both Keras image data formats are supported:
`channels_first` keeps Caffe's `(N, C, H, W)` layout, `channels_last`
takes `(N, H, W, C)` inputs (kernels and fully-connected weights are
rearranged accordingly).
"""
import warnings

import numpy as np

from .. import backend as K
from ..engine.training import Model
from . import caffe_pb2
from . import _builders_conv  # noqa: F401  (registers the builders)
from . import _builders_pointwise  # noqa: F401
from . import _builders_shape  # noqa: F401
from ._context import ConversionContext
from ._files import (iter_caffemodel_weights, net_layers, parse_net_text,
                     quote_layer_types, read_text)
from ._registry import BUILDERS, DROPPED_TYPES, supported_types
from ._weights import canonical_blobs
from .caffe_utils import layer_included, layer_type, normalize_phase

__all__ = ['caffe_to_keras', 'create_model', 'convert_weights',
           'load_weights', 'preprocessPrototxt', 'rot90', 'supported_types']


def preprocessPrototxt(prototxt, debug=False):
    """The text of a prototxt file, with unquoted layer `type:` values
    quoted (`type: Convolution` -> `type: "Convolution"`).

    # Arguments
        prototxt: path of the prototxt file.
        debug: print the text when changed.

    # Raises
        ValueError: the file is not text.
    """
    text = read_text(prototxt)
    fixed = quote_layer_types(text)
    if debug and fixed != text:
        print('Quoted the unquoted layer types of %s.' % (prototxt,))
    return fixed


def rot90(W):
    """Every 2-D filter of `W` (its last two axes) rotated by 180 degrees.

    The fork's helper for turning Caffe's correlation kernels into
    convolution kernels. Keras convolutions are correlations like Caffe's
    on both backends, so the converter itself never needs it.
    """
    W = np.asarray(W)
    if W.ndim < 2:
        raise ValueError('rot90 expects filters of at least 2 axes, got '
                         'shape %s.' % (W.shape,))
    return np.ascontiguousarray(W[..., ::-1, ::-1])


def _header_inputs(net):
    """(blob name, Caffe shape) of the inputs declared in the net header."""
    names = list(net.input)
    if len(net.input_shape):
        if len(net.input_shape) != len(names):
            raise ValueError('The prototxt declares %d inputs with %d '
                             'input_shape entries.'
                             % (len(names), len(net.input_shape)))
        return [(name, tuple(int(d) for d in shape.dim))
                for name, shape in zip(names, net.input_shape)]
    dims = [int(d) for d in net.input_dim]
    if dims and len(dims) != 4 * len(names):
        raise ValueError('The prototxt declares %d inputs with %d input_dim '
                         'values (4 per input expected).'
                         % (len(names), len(dims)))
    return [(name, tuple(dims[4 * i:4 * i + 4]) if dims else ())
            for i, name in enumerate(names)]


def _implicit_inputs(layers, phase):
    """The blobs a list of layers reads before producing them: the inputs
    a net header declared (their shape comes from `input_dim`)."""
    produced, inputs = set(), []
    for layer in layers:
        if not layer_included(layer, phase):
            continue
        for blob in layer.bottom:
            if blob not in produced and (blob, ()) not in inputs:
                inputs.append((blob, ()))
        produced.update(layer.top)
    return inputs


def _input_override(input_dim):
    """`input_dim` -> (default shape or None, per-blob dict)."""
    if input_dim is None or (not isinstance(input_dim, dict) and
                             not len(input_dim)):
        return None, {}
    if isinstance(input_dim, dict):
        return None, {name: (None,) + tuple(int(d) for d in dims)
                      for name, dims in input_dim.items()}
    return tuple(int(d) for d in input_dim), {}


def _fetch_bottoms(ctx, layer, count):
    names = list(layer.bottom)[:count] if count is not None else \
        list(layer.bottom)
    return [ctx.bottom(name, layer) for name in names]


def _build_layer(ctx, layer, kind, available):
    if kind not in BUILDERS:
        raise ValueError('Layer "%s": unsupported layer type "%s". Supported '
                         'types: %s.' % (layer.name, layer.type,
                                         ', '.join(supported_types())))
    function, count = BUILDERS[kind]
    if len(layer.bottom) and all(b in ctx.labels for b in layer.bottom):
        ctx.labels.update(layer.top)     # a layer on the labels only
        ctx.log('skipped %s (%s): reads labels only'
                % (layer.name, layer.type))
        return
    bottoms = _fetch_bottoms(ctx, layer, count)
    tops = function(ctx, layer, bottoms)
    for blob in layer.bottom:
        available.pop(blob, None)
    if tops is None:                      # a data layer: inputs declared
        for blob in layer.top:
            if blob not in ctx.labels:
                available[blob] = True
        return
    if len(tops) != len(layer.top):
        raise ValueError('Layer "%s" (%s): %d tops expected, the builder '
                         'made %d.' % (layer.name, layer.type, len(layer.top),
                                       len(tops)))
    for blob, tensor in zip(layer.top, tops):
        ctx.tensors[blob] = tensor
        available[blob] = True
    if ctx.debug:
        ctx.log('  %s -> %s' % (', '.join(layer.bottom), ', '.join(
            '%s %s' % (blob, ctx.caffe_shape(t))
            for blob, t in zip(layer.top, tops))))


def create_model(layers, phase, input_dim, debug=False, data_format=None,
                 verbose=False, name=None):
    """A Keras model of Caffe layers (weights not loaded).

    # Arguments
        layers: a `NetParameter` (a parsed prototxt, either format), or its
            list of `LayerParameter`s in definition order (the blobs read
            before any layer writes them are then the net's inputs).
        phase: 0 / `'train'` (TRAIN) or 1 / `'test'` (TEST): which layers
            the `include`/`exclude` rules keep.
        input_dim: the `(C, H, W)` (no batch axis) of the input blobs whose
            size the layers do not give (net header inputs, `Data` layers
            without cropping), or a dict from blob name to such a shape, or
            None / `()`.
        debug: print the blob shapes of every layer.
        data_format: `'channels_first'` or `'channels_last'` (default: the
            configured image data format).
        verbose: print a progress line per layer.
        name: the model name.

    # Returns
        A `Model` with one input per input blob the kept layers read and
        one output per blob no kept layer reads (ordered by blob name, as
        Caffe's net outputs), with the attribute `caffe_weight_rules` that
        `load_weights` uses.

    # Raises
        ValueError: an unsupported layer type (naming the layer, its type
            and the supported types), bad layer parameters, a blob read
            before it is produced, or an input of unknown size.
    """
    phase = normalize_phase(phase)
    data_format = K.normalize_data_format(data_format)
    ctx = ConversionContext(data_format, verbose=verbose, debug=debug)
    ctx.default_input_dim, overrides = _input_override(input_dim)
    if isinstance(layers, caffe_pb2.NetParameter):
        header = _header_inputs(layers)
        name = name or layers.name or None
        layers = net_layers(layers)[0]
    else:
        header = _implicit_inputs(layers, phase)
    available = {}
    for blob, shape in header:
        dims = overrides.get(blob) or shape or (
            (None,) + ctx.default_input_dim if ctx.default_input_dim else ())
        ctx.declare_input(blob, dims, 'net header')
        available[blob] = True
    kept = [layer for layer in layers if layer_included(layer, phase)]
    for position, layer in enumerate(kept):
        kind = layer_type(layer)
        if kind in DROPPED_TYPES:
            ctx.log('[%d/%d] %s (%s): dropped' % (position + 1, len(kept),
                                                   layer.name, layer.type))
            for blob in layer.bottom:
                available.pop(blob, None)
            continue
        ctx.log('[%d/%d] %s (%s)' % (position + 1, len(kept), layer.name,
                                     layer.type))
        _build_layer(ctx, layer, kind, available)
        for blob in layer.top:
            if blob in overrides and blob in ctx.input_specs:
                order, _, source = ctx.input_specs[blob]
                ctx.input_specs[blob] = (order, overrides[blob], source)
    outputs = [ctx.tensors[blob] for blob in sorted(available)
               if blob in ctx.tensors and blob not in ctx.inputs]
    unique = []
    for tensor in outputs:
        if all(tensor is not other for other in unique):
            unique.append(tensor)
    if not unique:
        raise ValueError('The net has no outputs: every blob is read by a '
                         'later layer, or only inputs are left.')
    inputs = [tensor for _, tensor in sorted(ctx.inputs.values(),
                                             key=lambda item: item[0])]
    model = Model(inputs=inputs, outputs=unique, name=name)
    model.caffe_weight_rules = {
        caffe_name: (ctx.keras_names.get(caffe_name, layer.name), convert)
        for caffe_name, (layer, convert) in ctx.weight_rules.items()}
    model.caffe_layer_names = dict(ctx.keras_names)
    return model


def convert_weights(param_layers, v='V1', debug=False):
    """The weights of a caffemodel's layers, in Caffe's layout.

    # Arguments
        param_layers: the layers of a caffemodel (`NetParameter.layer` or,
            for old files, `NetParameter.layers`).
        v: `'V1'` or `'V2'`, the format of `param_layers` (informative: both
            are read the same way).
        debug: print the shapes.

    # Returns
        dict: layer name -> list of float32 arrays (see
        `_weights.canonical_blobs`: weight matrices `(outputs, inputs)`,
        convolution weights `(out, in / group, kh, kw)`, vectors for biases
        and per-channel parameters, BatchNorm as `[mean, variance]`). Layers
        without blobs are left out.

    # Raises
        ValueError: a blob whose values do not fit its shape, or two layers
            of the same name with weights.
    """
    if v not in ('V1', 'V2'):
        raise ValueError("`v` must be 'V1' or 'V2', got %r." % (v,))
    weights = {}
    for layer in param_layers:
        if not len(layer.blobs):
            continue
        if layer.name in weights:
            raise ValueError('The caffemodel has two layers named "%s" with '
                             'weights.' % (layer.name,))
        weights[layer.name] = canonical_blobs(layer)
        if debug:
            print('weights of %s: %s' % (layer.name, [
                a.shape for a in weights[layer.name]]))
    return weights


def load_weights(model, weights):
    """Sets the weights of a converted model from `convert_weights`'s dict.

    Layers are matched by their Caffe names. A layer of the model missing
    from `weights` keeps its initial weights (with a warning), as in Caffe
    when fine-tuning renamed layers; weights of layers the model lacks (such
    as those of a training net's extra layers) are ignored.

    # Arguments
        model: a model made by `create_model` / `caffe_to_keras`.
        weights: dict layer name -> list of arrays.

    # Raises
        ValueError: a model without Caffe weight rules, or weights whose
            shapes do not fit the layer (naming the layer and both shapes).
    """
    rules = getattr(model, 'caffe_weight_rules', None)
    if rules is None:
        raise ValueError('load_weights needs a model made by create_model or '
                         'caffe_to_keras (it carries `caffe_weight_rules`).')
    for caffe_name in rules:
        if caffe_name in weights:
            _set_layer_weights(model, rules, caffe_name,
                               [weights[caffe_name]])
    _warn_missing(set(rules) - set(weights))


def _set_layer_weights(model, rules, caffe_name, holder):
    """Sets one layer's weights from `holder`, a list holding its Caffe
    arrays (taken out, so that they are freed once converted)."""
    keras_name, convert = rules[caffe_name]
    values = convert(caffe_name, holder.pop())
    model.get_layer(keras_name).set_weights(values)


def _warn_missing(names):
    if names:
        warnings.warn('The caffemodel has no weights for the layers %s: '
                      'they keep their initial weights.' % (sorted(names),))


def _load_caffemodel(model, path, debug=False):
    """Streams the weights of a caffemodel file into a converted model,
    one layer at a time (see `_files.iter_caffemodel_weights`); returns the
    number of layers loaded."""
    rules = model.caffe_weight_rules
    loaded = set()
    for caffe_name, holder in iter_caffemodel_weights(path):
        if caffe_name not in rules:
            if debug:
                print('ignored the weights of %s (not in the model)'
                      % (caffe_name,))
            continue
        if caffe_name in loaded:
            raise ValueError('%s has two layers named "%s" with weights.'
                             % (path, caffe_name))
        if debug:
            print('weights of %s: %s' % (caffe_name,
                                         [a.shape for a in holder[0]]))
        _set_layer_weights(model, rules, caffe_name, holder)
        del holder
        loaded.add(caffe_name)
    _warn_missing(set(rules) - loaded)
    return len(loaded)


def caffe_to_keras(prototext, caffemodel, phase='train', debug=False,
                   data_format=None, verbose=False, input_dim=None):
    """Converts a Caffe model into a Keras model with the same outputs.

    # Arguments
        prototext: path of the net definition (prototxt, current or V1
            format).
        caffemodel: path of the trained weights, or None for a model with
            initial weights.
        phase: `'train'` (the fork's default) or `'test'`: which layers the
            `include`/`exclude` rules keep. Loss and accuracy layers are
            left out either way; a `SoftmaxWithLoss` becomes its softmax.
        debug: print the blob shapes and the weights found.
        data_format: image data format of the model (default: the
            configured one).
        verbose: print a progress line per layer.
        input_dim: `(C, H, W)` or a dict blob -> `(C, H, W)`, for inputs
            whose size the prototxt does not give.

    # Returns
        A Keras `Model` (see `create_model`).

    # Raises
        ValueError: unreadable, corrupt or truncated files, unsupported
            layers, weights that do not fit.
    """
    phase = normalize_phase(phase)
    net = parse_net_text(preprocessPrototxt(prototext, debug), prototext)
    model = create_model(net, phase, input_dim, debug=debug,
                         data_format=data_format, verbose=verbose)
    if debug:
        model.summary()
    if caffemodel is not None:
        count = _load_caffemodel(model, caffemodel, debug)
        if verbose or debug:
            print('Loaded the weights of %d layers from %s.'
                  % (count, caffemodel))
    return model

