"""Validation and standardisation of the data given to `Model`.

Inputs, targets and sample/class weights given as arrays, lists or dicts
are turned into lists aligned with the model's inputs or outputs, and
checked against the expected count, shapes, lengths and losses.
"""
from __future__ import absolute_import
from __future__ import division
from __future__ import print_function

import numpy as np

from .. import backend as K
from .. import losses


def _to_list(x):
    if isinstance(x, list):
        return x
    if isinstance(x, tuple):
        return list(x)
    return [x]


def _check_for_unexpected_keys(name, input_dict, expected_values):
    unknown = set(input_dict.keys()).difference(expected_values)
    if unknown:
        raise ValueError('Unknown entries in {} dictionary: {}. Only expected '
                         'following keys: {}'.format(name, sorted(unknown),
                                                     list(expected_values)))


def _is_dataframe(x):
    return x.__class__.__name__ == 'DataFrame'


# ---------------------------------------------------------------------------
# Input / target standardisation
# ---------------------------------------------------------------------------

def standardize_single_array(x):
    """Turns one user-provided array into a model-ready array.

    1D arrays become column vectors `(samples, 1)`; symbolic tensors must
    have a static batch size.

    # Arguments
        x: Numpy array, symbolic tensor or None.

    # Returns
        The standardized array (or tensor, or None).

    # Raises
        ValueError: for a symbolic tensor without static batch size.
    """
    if x is None:
        return None
    if K.is_tensor(x):
        shape = K.int_shape(x)
        if shape is None or shape[0] is None:
            raise ValueError('When feeding symbolic tensors to a model, we '
                             'expect the tensors to have a static batch size. '
                             'Got tensor with shape: %s' % str(shape))
        return x
    if not hasattr(x, 'shape'):
        x = np.asarray(x)
    if x.ndim == 1:
        x = np.expand_dims(x, 1)
    return x


def _data_to_list(data, names, exception_prefix):
    if isinstance(data, dict):
        try:
            return [data[x].values if _is_dataframe(data[x]) else data[x]
                    for x in names]
        except KeyError as e:
            raise ValueError('No data provided for "' + str(e.args[0]) +
                             '". Need data for each key in: ' + str(names))
    if isinstance(data, (list, tuple)):
        if data and isinstance(data[0], (list, tuple)):
            return [np.asarray(d) for d in data]
        if len(names) == 1 and data and isinstance(data[0], (float, int)):
            return [np.asarray(data)]
        return [x.values if _is_dataframe(x) else x for x in data]
    return [data.values if _is_dataframe(data) else data]


def _check_count(data, names, exception_prefix):
    if len(data) == len(names):
        return data
    if data and hasattr(data[0], 'shape'):
        raise ValueError(
            'Error when checking model ' + exception_prefix + ': the list of '
            'Numpy arrays that you are passing to your model is not the size '
            'the model expected. Expected to see ' + str(len(names)) +
            ' array(s) (' + ', '.join(names) + '), but instead got the '
            'following list of ' + str(len(data)) + ' arrays: ' +
            str(data)[:200] + '...')
    if len(names) > 1:
        raise ValueError(
            'Error when checking model ' + exception_prefix + ': you are '
            'passing a list as input to your model, but the model expects a '
            'list of ' + str(len(names)) + ' Numpy arrays instead. '
            'The list you passed was: ' + str(data)[:200])
    if len(data) == 1 and not hasattr(data[0], 'shape'):
        raise TypeError('Error when checking model ' + exception_prefix +
                        ': data should be a Numpy array, or list/dict of '
                        'Numpy arrays. Found: ' + str(data)[:200] + '...')
    return [np.asarray(data)]


def _check_shapes(data, names, shapes, check_batch_axis, exception_prefix):
    for i, name in enumerate(names):
        if shapes[i] is None or K.is_tensor(data[i]) or data[i] is None:
            continue
        data_shape = tuple(data[i].shape)
        shape = tuple(shapes[i])
        if len(data_shape) != len(shape):
            raise ValueError(
                'Error when checking ' + exception_prefix + ': expected ' +
                name + ' to have ' + str(len(shape)) + ' dimensions, but got '
                'array with shape ' + str(data_shape))
        if not check_batch_axis:
            data_shape = data_shape[1:]
            shape = shape[1:]
        for dim, ref_dim in zip(data_shape, shape):
            if ref_dim and ref_dim != dim:
                raise ValueError(
                    'Error when checking ' + exception_prefix + ': expected ' +
                    name + ' to have shape ' + str(shape) + ' but got array '
                    'with shape ' + str(data_shape))


def standardize_input_data(data, names, shapes=None, check_batch_axis=True,
                           exception_prefix=''):
    """Normalizes inputs and targets provided by users.

    Users may pass data as a list of arrays, a dictionary of arrays (keyed by
    input/output name) or a single array. The result is a list of arrays in
    the order of `names`, checked against the expected `shapes`.

    # Arguments
        data: User-provided input data (polymorphic).
        names: List of expected array names.
        shapes: Optional list of expected array shapes (None entries and
            None dimensions are not checked).
        check_batch_axis: Boolean; whether to check the batch axis too.
        exception_prefix: String used in error messages ('input', 'target').

    # Returns
        List of standardized arrays, one per name.

    # Raises
        ValueError: in case of improperly formatted user-provided data.
    """
    if not names:
        if data is not None and hasattr(data, '__len__') and len(data):
            raise ValueError('Error when checking model ' + exception_prefix +
                             ': expected no data, but got: ' + str(data)[:200])
        return []
    if data is None:
        return [None for _ in names]
    data = _data_to_list(data, names, exception_prefix)
    data = [standardize_single_array(x) for x in data]
    data = _check_count(data, names, exception_prefix)
    if shapes:
        _check_shapes(data, names, shapes, check_batch_axis, exception_prefix)
    return data


def standardize_sample_or_class_weights(x_weight, output_names, weight_type):
    """Maps `sample_weight` or `class_weight` to the model outputs.

    # Arguments
        x_weight: User-provided `sample_weight` or `class_weight` argument.
        output_names: List of output names (strings) in the model.
        weight_type: A string used purely for exception printing.

    # Returns
        A list with exactly one element (possibly None) per model output.

    # Raises
        ValueError: In case of invalid user-provided argument.
    """
    if x_weight is None or (isinstance(x_weight, (list, dict)) and
                            len(x_weight) == 0):
        return [None for _ in output_names]
    if len(output_names) == 1:
        if isinstance(x_weight, list) and len(x_weight) == 1:
            return x_weight
        if isinstance(x_weight, dict) and output_names[0] in x_weight:
            return [x_weight[output_names[0]]]
        return [x_weight]
    if isinstance(x_weight, list):
        if len(x_weight) != len(output_names):
            raise ValueError('Provided `' + weight_type + '` was a list of ' +
                             str(len(x_weight)) + ' elements, but the model '
                             'has ' + str(len(output_names)) + ' outputs. '
                             'You should provide one `' + weight_type + '` '
                             'array per model output.')
        return x_weight
    if isinstance(x_weight, dict):
        _check_for_unexpected_keys(weight_type, x_weight, output_names)
        return [x_weight.get(name) for name in output_names]
    raise TypeError('The model has multiple outputs, so `' + weight_type +
                    '` should be either a list or a dict. Provided `' +
                    weight_type + '` type not understood: ' + str(x_weight))


def standardize_class_weights(class_weight, output_names):
    """`standardize_sample_or_class_weights` for `class_weight`."""
    return standardize_sample_or_class_weights(class_weight, output_names,
                                               'class_weight')


def standardize_sample_weights(sample_weight, output_names):
    """`standardize_sample_or_class_weights` for `sample_weight`."""
    return standardize_sample_or_class_weights(sample_weight, output_names,
                                               'sample_weight')


def check_array_length_consistency(inputs, targets, weights=None):
    """Checks that all arrays have the same number of samples.

    # Arguments
        inputs: list of Numpy arrays of inputs.
        targets: list of Numpy arrays of targets.
        weights: list of Numpy arrays of sample weights.

    # Raises
        ValueError: in case of incorrectly formatted data.
    """
    def lengths(arrays):
        if arrays is None:
            return {0}
        return set(0 if a is None else int(a.shape[0]) for a in arrays)

    def shapes(arrays):
        return [None if a is None else tuple(a.shape) for a in arrays]

    set_x, set_y, set_w = lengths(inputs), lengths(targets), lengths(weights)
    if len(set_x) > 1:
        raise ValueError('All input arrays (x) should have the same number of '
                         'samples. Got array shapes: ' + str(shapes(inputs)))
    if len(set_y) > 1:
        raise ValueError('All target arrays (y) should have the same number '
                         'of samples. Got array shapes: ' +
                         str(shapes(targets)))
    if set_x and set_y and list(set_x)[0] != list(set_y)[0]:
        raise ValueError('Input arrays should have the same number of samples '
                         'as target arrays. Found ' + str(list(set_x)[0]) +
                         ' input samples and ' + str(list(set_y)[0]) +
                         ' target samples.')
    if len(set_w) > 1:
        raise ValueError('All sample_weight arrays should have the same number '
                         'of samples. Got array shapes: ' +
                         str(shapes(weights)))
    if set_y and set_w and list(set_y)[0] != list(set_w)[0]:
        raise ValueError('Sample_weight arrays should have the same number of '
                         'samples as target arrays. Got ' +
                         str(list(set_y)[0]) + ' input samples and ' +
                         str(list(set_w)[0]) + ' target samples.')


# ---------------------------------------------------------------------------
# Loss identification helpers
# ---------------------------------------------------------------------------

def _wrapped_fn(loss):
    """The plain function behind a loss (object, wrapper or function)."""
    return getattr(loss, 'fn', loss)


def _is_loss(loss, fn_name, class_name):
    cls = getattr(losses, class_name, None)
    if cls is not None and isinstance(loss, cls):
        return True
    fn = getattr(losses, fn_name, None)
    return fn is not None and _wrapped_fn(loss) is fn


def _loss_name(loss):
    name = getattr(loss, 'name', None)
    if name:
        return name
    fn = _wrapped_fn(loss)
    return getattr(fn, '__name__', type(loss).__name__)


def check_loss_and_target_compatibility(targets, loss_fns, output_shapes):
    """Checks that the targets fit the losses (catches common mistakes).

    # Arguments
        targets: list of Numpy arrays of targets.
        loss_fns: list of loss functions (or `Loss` objects).
        output_shapes: list of shapes of model outputs.

    # Raises
        ValueError: if a loss function or target array is incompatible with
            an output.
    """
    for y, loss, shape in zip(targets, loss_fns, output_shapes):
        if y is None or loss is None or K.is_tensor(y):
            continue
        if _is_loss(loss, 'categorical_crossentropy',
                    'CategoricalCrossentropy'):
            if y.shape[-1] == 1:
                raise ValueError(
                    'You are passing a target array of shape ' + str(y.shape) +
                    ' while using as loss `categorical_crossentropy`. '
                    '`categorical_crossentropy` expects targets to be binary '
                    'matrices (1s and 0s) of shape (samples, classes). If your '
                    'targets are integer classes, you can convert them to the '
                    'expected format via:\n```\nfrom keras.utils import '
                    'to_categorical\ny_binary = to_categorical(y_int)\n```\n\n'
                    'Alternatively, you can use the loss function '
                    '`sparse_categorical_crossentropy` instead, which does '
                    'expect integer targets.')
        keyed = any(_is_loss(loss, f, c) for f, c in (
            ('mean_squared_error', 'MeanSquaredError'),
            ('binary_crossentropy', 'BinaryCrossentropy'),
            ('categorical_crossentropy', 'CategoricalCrossentropy')))
        if keyed and shape is not None:
            for target_dim, out_dim in zip(y.shape[1:], shape[1:]):
                if out_dim is not None and target_dim != out_dim:
                    raise ValueError(
                        'A target array with shape ' + str(y.shape) +
                        ' was passed for an output of shape ' + str(shape) +
                        ' while using as loss `' + _loss_name(loss) + '`. '
                        'This loss expects targets to have the same shape '
                        'as the output.')
