"""The one mechanism that converts Keras 0.x / 1.x call signatures to the
Keras 2 API.

Each `legacy_*_support` object is a decorator for a constructor (or a
method). It renames old keyword arguments (`output_dim` -> `units`,
`border_mode` -> `padding`, `nb_epoch` -> `epochs`, ...), converts old
values (`dim_ordering='th'` -> `data_format='channels_first'`), reads the
Keras 0.x positional signatures (`Dense(input_dim, output_dim)`,
`Convolution2D(nb_filter, stack_size, nb_row, nb_col)`, ...), and warns
once with the Keras 2 call the user should write instead.

A Keras 0.x input size given positionally is remembered on the layer and
checked against the real input when the layer is built
(`check_declared_input`, called by `Layer` before `build`).

The conversions that are more than renames live in `_keras1_args`
(Keras 1) and `_keras0_args` (Keras 0.x); this module re-exports them.
"""
import functools
import threading
import warnings

import numpy as np

from ._keras1_args import *  # noqa: F401,F403
from ._keras1_args import (conv1d_args_preprocessor, conv2d_args_preprocessor,
                           conv3d_args_preprocessor,
                           separable_conv2d_args_preprocessor,
                           deconv2d_args_preprocessor,
                           convlstm2d_args_preprocessor,
                           batchnorm_args_preprocessor,
                           embedding_kwargs_preprocessor,
                           zeropadding2d_args_preprocessor,
                           recurrent_args_preprocessor,
                           generator_methods_args_preprocessor,
                           evaluate_generator_args_preprocessor,
                           add_weight_args_preprocessing,
                           get_updates_arg_preprocessing,
                           raise_duplicate_arg_error)
from . import _keras0_args as keras0
from ._keras0_args import DECLARED_INPUT

_DIM_ORDERING = {'dim_ordering': {'tf': 'channels_last',
                                  'th': 'channels_first',
                                  'default': None}}

# Only the outermost call of nested legacy conversions warns.
_STATE = threading.local()


def _short_repr(value):
    """Short, readable rendering of an argument value for the warning."""
    if isinstance(value, str):
        return '"' + value + '"'
    if isinstance(value, np.ndarray):
        return 'array'
    if isinstance(value, (list, tuple, dict)) and len(str(value)) > 30:
        return type(value).__name__
    text = str(value)
    if len(text) > 30:
        text = text[:27] + '...'
    return text


def _keras2_signature(object_name, args, kwargs):
    """The call as it should be written with the Keras 2 API."""
    parts = [_short_repr(value) for value in args]
    parts += [name + '=' + _short_repr(value) for name, value in kwargs.items()
              if not name.startswith('_legacy')]
    return '`' + object_name + '(' + ', '.join(parts) + ')`'


def _warn(object_name, args, kwargs, converted):
    """The single deprecation warning of one legacy call."""
    notes = [entry for entry in converted if isinstance(entry, str)]
    message = ('Update your `' + object_name + '` call to the Keras 2 API: ' +
               _keras2_signature(object_name, args, kwargs))
    if notes:
        message += ' (' + '; '.join(notes) + ')'
    warnings.warn(message, stacklevel=3)


def generate_legacy_interface(allowed_positional_args=None,
                              conversions=None,
                              preprocessor=None,
                              value_conversions=None,
                              object_type='class'):
    """Builds a decorator that converts Keras 0.x / 1 arguments to Keras 2
    ones.

    # Arguments
        allowed_positional_args: list of the argument names that may be
            given positionally (after `self`), or None for no check.
        conversions: list of `(old_name, new_name)` keyword renames
            (`new_name` None: the argument is dropped).
        preprocessor: optional function `(args, kwargs) -> (args, kwargs,
            converted)` run first, for conversions that are not renames.
            `converted` lists `(new_name, old_name)` pairs and notes
            (strings shown in the warning). A Keras 0.x input size goes in
            `kwargs[DECLARED_INPUT]` as `{axis: size}` (or `{'shape':
            shape}`) and is stored on the constructed layer.
        value_conversions: dict `{old_name: {old_value: new_value}}`,
            applied before the renames.
        object_type: `'class'` (decorating `__init__`: the warning names
            the class) or `'method'` (the warning names the method).

    # Returns
        A decorator. The decorator's `convert(args, kwargs)` attribute
        runs the conversion alone and returns `(args, kwargs, converted)`.
    """
    check_positional = allowed_positional_args is not None
    allowed_positional_args = list(allowed_positional_args or [])
    conversions = list(conversions or [])
    value_conversions = dict(value_conversions or {})

    def convert(args, kwargs, object_name='the layer'):
        if preprocessor:
            args, kwargs, converted = preprocessor(args, kwargs)
            converted = list(converted)
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
                if new_name is None:
                    converted.append('`%s` is no longer used' % old_name)
                    continue
                if new_name in kwargs:
                    raise_duplicate_arg_error(old_name, new_name)
                kwargs[new_name] = value
                converted.append((new_name, old_name))
        return args, kwargs, converted

    def legacy_support(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            if object_type == 'class':
                object_name = args[0].__class__.__name__
            else:
                object_name = func.__name__
            args, kwargs, converted = convert(args, dict(kwargs), object_name)
            declared = kwargs.pop(DECLARED_INPUT, None)
            outermost = not getattr(_STATE, 'warned', False)
            if converted and outermost:
                _warn(object_name, args[1:], kwargs, converted)
                _STATE.warned = True
            try:
                result = func(*args, **kwargs)
            finally:
                if converted and outermost:
                    _STATE.warned = False
            if object_type == 'class':
                declare_input(args[0], declared)
            return result
        wrapper._original_function = func
        return wrapper

    legacy_support.convert = convert
    return legacy_support


generate_legacy_method_interface = functools.partial(generate_legacy_interface,
                                                     object_type='method')


def check_declared_input(layer, input_shapes):
    """Checks the real input of `layer` against the input size its Keras
    0.x constructor declared (if any); called before `build`.

    # Arguments
        layer: the layer being built.
        input_shapes: list of its input shapes (batch axis included).

    # Raises
        ValueError: naming the layer, the declared size and the real one.
    """
    declared = layer.__dict__.get(DECLARED_INPUT)
    if declared:
        keras0.check_declared(layer, declared, input_shapes)


def keras2_call(object_name, args, kwargs):
    """The text of a Keras 2 call, as the warnings show it (e.g.
    `Dense(64, activation="relu")`)."""
    return _keras2_signature(object_name, args, kwargs).strip('`')


def declare_input(layer, declared):
    """Stores on `layer` the input size a Keras 0.x call declared (`{axis:
    size}` or `{'shape': shape}`, or None), checked when it is built."""
    if declared:
        object.__setattr__(layer, DECLARED_INPUT, declared)


def warn_legacy_name(old, new, code=True):
    """The deprecation warning of a Keras 0.x / 1 name kept as an alias
    (`Repeat` -> `RepeatVector`, ...).

    # Arguments
        old: the old name, e.g. `'Repeat'`.
        new: the Keras 2 call to write instead (or a description).
        code: whether `new` is code (shown between backticks).
    """
    if not getattr(_STATE, 'warned', False):
        warnings.warn('`%s` is deprecated (Keras 0.x / 1 API): update your '
                      'call to the Keras 2 API: %s'
                      % (old, '`%s`' % new if code else new), stacklevel=3)


def legacy_alias_scope():
    """Context manager: legacy conversions inside it do not warn again (the
    caller has warned once for the whole call)."""
    return _Scope()


class _Scope(object):
    """See `legacy_alias_scope`."""

    def __enter__(self):
        self._previous = getattr(_STATE, 'warned', False)
        _STATE.warned = True
        return self

    def __exit__(self, *exc):
        _STATE.warned = self._previous
        return False


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
    conversions=[('output_dim', 'units')] + _CONV_RENAMES,
    preprocessor=keras0.dense_args)

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
                 ('border_mode', 'padding')],
    preprocessor=keras0.pooling1d_args)

legacy_prelu_support = generate_legacy_interface(
    allowed_positional_args=['alpha_initializer'],
    conversions=[('init', 'alpha_initializer')],
    preprocessor=keras0.prelu_args)

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
    [('border_mode', 'padding'), ('dim_ordering', 'data_format')],
    keras0.pooling2d_args)

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

legacy_add_weight_support = generate_legacy_method_interface(
    allowed_positional_args=['name', 'shape', 'dtype', 'initializer',
                             'regularizer', 'trainable', 'constraint'],
    preprocessor=add_weight_args_preprocessing)

legacy_get_updates_support = generate_legacy_interface(
    allowed_positional_args=None,
    conversions=[],
    preprocessor=get_updates_arg_preprocessing,
    object_type='method')

legacy_generator_methods_support = generate_legacy_method_interface(
    allowed_positional_args=None,
    conversions=[('nb_epoch', 'epochs'),
                 ('nb_val_samples', 'validation_steps'),
                 ('nb_worker', 'workers'),
                 ('pickle_safe', 'use_multiprocessing'),
                 ('max_q_size', 'max_queue_size')],
    preprocessor=generator_methods_args_preprocessor)

legacy_evaluate_generator_support = generate_legacy_method_interface(
    allowed_positional_args=None,
    conversions=[('nb_worker', 'workers'),
                 ('pickle_safe', 'use_multiprocessing'),
                 ('max_q_size', 'max_queue_size')],
    preprocessor=evaluate_generator_args_preprocessor)

legacy_reshape_support = generate_legacy_interface(
    allowed_positional_args=['target_shape'],
    preprocessor=keras0.reshape_args)

legacy_fit_support = generate_legacy_method_interface(
    allowed_positional_args=None,
    conversions=[('nb_epoch', 'epochs')],
    preprocessor=keras0.show_accuracy_args)

legacy_evaluate_support = generate_legacy_method_interface(
    allowed_positional_args=None,
    preprocessor=keras0.show_accuracy_args)

legacy_compile_support = generate_legacy_method_interface(
    allowed_positional_args=None,
    conversions=[('class_mode', None)])

legacy_optimizer_support = generate_legacy_interface(
    allowed_positional_args=None,
    conversions=[('lr', 'learning_rate')])


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
