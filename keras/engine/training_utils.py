"""Training-related utilities: sample and class weights, loss/metric
preparation and batching helpers used by `Model`; the input
standardisation helpers live in `training_data` and are re-exported here.
"""
from __future__ import absolute_import
from __future__ import division
from __future__ import print_function

import collections.abc
import inspect
import warnings
from collections import OrderedDict

import numpy as np

from .. import backend as K
from .. import losses
from .. import metrics as metrics_module
from .training_data import (  # noqa: F401 (re-exported)
    _to_list,
    _check_for_unexpected_keys,
    _is_dataframe,
    standardize_single_array,
    _data_to_list,
    _check_count,
    _check_shapes,
    standardize_input_data,
    standardize_sample_or_class_weights,
    standardize_class_weights,
    standardize_sample_weights,
    check_array_length_consistency,
    _wrapped_fn,
    _is_loss,
    _loss_name,
    check_loss_and_target_compatibility,
)


# ---------------------------------------------------------------------------
# Batching
# ---------------------------------------------------------------------------

def batch_shuffle(index_array, batch_size):
    """Shuffles an index array batch-wise (whole batches change places).

    Useful for HDF5 arrays, where only contiguous slices are cheap. The
    trailing partial batch stays at the end.

    # Arguments
        index_array: array of indices to be shuffled.
        batch_size: integer.

    # Returns
        The shuffled index array.
    """
    batch_count = len(index_array) // batch_size
    last_batch = index_array[batch_count * batch_size:]
    full = index_array[:batch_count * batch_size].reshape((batch_count,
                                                           batch_size))
    np.random.shuffle(full)
    return np.append(full.flatten(), last_batch)


def make_batches(size, batch_size):
    """Returns a list of `(start, end)` batch index tuples.

    # Arguments
        size: Integer, total size of the data to slice into batches.
        batch_size: Integer, batch size.

    # Returns
        A list of tuples of array indices.
    """
    num_batches = (size + batch_size - 1) // batch_size
    return [(i * batch_size, min(size, (i + 1) * batch_size))
            for i in range(num_batches)]


def check_num_samples(ins, batch_size=None, steps=None, steps_name='steps'):
    """Determines the number of samples provided for training or evaluation.

    # Arguments
        ins: List of arrays (or tensors) to be fed to the Keras function.
        batch_size: Integer batch size or `None`.
        steps: Total number of steps (batches), or `None`.
        steps_name: The public API's parameter name for `steps`.

    # Returns
        The number of samples (first dimension of the first array), or None
        when `steps` is given.

    # Raises
        ValueError: when both `steps` and `batch_size` are given, or when the
            data is symbolic and `steps` is missing.
    """
    if steps is not None and batch_size is not None:
        raise ValueError('If ' + steps_name + ' is set, the `batch_size` must '
                         'be None.')
    if not ins or any(K.is_tensor(x) for x in ins):
        if steps is None:
            raise ValueError(
                'If your data is in the form of symbolic tensors, you should '
                'specify the `' + steps_name + '` argument (instead of the '
                '`batch_size` argument, because symbolic tensors are expected '
                'to produce batches of input data).')
        return None
    if hasattr(ins[0], 'shape'):
        return int(ins[0].shape[0])
    return None


def should_run_validation(validation_freq, epoch):
    """Whether validation runs after the 0-indexed `epoch`.

    # Arguments
        validation_freq: Integer (every N epochs) or container of 1-indexed
            epoch numbers.
        epoch: Integer, the (0-indexed) training epoch just completed.

    # Returns
        Bool.

    # Raises
        ValueError: if `validation_freq` is an integer below 1, or neither an
            integer nor a container.
    """
    one_indexed_epoch = epoch + 1
    if isinstance(validation_freq, (int, np.integer)):
        if validation_freq < 1:
            raise ValueError('`validation_freq` can not be less than 1.')
        return one_indexed_epoch % validation_freq == 0
    if not isinstance(validation_freq, collections.abc.Container):
        raise ValueError('`validation_freq` must be an Integer or '
                         '`collections.Container` (e.g. list, tuple, etc.), '
                         'got: ' + str(validation_freq))
    return one_indexed_epoch in validation_freq


# ---------------------------------------------------------------------------
# Weights
# ---------------------------------------------------------------------------

def _check_weight_mode(y, sample_weight, sample_weight_mode):
    if sample_weight_mode is not None:
        if sample_weight_mode != 'temporal':
            raise ValueError('"sample_weight_mode" should be None or '
                             '"temporal". Found: ' + str(sample_weight_mode))
        if len(y.shape) < 3:
            raise ValueError('Found a sample_weight array for an input with '
                             'shape ' + str(y.shape) + '. Timestep-wise sample '
                             'weighting (use of sample_weight_mode="temporal") '
                             'is restricted to outputs that are at least 3D, '
                             'i.e. that have a time dimension.')
        if sample_weight is not None and len(sample_weight.shape) != 2:
            raise ValueError('Found a sample_weight array with shape ' +
                             str(sample_weight.shape) + '. In order to use '
                             'timestep-wise sample weighting, you should pass '
                             'a 2D sample_weight array.')
    elif sample_weight is not None and len(sample_weight.shape) != 1:
        raise ValueError('Found a sample_weight array with shape ' +
                         str(sample_weight.shape) + '. In order to use '
                         'timestep-wise sample weights, you should specify '
                         'sample_weight_mode="temporal" in compile(). If you '
                         'just mean to use sample-wise weights, make sure your '
                         'sample_weight array is 1D.')
    if sample_weight is not None:
        if len(sample_weight.shape) > len(y.shape):
            raise ValueError('Found a sample_weight with shape ' +
                             str(sample_weight.shape) + '. Expected '
                             'sample_weight with rank less than or equal to ' +
                             str(len(y.shape)))
        if tuple(y.shape[:sample_weight.ndim]) != tuple(sample_weight.shape):
            raise ValueError('Found a sample_weight array with shape ' +
                             str(sample_weight.shape) + ' for an input with '
                             'shape ' + str(y.shape) + '. sample_weight cannot '
                             'be broadcast.')


def _class_sample_weight(y, class_weight):
    if len(y.shape) > 2:
        raise ValueError('`class_weight` not supported for 3+ dimensional '
                         'targets.')
    if len(y.shape) == 2 and y.shape[1] > 1:
        y_classes = np.argmax(y, axis=1)
    else:
        y_classes = np.reshape(y, (y.shape[0],))
    classes = np.unique(y_classes)
    missing = [c for c in classes.tolist() if c not in class_weight]
    if missing:
        raise ValueError('`class_weight` must contain all classes in the data.'
                         ' The classes %s exist in the data but not in '
                         '`class_weight`.' % set(missing))
    lookup = np.array([class_weight[c] for c in classes.tolist()],
                      dtype=K.floatx())
    return lookup[np.searchsorted(classes, y_classes)]


def standardize_weights(y, sample_weight=None, class_weight=None,
                        sample_weight_mode=None):
    """Builds one weight array per target from sample and class weights.

    If both are given they are multiplied; with neither, every sample (or
    timestep, in `'temporal'` mode) weighs 1.

    # Arguments
        y: Numpy array of model targets to be weighted.
        sample_weight: User-provided `sample_weight` argument.
        class_weight: User-provided `class_weight` argument (dict).
        sample_weight_mode: One of `None` or `"temporal"` (2D weights over
            the first two target dimensions).

    # Returns
        A float Numpy array of weights.

    # Raises
        ValueError: In case of invalid user-provided arguments.
    """
    if sample_weight is not None:
        sample_weight = np.asarray(sample_weight)
    _check_weight_mode(y, sample_weight, sample_weight_mode)
    class_sample_weight = None
    if isinstance(class_weight, dict) and class_weight:
        class_sample_weight = _class_sample_weight(y, class_weight)
    if sample_weight is not None and class_sample_weight is not None:
        if sample_weight.ndim == 2:
            class_sample_weight = class_sample_weight[:, None]
        weights = sample_weight * class_sample_weight
    elif sample_weight is not None:
        weights = sample_weight
    elif class_sample_weight is not None:
        weights = class_sample_weight
    elif sample_weight_mode is None:
        return np.ones((y.shape[0],), dtype=K.floatx())
    else:
        return np.ones((y.shape[0], y.shape[1]), dtype=K.floatx())
    return np.asarray(weights, dtype=K.floatx())


def weighted_masked_objective(fn):
    """Adds sample weighting and masking to an objective `fn(y_true, y_pred)`.

    Masked entries are zeroed and the result rescaled so that the loss is an
    average over the unmasked entries; weights then scale each sample (or
    timestep) and the result is normalised by the fraction of non-zero
    weights.

    # Arguments
        fn: The objective function to wrap, `fn(y_true, y_pred)`.

    # Returns
        A function `weighted(y_true, y_pred, weights, mask=None)` returning a
        scalar tensor.
    """
    if fn is None:
        return None

    def weighted(y_true, y_pred, weights, mask=None):
        score_array = fn(y_true, y_pred)
        if mask is not None:
            mask = K.cast(mask, K.floatx())
            score_array *= mask
            score_array /= K.mean(mask) + K.epsilon()
        if weights is not None:
            ndim = K.ndim(score_array)
            weight_ndim = K.ndim(weights)
            if None not in (ndim, weight_ndim) and ndim > weight_ndim:
                score_array = K.mean(score_array,
                                     axis=list(range(weight_ndim, ndim)))
            score_array *= weights
            score_array /= K.mean(K.cast(K.not_equal(weights, 0), K.floatx()))
        return K.mean(score_array)
    return weighted


# ---------------------------------------------------------------------------
# Generators and Sequences
# ---------------------------------------------------------------------------

def iter_sequence_infinite(seq):
    """Iterates indefinitely over a Sequence.

    # Arguments
        seq: Sequence object.

    # Returns
        Generator yielding batches.
    """
    while True:
        for index in range(len(seq)):
            yield seq[index]


def is_sequence(seq):
    """Whether `seq` is a `keras.utils.Sequence` (or follows its API).

    # Arguments
        seq: a possible Sequence object.

    # Returns
        Boolean.
    """
    from ..utils.data_utils import Sequence
    if isinstance(seq, Sequence) or getattr(seq, 'use_sequence_api', False):
        return True
    if isinstance(seq, (list, tuple, dict, np.ndarray)) or K.is_tensor(seq):
        return False
    return all(hasattr(seq, m) for m in ('__getitem__', '__len__',
                                         'on_epoch_end'))


def is_generator_or_sequence(x):
    """Whether `x` is a Python generator or a Keras Sequence."""
    return inspect.isgenerator(x) or is_sequence(x)


def check_generator_arguments(y=None, sample_weight=None,
                              validation_split=None):
    """Validates the arguments that a generator input cannot accept.

    # Raises
        ValueError: if `y`, `sample_weight` or `validation_split` is given.
    """
    if y is not None:
        raise ValueError('`y` argument is not supported when data is a '
                         'generator or Sequence instance. Instead pass targets '
                         'as the second element of the generator.')
    if sample_weight is not None:
        raise ValueError('`sample_weight` argument is not supported when data '
                         'is a generator or Sequence instance. Instead pass '
                         'sample weights as the third element of the '
                         'generator.')
    if validation_split:
        raise ValueError('If your data is in the form of a Python generator, '
                         'you cannot use `validation_split`.')


# ---------------------------------------------------------------------------
# Layers
# ---------------------------------------------------------------------------

def get_input_shape_and_dtype(layer):
    """Input shape and dtype of a layer (first layer of nested models).

    # Arguments
        layer: Layer (or model) instance.

    # Returns
        Tuple `(batch_input_shape, dtype)`, both None when not defined.

    # Raises
        ValueError: for an empty Sequential or functional model.
    """
    def is_graph_model(layer):
        return (getattr(layer, '_is_graph_network', False) or
                layer.__class__.__name__ == 'Sequential')

    while is_graph_model(layer):
        if not layer.layers:
            raise ValueError('An empty Model cannot be used as a Layer.')
        layer = layer.layers[0]
    if getattr(layer, '_batch_input_shape', None) is not None:
        return layer._batch_input_shape, getattr(layer, 'dtype', None)
    if hasattr(layer, 'batch_input_shape'):
        return layer.batch_input_shape, getattr(layer, 'dtype', None)
    return None, None


def get_static_batch_size(layer):
    """The static batch size of a layer's input, or None."""
    batch_input_shape, _ = get_input_shape_and_dtype(layer)
    if batch_input_shape is not None:
        return batch_input_shape[0]
    return None


# ---------------------------------------------------------------------------
# Losses, metrics and sample weights for compile()
# ---------------------------------------------------------------------------

def get_loss_function(loss):
    """The loss callable to use for a `compile(loss=...)` entry.

    Names and plain functions are wrapped in a `LossFunctionWrapper`
    averaging over the batch (`SUM_OVER_BATCH_SIZE`); `Loss` objects and
    custom callables are used as they are.

    # Arguments
        loss: None, name, function, config dict or `Loss` instance.

    # Returns
        A loss callable `(y_true, y_pred, sample_weight=None)`, or None.

    # Raises
        ValueError: for an unknown loss name.
    """
    if loss is None or isinstance(loss, losses.Loss):
        return loss
    if isinstance(loss, collections.abc.Mapping):
        loss = losses.get(loss)
        if isinstance(loss, losses.Loss):
            return loss
    if callable(loss) and not hasattr(loss, '__name__'):
        return loss
    loss_fn = losses.get(loss)
    if loss_fn is None:
        raise ValueError('Unknown loss function: ' + str(loss))
    from ..utils import losses_utils
    return losses.LossFunctionWrapper(
        loss_fn, name=loss_fn.__name__,
        reduction=losses_utils.Reduction.SUM_OVER_BATCH_SIZE)


def prepare_loss_functions(loss, output_names):
    """Converts `compile(loss=...)` to one loss callable per output.

    # Arguments
        loss: name, function, `Loss`, or a list/dict of those (dict keyed by
            output name; a missing output gets no loss).
        output_names: List of model output names.

    # Returns
        A list of loss callables (None for skipped outputs).

    # Raises
        ValueError: for unknown dict keys or a list of the wrong length.
    """
    if isinstance(loss, collections.abc.Mapping):
        _check_for_unexpected_keys('loss', loss, output_names)
        loss_functions = []
        for name in output_names:
            if name not in loss:
                warnings.warn('Output {0} missing from loss dictionary. We '
                              'assume this was done on purpose. The fit and '
                              'evaluate APIs will not be expecting any data '
                              'to be passed to {0}.'.format(name))
            loss_functions.append(get_loss_function(loss.get(name)))
        return loss_functions
    if isinstance(loss, str):
        return [get_loss_function(loss) for _ in output_names]
    if isinstance(loss, (list, tuple)):
        if len(loss) != len(output_names):
            raise ValueError('When passing a list as loss, it should have one '
                             'entry per model outputs. The model has {} '
                             'outputs ({}), but you passed loss={}'.format(
                                 len(output_names), output_names, loss))
        return [get_loss_function(item) for item in loss]
    return [get_loss_function(loss) for _ in output_names]


def prepare_loss_weights(output_names, loss_weights=None):
    """Converts `compile(loss_weights=...)` to one float per output.

    # Arguments
        output_names: List of model output names.
        loss_weights: None, list (one per output) or dict (by output name,
            missing outputs weigh 1).

    # Returns
        A list of loss weights.

    # Raises
        ValueError: for unknown dict keys or a list of the wrong length.
        TypeError: for any other type.
    """
    if loss_weights is None:
        return [1.] * len(output_names)
    if isinstance(loss_weights, collections.abc.Mapping):
        _check_for_unexpected_keys('loss_weights', loss_weights, output_names)
        return [loss_weights.get(name, 1.) for name in output_names]
    if isinstance(loss_weights, (list, tuple)):
        if len(loss_weights) != len(output_names):
            raise ValueError('When passing a list as loss_weights, it should '
                             'have one entry per model output. The model has ' +
                             str(len(output_names)) + ' outputs, but you '
                             'passed loss_weights=' + str(loss_weights))
        return list(loss_weights)
    raise TypeError('Could not interpret loss_weights argument: ' +
                    str(loss_weights) + ' - expected a list of dicts.')


def get_output_sample_weight_and_mode(skip_target_weighing_indices,
                                      sample_weight_mode, output_name,
                                      output_index):
    """The sample-weight placeholder and mode of one output.

    # Returns
        `(placeholder, mode)`, or `(None, None)` for a skipped output.
    """
    if output_index in skip_target_weighing_indices:
        return None, None
    if sample_weight_mode == 'temporal':
        shape, mode = [None, None], 'temporal'
    elif sample_weight_mode is None:
        shape, mode = [None], None
    else:
        raise ValueError('"sample_weight_mode" should be None or "temporal". '
                         'Found: ' + str(sample_weight_mode) + ' for output ' +
                         output_name)
    weight = K.placeholder(shape=shape, name=output_name + '_sample_weights')
    return weight, mode


def prepare_sample_weights(output_names, sample_weight_mode,
                           skip_target_weighing_indices):
    """Creates the sample-weight placeholders of a model.

    # Arguments
        output_names: List of model output names.
        sample_weight_mode: None, 'temporal', or a list/dict of those.
        skip_target_weighing_indices: Indices of outputs without weights.

    # Returns
        A pair `(sample_weights, sample_weight_modes)`, one entry per output.

    # Raises
        ValueError: In case of invalid `sample_weight_mode` input.
    """
    if isinstance(sample_weight_mode, dict):
        _check_for_unexpected_keys('sample_weight_mode', sample_weight_mode,
                                   output_names)
        for i, name in enumerate(output_names):
            if (i not in skip_target_weighing_indices and
                    name not in sample_weight_mode):
                raise ValueError('Output "' + name + '" missing from '
                                 'sample_weight_modes dictionary')
        modes = [sample_weight_mode.get(name) for name in output_names]
    elif isinstance(sample_weight_mode, (list, tuple)):
        if len(sample_weight_mode) != len(output_names):
            raise ValueError('When passing a list as sample_weight_mode, it '
                             'should have one entry per model output. The '
                             'model has ' + str(len(output_names)) + ' outputs,'
                             ' but you passed ' + str(len(sample_weight_mode)) +
                             ' sample_weight_modes')
        modes = list(sample_weight_mode)
    else:
        modes = [sample_weight_mode] * len(output_names)
    pairs = [get_output_sample_weight_and_mode(skip_target_weighing_indices,
                                               mode, name, i)
             for i, (name, mode) in enumerate(zip(output_names, modes))]
    return [p[0] for p in pairs], [p[1] for p in pairs]


def get_metric_name(metric, weighted=False):
    """The display name of a metric: the string the user gave, else the
    metric's `name` or function name.

    # Arguments
        metric: Metric name, function or `Metric` instance.
        weighted: Boolean, whether the metric is weighted (unused for names
            given as strings, as in Keras 2.3).

    # Returns
        The metric name.
    """
    if isinstance(metric, str):
        return metric
    metric = metrics_module.get(metric)
    return metric.name if hasattr(metric, 'name') else metric.__name__


def get_metric_function(metric, output_shape=None, loss_fn=None):
    """The metric function for a metric given to `compile`.

    'acc'/'accuracy' and 'ce'/'crossentropy' are resolved from the output
    shape and loss: binary (one unit or binary crossentropy), sparse
    categorical (sparse categorical crossentropy) or categorical.

    # Arguments
        metric: Metric name, function or `Metric` instance.
        output_shape: The shape of the output the metric applies to.
        loss_fn: The loss function of that output.

    # Returns
        The metric function (or `Metric` instance).
    """
    if metric not in ('accuracy', 'acc', 'crossentropy', 'ce'):
        return metrics_module.get(metric)
    is_binary = (_is_loss(loss_fn, 'binary_crossentropy', 'BinaryCrossentropy')
                 or (output_shape is not None and output_shape[-1] == 1))
    is_sparse = _is_loss(loss_fn, 'sparse_categorical_crossentropy',
                         'SparseCategoricalCrossentropy')
    if metric in ('accuracy', 'acc'):
        if is_binary:
            return metrics_module.binary_accuracy
        if is_sparse:
            return metrics_module.sparse_categorical_accuracy
        return metrics_module.categorical_accuracy
    if is_binary:
        return metrics_module.binary_crossentropy
    if is_sparse:
        return metrics_module.sparse_categorical_crossentropy
    return metrics_module.categorical_crossentropy


def _nested_metrics(metrics, output_names):
    if isinstance(metrics, (list, tuple)):
        if any(isinstance(m, (list, tuple)) for m in metrics):
            if len(metrics) != len(output_names):
                raise ValueError('When passing a list of lists as `metrics`, '
                                 'it should have one entry per model output. '
                                 'The model has ' + str(len(output_names)) +
                                 ' outputs, but you passed metrics=' +
                                 str(metrics))
            return [_to_list(m) for m in metrics]
        if len(output_names) > 1:
            clone = getattr(metrics_module, 'clone_metric', lambda m: m)
            return [[clone(m) for m in metrics] for _ in output_names]
        return [list(metrics)]
    if isinstance(metrics, collections.abc.Mapping):
        _check_for_unexpected_keys('metrics', metrics, output_names)
        return [_to_list(metrics.get(name, [])) for name in output_names]
    raise TypeError('Type of `metrics` argument not understood. Expected a '
                    'list or dictionary, found: ' + str(metrics))


def collect_per_output_metric_info(metrics, output_names, output_shapes,
                                   loss_fns, is_weighted=False):
    """Maps metric names and stateful metric objects to model outputs.

    # Arguments
        metrics: a list, a list of lists or a dict of metrics.
        output_names: a list of the names (strings) of model outputs.
        output_shapes: a list of the shapes of model outputs.
        loss_fns: a list of the loss functions of the model outputs.
        is_weighted: Boolean, whether the given metrics are weighted.

    # Returns
        A list (one entry per output) of `OrderedDict`s name -> `Metric`.

    # Raises
        TypeError: if an incorrect type is passed for `metrics`.
    """
    if not metrics:
        return [OrderedDict() for _ in output_names]
    per_output = []
    for i, output_metrics in enumerate(_nested_metrics(metrics, output_names)):
        metrics_dict = OrderedDict()
        for metric in output_metrics:
            name = get_metric_name(metric, is_weighted)
            fn = get_metric_function(metric, output_shape=output_shapes[i],
                                     loss_fn=loss_fns[i])
            if not isinstance(fn, metrics_module.Metric):
                fn = metrics_module.MeanMetricWrapper(fn, name=name)
            metrics_dict[name] = fn
        per_output.append(metrics_dict)
    return per_output


def _combine_weights_and_mask(weights, mask):
    """Multiplies weights by a mask, expanding the weights' rank to the
    mask's (sample-wise weights against a (batch, time) mask)."""
    if weights is None:
        return mask
    if None in (K.ndim(weights), K.ndim(mask)):
        return weights * mask  # unknown rank: the engine broadcasts
    while K.ndim(weights) < K.ndim(mask):
        weights = K.expand_dims(weights, -1)
    return weights * mask


def call_metric_function(metric_fn, y_true, y_pred=None, weights=None,
                         mask=None):
    """Calls a stateful metric and returns its result tensor.

    The output mask, when given, is folded into the sample weights.

    # Arguments
        metric_fn: `Metric` instance.
        y_true: target tensor (or the values, for `Mean`-like metrics).
        y_pred: prediction tensor, or None for single-input metrics.
        weights: sample-weight tensor or None.
        mask: output mask tensor or None.

    # Returns
        The metric result tensor.
    """
    if mask is not None:
        mask = K.cast(mask, K.floatx())
        weights = _combine_weights_and_mask(weights, mask)
    if y_pred is not None:
        return metric_fn(y_true, y_pred, sample_weight=weights)
    return metric_fn(y_true, sample_weight=weights)
