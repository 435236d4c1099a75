"""Compiled functions and gradients (PyTensor engine).

`K.function` compiles its graph once with `pytensor.function`; calling it
only converts the given arrays. The learning phase is fed 0 (test mode)
whenever the graph uses it and it is not one of the function inputs (PyTensor
3 has no inputs with default values, so `Function` appends the 0 itself).
"""
import contextlib
import inspect

import pytensor
import pytensor.tensor as pt
from pytensor.compile.sharedvalue import SharedVariable
from pytensor.graph.basic import Variable
from pytensor.graph.traversal import graph_inputs

from . import config
from .random import generator_updates

_LEARNING_PHASE_NAME = 'keras_learning_phase'
_PYTENSOR_FUNCTION_ARGS = set(
    inspect.signature(pytensor.function).parameters) - {'inputs', 'outputs',
                                                        'updates'}


def _flatten_updates(updates):
    """Yields `(variable, new_value)` pairs from nested lists/dicts."""
    if updates is None:
        return
    if isinstance(updates, dict):
        updates = list(updates.items())
    for item in updates:
        if (isinstance(item, tuple) and len(item) == 2 and
                isinstance(item[0], SharedVariable)):
            yield item
        elif isinstance(item, (list, tuple, dict)):
            for pair in _flatten_updates(item):
                yield pair
        else:
            raise TypeError('K.function: an update must be a '
                            '(variable, new_value) tuple, got %r.' % (item,))


def _unique_updates(updates):
    """Keeps the first update of each variable; casts to its dtype."""
    seen = {}
    for var, new in _flatten_updates(updates):
        if var in seen:
            continue
        new = pt.as_tensor_variable(new)
        if new.dtype != var.dtype:
            new = pt.cast(new, var.dtype)
        seen[var] = new
    return list(seen.items())


def _graph_roots(outputs, updates):
    return ([o for o in outputs if isinstance(o, Variable)] +
            [new for _, new in updates])


def _generator_updates(outputs, updates):
    """Advances every random generator the graph draws from."""
    updated = set(var for var, _ in updates)
    inputs = [v for v in graph_inputs(_graph_roots(outputs, updates))
              if v not in updated]
    return generator_updates(inputs)


def _learning_phase_inputs(outputs, updates, inputs):
    """The learning-phase placeholders used by the graph but not fed."""
    given = set(inputs)
    found = []
    for var in graph_inputs(_graph_roots(outputs, updates)):
        if (var.name == _LEARNING_PHASE_NAME and var not in given and
                not isinstance(var, SharedVariable) and var not in found and
                getattr(var, 'owner', None) is None and
                not hasattr(var, 'data')):
            found.append(var)
    return found


class Function(object):
    """A compiled PyTensor function called on a list of Numpy arrays.

    # Arguments
        inputs: list of placeholder tensors.
        outputs: list of output tensors (or a single tensor).
        updates: list of `(variable, new_value)` tuples (nested lists and
            dicts are accepted), applied after each call.
        name: optional name of the compiled function.
        **kwargs: passed to `pytensor.function` (e.g. `mode`).

    # Raises
        TypeError: if `inputs` is not a list/tuple, or an update is malformed.
    """

    def __init__(self, inputs, outputs, updates=[], name=None, **kwargs):
        if not isinstance(inputs, (list, tuple)):
            raise TypeError('K.function: `inputs` should be a list or tuple '
                            'of tensors, got %r.' % (type(inputs).__name__,))
        self.inputs = list(inputs)
        self._single_output = not isinstance(outputs, (list, tuple))
        self.outputs = [outputs] if self._single_output else list(outputs)
        self.updates = _unique_updates(updates)
        self.updates += _generator_updates(self.outputs, self.updates)
        self.name = name
        # learning phases used but not fed get 0 at every call
        phases = _learning_phase_inputs(self.outputs, self.updates,
                                        self.inputs)
        self._defaults = [0] * len(phases)
        compile_inputs = list(self.inputs) + phases
        kwargs.setdefault('mode', config.function_mode())
        config.sync_floatx(pytensor.config)
        self.function = pytensor.function(
            compile_inputs, self.outputs, updates=self.updates,
            allow_input_downcast=True, on_unused_input='ignore', name=name,
            **kwargs)
        self._n_inputs = len(self.inputs)

    def __call__(self, inputs):
        if not isinstance(inputs, (list, tuple)):
            raise TypeError('K.function expects a list or tuple of arrays, '
                            'got %s.' % type(inputs).__name__)
        if len(inputs) != self._n_inputs:
            raise ValueError('K.function%s expects %d inputs, got %d.'
                             % (' %r' % self.name if self.name else '',
                                self._n_inputs, len(inputs)))
        if self._defaults:
            outputs = self.function(*inputs, *self._defaults)
        else:
            outputs = self.function(*inputs)
        # 0-d arrays become NumPy scalars, as TensorFlow's session returns
        outputs = [o[()] if getattr(o, 'ndim', None) == 0 else o
                   for o in outputs]
        if self._single_output:
            return outputs[0]
        return outputs


def function(inputs, outputs, updates=[], **kwargs):
    """Instantiates a Keras function (compiled once).

    # Arguments
        inputs: List of placeholder tensors.
        outputs: List of output tensors.
        updates: List of update tuples `(variable, new_value)`.
        **kwargs: `name`, and arguments of `pytensor.function`.

    # Returns
        A callable taking a list of Numpy arrays, returning a list of arrays.

    # Raises
        ValueError: if an unknown keyword argument is given.
    """
    for key in kwargs:
        if key != 'name' and key not in _PYTENSOR_FUNCTION_ARGS:
            raise ValueError('Invalid argument "%s" passed to K.function with '
                             'the PyTensor (theano) backend.' % key)
    return Function(inputs, outputs, updates=updates, **kwargs)


def gradients(loss, variables):
    """Returns the gradients of `loss` with respect to `variables`.

    A non-scalar `loss` is summed first (as `tf.gradients` does).
    Variables that `loss` does not depend on get zero gradients.

    # Arguments
        loss: Scalar tensor to minimize.
        variables: List of variables (or a single variable).

    # Returns
        A list of gradient tensors.
    """
    single = not isinstance(variables, (list, tuple))
    targets = [variables] if single else list(variables)
    if loss.ndim:
        loss = pt.sum(loss)
    grads = pytensor.grad(loss, targets, disconnected_inputs='ignore',
                          return_disconnected='zero')
    return list(grads)


def stop_gradient(variables):
    """Returns `variables` with a zero gradient towards all other variables.

    # Arguments
        variables: A tensor or a list of tensors.

    # Returns
        A tensor or a list of tensors (matching the argument).
    """
    if isinstance(variables, (list, tuple)):
        return [pytensor.gradient.disconnected_grad(v) for v in variables]
    return pytensor.gradient.disconnected_grad(variables)


def control_dependencies(control_inputs):
    """A context manager for control dependencies (a no-op on PyTensor,
    where updates are applied by `K.function`)."""
    return contextlib.nullcontext()


def symbolic(func):
    """Decorator for functions run symbolically (a no-op on PyTensor)."""
    return func


def eager(func):
    """Decorator for functions run eagerly (a no-op on PyTensor)."""
    return func
