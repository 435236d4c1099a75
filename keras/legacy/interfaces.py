"""Conversion of Keras 1 call signatures to the Keras 2 API.

Each `legacy_*_support` object is a decorator for a constructor (or a
method). It renames Keras 1 keyword arguments (`output_dim` -> `units`,
`border_mode` -> `padding`, ...), converts old values (`dim_ordering='th'`
-> `data_format='channels_first'`), and warns with the Keras 2 call the user
should write instead.
"""
from __future__ import absolute_import
from __future__ import division
from __future__ import print_function

import functools
import warnings

import numpy as np

_DIM_ORDERING = {'dim_ordering': {'tf': 'channels_last',
                                  'th': 'channels_first',
                                  'default': None}}


def raise_duplicate_arg_error(old_arg, new_arg):
    """Raises a TypeError for an argument given in both spellings."""
    raise TypeError('For the `' + new_arg + '` argument, the layer received '
                    'both the legacy keyword argument `' + old_arg + '` and '
                    'the Keras 2 keyword argument `' + new_arg + '`. '
                    'Stick to the latter!')


def _short_repr(value):
    """Short, readable rendering of an argument value for the warning."""
    if isinstance(value, str):
        return '"' + value + '"'
    if isinstance(value, np.ndarray):
        return 'array'
    text = str(value)
    if len(text) > 10:
        text = text[:10] + '...'
    return text


def _keras2_signature(object_name, args, kwargs):
    """The call as it should be written with the Keras 2 API."""
    parts = [_short_repr(value) for value in args]
    parts += [name + '=' + _short_repr(value) for name, value in kwargs.items()]
    return '`' + object_name + '(' + ', '.join(parts) + ')`'


def generate_legacy_interface(allowed_positional_args=None,
                              conversions=None,
                              preprocessor=None,
                              value_conversions=None,
                              object_type='class'):
    """Builds a decorator that converts Keras 1 arguments to Keras 2 ones.

    # Arguments
        allowed_positional_args: list of the argument names that may be
            given positionally (after `self`), or None for no check.
        conversions: list of `(old_name, new_name)` keyword renames.
        preprocessor: optional function `(args, kwargs) -> (args, kwargs,
            converted)` run first, for conversions that are not renames.
        value_conversions: dict `{old_name: {old_value: new_value}}`,
            applied before the renames.
        object_type: `'class'` (decorating `__init__`: the warning names
            the class) or `'method'` (the warning names the method).

    # Returns
        A decorator.
    """
    check_positional = allowed_positional_args is not None
    allowed_positional_args = list(allowed_positional_args or [])
    conversions = list(conversions or [])
    value_conversions = dict(value_conversions or {})

    def legacy_support(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            if object_type == 'class':
                object_name = args[0].__class__.__name__
            else:
                object_name = func.__name__
            if preprocessor:
                args, kwargs, converted = preprocessor(args, kwargs)
            else:
                converted = []
            if check_positional and len(args) > len(allowed_positional_args) + 1:
                raise TypeError('`' + object_name + '` can accept only ' +
                                str(len(allowed_positional_args)) +
                                ' positional arguments ' +
                                str(tuple(allowed_positional_args)) +
                                ', but you passed the following '
                                'positional arguments: ' + str(list(args[1:])))
            for key, mapping in value_conversions.items():
                if key in kwargs:
                    old_value = kwargs[key]
                    try:
                        if old_value in mapping:
                            kwargs[key] = mapping[old_value]
                    except TypeError:  # unhashable value: leave it alone
                        pass
            for old_name, new_name in conversions:
                if old_name in kwargs:
                    value = kwargs.pop(old_name)
                    if new_name in kwargs:
                        raise_duplicate_arg_error(old_name, new_name)
                    kwargs[new_name] = value
                    converted.append((new_name, old_name))
            if converted:
                warnings.warn('Update your `' + object_name + '` call to the '
                              'Keras 2 API: ' +
                              _keras2_signature(object_name, args[1:], kwargs),
                              stacklevel=2)
            return func(*args, **kwargs)
        wrapper._original_function = func
        return wrapper
    return legacy_support


generate_legacy_method_interface = functools.partial(generate_legacy_interface,
                                                     object_type='method')


# --------------------------------------------------------------------------
# Preprocessors: conversions that are more than a rename.
# --------------------------------------------------------------------------

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
            warnings.warn('The `forget_bias_init` argument has been ignored. '
                          'Use `unit_forget_bias=True` instead to initialize '
                          'with ones.', stacklevel=4)


def conv1d_args_preprocessor(args, kwargs):
    """`input_dim`/`input_length` of Keras 1 Convolution1D -> `input_shape`."""
    converted = []
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
    """Keras 1 `Convolution2D(nb_filter, nb_row, nb_col)` -> `kernel_size`."""
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
    """Keras 1 BatchNormalization took `epsilon` first: positional
    arguments are ambiguous and refused. (`mode` is kept: this fork's
    BatchNormalization still implements modes 0, 1 and 2.)"""
    if len(args) > 1:
        raise TypeError('The `BatchNormalization` layer does not accept '
                        'positional arguments. Use keyword arguments '
                        'instead.')
    return args, kwargs, []


def embedding_kwargs_preprocessor(args, kwargs):
    """Drops the Keras 1 `dropout` argument of Embedding."""
    if 'dropout' in kwargs:
        kwargs.pop('dropout')
        warnings.warn('The `dropout` argument is no longer support in '
                      '`Embedding`. You can apply a '
                      '`keras.layers.SpatialDropout1D` layer right after the '
                      '`Embedding` layer to get the same behavior.',
                      stacklevel=3)
    return args, kwargs, []


def zeropadding2d_args_preprocessor(args, kwargs):
    """Keras 1 dict padding `{'top_pad': ..}` -> `((top, bottom),
    (left, right))`."""
    keys = {'top_pad', 'bottom_pad', 'left_pad', 'right_pad'}

    def convert(padding):
        if isinstance(padding, dict) and set(padding.keys()) <= keys:
            warnings.warn('The `padding` argument in the Keras 2 API no '
                          'longer accepts dict types. You can now input '
                          'argument as: `padding=((top_pad, bottom_pad), '
                          '(left_pad, right_pad))`.', stacklevel=4)
            return ((padding.get('top_pad', 0), padding.get('bottom_pad', 0)),
                    (padding.get('left_pad', 0), padding.get('right_pad', 0)))
        return padding

    if 'padding' in kwargs:
        kwargs['padding'] = convert(kwargs['padding'])
    elif len(args) == 2:
        args = (args[0], convert(args[1]))
    return args, kwargs, []


def recurrent_args_preprocessor(args, kwargs):
    """Keras 1 recurrent arguments: `forget_bias_init`, `input_dim` /
    `input_length`; drops the fork's obsolete `recurrent1_*` / `bias1_*`
    arguments."""
    converted = []
    _forget_bias_init(kwargs, converted)
    if 'input_dim' in kwargs:
        _pop_input_dim(kwargs, converted)
        warnings.warn('The `input_dim` and `input_length` arguments in '
                      'recurrent layers are deprecated. Use `input_shape` '
                      'instead.', stacklevel=3)
    for key in [k for k in kwargs
                if k.startswith('recurrent1_') or k.startswith('bias1_')]:
        kwargs.pop(key)
        converted.append((None, key))
    return args, kwargs, converted


def generator_methods_args_preprocessor(args, kwargs):
    """Keras 1 `samples_per_epoch` -> `steps_per_epoch` (in batches)."""
    converted = []
    if len(args) < 3 and 'samples_per_epoch' in kwargs:
        samples_per_epoch = kwargs.pop('samples_per_epoch')
        generator = args[1] if len(args) > 1 else kwargs.get('generator')
        batch_size = getattr(generator, 'batch_size', None)
        if batch_size:
            kwargs['steps_per_epoch'] = samples_per_epoch // batch_size
        else:
            kwargs['steps_per_epoch'] = samples_per_epoch
        converted.append(('steps_per_epoch', 'samples_per_epoch'))
    keras1_args = {'samples_per_epoch', 'val_samples', 'nb_epoch',
                   'nb_val_samples', 'nb_worker'}
    if keras1_args.intersection(kwargs.keys()):
        warnings.warn('The semantics of the Keras 2 argument '
                      '`steps_per_epoch` is not the same as the Keras 1 '
                      'argument `samples_per_epoch`. `steps_per_epoch` is the '
                      'number of batches to draw from the generator at each '
                      'epoch. Basically steps_per_epoch = '
                      'samples_per_epoch/batch_size. Similarly '
                      '`nb_val_samples`->`validation_steps` and '
                      '`val_samples`->`steps` arguments have changed. Update '
                      'your method calls accordingly.', stacklevel=3)
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
    return args, kwargs, []


def get_updates_arg_preprocessing(args, kwargs):
    """Keras 1 `get_updates(params, constraints, loss)` -> `(loss, params)`."""
    if len(args) > 4:
        raise TypeError('`get_update` call received more arguments '
                        'than expected.')
    if len(args) == 4:
        opt, params, _, loss = args
        kwargs['loss'] = loss
        kwargs['params'] = params
        return [opt], kwargs, []
    if len(args) == 3 and isinstance(args[1], (list, tuple)):
        if not isinstance(args[2], dict) or 'loss' not in kwargs:
            raise TypeError('`get_updates` expects `(loss, params)` or the '
                            'Keras 1 form `(params, constraints, loss)`.')
        opt, params, _ = args
        kwargs['params'] = params
        return [opt], kwargs, []
    return args, kwargs, []


# --------------------------------------------------------------------------
# The decorators.
# --------------------------------------------------------------------------

_CONV_RENAMES = [('init', 'kernel_initializer'),
                 ('W_regularizer', 'kernel_regularizer'),
                 ('b_regularizer', 'bias_regularizer'),
                 ('W_constraint', 'kernel_constraint'),
                 ('b_constraint', 'bias_constraint'),
                 ('bias', 'use_bias')]
_CONVND_RENAMES = ([('nb_filter', 'filters'),
                    ('subsample', 'strides'),
                    ('border_mode', 'padding'),
                    ('dim_ordering', 'data_format')] + _CONV_RENAMES)


def _nd_interface(positional, conversions, preprocessor=None):
    return generate_legacy_interface(allowed_positional_args=positional,
                                     conversions=conversions,
                                     preprocessor=preprocessor,
                                     value_conversions=_DIM_ORDERING)


legacy_dense_support = generate_legacy_interface(
    allowed_positional_args=['units'],
    conversions=[('output_dim', 'units')] + _CONV_RENAMES)

legacy_dropout_support = generate_legacy_interface(
    allowed_positional_args=['rate', 'noise_shape', 'seed'],
    conversions=[('p', 'rate')])

legacy_embedding_support = generate_legacy_interface(
    allowed_positional_args=['input_dim', 'output_dim'],
    conversions=[('init', 'embeddings_initializer'),
                 ('W_regularizer', 'embeddings_regularizer'),
                 ('W_constraint', 'embeddings_constraint')],
    preprocessor=embedding_kwargs_preprocessor)

legacy_pooling1d_support = generate_legacy_interface(
    allowed_positional_args=['pool_size', 'strides', 'padding'],
    conversions=[('pool_length', 'pool_size'),
                 ('stride', 'strides'),
                 ('border_mode', 'padding')])

legacy_prelu_support = generate_legacy_interface(
    allowed_positional_args=['alpha_initializer'],
    conversions=[('init', 'alpha_initializer')])

legacy_gaussiannoise_support = generate_legacy_interface(
    allowed_positional_args=['stddev'],
    conversions=[('sigma', 'stddev')])

legacy_gaussiandropout_support = generate_legacy_interface(
    allowed_positional_args=['rate'],
    conversions=[('p', 'rate')])

legacy_recurrent_support = generate_legacy_interface(
    allowed_positional_args=['units'],
    conversions=[('output_dim', 'units'),
                 ('att_dim', 'att_units'),
                 ('init', 'kernel_initializer'),
                 ('inner_init', 'recurrent_initializer'),
                 ('init_att', 'attention_context_initializer'),
                 ('inner_activation', 'recurrent_activation'),
                 ('W_regularizer', 'kernel_regularizer'),
                 ('b_regularizer', 'bias_regularizer'),
                 ('U_regularizer', 'recurrent_regularizer'),
                 ('V_regularizer', 'conditional_regularizer'),
                 ('wa_regularizer', 'attention_context_wa_regularizer'),
                 ('Wa_regularizer', 'attention_context_regularizer'),
                 ('Ua_regularizer', 'attention_recurrent_regularizer'),
                 ('ba_regularizer', 'bias_ba_regularizer'),
                 ('dropout_W', 'dropout'),
                 ('dropout_U', 'recurrent_dropout'),
                 ('dropout_V', 'conditional_dropout'),
                 ('dropout_Wa', 'attention_dropout'),
                 ('consume_less', 'implementation')],
    value_conversions={'consume_less': {'cpu': 0, 'mem': 1, 'gpu': 2}},
    preprocessor=recurrent_args_preprocessor)

legacy_conv1d_support = generate_legacy_interface(
    allowed_positional_args=['filters', 'kernel_size'],
    conversions=[('nb_filter', 'filters'),
                 ('filter_length', 'kernel_size'),
                 ('subsample_length', 'strides'),
                 ('border_mode', 'padding')] + _CONV_RENAMES,
    preprocessor=conv1d_args_preprocessor)

legacy_conv2d_support = _nd_interface(['filters', 'kernel_size'],
                                      _CONVND_RENAMES,
                                      conv2d_args_preprocessor)

legacy_deconv2d_support = _nd_interface(['filters', 'kernel_size'],
                                        _CONVND_RENAMES,
                                        deconv2d_args_preprocessor)

legacy_conv3d_support = _nd_interface(['filters', 'kernel_size'],
                                      _CONVND_RENAMES,
                                      conv3d_args_preprocessor)

legacy_separable_conv2d_support = _nd_interface(
    ['filters', 'kernel_size'],
    [('nb_filter', 'filters'),
     ('subsample', 'strides'),
     ('border_mode', 'padding'),
     ('dim_ordering', 'data_format'),
     ('b_regularizer', 'bias_regularizer'),
     ('b_constraint', 'bias_constraint'),
     ('bias', 'use_bias')],
    separable_conv2d_args_preprocessor)

legacy_convlstm2d_support = _nd_interface(
    ['filters', 'kernel_size'],
    [('nb_filter', 'filters'),
     ('subsample', 'strides'),
     ('border_mode', 'padding'),
     ('dim_ordering', 'data_format'),
     ('init', 'kernel_initializer'),
     ('inner_init', 'recurrent_initializer'),
     ('W_regularizer', 'kernel_regularizer'),
     ('U_regularizer', 'recurrent_regularizer'),
     ('b_regularizer', 'bias_regularizer'),
     ('inner_activation', 'recurrent_activation'),
     ('dropout_W', 'dropout'),
     ('dropout_U', 'recurrent_dropout'),
     ('bias', 'use_bias')],
    convlstm2d_args_preprocessor)

legacy_pooling2d_support = _nd_interface(
    ['pool_size', 'strides', 'padding'],
    [('border_mode', 'padding'), ('dim_ordering', 'data_format')])

legacy_pooling3d_support = _nd_interface(
    ['pool_size', 'strides', 'padding'],
    [('border_mode', 'padding'), ('dim_ordering', 'data_format')])

legacy_global_pooling_support = _nd_interface(
    None, [('dim_ordering', 'data_format')])

legacy_upsampling1d_support = generate_legacy_interface(
    allowed_positional_args=['size'],
    conversions=[('length', 'size')])

legacy_upsampling2d_support = _nd_interface(
    ['size'], [('dim_ordering', 'data_format')])

legacy_upsampling3d_support = _nd_interface(
    ['size'], [('dim_ordering', 'data_format')])

legacy_zeropadding2d_support = _nd_interface(
    ['padding'], [('dim_ordering', 'data_format')],
    zeropadding2d_args_preprocessor)

legacy_zeropadding3d_support = _nd_interface(
    ['padding'], [('dim_ordering', 'data_format')])

legacy_cropping2d_support = _nd_interface(
    ['cropping'], [('dim_ordering', 'data_format')])

legacy_cropping3d_support = _nd_interface(
    ['cropping'], [('dim_ordering', 'data_format')])

legacy_spatialdropout1d_support = generate_legacy_interface(
    allowed_positional_args=['rate'],
    conversions=[('p', 'rate')])

legacy_spatialdropoutNd_support = _nd_interface(
    ['rate'], [('p', 'rate'), ('dim_ordering', 'data_format')])

legacy_lambda_support = generate_legacy_interface(
    allowed_positional_args=['function', 'output_shape'])

legacy_batchnorm_support = generate_legacy_interface(
    allowed_positional_args=[],
    conversions=[('beta_init', 'beta_initializer'),
                 ('gamma_init', 'gamma_initializer')],
    preprocessor=batchnorm_args_preprocessor)

legacy_input_support = generate_legacy_interface(
    allowed_positional_args=None,
    conversions=[('input_dtype', 'dtype')])

legacy_model_constructor_support = generate_legacy_interface(
    allowed_positional_args=None,
    conversions=[('input', 'inputs'), ('output', 'outputs')])

legacy_add_weight_support = generate_legacy_interface(
    allowed_positional_args=['name', 'shape'],
    preprocessor=add_weight_args_preprocessing)

legacy_get_updates_support = generate_legacy_interface(
    allowed_positional_args=None,
    conversions=[],
    preprocessor=get_updates_arg_preprocessing,
    object_type='method')

legacy_generator_methods_support = generate_legacy_method_interface(
    allowed_positional_args=['generator', 'steps_per_epoch', 'epochs'],
    conversions=[('samples_per_epoch', 'steps_per_epoch'),
                 ('val_samples', 'steps'),
                 ('nb_epoch', 'epochs'),
                 ('nb_val_samples', 'validation_steps'),
                 ('nb_worker', 'workers'),
                 ('pickle_safe', 'use_multiprocessing'),
                 ('max_q_size', 'max_queue_size')],
    preprocessor=generator_methods_args_preprocessor)


# --------------------------------------------------------------------------
# keras-utility-layer-collection (kulc) spellings.
# --------------------------------------------------------------------------

def multi_head_attention_args_preprocessor(args, kwargs):
    """kulc's `MultiHeadAttention(h, d_k=None, d_v=None, d_model=None,
    activation=None, ...)` -> the fork's `MultiHeadAttention(n_heads,
    dmodel, ...)`: `h` -> `n_heads`, `d_model` -> `dmodel` (None: the keys'
    size), and the activation defaults to linear, as kulc's did. A call
    that gives neither `dmodel` nor kulc's names positionally is kulc's."""
    converted = []
    kulc = 'h' in kwargs or 'd_model' in kwargs or \
        (len(args) < 3 and 'dmodel' not in kwargs)
    if not kulc:
        return args, kwargs, converted
    for old_name, new_name in (('h', 'n_heads'), ('d_model', 'dmodel')):
        if old_name in kwargs:
            if new_name in kwargs:
                raise_duplicate_arg_error(old_name, new_name)
            kwargs[new_name] = kwargs.pop(old_name)
            converted.append((new_name, old_name))
    if len(args) < 3:
        kwargs.setdefault('dmodel', None)
    if len(args) < 6 and kwargs.get('activation') is None:
        kwargs['activation'] = 'linear'
    return args, kwargs, converted


legacy_multi_head_attention_support = generate_legacy_interface(
    allowed_positional_args=['n_heads', 'dmodel', 'mask_future', 'dropout',
                             'activation', 'use_bias', 'kernel_initializer',
                             'kernel_regularizer', 'activity_regularizer',
                             'kernel_constraint', 'bias_initializer',
                             'bias_regularizer', 'bias_constraint'],
    preprocessor=multi_head_attention_args_preprocessor)
