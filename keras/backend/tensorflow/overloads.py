"""Python operators on graph tensors and variables, from eager code.

The process runs in eager mode while Keras tensors live in a graph. Keras 2
code writes `1. - y_true`, `x[:, 0]` or `p - lr * g` anywhere, outside any
backend function. TensorFlow refuses graph tensors in eager ops, so the
operators of graph tensors and graph-mode variables are wrapped here: when
called eagerly they enter the tensor's own graph first. Eager tensors and
eager variables are untouched, so raw TensorFlow 2 code behaves as before.
"""
import functools

import tensorflow as tf
from tensorflow.python.framework import ops as _ops
from tensorflow.python.ops import resource_variable_ops as _rv_ops

_VARIABLE_EXTRA = ('__hash__', 'value', 'read_value', 'assign',
                   'assign_add', 'assign_sub', '__iter__')
_TENSOR_EXTRA = ('__iter__',)


def _tensor_graph(tensor):
    return tensor.graph


def _variable_graph(variable):
    if getattr(variable, '_in_graph_mode', False):
        return variable.graph
    return None


def _wrap(method, graph_of):
    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        if tf.executing_eagerly():
            graph = graph_of(self)
            if graph is not None:
                with graph.as_default():
                    return method(self, *args, **kwargs)
        return method(self, *args, **kwargs)
    wrapper._keras_enters_graph = True
    return wrapper


def _patch(cls, names, graph_of):
    for name in names:
        method = getattr(cls, name, None)
        if method is None or getattr(method, '_keras_enters_graph', False):
            continue
        setattr(cls, name, _wrap(method, graph_of))


def install():
    """Wraps the operators once (idempotent)."""
    operators = tuple(tf.Tensor.OVERLOADABLE_OPERATORS)
    _patch(_ops.SymbolicTensor, operators + _TENSOR_EXTRA, _tensor_graph)
    _patch(_rv_ops.ResourceVariable, operators + _VARIABLE_EXTRA,
           _variable_graph)
