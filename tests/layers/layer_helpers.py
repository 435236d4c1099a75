"""Light-weight checks for the standard layers: one compiled backend
function per case (PyTensor compiles C code, so this keeps the Theano runs
short).

`check_layer` builds the layer on `Input` tensors, evaluates in one
function: its output, the output of a copy made with
`from_config(get_config())` carrying the same weights, the output mask and
the gradients of a random projection of the output with respect to every
trainable weight; then checks the inferred output shape against the real
one, the config round trip, and that every gradient is non-zero.
"""
import numpy as np
from numpy.testing import assert_allclose

from keras import backend as K
from keras.utils.safe_mode import SafeModeScope
from keras.layers import Input


def shapes_compatible(inferred, actual):
    """`inferred` may hold None where the actual shape has any size."""
    if inferred is None or len(inferred) != len(actual):
        return False
    return all(i is None or i == a for i, a in zip(inferred, actual))


def comparable_config(config):
    """Config without the bytecode of serialized Python functions (marshal
    output of a reloaded function may differ in its flags)."""
    config = dict(config)
    for key in list(config):
        if config.get(key + '_type') == 'lambda':
            config[key] = 'lambda'
    return config


def _dense(value):
    """Sparse gradient values (TensorFlow's IndexedSlicesValue) -> array."""
    if hasattr(value, 'indices') and hasattr(value, 'values'):
        dense = np.zeros(value.dense_shape, dtype=value.values.dtype)
        np.add.at(dense, value.indices, value.values)
        return dense
    return np.asarray(value)


def _as_list(x):
    return list(x) if isinstance(x, (list, tuple)) else [x]


def check_layer(layer, input_data, expected=None, input_dtypes=None,
                fixed_batch=False, static_dims=True, learning_phase=None,
                check_gradients=True, atol=1e-5, rtol=1e-5, mask=None,
                extra_outputs=None):
    """Runs the checks described in the module docstring.

    # Arguments
        layer: a fresh (unbuilt) layer instance.
        input_data: NumPy array or list of arrays (batch axis first).
        expected: optional expected output (array or list of arrays).
        input_dtypes: dtype(s) of the inputs (default: floatx).
        fixed_batch: whether the Input declares the batch size.
        static_dims: whether the Input declares the non-batch sizes
            (False: all None).
        learning_phase: None (not fed), 0 or 1.
        check_gradients: whether every trainable weight must get a
            non-zero gradient.
        mask: optional list with the input mask array(s) (fed through a
            masking `Lambda` is out of scope; pass arrays to compare).
        extra_outputs: optional function `(layer, inputs, outputs) ->
            list of tensors` evaluated in the same function.

    # Returns
        dict with 'output' (array or list), 'mask', 'layer', 'inputs',
        'outputs', 'extra'.
    """
    arrays = _as_list(input_data)
    dtypes = _as_list(input_dtypes) if input_dtypes is not None \
        else [K.floatx()] * len(arrays)
    inputs = []
    for array, dtype in zip(arrays, dtypes):
        dims = array.shape[1:] if static_dims else (None,) * (array.ndim - 1)
        batch = array.shape[0] if fixed_batch else None
        inputs.append(Input(batch_shape=(batch,) + tuple(dims), dtype=dtype))
    layer_input = inputs if isinstance(input_data, list) else inputs[0]
    outputs = layer(layer_input)
    output_list = _as_list(outputs)

    config = layer.get_config()
    with SafeModeScope(False):  # a live layer's config: its own lambdas
        clone = layer.__class__.from_config(config)
    clone_outputs = _as_list(clone(layer_input))
    clone.set_weights(layer.get_weights())
    assert comparable_config(clone.get_config()) == \
        comparable_config(config), 'config round trip changed config'

    fetches = output_list + clone_outputs
    masks = _as_list(layer.compute_mask(layer_input, None))
    mask_tensors = [m for m in masks if m is not None]
    fetches += mask_tensors

    weights = layer.trainable_weights
    projection_values = []
    grads = []
    if check_gradients and weights:
        loss = 0
        for out in output_list:
            shape = K.int_shape(out)
            value = np.random.RandomState(0).uniform(
                0.5, 1.5, size=[1 if d is None else d
                                for d in shape]).astype(K.floatx())
            projection_values.append(value)
            loss = loss + K.sum(K.cast(out, K.floatx()) * K.constant(value))
        grads = K.gradients(loss, weights)
        assert all(g is not None for g in grads), 'a gradient is None'
        fetches += grads
    extra = extra_outputs(layer, layer_input, outputs) if extra_outputs \
        else []
    fetches += extra

    feed_tensors = list(inputs)
    feed_values = list(arrays)
    if learning_phase is not None:
        feed_tensors.append(K.learning_phase())
        feed_values.append(learning_phase)
    function = K.function(feed_tensors, fetches)
    results = function(feed_values)

    n = len(output_list)
    values = results[:n]
    clone_values = results[n:2 * n]
    position = 2 * n
    mask_values = results[position:position + len(mask_tensors)]
    position += len(mask_tensors)
    grad_values = [_dense(g) for g in
                   results[position:position + len(grads)]]
    extra_values = results[position + len(grads):]

    input_shapes = [tuple(i._keras_shape) if hasattr(i, '_keras_shape')
                    else K.int_shape(i) for i in inputs]
    inferred = layer.compute_output_shape(
        input_shapes if isinstance(input_data, list) else input_shapes[0])
    inferred = inferred if isinstance(inferred, list) else [inferred]
    for shape, value in zip(inferred, values):
        assert shapes_compatible(tuple(shape), value.shape), \
            'inferred shape %s != actual %s' % (shape, value.shape)
    for value, clone_value in zip(values, clone_values):
        assert_allclose(value, clone_value, atol=1e-6, rtol=1e-6)
    if expected is not None:
        for value, exp in zip(values, _as_list(expected)):
            assert value.shape == np.shape(exp), (value.shape, np.shape(exp))
            assert_allclose(value, exp, atol=atol, rtol=rtol)
    for weight, grad in zip(weights, grad_values):
        assert np.any(grad != 0), 'zero gradient for %s' % weight.name
    return {'output': values if isinstance(outputs, list) else values[0],
            'mask': mask_values, 'layer': layer, 'inputs': inputs,
            'outputs': outputs, 'extra': extra_values,
            'grads': grad_values}


def eval_layer(layer, input_data, learning_phase=None, input_dtype=None):
    """Output of `layer` on `input_data` (one compiled function)."""
    arrays = _as_list(input_data)
    inputs = [Input(batch_shape=(None,) + a.shape[1:],
                    dtype=input_dtype or K.floatx()) for a in arrays]
    out = layer(inputs if isinstance(input_data, list) else inputs[0])
    feeds = list(inputs)
    values = list(arrays)
    if learning_phase is not None:
        feeds.append(K.learning_phase())
        values.append(learning_phase)
    return K.function(feeds, _as_list(out))(values)
