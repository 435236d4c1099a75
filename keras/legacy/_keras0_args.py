"""Keras 0.x call signatures (the 2015 Theano-era API), read by the
preprocessors of `keras.legacy.interfaces`.

Keras 0.x layers took their input size positionally
(`Dense(input_dim, output_dim)`, `Convolution2D(nb_filter, stack_size,
nb_row, nb_col)`, `LSTM(input_dim, output_dim)`, ...). The conversions below
turn such a call into the Keras 2 one and put the declared input size in
`kwargs[DECLARED_INPUT]`; the mechanism stores it on the layer and
`check_declared` compares it with the real input when the layer is built.

Keras 0.x convolutions and pooling read channels-first images (Theano's
layout): their 0.x spellings imply `data_format='channels_first'` unless a
`dim_ordering` / `data_format` is given.

Each function takes `(args, kwargs)` of the decorated constructor
(`args[0]` is the layer) and returns `(args, kwargs, converted)`;
`converted` is empty when the call is not a Keras 0.x one.
"""
import numbers

# The keyword under which a preprocessor hands the declared input size to
# the mechanism: `{axis: size}`, or `{'shape': shape}` (batch axis excluded).
DECLARED_INPUT = '_legacy_declared_input'

_CHANNELS_FIRST_NOTE = ('Keras 0.x convolutions and pooling read '
                        'channels-first images: data_format="channels_first"')


def _is_int(value):
    return isinstance(value, numbers.Integral) and not isinstance(value,
                                                                  bool)


def _is_shape(value):
    return isinstance(value, (tuple, list)) and all(
        _is_int(v) or v is None for v in value)


def _classes(layer):
    return {cls.__name__ for cls in type(layer).__mro__}


def _name(layer):
    return type(layer).__name__


def _extra_positional(layer, values, names, kwargs):
    """Moves the positional arguments that follow the 0.x sizes to their
    0.x keyword names."""
    if len(values) > len(names):
        raise TypeError('`%s` (Keras 0.x signature) takes at most %d '
                        'positional arguments after the sizes, got %r.'
                        % (_name(layer), len(names), list(values)))
    for name, value in zip(names, values):
        if name in kwargs:
            raise TypeError('`%s` got the 0.x argument `%s` both '
                            'positionally and as a keyword.'
                            % (_name(layer), name))
        kwargs[name] = value
    return kwargs


def _check_units(layer, units, kwargs, keywords=('units', 'output_dim')):
    """A 0.x positional output size next to a Keras 1/2 keyword for the
    same thing: they must agree (the keyword is then dropped)."""
    for keyword in keywords:
        if keyword in kwargs:
            value = kwargs.pop(keyword)
            if value != units:
                raise ValueError(
                    '`%s`: the Keras 0.x positional output size %r '
                    '(`%s(input_dim, output_dim)`) disagrees with `%s=%r`. '
                    'Write the Keras 2 call `%s(%r)` instead.'
                    % (_name(layer), units, _name(layer), keyword, value,
                       _name(layer), value))


def _declare(kwargs, declared, converted, what, input_shape=None):
    """Hands the declared input size to the mechanism; `input_shape` (batch
    axis excluded) also becomes the layer's `input_shape`, which is the
    model's input when the layer comes first (Keras 2 ignores it
    elsewhere: the build-time check covers those layers)."""
    kwargs[DECLARED_INPUT] = declared
    if input_shape is not None and not {'input_shape', 'batch_input_shape',
                                        'input_dim'}.intersection(kwargs):
        kwargs['input_shape'] = tuple(input_shape)
    converted.append('the Keras 0.x %s is checked against the input when '
                     'the layer is built' % what)


def _set_channels_first(kwargs, converted):
    """The image layout implied by a 0.x spelling; returns the channel
    axis."""
    if 'dim_ordering' in kwargs or 'data_format' in kwargs:
        layout = kwargs.get('data_format', kwargs.get('dim_ordering'))
        return 1 if layout in ('th', 'channels_first') else -1
    kwargs['data_format'] = 'channels_first'
    converted.append(_CHANNELS_FIRST_NOTE)
    return 1


def mixed_size_error(layer, value, keyword, kwargs):
    """A single positional size next to the Keras 2 keyword it would fill:
    refused, with both readings spelled out."""
    return ValueError(
        '`%s` got the positional argument %r and `%s=%r`. Write either the '
        'Keras 2 call `%s(%r)` or the Keras 0.x call `%s(%r, %r)` '
        '(input size, then output size).'
        % (_name(layer), value, keyword, kwargs[keyword], _name(layer),
           kwargs[keyword], _name(layer), value, kwargs[keyword]))


def dense_args(args, kwargs):
    """`Dense(input_dim, output_dim, init, activation, weights, ...)`."""
    if len(args) == 2 and _is_int(args[1]) and 'units' in kwargs:
        raise mixed_size_error(args[0], args[1], 'units', kwargs)
    if len(args) < 3 or not (_is_int(args[1]) and _is_int(args[2])):
        return args, kwargs, []
    layer, input_dim, units = args[:3]
    _check_units(layer, units, kwargs)
    _extra_positional(layer, args[3:], (
        'init', 'activation', 'weights', 'W_regularizer', 'b_regularizer',
        'activity_regularizer', 'W_constraint', 'b_constraint'), kwargs)
    converted = [('units', 'output_dim')]
    _declare(kwargs, {-1: int(input_dim)}, converted,
             'input size %d' % input_dim, (int(input_dim),))
    return (layer, units), kwargs, converted


def conv2d_args(args, kwargs):
    """`Convolution2D(nb_filter, stack_size, nb_row, nb_col, init,
    activation, weights, image_shape, border_mode, subsample, ...)`."""
    if 'Conv2D' not in _classes(args[0]) or len(args) < 5 or \
            not all(_is_int(v) for v in args[1:5]):
        return args, kwargs, []
    layer, filters, stack_size, rows, cols = args[:5]
    _extra_positional(layer, args[5:], (
        'init', 'activation', 'weights', 'image_shape', 'border_mode',
        'subsample', 'W_regularizer', 'b_regularizer',
        'activity_regularizer', 'W_constraint', 'b_constraint'), kwargs)
    converted = [('kernel_size', 'stack_size/nb_row/nb_col')]
    if 'image_shape' in kwargs:
        kwargs.pop('image_shape')
        converted.append('`image_shape` is no longer used')
    axis = _set_channels_first(kwargs, converted)
    _declare(kwargs, {axis: int(stack_size)}, converted,
             'stack size %d' % stack_size)
    return (layer, filters, (rows, cols)), kwargs, converted


def conv1d_args(args, kwargs):
    """`Convolution1D(input_dim, nb_filter, filter_length, init, activation,
    weights, border_mode, subsample_length, ...)`: three positional integers
    (as Keras 2.3 reads three integers of `Conv2D` as Keras 1 kernel
    sizes); refused next to Keras 2 keywords, where they are ambiguous."""
    if 'Conv1D' not in _classes(args[0]) or len(args) < 4 or \
            not all(_is_int(v) for v in args[1:4]):
        return args, kwargs, []
    layer, input_dim, filters, length = args[:4]
    for keyword in ('padding', 'strides', 'data_format', 'dilation_rate'):
        if keyword in kwargs:
            raise ValueError(
                '`%s(%r, %r, %r, %s=...)`: three positional integers are '
                'the Keras 0.x `(input_dim, nb_filter, filter_length)`, '
                'which cannot be mixed with the Keras 2 keyword `%s`. Pass '
                '`kernel_size` and `strides` as keywords.'
                % (_name(layer), input_dim, filters, length, keyword,
                   keyword))
    _extra_positional(layer, args[4:], (
        'init', 'activation', 'weights', 'border_mode', 'subsample_length',
        'W_regularizer', 'b_regularizer', 'activity_regularizer',
        'W_constraint', 'b_constraint'), kwargs)
    converted = [('filters/kernel_size', 'nb_filter/filter_length')]
    _declare(kwargs, {-1: int(input_dim)}, converted,
             'input size %d' % input_dim, (None, int(input_dim)))
    return (layer, filters, length), kwargs, converted


_RECURRENT_EXTRAS = {
    'LSTM': ('init', 'inner_init', 'activation', 'inner_activation',
             'weights', 'truncate_gradient', 'return_sequences'),
    'GRU': ('init', 'inner_init', 'activation', 'inner_activation',
            'weights', 'truncate_gradient', 'return_sequences'),
    'SimpleRNN': ('init', 'inner_init', 'activation', 'weights',
                  'truncate_gradient', 'return_sequences'),
}


def recurrent_args(args, kwargs):
    """`LSTM(input_dim, output_dim, init, inner_init, activation,
    inner_activation, weights, truncate_gradient, return_sequences)`, and
    `GRU` / `SimpleRNN` alike."""
    # The 0.x classes themselves (the fork's recurrent layers, built on
    # them, have signatures of their own).
    family = [name for name in _RECURRENT_EXTRAS if name == _name(args[0])]
    if len(args) == 2 and _is_int(args[1]) and 'units' in kwargs and \
            family:
        raise mixed_size_error(args[0], args[1], 'units', kwargs)
    if not family or len(args) < 3 or \
            not (_is_int(args[1]) and _is_int(args[2])):
        return args, kwargs, []
    layer, input_dim, units = args[:3]
    _check_units(layer, units, kwargs)
    _extra_positional(layer, args[3:], _RECURRENT_EXTRAS[family[0]], kwargs)
    converted = [('units', 'output_dim')]
    if 'truncate_gradient' in kwargs:
        truncate = kwargs.pop('truncate_gradient')
        if truncate not in (-1, None):
            raise ValueError('`%s`: truncated backpropagation through time '
                             '(`truncate_gradient=%r`) is not supported; '
                             'use `truncate_gradient=-1` (full '
                             'backpropagation).' % (_name(layer), truncate))
        converted.append('`truncate_gradient=-1` is the Keras 2 behaviour')
    _declare(kwargs, {-1: int(input_dim)}, converted,
             'input size %d' % input_dim, (None, int(input_dim)))
    return (layer, units), kwargs, converted


def _same_size(a, b):
    """Whether two pool sizes / strides (ints or tuples) are equal."""
    a = tuple(a) if isinstance(a, (tuple, list)) else (a,)
    b = tuple(b) if isinstance(b, (tuple, list)) else (b,)
    if len(a) != len(b):
        a, b = (a * len(b), b) if len(a) == 1 else (a, b * len(a))
    return a == b


def _ignore_border(layer, kwargs, converted, pool, stride):
    """Theano's `ignore_border`: True -> `'valid'`; False keeps the partial
    windows at the end, which is `'same'` when the stride is the pool
    size."""
    if 'ignore_border' not in kwargs:
        return
    ignore = kwargs.pop('ignore_border')
    if 'border_mode' in kwargs or 'padding' in kwargs:
        raise TypeError('`%s` got both `ignore_border` and a padding.'
                        % _name(layer))
    if not ignore and stride is not None and not _same_size(stride, pool):
        raise ValueError('`%s(ignore_border=False)` with a stride %r other '
                         'than the pool size %r is not supported.'
                         % (_name(layer), stride, pool))
    kwargs['padding'] = 'valid' if ignore else 'same'
    converted.append(('padding', 'ignore_border'))


def pooling2d_args(args, kwargs):
    """`MaxPooling2D(poolsize=(2, 2), stride=None, ignore_border=True)`."""
    if not {'poolsize', 'stride', 'ignore_border'}.intersection(kwargs):
        return args, kwargs, []
    layer = args[0]
    converted = []
    for old, new in (('poolsize', 'pool_size'), ('stride', 'strides')):
        if old in kwargs:
            if new in kwargs:
                raise TypeError('`%s` got both `%s` and `%s`.'
                                % (_name(layer), old, new))
            kwargs[new] = kwargs.pop(old)
            converted.append((new, old))
    pool = kwargs.get('pool_size', args[1] if len(args) > 1 else (2, 2))
    _ignore_border(layer, kwargs, converted, pool, kwargs.get('strides'))
    _set_channels_first(kwargs, converted)
    return args, kwargs, converted


def pooling1d_args(args, kwargs):
    """`MaxPooling1D(pool_length=2, stride=None, ignore_border=True)`."""
    converted = []
    pool = kwargs.get('pool_size', kwargs.get(
        'pool_length', args[1] if len(args) > 1 else 2))
    stride = kwargs.get('strides', kwargs.get('stride'))
    _ignore_border(args[0], kwargs, converted, pool, stride)
    return args, kwargs, converted


def batchnorm_args(args, kwargs):
    """`BatchNormalization(input_shape, epsilon, mode, momentum,
    weights)`."""
    if len(args) < 2 or not _is_shape(args[1]):
        return args, kwargs, []
    layer, shape = args[:2]
    _extra_positional(layer, args[2:],
                      ('epsilon', 'mode', 'momentum', 'weights'), kwargs)
    converted = []
    _declare(kwargs, {'shape': tuple(shape)}, converted,
             'input shape %s' % (tuple(shape),), shape)
    return (layer,), kwargs, converted


def prelu_args(args, kwargs):
    """`PReLU(input_shape, init='zero', weights=None)`."""
    if len(args) < 2 or not _is_shape(args[1]):
        return args, kwargs, []
    layer, shape = args[:2]
    _extra_positional(layer, args[2:], ('init', 'weights'), kwargs)
    converted = []
    _declare(kwargs, {'shape': tuple(shape)}, converted,
             'input shape %s' % (tuple(shape),), shape)
    return (layer,), kwargs, converted


def reshape_args(args, kwargs):
    """`Reshape(*dims)` (Keras 0.x) and `Reshape(dims=...)` (Keras 1)."""
    if 'dims' in kwargs:
        if 'target_shape' in kwargs or len(args) > 1:
            raise TypeError('`Reshape` got both `dims` and `target_shape`.')
        kwargs['target_shape'] = tuple(kwargs.pop('dims'))
        return args, kwargs, [('target_shape', 'dims')]
    if len(args) >= 2 and all(_is_int(v) for v in args[1:]):
        return (args[0], tuple(args[1:])), kwargs, [('target_shape',
                                                     '*dims')]
    return args, kwargs, []


def check_declared(layer, declared, input_shapes):
    """Raises a ValueError when the real input disagrees with the input size
    a Keras 0.x constructor declared.

    # Arguments
        layer: the layer being built.
        declared: `{axis: size}` or `{'shape': shape}`.
        input_shapes: list of the input shapes (batch axis included).
    """
    if not input_shapes:
        return
    shape = tuple(input_shapes[0])
    for axis, size in declared.items():
        if axis == 'shape':
            real = shape[1:]
            ok = len(real) == len(size) and all(
                r is None or d is None or r == d for r, d in zip(real, size))
            what = 'input shape %s' % (tuple(size),)
            found = 'input shape %s' % (real,)
        else:
            real = shape[axis] if -len(shape) <= axis < len(shape) else None
            ok = real is None or real == size
            what = 'input size %d on axis %d' % (size, axis)
            found = 'size %s on that axis' % (real,)
        if not ok:
            raise ValueError(
                'Layer "%s" (%s): the Keras 0.x constructor declared an %s, '
                'but the real input has %s (full input shape %s).'
                % (layer.name, _name(layer), what, found, shape))


def _add_accuracy_metric(model):
    """Recompiles `model` with the 'accuracy' metric added (what Keras 0.x
    `show_accuracy=True` reported)."""
    compile_args = getattr(model, '_compile_args', None)
    if compile_args is None or getattr(model, 'optimizer', None) is None:
        raise RuntimeError('`show_accuracy=True`: the model must be compiled '
                           'first (`compile(optimizer, loss)`).')
    metrics = compile_args.get('metrics') or []
    if isinstance(metrics, dict):
        raise ValueError('`show_accuracy=True` cannot extend per-output '
                         'metrics %r: compile the model with the metrics '
                         'you want instead.' % (metrics,))
    if any(m in ('acc', 'accuracy') for m in metrics):
        return
    new_args = dict(compile_args)
    new_args['metrics'] = list(metrics) + ['accuracy']
    model.compile(model.optimizer, **new_args)


def show_accuracy_args(args, kwargs):
    """`fit(..., show_accuracy=True)` / `evaluate(..., show_accuracy=True)`
    of Keras 0.x: the model gets the 'accuracy' metric (as if compiled with
    `metrics=['accuracy']`), so the logs and `evaluate` report it."""
    if 'show_accuracy' not in kwargs:
        return args, kwargs, []
    if kwargs.pop('show_accuracy'):
        _add_accuracy_metric(args[0])
        return args, kwargs, ['`show_accuracy=True` is `compile(..., '
                              'metrics=["accuracy"])` in Keras 2']
    return args, kwargs, ['`show_accuracy=False` is no longer needed']
