"""Saving and loading models and weights (Keras 2 HDF5 layout).

File layout (see weights.md section 4):
- root attributes `keras_version`, `backend`, `model_config` (JSON),
  `training_config` (JSON, compiled models only);
- group `model_weights` with attributes `layer_names`, `backend`,
  `keras_version`, and one sub-group per layer (attribute `weight_names`,
  one dataset per weight, at the path given by the weight name);
- group `optimizer_weights` (attribute `weight_names`, datasets).
`save_weights` writes the `model_weights` content at the root of the file.
"""
from __future__ import absolute_import

import functools
import io
import json
import os
import warnings

import numpy as np

from .. import backend as K
from ..utils import atomic_io
from ..utils import io_utils
from ..utils.safe_mode import SafeModeScope
from ..utils.io_utils import (ask_to_proceed_with_overwrite,
                              save_attributes_to_hdf5_group,
                              load_attributes_from_hdf5_group,
                              HDF5_OBJECT_HEADER_LIMIT)
from .network_serialization import get_json_type
from .saving_conversions import preprocess_weights_for_loading
from .saving_checks import (ModelFileError, reading, parse_config_text,
                            read_json_attribute, read_weight, write_weight)
from .saving_upgrades import (reorder_optimizer_state,
                              upgrade_model_config, upgrade_training_config)

try:
    import h5py
except ImportError:  # pragma: no cover
    h5py = None

__all__ = ['save_model', 'load_model', 'save_weights', 'load_weights',
           'pickle_model', 'unpickle_model', 'model_from_config',
           'model_from_json', 'model_from_yaml',
           'save_weights_to_hdf5_group', 'load_weights_from_hdf5_group',
           'load_weights_from_hdf5_group_by_name',
           'preprocess_weights_for_loading',
           'save_attributes_to_hdf5_group', 'load_attributes_from_hdf5_group',
           'HDF5_OBJECT_HEADER_LIMIT', 'allow_read_from_gcs',
           'allow_write_to_gcs']


def _require_h5py():
    if h5py is None:
        raise ImportError('Saving and loading HDF5 files requires h5py.')


def _text(value):
    return value.decode('utf8') if isinstance(value, bytes) else str(value)


def _is_gcs_path(filepath):
    return isinstance(filepath, str) and filepath.startswith('gs://')


def allow_write_to_gcs(save_function):
    """Decorator of Keras 2.3 for `gs://` targets. Google Cloud Storage
    needs network access, which this project does not use: such paths
    raise a clear error; other targets go straight through."""
    @functools.wraps(save_function)
    def wrapper(obj, filepath, *args, **kwargs):
        if _is_gcs_path(filepath):
            raise ValueError('Saving to Google Cloud Storage (%s) is not '
                             'supported.' % filepath)
        return save_function(obj, filepath, *args, **kwargs)
    return wrapper


def allow_read_from_gcs(load_function):
    """Decorator of Keras 2.3 for `gs://` sources (see
    `allow_write_to_gcs`)."""
    @functools.wraps(load_function)
    def wrapper(filepath, *args, **kwargs):
        if _is_gcs_path(filepath):
            raise ValueError('Loading from Google Cloud Storage (%s) is not '
                             'supported.' % filepath)
        return load_function(filepath, *args, **kwargs)
    return wrapper


# ----------------------------------------------------------------------
# Opening targets: paths, h5py objects, file-like objects
# ----------------------------------------------------------------------

def _write_target(filepath, overwrite, write):
    """Calls `write(h5_group)` on the target; returns False when the user
    declined to overwrite."""
    _require_h5py()
    if isinstance(filepath, h5py.Group):
        write(filepath)
        return True
    if hasattr(filepath, 'write') and callable(filepath.write):
        io_utils.save_to_binary_h5py(write, filepath)
        return True
    filepath = os.fspath(filepath)
    if not overwrite and os.path.isfile(filepath):
        if not ask_to_proceed_with_overwrite(filepath):
            return False
    with atomic_io.atomic_path(filepath) as tmp:  # a crash keeps the old file
        with h5py.File(tmp, 'w') as f:
            write(f)
    return True


def _read_source(filepath, read):
    """Calls `read(h5_group)` on the source and returns its result; any
    failure is a Keras error naming the file (see `saving_checks`)."""
    _require_h5py()
    if isinstance(filepath, h5py.Group):
        with reading('HDF5 group %r' % filepath.name):
            return read(filepath)
    if hasattr(filepath, 'read') and callable(filepath.read):
        with reading('the HDF5 stream'):
            return io_utils.load_from_binary_h5py(read, filepath)
    filepath = os.fspath(filepath)
    if not os.path.exists(filepath):
        raise OSError('Unable to open HDF5 file %r: no such file.'
                      % (filepath,))
    try:
        f = h5py.File(filepath, 'r')
    except OSError as e:
        raise OSError('Unable to open HDF5 file %r (truncated or not an HDF5 '
                      'file): %s' % (filepath, e))
    with f, reading('file %r' % filepath):
        return read(f)


# ----------------------------------------------------------------------
# Weights
# ----------------------------------------------------------------------

def _unique_names(names):
    """Makes repeated weight names unique (Theano gives no suffixes)."""
    seen = {}
    result = []
    for name in names:
        if name in seen:
            seen[name] += 1
            candidate = '%s_%d' % (name, seen[name])
            while candidate in seen:
                seen[name] += 1
                candidate = '%s_%d' % (name, seen[name])
            seen[candidate] = 1
            result.append(candidate)
        else:
            seen[name] = 1
            result.append(name)
    return result


def _write_weights(group, variables, prefix='param_', names=None):
    values = K.batch_get_value(variables)
    if names is None:
        names = [str(getattr(w, 'name', '') or '%s%d' % (prefix, i))
                 for i, w in enumerate(variables)]
    names = _unique_names(names)
    save_attributes_to_hdf5_group(group, 'weight_names', names)
    for name, value in zip(names, values):
        write_weight(group, name, value)


#: Attribute of weight groups written by this project: the convolution
#: kernels are for a correlation whatever the backend (Keras 2's Theano
#: backend wrote true-convolution kernels, flipped when loaded).
CONV_KERNELS_ATTR = 'conv_kernels'


def save_weights_to_hdf5_group(group, layers):
    """Saves weights into the HDF5 group.

    # Arguments
        group: HDF5 group.
        layers: a list of layer instances.
    """
    from .. import __version__ as keras_version
    save_attributes_to_hdf5_group(group, 'layer_names',
                                  [layer.name for layer in layers])
    group.attrs['backend'] = K.backend().encode('utf8')
    group.attrs['keras_version'] = str(keras_version).encode('utf8')
    group.attrs[CONV_KERNELS_ATTR] = b'correlation'
    for layer in sorted(layers, key=lambda l: l.name):
        _write_weights(group.create_group(layer.name), layer.weights)


def _file_versions(f):
    """`(keras_version, backend)` of a weight group; the backend is None
    when no backend conversion applies (files written by this project)."""
    version = f.attrs.get('keras_version')
    backend = f.attrs.get('backend')
    if _text(f.attrs.get(CONV_KERNELS_ATTR, b'')) == 'correlation':
        backend = None
    return (_text(version) if version is not None else '1',
            _text(backend) if backend is not None else None)


def _read_layer_values(f, layer_name, consumer):
    """Arrays of a file layer group, in `weight_names` order."""
    if layer_name not in f:
        raise ModelFileError('The weight file has no group for layer "%s" '
                             '(listed in layer_names): the file is truncated '
                             'or corrupt.' % layer_name)
    group = f[layer_name]
    names = load_attributes_from_hdf5_group(group, 'weight_names')
    owner = 'Layer "%s"%s' % (layer_name, consumer)
    return names, [read_weight(group, name, owner) for name in names]


def _check_shapes(layer, params, values, file_layer, file_names):
    for param, value, file_name in zip(params, values, file_names):
        expected = tuple(K.int_shape(param))
        if expected != value.shape:
            raise ValueError(
                'Layer "%s" (file layer "%s"): weight "%s" expects shape %s, '
                'but the saved weight "%s" has shape %s.'
                % (layer.name, file_layer, getattr(param, 'name', param),
                   expected, file_name, value.shape))


def load_weights_from_hdf5_group(f, layers, reshape=False):
    """Implements topological (order-based) weight loading.

    # Arguments
        f: A pointer to a HDF5 group.
        layers: a list of target layers.
        reshape: Reshape weights to fit the layer when the correct number
            of values are present but the shape does not match.

    # Raises
        ValueError: in case of mismatch between provided layers
            and weights file (the message names the layer and the weight).
    """
    version, backend = _file_versions(f)
    filtered_layers = [layer for layer in layers if layer.weights]
    file_layers = [name for name in
                   load_attributes_from_hdf5_group(f, 'layer_names')
                   if name in f and
                   load_attributes_from_hdf5_group(f[name], 'weight_names')]
    if len(file_layers) != len(filtered_layers):
        raise ValueError('You are trying to load a weight file containing %d '
                         'layers with weights (%s) into a model with %d '
                         'layers with weights (%s).'
                         % (len(file_layers), file_layers,
                            len(filtered_layers),
                            [layer.name for layer in filtered_layers]))
    tuples = []
    for k, (layer, file_layer) in enumerate(zip(filtered_layers,
                                                file_layers)):
        names, values = _read_layer_values(f, file_layer, '')
        params = layer.weights
        values = preprocess_weights_for_loading(layer, values, version,
                                                backend, reshape=reshape)
        if len(values) != len(params):
            raise ValueError('Layer #%d (named "%s" in the current model) was '
                             'found to correspond to layer %s in the save '
                             'file. However the new layer %s expects %d '
                             'weights (%s), but the saved weights have %d '
                             'elements (%s).'
                             % (k, layer.name, file_layer, layer.name,
                                len(params),
                                [str(getattr(p, 'name', p)) for p in params],
                                len(values), names))
        _check_shapes(layer, params, values, file_layer, names)
        tuples += zip(params, values)
    K.batch_set_value(tuples)


def load_weights_from_hdf5_group_by_name(f, layers, skip_mismatch=False,
                                         reshape=False):
    """Implements name-based weight loading.

    (instead of topological weight loading).

    Layers that have no matching name are skipped.

    # Arguments
        f: A pointer to a HDF5 group.
        layers: A list of target layers.
        skip_mismatch: Boolean, whether to skip loading of layers
            where there is a mismatch in the number of weights,
            or a mismatch in the shape of the weights.
        reshape: Reshape weights to fit the layer when the correct number
            of values are present but the shape does not match.

    # Raises
        ValueError: in case of mismatch between provided layers
            and weights file and skip_mismatch=False.
    """
    version, backend = _file_versions(f)
    index = {}
    for layer in layers:
        index.setdefault(layer.name, []).append(layer)
    tuples = []
    for k, name in enumerate(load_attributes_from_hdf5_group(f,
                                                             'layer_names')):
        if name not in index:
            continue
        names, raw_values = _read_layer_values(f, name, '')
        for layer in index[name]:
            params = layer.weights
            values = preprocess_weights_for_loading(layer, raw_values,
                                                    version, backend,
                                                    reshape=reshape)
            if len(values) != len(params):
                message = ('Layer #%d (named "%s") expects %d weight(s), but '
                           'the saved weights have %d element(s).'
                           % (k, layer.name, len(params), len(values)))
                if skip_mismatch:
                    warnings.warn('Skipping loading of weights for layer %s: '
                                  '%s' % (layer.name, message))
                    continue
                raise ValueError(message)
            for param, value, file_name in zip(params, values, names):
                expected = tuple(K.int_shape(param))
                if expected == value.shape:
                    tuples.append((param, value))
                    continue
                message = ('Layer #%d (named "%s"): weight "%s" has shape %s, '
                           'but the saved weight "%s" has shape %s.'
                           % (k, layer.name, getattr(param, 'name', param),
                              expected, file_name, value.shape))
                if skip_mismatch:
                    warnings.warn('Skipping loading of weight: ' + message)
                    continue
                raise ValueError(message)
    K.batch_set_value(tuples)


@allow_write_to_gcs
def save_weights(model, filepath, overwrite=True):
    """Writes the weights of every layer of `model` to an HDF5 file (see
    `Network.save_weights`)."""
    _write_target(filepath, overwrite,
                  lambda f: save_weights_to_hdf5_group(f, model.layers))


def load_weights(model, filepath, by_name=False, skip_mismatch=False,
                 reshape=False):
    """Loads weights saved by `save_weights` or `save_model` into `model`
    (see `Network.load_weights`)."""
    if skip_mismatch and not by_name:
        raise ValueError('When calling model.load_weights, skip_mismatch can '
                         'only be set to True when by_name is True.')

    def read(f):
        if 'layer_names' not in f.attrs and 'layer_names0' not in f.attrs \
                and 'model_weights' in f:
            f = f['model_weights']
        if by_name:
            load_weights_from_hdf5_group_by_name(
                f, model.layers, skip_mismatch=skip_mismatch, reshape=reshape)
        else:
            load_weights_from_hdf5_group(f, model.layers, reshape=reshape)
    _read_source(filepath, read)


# ----------------------------------------------------------------------
# Whole models
# ----------------------------------------------------------------------

def _training_config(model):
    optimizer = model.optimizer
    return {
        'optimizer_config': {'class_name': optimizer.__class__.__name__,
                             'config': optimizer.get_config()},
        'loss': getattr(model, 'loss', None),
        'metrics': getattr(model, '_compile_metrics', None),
        'weighted_metrics': getattr(model, '_compile_weighted_metrics', None),
        'sample_weight_mode': getattr(model, 'sample_weight_mode', None),
        'loss_weights': getattr(model, 'loss_weights', None),
    }


def _write_optimizer(f, model):
    variables = list(getattr(model.optimizer, 'weights', []) or [])
    if not variables:
        return
    names = []
    for i, w in enumerate(variables):
        name = str(getattr(w, 'name', '') or 'param_%d' % i)
        if K.backend() != 'tensorflow' and \
                name.split('/')[-1] == 'variable':
            name = '%s_%d' % (name, i)
        names.append(name)
    _write_weights(f.create_group('optimizer_weights'), variables,
                   names=names)


def _serialize_model(model, f, include_optimizer=True):
    from .. import __version__ as keras_version
    f.attrs['keras_version'] = str(keras_version).encode('utf8')
    f.attrs['backend'] = K.backend().encode('utf8')
    model_config = {'class_name': model.__class__.__name__,
                    'config': model.get_config()}
    f.attrs['model_config'] = json.dumps(
        model_config, default=get_json_type).encode('utf8')
    save_weights_to_hdf5_group(f.create_group('model_weights'),
                               model.layers)
    optimizer = getattr(model, 'optimizer', None)
    if not include_optimizer or optimizer is None:
        return
    if optimizer.__class__.__name__ == 'TFOptimizer':
        warnings.warn('TensorFlow optimizers do not make it possible to '
                      'access optimizer attributes or optimizer state after '
                      'instantiation. As a result, we cannot save the '
                      'optimizer as part of the model save file. You will '
                      'have to compile your model again after loading it. '
                      'Prefer using a Keras optimizer instead (see '
                      'keras.io/optimizers).')
        return
    f.attrs['training_config'] = json.dumps(
        _training_config(model), default=get_json_type).encode('utf8')
    _write_optimizer(f, model)


@allow_write_to_gcs
def save_model(model, filepath, overwrite=True, include_optimizer=True):
    """Save a model to a HDF5 file.

    Needs `h5py` (installed with `requirements.txt`).

    The saved model contains:
        - the model's configuration (topology)
        - the model's weights
        - the model's optimizer's state (if any)

    Thus the saved model can be reinstantiated in
    the exact same state, without any of the code
    used for model definition or training.

    # Arguments
        model: Keras model instance to be saved.
        filepath: one of the following:
            - string, path where to save the model, or
            - h5py.File or h5py.Group object where to save the model
            - any file-like object implementing the method `write` that
              accepts `bytes` data (e.g. `io.BytesIO`).
        overwrite: Whether we should overwrite any existing
            model at the target location, or instead
            ask the user with a manual prompt.
        include_optimizer: If True, save optimizer's state together.

    # Raises
        ImportError: if h5py is not available.
    """
    _write_target(filepath, overwrite,
                  lambda f: _serialize_model(model, f, include_optimizer))


def _convert_custom_objects(obj, custom_objects, deserialize):
    """Replaces names found in `custom_objects`, and `{class_name, config}`
    dicts, by the objects they stand for (losses and metrics of the
    training config)."""
    if isinstance(obj, list):
        return [_convert_custom_objects(x, custom_objects, deserialize)
                for x in obj]
    if isinstance(obj, dict):
        if set(obj.keys()) >= {'class_name', 'config'}:
            return deserialize(obj, custom_objects=custom_objects)
        return {k: _convert_custom_objects(v, custom_objects, deserialize)
                for k, v in obj.items()}
    if isinstance(obj, str) and obj in custom_objects:
        return custom_objects[obj]
    return obj


def _compile_from_config(model, training_config, custom_objects):
    from .. import optimizers, losses, metrics
    training_config = upgrade_training_config(training_config)
    optimizer = optimizers.deserialize(training_config['optimizer_config'],
                                       custom_objects=custom_objects)
    model.compile(
        optimizer=optimizer,
        loss=_convert_custom_objects(training_config.get('loss'),
                                     custom_objects, losses.deserialize),
        metrics=_convert_custom_objects(training_config.get('metrics'),
                                        custom_objects, metrics.deserialize),
        loss_weights=training_config.get('loss_weights'),
        sample_weight_mode=training_config.get('sample_weight_mode'),
        weighted_metrics=_convert_custom_objects(
            training_config.get('weighted_metrics'), custom_objects,
            metrics.deserialize))


def _load_optimizer_weights(model, f):
    if 'optimizer_weights' not in f:
        return
    group = f['optimizer_weights']
    names = load_attributes_from_hdf5_group(group, 'weight_names')
    try:
        values = [read_weight(group, name, 'Optimizer') for name in names]
    except ModelFileError as e:
        warnings.warn('The saved optimizer state is damaged (%s): the model '
                      'starts with a freshly initialized optimizer.' % e)
        return
    try:
        if hasattr(model, '_make_train_function'):
            model._make_train_function()
        # tf.keras / tf_keras 2.11+ files: slots per variable, by name.
        values = reorder_optimizer_state(model.optimizer, names,
                                         values) or values
        model.optimizer.set_weights(values)
    except (ValueError, TypeError, AttributeError) as e:
        warnings.warn('Error in loading the saved optimizer state (%s). As a '
                      'result, your model is starting with a freshly '
                      'initialized optimizer.' % e)


def _read_training_config(f):
    """The training config, or None (with a warning) when it is absent or
    broken: it is optional, the model then loads uncompiled."""
    try:
        training_config = read_json_attribute(f, 'training_config',
                                              required=False)
    except ModelFileError as e:
        warnings.warn('The training configuration of the saved model is '
                      'damaged (%s): the model was *not* compiled. Compile '
                      'it manually.' % e)
        return None
    if training_config is None:
        warnings.warn('No training configuration found in save file: the '
                      'model was *not* compiled. Compile it manually.')
    elif not isinstance(training_config, dict):
        warnings.warn('The training configuration of the saved model should '
                      'be a JSON object, found %s: the model was *not* '
                      'compiled. Compile it manually.'
                      % type(training_config).__name__)
        return None
    return training_config


def _deserialize_model(f, custom_objects=None, compile=True, safe_mode=True):
    custom_objects = custom_objects or {}
    if 'model_config' not in f.attrs:
        raise ModelFileError('No model found in config file (the file has no '
                             '`model_config` attribute: was it written by '
                             '`save_weights`?).')
    model_config = read_json_attribute(f, 'model_config')
    if not isinstance(model_config, dict):
        raise ModelFileError('attribute `model_config` should be a JSON '
                             'object {"class_name", "config"}, found %s.'
                             % type(model_config).__name__)
    model = _model_from_config(model_config, custom_objects, safe_mode,
                               None)
    if 'model_weights' not in f:
        raise ModelFileError('the file has no `model_weights` group (found: '
                             '%s): it is truncated or not a Keras model file.'
                             % sorted(f.keys()))
    load_weights_from_hdf5_group(f['model_weights'], model.layers)
    if not compile:
        return model
    training_config = _read_training_config(f)
    if training_config is None:
        return model
    try:
        _compile_from_config(model, training_config, custom_objects)
    except (ValueError, TypeError, KeyError, AttributeError) as e:
        warnings.warn('Could not restore the training configuration of the '
                      'saved model (%s): the model was *not* compiled. '
                      'Compile it manually.' % e)
        return model
    _load_optimizer_weights(model, f)
    return model


@allow_read_from_gcs
def load_model(filepath, custom_objects=None, compile=True, safe_mode=True):
    """Loads a model saved via `save_model`.

    # Arguments
        filepath: one of the following:
            - string, path to the saved model, or
            - h5py.File or h5py.Group object from which to load the model
            - any file-like object implementing the method `read` that
              returns `bytes` data (e.g. `io.BytesIO`) that represents a
              valid h5py file image.
        custom_objects: Optional dictionary mapping names
            (strings) to custom classes or functions to be
            considered during deserialization.
        compile: Boolean, whether to compile the model
            after loading.
        safe_mode: Boolean (default True): refuse `Lambda` functions stored
            as bytecode unless they match a function this program knows
            (`custom_objects`, registered objects, this library's own);
            False runs the file's bytecode: only for trusted files (see
            `keras.utils.safe_mode`).

    # Returns
        A Keras model instance. If an optimizer was found
        as part of the saved model, the model is already
        compiled. Otherwise, the model is uncompiled and
        a warning will be displayed. When `compile` is set
        to False, the compilation is omitted without any
        warning.

    # Raises
        ImportError: if h5py is not available.
        OSError: if the file is missing or not an HDF5 file.
        ValueError: In case of an invalid savefile (`ModelFileError`,
            naming the file and the group or attribute), or of a refused
            `Lambda` in safe mode.
    """
    return _read_source(filepath, lambda f: _deserialize_model(
        f, custom_objects=custom_objects, compile=compile,
        safe_mode=safe_mode))


def pickle_model(model):
    """The state of a model for `pickle`: the bytes of its HDF5 save file.

    # Arguments
        model: Keras model instance.

    # Returns
        A dict `{'keras_h5': bytes}`.
    """
    stream = io.BytesIO()
    save_model(model, stream)
    return {'keras_h5': stream.getvalue()}


def unpickle_model(state):
    """Rebuilds a model from the output of `pickle_model`.

    # Arguments
        state: dict written by `pickle_model`.

    # Returns
        A Keras model instance.
    """
    # pickle already runs code of the pickled stream: the user trusts it,
    # and `copy.deepcopy` of a model with a Lambda goes through here.
    return load_model(io.BytesIO(state['keras_h5']), safe_mode=False)


# ----------------------------------------------------------------------
# Architecture only
# ----------------------------------------------------------------------

def model_from_config(config, custom_objects=None, safe_mode=True):
    """Instantiates a Keras model from its config.

    # Arguments
        config: Configuration dictionary.
        custom_objects: Optional dictionary mapping names
            (strings) to custom classes or functions to be
            considered during deserialization.
        safe_mode: Boolean (default True): refuse `Lambda` functions
            stored as bytecode unless they match a known function (see
            `load_model`); False runs that bytecode (trusted input only).

    # Returns
        A Keras model instance (uncompiled).

    # Raises
        TypeError: if `config` is not a dictionary.
        ValueError: for an unknown class (the message lists the known
            ones) or a refused `Lambda` in safe mode.
    """
    return _model_from_config(config, custom_objects, safe_mode,
                              'the model config')


def _model_from_config(config, custom_objects, safe_mode, source):
    """`model_from_config`; failures name `source` (None: the caller
    names it)."""
    context = reading(source) if source else SafeModeScope(None)
    with SafeModeScope(safe_mode), context:
        return _deserialize_config(config, custom_objects)


def _deserialize_config(config, custom_objects):
    if isinstance(config, list):
        raise TypeError('`model_from_config` expects a dictionary, not a '
                        'list. Maybe you meant to use '
                        '`Sequential.from_config(config)`?')
    if not isinstance(config, dict):
        raise TypeError('`model_from_config` expects a dictionary '
                        '{"class_name": ..., "config": ...}, got %s.'
                        % type(config).__name__)
    from ..layers import deserialize
    from .network_serialization import _model_custom_objects
    config = upgrade_model_config(config)
    return deserialize(config,
                       custom_objects=_model_custom_objects(custom_objects))


def model_from_yaml(yaml_string, custom_objects=None, safe_mode=True):
    """Parses a yaml model configuration file and returns a model instance.

    # Arguments
        yaml_string: YAML string encoding a model configuration.
        custom_objects: Optional dictionary mapping names
            (strings) to custom classes or functions to be
            considered during deserialization.
        safe_mode: as in `model_from_config`.

    # Returns
        A Keras model instance (uncompiled).

    # Raises
        ValueError: for a string that is not a valid model config
            (`ModelFileError`) or a refused `Lambda` in safe mode.
    """
    import yaml
    config = parse_config_text(yaml_string, yaml.safe_load,
                               'The YAML model config')
    return _model_from_config(config, custom_objects, safe_mode,
                              'the YAML model config')


def model_from_json(json_string, custom_objects=None, safe_mode=True):
    """Parses a JSON model configuration file and returns a model instance.

    # Arguments
        json_string: JSON string encoding a model configuration.
        custom_objects: Optional dictionary mapping names
            (strings) to custom classes or functions to be
            considered during deserialization.
        safe_mode: as in `model_from_config`.

    # Returns
        A Keras model instance (uncompiled).

    # Raises
        ValueError: for a string that is not a valid model config
            (`ModelFileError`) or a refused `Lambda` in safe mode.
    """
    config = parse_config_text(json_string, json.loads,
                               'The JSON model config')
    return _model_from_config(config, custom_objects, safe_mode,
                              'the JSON model config')
