"""Compiled backend functions (`K.function`) and symbolic gradients.

A `Function` prepares a session callable once (feeds, fetches and the
update target) and calls it with NumPy arrays on each call: no graph is
built and no feed dictionary is hashed in the batch loop.
"""
import numpy as np
import tensorflow as tf
from tensorflow.core.protobuf import config_pb2

from .graph import get_graph, get_session, in_graph
from .variables import is_sparse

_tf_v1 = tf.compat.v1


def _as_fetchable(x):
    """Variables are fetched through a read of their value."""
    if isinstance(x, tf.Variable):
        return tf.identity(x)
    return x


class Function(object):
    """Runs the computation graph on NumPy inputs.

    # Arguments
        inputs: Feed placeholders to the computation graph
            (a list, tuple or nested structure).
        outputs: Output tensors to fetch (a tensor, or a nested structure;
            the call returns values in the same structure).
        updates: Additional update ops to be run at function call: ops, or
            `(variable, new_value)` tuples.
        name: A name to help users identify what this function does.
        session_kwargs: `fetches` (extra tensors/ops to run), `feed_dict`
            (extra feeds), and arguments passed to `Session.run`
            (`options`, `run_metadata`).
    """

    def __init__(self, inputs, outputs, updates=None, name=None,
                 **session_kwargs):
        updates = updates or []
        if not isinstance(updates, (list, tuple)):
            raise TypeError('`updates` in a Keras backend function should be '
                            'a list or tuple, got %s.'
                            % type(updates).__name__)
        self.name = name
        self._inputs_structure = inputs
        self._outputs_structure = outputs
        self._flat_outputs = isinstance(outputs, list) and not any(
            isinstance(x, (list, tuple, dict)) for x in outputs)
        all_inputs = tf.nest.flatten(inputs)
        # Python values (a fixed learning phase) are accepted and ignored.
        self._input_mask = [hasattr(x, 'dtype') and not isinstance(
            x, (np.ndarray, np.generic)) for x in all_inputs]
        self.inputs = [x for x, keep in zip(all_inputs, self._input_mask)
                       if keep]
        with get_graph().as_default():
            self.outputs = [_as_fetchable(x)
                            for x in tf.nest.flatten(outputs)]
            self.update_targets = self._update_targets(updates)
        self.fetches = list(session_kwargs.pop('fetches', []))
        if not isinstance(self.fetches, list):
            self.fetches = [self.fetches]
        self.feed_dict = session_kwargs.pop('feed_dict', None) or {}
        self.session_kwargs = session_kwargs
        self._dtypes = [x.dtype.base_dtype.as_numpy_dtype
                        for x in self.inputs]
        self._callable = None
        self._use_run = (any(is_sparse(x) for x in self.inputs) or
                         any(not isinstance(x, tf.Tensor)
                             for x in self.outputs + self.fetches) or
                         bool(self.feed_dict) or bool(session_kwargs))

    def _update_targets(self, updates):
        """The ops the session runs, besides the outputs, on each call.

        `(variable, new_value)` pairs become assign ops that run after the
        outputs are computed. Ops already in the graph (metric updates made
        at compile time, ...) are run as targets as they are: using them as
        control inputs would mark them with an attribute, which TensorFlow
        forbids once a session has run them.
        """
        updates = updates or []
        pairs = [u for u in updates if isinstance(u, (tuple, list))]
        targets = [u.op if isinstance(u, tf.Tensor) else u
                   for u in updates if not isinstance(u, (tuple, list))]
        if pairs:
            # Fresh identities: control inputs made now, never run before.
            after = [tf.identity(x) for x in self.outputs
                     if isinstance(x, tf.Tensor)]
            with tf.control_dependencies(after):
                targets += [_tf_v1.assign(p, new_p).op for p, new_p in pairs]
        return targets

    def _build_callable(self, session):
        options = config_pb2.CallableOptions()
        for x in self.inputs:
            options.feed.append(x.name)
        for x in self.outputs + self.fetches:
            options.fetch.append(x.name)
        for target in self.update_targets:
            options.target.append(target.name)
        self._callable = session._make_callable_from_options(options)
        self._callable_session = session

    def _arrays(self, inputs):
        if not (isinstance(inputs, (list, tuple)) and
                len(inputs) == len(self._input_mask)):
            # Nested inputs (dicts, ...) in the order of `tf.nest`; arrays
            # are leaves, so a list of the wrong length keeps its length.
            inputs = tf.nest.flatten(inputs)
        if len(inputs) != len(self._input_mask):
            raise ValueError('%s expected %d inputs, got %d.'
                             % (self.name or 'Keras function',
                                len(self._input_mask), len(inputs)))
        values = [v for v, keep in zip(inputs, self._input_mask) if keep]
        return [v if is_sparse(x) else np.asarray(v, dtype=dt)
                for x, v, dt in zip(self.inputs, values, self._dtypes)]

    def _run(self, session, arrays):
        feed = dict(self.feed_dict)
        for x, value in zip(self.inputs, arrays):
            if is_sparse(x) and hasattr(value, 'tocoo'):
                coo = value.tocoo()
                value = (np.stack([coo.row, coo.col], 1), coo.data,
                         coo.shape)
            feed[x] = value
        fetches = self.outputs + self.fetches
        fetches = fetches + self.update_targets
        return session.run(fetches, feed_dict=feed, **self.session_kwargs)

    def __call__(self, inputs):
        arrays = self._arrays(inputs)
        session = get_session()
        if self._use_run:
            fetched = self._run(session, arrays)
        else:
            if self._callable is None or \
                    self._callable_session is not session:
                self._build_callable(session)
            fetched = self._callable(*arrays)
        return self._pack(fetched[:len(self.outputs)])

    def _pack(self, values):
        """Values in the structure of `outputs` (fast for flat lists)."""
        structure = self._outputs_structure
        if self._flat_outputs:
            return list(values)
        if not isinstance(structure, (list, tuple, dict)):
            return values[0]
        return tf.nest.pack_sequence_as(structure, values)


def function(inputs, outputs, updates=None, **kwargs):
    """Instantiates a Keras function.

    # Arguments
        inputs: List of placeholder tensors.
        outputs: List of output tensors.
        updates: List of update ops.
        **kwargs: `name`, `fetches`, `feed_dict`, and arguments passed to
            `tf.compat.v1.Session.run`.

    # Returns
        A callable taking a list of NumPy arrays and returning the output
        values as NumPy arrays.

    # Raises
        ValueError: if invalid kwargs are passed in.
    """
    allowed = {'name', 'fetches', 'feed_dict', 'options', 'run_metadata'}
    unknown = set(kwargs) - allowed
    if unknown:
        raise ValueError('Invalid argument(s) %s passed to K.function; '
                         'accepted: %s.' % (sorted(unknown), sorted(allowed)))
    return Function(inputs, outputs, updates=updates, **kwargs)


@in_graph
def gradients(loss, variables):
    """Returns the gradients of `loss` w.r.t. `variables`.

    # Arguments
        loss: Scalar tensor to minimize.
        variables: List of variables (or a single variable).

    # Returns
        A gradients tensor (None where `loss` does not depend on a variable).
    """
    return _tf_v1.gradients(loss, variables,
                            colocate_gradients_with_ops=True)


@in_graph
def stop_gradient(variables):
    """Returns `variables` but with zero gradient w.r.t. every other variable.

    # Arguments
        variables: Tensor or list of tensors to consider constant with respect
            to any other variable.

    # Returns
        A single tensor or a list of tensors (depending on the passed argument)
        that has no gradient with respect to any other variable.
    """
    if isinstance(variables, (list, tuple)):
        return [tf.stop_gradient(v) for v in variables]
    return tf.stop_gradient(variables)
