"""Keras 1 conversions that are more than renames (the preprocessors of
`keras.legacy.interfaces`).

Each preprocessor takes `(args, kwargs)` of the decorated call (`args[0]`
is `self`) and returns `(args, kwargs, converted)`, where `converted` lists
`(new_name, old_name)` pairs and notes (strings) for the single warning.
"""
import itertools

from . import _keras0_args as keras0

__all__ = ['raise_duplicate_arg_error', 'conv1d_args_preprocessor',
           'conv2d_args_preprocessor', 'conv3d_args_preprocessor',
           'separable_conv2d_args_preprocessor',
           'deconv2d_args_preprocessor', 'convlstm2d_args_preprocessor',
           'batchnorm_args_preprocessor', 'embedding_kwargs_preprocessor',
           'zeropadding2d_args_preprocessor', 'recurrent_args_preprocessor',
           'generator_methods_args_preprocessor',
           'evaluate_generator_args_preprocessor',
           'add_weight_args_preprocessing', 'get_updates_arg_preprocessing']


def raise_duplicate_arg_error(old_arg, new_arg):
    """Raises a TypeError for an argument given in both spellings."""
    raise TypeError('For the `' + new_arg + '` argument, the layer received '
                    'both the legacy keyword argument `' + old_arg + '` and '
                    'the Keras 2 keyword argument `' + new_arg + '`. '
                    'Stick to the latter!')


def _pop_input_dim(kwargs, converted):
    """`input_dim` (+ `input_length`) of Keras 1 -> `input_shape`."""
    if 'input_dim' in kwargs:
        length = kwargs.pop('input_length', None)
        kwargs['input_shape'] = (length, kwargs.pop('input_dim'))
        converted.append(('input_shape', 'input_dim'))


def _forget_bias_init(kwargs, converted):
    """`forget_bias_init='one'` of Keras 1 -> `unit_forget_bias=True`."""
    if 'forget_bias_init' in kwargs:
        value = kwargs.pop('forget_bias_init')
        if value == 'one':
            kwargs['unit_forget_bias'] = True
            converted.append(('unit_forget_bias', 'forget_bias_init'))
        else:
            converted.append('`forget_bias_init=%r` is ignored: use '
                             '`unit_forget_bias=True` to initialize the '
                             'forget gate bias with ones' % (value,))


def conv1d_args_preprocessor(args, kwargs):
    """Keras 0.x `Convolution1D(input_dim, nb_filter, filter_length)`, and
    `input_dim`/`input_length` of Keras 1 -> `input_shape`."""
    args, kwargs, converted = keras0.conv1d_args(args, kwargs)
    if not converted:
        _pop_input_dim(kwargs, converted)
    return args, kwargs, converted


def _fold_kernel_dims(args, kwargs, names, label):
    """Folds Keras 1 per-axis kernel sizes (trailing positional integers
    and/or the keywords `names`, in axis order) into `kernel_size`.

    `args` is `(self, filters, ...)`.
    """
    rank = len(names)
    args = list(args)
    if len(args) > 2 + rank:
        raise TypeError('Layer can receive at most %d positional arguments.'
                        % (rank + 1))
    positional = args[2:]
    missing = names[len(positional):]
    if not all(isinstance(v, int) for v in positional):
        return tuple(args), kwargs, []
    if not missing and len(positional) < 2:
        return tuple(args), kwargs, []
    if not all(name in kwargs for name in missing):
        return tuple(args), kwargs, []
    if len(positional) >= 2:
        for keyword in ('padding', 'strides', 'data_format'):
            if keyword in kwargs:
                raise ValueError(
                    'It seems that you are using the Keras 2 API and you are '
                    'passing both `kernel_size` and `strides` as integer '
                    'positional arguments. For safety reasons, this is '
                    'disallowed. Pass `strides` as a keyword argument '
                    'instead.')
    kernel_size = tuple(positional) + tuple(kwargs.pop(name) for name in missing)
    if len(args) >= 2:
        args = args[:2] + [kernel_size]
    else:
        kwargs['kernel_size'] = kernel_size
    return tuple(args), kwargs, [('kernel_size', label)]


def conv2d_args_preprocessor(args, kwargs):
    """Keras 0.x `Convolution2D(nb_filter, stack_size, nb_row, nb_col)` and
    Keras 1 `Convolution2D(nb_filter, nb_row, nb_col)` -> `kernel_size`."""
    args, kwargs, converted = keras0.conv2d_args(args, kwargs)
    if converted:
        return args, kwargs, converted
    return _fold_kernel_dims(args, kwargs, ('nb_row', 'nb_col'),
                             'nb_row/nb_col')


def conv3d_args_preprocessor(args, kwargs):
    """Keras 1 `Convolution3D(nb_filter, kernel_dim1, kernel_dim2,
    kernel_dim3)` -> `kernel_size`."""
    return _fold_kernel_dims(args, kwargs,
                             ('kernel_dim1', 'kernel_dim2', 'kernel_dim3'),
                             'kernel_dim*')


def separable_conv2d_args_preprocessor(args, kwargs):
    """Keras 1 `init` -> both `depthwise_initializer` and
    `pointwise_initializer`, then the Convolution2D conversions."""
    converted = []
    if 'init' in kwargs:
        init = kwargs.pop('init')
        kwargs['depthwise_initializer'] = init
        kwargs['pointwise_initializer'] = init
        converted.append(('depthwise_initializer/pointwise_initializer',
                          'init'))
    args, kwargs, more = conv2d_args_preprocessor(args, kwargs)
    return args, kwargs, converted + more


def deconv2d_args_preprocessor(args, kwargs):
    """Drops the Keras 1 `output_shape` of Deconvolution2D (now inferred),
    then the Convolution2D conversions."""
    converted = []
    if len(args) == 5 and isinstance(args[4], tuple):
        args = args[:-1]
        converted.append(('output_shape', None))
    if 'output_shape' in kwargs:
        kwargs.pop('output_shape')
        converted.append(('output_shape', None))
    args, kwargs, more = conv2d_args_preprocessor(args, kwargs)
    return args, kwargs, converted + more


def convlstm2d_args_preprocessor(args, kwargs):
    """`forget_bias_init` and the Convolution2D conversions."""
    converted = []
    _forget_bias_init(kwargs, converted)
    args, kwargs, more = conv2d_args_preprocessor(args, kwargs)
    return args, kwargs, converted + more


def batchnorm_args_preprocessor(args, kwargs):
    """Keras 0.x `BatchNormalization(input_shape, epsilon, mode, momentum,
    weights)`; otherwise positional arguments are ambiguous (Keras 1 took
    `epsilon` first) and refused. (`mode` is kept: this fork's
    BatchNormalization still implements modes 0, 1 and 2.)"""
    args, kwargs, converted = keras0.batchnorm_args(args, kwargs)
    if converted:
        return args, kwargs, converted
    if len(args) > 1:
        raise TypeError('The `BatchNormalization` layer does not accept '
                        'positional arguments. Use keyword arguments '
                        'instead.')
    return args, kwargs, []


def embedding_kwargs_preprocessor(args, kwargs):
    """Drops the Keras 1 `dropout` argument of Embedding."""
    converted = []
    if 'dropout' in kwargs:
        kwargs.pop('dropout')
        converted.append('`dropout` is no longer supported in `Embedding`: '
                         'apply a `SpatialDropout1D` layer right after it '
                         'to get the same behavior')
    return args, kwargs, converted


def zeropadding2d_args_preprocessor(args, kwargs):
    """Keras 1 dict padding `{'top_pad': ..}` -> `((top, bottom),
    (left, right))`."""
    keys = {'top_pad', 'bottom_pad', 'left_pad', 'right_pad'}
    converted = []

    def convert(padding):
        if isinstance(padding, dict) and set(padding.keys()) <= keys:
            converted.append(('padding', 'padding (dict)'))
            return ((padding.get('top_pad', 0), padding.get('bottom_pad', 0)),
                    (padding.get('left_pad', 0), padding.get('right_pad', 0)))
        return padding

    if 'padding' in kwargs:
        kwargs['padding'] = convert(kwargs['padding'])
    elif len(args) == 2:
        args = (args[0], convert(args[1]))
    return args, kwargs, converted


def recurrent_args_preprocessor(args, kwargs):
    """Keras 0.x `LSTM(input_dim, output_dim, ...)` / `GRU` / `SimpleRNN`;
    Keras 1 `forget_bias_init`, `input_dim` / `input_length`; drops the
    fork's obsolete `recurrent1_*` / `bias1_*` arguments."""
    args, kwargs, converted = keras0.recurrent_args(args, kwargs)
    _forget_bias_init(kwargs, converted)
    if 'input_dim' in kwargs:
        _pop_input_dim(kwargs, converted)
    for key in [k for k in kwargs
                if k.startswith('recurrent1_') or k.startswith('bias1_')]:
        kwargs.pop(key)
        converted.append('`%s` is no longer used' % key)
    return args, kwargs, converted


def _batch_samples(batch):
    """Number of samples in one generated batch `(x, y[, w])` (or `x`)."""
    x = batch[0] if isinstance(batch, tuple) else batch
    if isinstance(x, dict):
        x = next(iter(x.values()))
    elif isinstance(x, (list, tuple)):
        x = x[0]
    return len(x)


def _peek_batch_size(generator):
    """`(batch_size, generator)`: the size of the generator's batches, and a
    generator that still yields every batch (the first one was drawn to
    learn the size, unless the object tells its `batch_size` or is a
    `Sequence`)."""
    batch_size = getattr(generator, 'batch_size', None)
    if batch_size:
        return int(batch_size), generator
    if hasattr(generator, '__getitem__') and hasattr(generator, '__len__'):
        return _batch_samples(generator[0]), generator
    iterator = iter(generator)
    first = next(iterator)
    return _batch_samples(first), itertools.chain([first], iterator)


def _samples_to_steps(samples, generator, name):
    """Batches needed to see `samples` samples (Keras 1 drew batches until
    it had seen at least that many)."""
    batch_size, generator = _peek_batch_size(generator)
    if batch_size <= 0:
        raise ValueError('`%s`: the generator yielded an empty batch.' % name)
    return -(-int(samples) // batch_size), generator


def _samples_argument(args, kwargs, old, new, position, converted):
    """Replaces the Keras 1 sample count `old` by the Keras 2 step count
    `new`; the generator is `args[position]` (or the `generator` /
    `validation_data` keyword). Returns the new args."""
    if old not in kwargs:
        return args
    if new in kwargs:
        raise_duplicate_arg_error(old, new)
    args = list(args)
    key = 'generator' if position == 1 else 'validation_data'
    if len(args) > position:
        steps, args[position] = _samples_to_steps(kwargs.pop(old),
                                                  args[position], old)
    elif key in kwargs:
        steps, kwargs[key] = _samples_to_steps(kwargs.pop(old), kwargs[key],
                                               old)
    else:
        return tuple(args)
    kwargs[new] = steps
    converted.append((new, old))
    converted.append('`%s` counts batches, not samples' % new)
    return tuple(args)


def generator_methods_args_preprocessor(args, kwargs):
    """Keras 1 `fit_generator(generator, samples_per_epoch, nb_epoch,
    validation_data, nb_val_samples)`: the sample counts become the Keras 2
    step counts (batches), learning the batch size from the generators."""
    converted = []
    args = _samples_argument(args, kwargs, 'samples_per_epoch',
                             'steps_per_epoch', 1, converted)
    if 'nb_val_samples' in kwargs:
        validation = (args[6] if len(args) > 6
                      else kwargs.get('validation_data'))
        if validation is None or isinstance(validation, (tuple, list)):
            # Arrays (or no validation): the count is not needed.
            kwargs.pop('nb_val_samples')
            converted.append('`nb_val_samples` is not needed with array '
                             'validation data')
        else:
            args = _samples_argument(args, kwargs, 'nb_val_samples',
                                     'validation_steps', 6, converted)
    return args, kwargs, converted


def evaluate_generator_args_preprocessor(args, kwargs):
    """Keras 1 `evaluate_generator(generator, val_samples)` /
    `predict_generator(generator, val_samples)` -> `steps` (batches)."""
    converted = []
    args = _samples_argument(args, kwargs, 'val_samples', 'steps', 1,
                             converted)
    return args, kwargs, converted


def add_weight_args_preprocessing(args, kwargs):
    """Keras 2.0 `add_weight(shape, name)` positional order ->
    keywords."""
    if len(args) > 1 and isinstance(args[1], (tuple, list)):
        kwargs['shape'] = args[1]
        args = (args[0],) + tuple(args[2:])
        if len(args) > 1 and isinstance(args[1], str):
            kwargs['name'] = args[1]
            args = (args[0],) + tuple(args[2:])
        return args, kwargs, ['`shape` comes after `name`: pass both as '
                              'keywords']
    return args, kwargs, []


def get_updates_arg_preprocessing(args, kwargs):
    """Keras 1 / 2.0 `get_updates(params, constraints, loss)` ->
    `get_updates(loss, params)` (constraints now live on the variables)."""
    if len(args) > 4:
        raise TypeError('`get_updates` call received more arguments '
                        'than expected.')
    converted = []
    if 'constraints' in kwargs:
        kwargs.pop('constraints')
        converted.append('constraints are read from the variables')
    if len(args) == 4:
        opt, params, _, loss = args
        kwargs['loss'] = loss
        kwargs['params'] = params
        return [opt], kwargs, ['constraints are read from the variables']
    if len(args) == 3 and isinstance(args[1], (list, tuple)):
        if not isinstance(args[2], dict) or 'loss' not in kwargs:
            raise TypeError('`get_updates` expects `(loss, params)` or the '
                            'Keras 1 form `(params, constraints, loss)`.')
        opt, params, _ = args
        kwargs['params'] = params
        return [opt], kwargs, ['constraints are read from the variables']
    if len(args) == 2 and isinstance(args[1], (list, tuple)) and \
            'loss' in kwargs and 'params' not in kwargs:
        kwargs['params'] = args[1]
        return [args[0]], kwargs, converted or ['`params` comes second']
    return args, kwargs, converted
