"""The registry of per-type builders: Caffe layer type (lower case) ->
the function that adds the equivalent Keras layers.

A builder is `build(ctx, layer, bottoms) -> tops`: `ctx` the
`ConversionContext`, `layer` the Caffe `LayerParameter`, `bottoms` the Keras
tensors of its bottoms (only the first `bottoms` of them when the builder was
registered with a count), `tops` one Keras tensor per top.
"""

BUILDERS = {}
_NAMES = {}   # lower case -> Caffe's spelling

_DROPPED = ['Accuracy', 'Silence', 'EuclideanLoss', 'HingeLoss',
            'InfogainLoss', 'MultinomialLogisticLoss',
            'SigmoidCrossEntropyLoss', 'ContrastiveLoss', 'HDF5Output']
_NAMES.update((name.lower(), name) for name in _DROPPED)

#: Layer types (lower case) that a converted (deploy) model leaves out.
DROPPED_TYPES = frozenset(name.lower() for name in _DROPPED)


def builder(*types, **options):
    """Registers the decorated function as the builder of `types`.

    # Arguments
        *types: Caffe type names (any case).
        bottoms: optional number of bottoms the builder reads (the others,
            such as the label of `SoftmaxWithLoss`, are not fetched).
    """
    bottoms = options.pop('bottoms', None)
    if options:
        raise TypeError('unexpected options %s' % sorted(options))

    def register(function):
        for kind in types:
            BUILDERS[kind.lower()] = (function, bottoms)
            _NAMES[kind.lower()] = kind
        return function
    return register


def supported_types():
    """The sorted names of the layer types the converter handles."""
    return sorted(_NAMES.values())


def expect_tops(layer, count):
    """Raises ValueError unless the layer has `count` tops."""
    if len(layer.top) != count:
        raise ValueError('Layer "%s" (%s) must have %d top(s), got %d.'
                         % (layer.name, layer.type, count, len(layer.top)))


def expect_bottoms(layer, bottoms, count=None, minimum=None):
    """Raises ValueError unless the layer has the right number of
    bottoms."""
    n = len(bottoms)
    if (count is not None and n != count) or \
            (minimum is not None and n < minimum):
        wanted = count if count is not None else 'at least %d' % minimum
        raise ValueError('Layer "%s" (%s) must have %s bottom(s), got %d.'
                         % (layer.name, layer.type, wanted, n))


def expect_image(ctx, layer, x):
    """Raises ValueError unless `x` is a 4-D (N, C, H, W) blob with known
    C, H and W; returns its Caffe shape."""
    shape = ctx.caffe_shape(x)
    if len(shape) != 4 or any(d is None for d in shape[1:]):
        raise ValueError('Layer "%s" (%s) needs a 4-D input (N, C, H, W) of '
                         'known size, got a blob of shape %s.'
                         % (layer.name, layer.type, shape))
    return shape
