"""Configs written by later Keras 2 implementations (tf.keras, tf_keras 2.x)
read as Keras 2.3 configs.

Model files from tf.keras / tf_keras carry keys and names Keras 2.3 never
wrote: `module`/`registered_name` beside every serialized object,
`build_config`/`compile_config`, `'Functional'` as the model class, layer
arguments added later (`time_major`, `keepdims`, `ragged`, `seed`, ...),
list-valued `axis`, regularizers saved as `L2`/`L1` classes, and optimizer
configs of the new optimizers (`Custom>Adam`, `is_legacy_optimizer`,
`jit_compile`, `ema_*`, `clipnorm: null`). `upgrade_model_config` and
`upgrade_training_config` rewrite them into what this Keras reads: keys we
can honour are honoured, keys with no meaning here are dropped, and a key
that would change the results and that we cannot honour raises a
`ValueError` naming the layer (or optimizer) and the key.
"""
import re

import numpy as np

# Keys of serialized objects that carry no meaning here.
_OBJECT_KEYS = ('module', 'registered_name', 'build_config',
                'compile_config', 'shared_object_id')

# Layer arguments added after Keras 2.3: (key, value that means "as Keras
# 2.3 did"). Any other value changes the results and is refused.
_NEUTRAL_LAYER_KEYS = {
    'time_major': False,
    'keepdims': False,
    'ragged': False,
    'optional': False,
    'zero_output_for_mask': None,  # checked below: False, or True w/o seqs
}

# Layer arguments accepted and ignored whatever their value: randomness
# at training time only.
_IGNORED_LAYER_KEYS = {
    'GaussianNoise': ('seed',),
    'GaussianDropout': ('seed',),
}

_REGULARIZER_CLASSES = {'L2': ('l2',), 'L1': ('l1',)}


def _layer_error(layer_config, key, value, why):
    name = layer_config.get('config', {}).get('name')
    return ValueError(
        'Layer %r (%s) in the file: argument `%s=%r` %s; this Keras cannot '
        'honour it (Keras 2.3 has no such argument), so the model would '
        'not compute what was saved.'
        % (name, layer_config.get('class_name'), key, value, why))


def _upgrade_object(obj):
    """Removes the later writers' bookkeeping keys from a serialized
    object `{'class_name': ..., 'config': ...}` (recursively), renames the
    regularizer classes and unwraps dtype policies."""
    if isinstance(obj, list):
        return [_upgrade_object(item) for item in obj]
    if not isinstance(obj, dict):
        return obj
    obj = {key: _upgrade_object(value) for key, value in obj.items()
           if key not in _OBJECT_KEYS}
    class_name = obj.get('class_name')
    config = obj.get('config')
    if class_name in _REGULARIZER_CLASSES and isinstance(config, dict):
        # tf.keras `L2(l2=...)` / `L1(l1=...)` are Keras 2.3's `L1L2`.
        values = {'l1': 0., 'l2': 0.}
        values.update({key: float(config[key])
                       for key in _REGULARIZER_CLASSES[class_name]
                       if key in config})
        return {'class_name': 'L1L2', 'config': values}
    if class_name in ('DTypePolicy', 'Policy') and isinstance(config, dict):
        return config.get('name', 'float32')
    return obj


def _upgrade_layer(layer):
    """Rewrites one layer entry of a model config (in place)."""
    config = layer.get('config')
    if not isinstance(config, dict):
        return
    class_name = layer.get('class_name')
    if class_name == 'Functional':
        layer['class_name'] = 'Model'
    for key in _IGNORED_LAYER_KEYS.get(class_name, ()):
        config.pop(key, None)
    for key, neutral in _NEUTRAL_LAYER_KEYS.items():
        if key not in config:
            continue
        value = config.pop(key)
        if key == 'zero_output_for_mask':
            if value and config.get('return_sequences'):
                raise _layer_error(layer, key, value,
                                   'zeroes the masked timesteps of the '
                                   'returned sequence')
        elif value != neutral:
            raise _layer_error(layer, key, value,
                               'differs from the Keras 2.3 behaviour (%r)'
                               % (neutral,))
    if class_name == 'Embedding' and config.get('sparse') is False:
        del config['sparse']
    axis = config.get('axis')
    if isinstance(axis, list) and len(axis) == 1 and \
            class_name in ('BatchNormalization',):
        config['axis'] = axis[0]
    for key in ('layer', 'backward_layer'):
        if isinstance(config.get(key), dict):
            _upgrade_layer(config[key])
    if isinstance(config.get('cell'), dict):
        _upgrade_layer(config['cell'])
    for cell in config.get('cells', []) or []:
        if isinstance(cell, dict):
            _upgrade_layer(cell)
    layers = config.get('layers')
    if isinstance(layers, list):
        for inner in layers:
            if isinstance(inner, dict):
                _upgrade_layer(inner)


def upgrade_model_config(config):
    """A model config written by tf.keras / tf_keras 2.x (or Keras 2.3
    itself, unchanged) as a Keras 2.3 config.

    # Arguments
        config: the decoded `model_config` (`{'class_name', 'config'}`).

    # Returns
        The upgraded config (a new dict).

    # Raises
        ValueError: for a layer argument that changes the results and that
            this Keras cannot honour, naming the layer and the argument.
    """
    config = _upgrade_object(config)
    if isinstance(config, dict):
        _upgrade_layer(config)
    return config


# ----------------------------------------------------------------------
# Training configs
# ----------------------------------------------------------------------

# Keys of the new optimizers' configs with no meaning here when neutral.
_OPTIMIZER_NEUTRAL = {
    'name': None, 'is_legacy_optimizer': None, 'jit_compile': None,
    'ema_momentum': None, 'ema_overwrite_frequency': None,
    'use_ema': False, 'weight_decay': None, 'global_clipnorm': None,
    'clipnorm': None, 'clipvalue': None, 'centered': False,
    'momentum': 0.0, 'initial_accumulator_value': 0.0,
}
# Keys with a meaning: kept when the optimizer takes them.
_OPTIMIZER_KEEP = {
    'SGD': ('momentum',), 'RMSprop': (), 'Adagrad': (),
}


def upgrade_optimizer_config(optimizer_config):
    """An optimizer config of tf.keras / tf_keras (`Custom>Adam`,
    `learning_rate`, `is_legacy_optimizer`, `jit_compile`, `ema_*`,
    `clipnorm: None`, ...) as a Keras 2.3 optimizer config.

    # Raises
        ValueError: for a setting that changes the updates and that this
            Keras cannot honour (e.g. `weight_decay`, `use_ema`,
            `centered=True`), naming the optimizer and the key.
    """
    optimizer_config = _upgrade_object(optimizer_config)
    if not isinstance(optimizer_config, dict):
        return optimizer_config
    class_name = str(optimizer_config.get('class_name', ''))
    class_name = re.sub(r'^Custom>', '', class_name)
    config = dict(optimizer_config.get('config') or {})
    keep = _OPTIMIZER_KEEP.get(class_name, ())
    for key, neutral in _OPTIMIZER_NEUTRAL.items():
        if key not in config or key in keep:
            continue
        value = config.pop(key)
        if key in ('clipnorm', 'clipvalue') and value is not None:
            config[key] = value
        elif neutral is not None and value not in (neutral, None):
            raise ValueError(
                'Optimizer %s in the file: `%s=%r` changes the updates and '
                'has no Keras 2.3 equivalent here; compile the model with '
                'an optimizer of your choice.' % (class_name, key, value))
        elif key in ('weight_decay', 'global_clipnorm') and \
                value is not None:
            raise ValueError(
                'Optimizer %s in the file: `%s=%r` has no Keras 2.3 '
                'equivalent here; compile the model with an optimizer of '
                'your choice.' % (class_name, key, value))
    return {'class_name': class_name, 'config': config}


def _upgrade_metric(metric):
    """A metric entry of a tf.keras training config: a `MeanMetricWrapper`
    config naming its function becomes that wrapper; `None` entries (no
    metric for an output) disappear."""
    if isinstance(metric, dict) and metric.get('class_name') == \
            'MeanMetricWrapper' and isinstance(metric.get('config'), dict) \
            and isinstance(metric['config'].get('fn'), str):
        from .. import metrics
        config = metric['config']
        return metrics.MeanMetricWrapper(
            metrics.get(config['fn']), name=config.get('name'),
            dtype=config.get('dtype'))
    return metric


def _upgrade_metrics(entry):
    if isinstance(entry, list):
        return [_upgrade_metrics(item) for item in entry if item is not None]
    if isinstance(entry, dict) and 'class_name' not in entry:
        return {key: _upgrade_metrics(value) for key, value in entry.items()}
    return _upgrade_metric(entry)


def upgrade_training_config(training_config):
    """A `training_config` written by tf.keras / tf_keras as Keras 2.3's:
    optimizer config mapped (see `upgrade_optimizer_config`), per-output
    metric lists with `None` holes and `MeanMetricWrapper` configs
    rebuilt."""
    training_config = dict(training_config)
    if 'optimizer_config' in training_config:
        training_config['optimizer_config'] = upgrade_optimizer_config(
            training_config['optimizer_config'])
    for key in ('metrics', 'weighted_metrics'):
        if training_config.get(key) is not None:
            training_config[key] = _upgrade_metrics(
                _upgrade_object(training_config[key]))
    for key in ('loss', 'loss_weights'):
        if key in training_config:
            training_config[key] = _upgrade_object(training_config[key])
    return training_config


# ----------------------------------------------------------------------
# Optimizer state
# ----------------------------------------------------------------------

# Slot names of the new optimizers, in the order our optimizers keep their
# state after `iterations` (one group of slots per name).
_SLOT_ORDER = {
    'SGD': ('m',),
    'RMSprop': ('velocity',),
    'Adagrad': ('accumulator',),
    'Adadelta': ('accumulated_grad', 'accumulated_delta_var'),
    'Adam': ('m', 'v', 'vhat'),
    'Adamax': ('m', 'u'),
}
_SLOT_ALIASES = {'momentum': 'm'}
_NEW_SLOT_NAME = re.compile(r'^(?P<opt>[^/]+)/(?P<slot>[^/]+)/(?P<var>.+)$')


def reorder_optimizer_state(optimizer, names, values):
    """The state saved by a tf.keras / tf_keras 2.11+ optimizer (names such
    as `iteration:0`, `Adam/m/dense/kernel:0`, `Adam/v/...`: per variable,
    slot after slot) in the order of this Keras's `optimizer.weights`
    (`iterations`, then all the first slots, then all the second...).
    Slots the file lacks (Adam's `vhat` without AMSGrad, SGD's moments
    without momentum) start at zero.

    # Returns
        The reordered list of arrays, or `None` when `names` are not the
        new optimizers' names (files of Keras 2.x: kept as saved) or the
        optimizer has no known mapping.
    """
    from .. import backend as K
    order = _SLOT_ORDER.get(type(optimizer).__name__)
    if order is None or not names or \
            names[0].split(':')[0] not in ('iteration', 'iterations'):
        return None
    slots = {}
    for name, value in zip(names[1:], values[1:]):
        match = _NEW_SLOT_NAME.match(name)
        if match is None:
            return None
        slot = _SLOT_ALIASES.get(match.group('slot'), match.group('slot'))
        slots.setdefault(slot, []).append(np.asarray(value))
    ours = list(optimizer.weights[1:])
    per_slot = len(ours) // len(order)
    result = [np.asarray(values[0], dtype='int64')]
    for index, slot in enumerate(order):
        group = ours[index * per_slot:(index + 1) * per_slot]
        saved = slots.get(slot)
        if saved is None:
            saved = [np.zeros(K.int_shape(v), dtype=K.dtype(v))
                     for v in group]
        result += saved
    return result
