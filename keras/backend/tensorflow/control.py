"""Control flow: rnn, switch, learning-phase selection, map/fold, printing."""
import functools
import sys

import tensorflow as tf

from .graph import in_graph, learning_phase
from .variables import int_shape, ndim

_tf_v1 = tf.compat.v1

__all__ = ['rnn', 'switch', 'in_train_phase', 'in_test_phase', 'map_fn',
           'foldl', 'foldr', 'control_dependencies', 'print_tensor',
           'symbolic', 'eager']


def symbolic(func):
    """Decorator: runs `func` with the Keras graph as the default graph."""
    return in_graph(func)


def eager(func):
    """Decorator kept for Keras 2.3 compatibility (runs `func` unchanged)."""
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        return func(*args, **kwargs)
    return wrapper


def _expand_mask(mask_t, ref):
    """Boolean `(samples,)` mask reshaped to broadcast against `ref`."""
    rank = ndim(ref)
    return tf.reshape(mask_t, [-1] + [1] * (rank - 1))


def _masked_select_grad(op, grad):
    """Gradient of `_masked`'s select: `new` and `old` have the shape of
    the output, so the two selects need no broadcast reduction (TensorFlow's
    generic SelectV2 gradient adds dynamic shapes, BroadcastGradientArgs,
    sums and reshapes for each, at every step of the loop)."""
    cond = op.inputs[0]
    zeros = tf.zeros([], dtype=grad.dtype)
    return None, tf.where(cond, grad, zeros), tf.where(cond, zeros, grad)


_MASKED_SELECT = 'KerasMaskedSelect'
try:
    tf.RegisterGradient(_MASKED_SELECT)(_masked_select_grad)
except KeyError:  # registered already (module reloaded)
    pass


def _masked(cond, new, old):
    """`new` where the sample is not masked, `old` elsewhere (`cond`
    broadcasts against both; `new` and `old` have the same shape)."""
    graph = _tf_v1.get_default_graph()
    with graph.gradient_override_map({'SelectV2': _MASKED_SELECT}):
        return tf.where(cond, new, old)


def _apply_step(step_function, x_t, states, constants, mask_t, prev_output,
                uses_learning_phase):
    output, new_states = step_function(x_t, list(states) + list(constants))
    if getattr(output, '_uses_learning_phase', False):
        uses_learning_phase[0] = True
    new_states = list(new_states)
    for state, new_state in zip(states, new_states):
        if hasattr(new_state, 'set_shape'):
            new_state.set_shape(state.shape)
    if mask_t is not None:
        if prev_output is None:
            prev_output = tf.zeros_like(output)
        # One reshaped mask per rank, broadcast by the selects.
        conds = {}

        def select(new, old):
            rank = ndim(new)
            if rank not in conds:
                conds[rank] = _expand_mask(mask_t, new)
            return _masked(conds[rank], new, old)
        output = select(output, prev_output)
        new_states = [select(n, s) for s, n in zip(states, new_states)]
    return output, new_states


def _finish_states(states, histories, pos_extra):
    """Last states; full (time-major) histories at `pos_extra` positions."""
    if not pos_extra:
        return list(states)
    return [histories[i] if i in pos_extra else s
            for i, s in enumerate(states)]


def _rnn_unrolled(step_function, inputs, states, constants, mask,
                  go_backwards, pos_extra, uses_learning_phase):
    steps = int_shape(inputs)[0]
    if steps is None:
        raise ValueError('Unrolling requires a fixed number of timesteps; '
                         'got inputs of shape (time-major) %s.'
                         % (int_shape(inputs),))
    input_list = tf.unstack(inputs)
    mask_list = tf.unstack(mask) if mask is not None else [None] * steps
    order = list(range(steps))[::-1] if go_backwards else list(range(steps))
    outputs, history, prev_output = [], [], None
    for t in order:
        output, states = _apply_step(step_function, input_list[t], states,
                                     constants, mask_list[t], prev_output,
                                     uses_learning_phase)
        prev_output = output
        outputs.append(output)
        history.append(states)
    histories = [tf.stack([h[i] for h in history])
                 for i in range(len(states))]
    return outputs[-1], tf.stack(outputs), _finish_states(states, histories,
                                                          pos_extra)


def _zero_output(step_function, inputs, states, constants):
    """Zeros shaped like one output of `step_function` (the loop's first
    "previous output").

    The step is traced once outside the loop for its output's shape and
    dtype; when that shape is static except for the batch axis, the zeros
    do not depend on the traced step, so the session never runs it.
    """
    probe, _ = step_function(inputs[0], list(states) + list(constants))
    dims = probe.shape.as_list() if probe.shape.rank is not None else None
    if not dims or any(d is None for d in dims[1:]):
        return tf.zeros_like(probe)
    if dims[0] is None:
        dims[0] = tf.shape(inputs)[1]
    zeros = tf.zeros(tf.stack(dims), dtype=probe.dtype)
    zeros.set_shape(probe.shape)
    return zeros


def _rnn_loop(step_function, inputs, states, constants, mask, go_backwards,
              input_length, pos_extra, uses_learning_phase):
    if go_backwards:
        inputs = tf.reverse(inputs, [0])
        if mask is not None:
            mask = tf.reverse(mask, [0])
    time_steps = tf.shape(inputs)[0]
    probe = _zero_output(step_function, inputs, states, constants)
    # Control flow v1 (see graph.py) clears a TensorArray element once read;
    # gradients read the inputs again.
    input_ta = tf.TensorArray(inputs.dtype, size=time_steps,
                              clear_after_read=False).unstack(inputs)
    mask_ta = None
    if mask is not None:
        mask_ta = tf.TensorArray(tf.bool, size=time_steps,
                                 clear_after_read=False).unstack(mask)
    output_ta = tf.TensorArray(probe.dtype, size=time_steps,
                               element_shape=probe.shape,
                               clear_after_read=False)
    extra = sorted(pos_extra or [])
    history_tas = [tf.TensorArray(states[i].dtype, size=time_steps,
                                  element_shape=states[i].shape,
                                  clear_after_read=False)
                   for i in extra]

    def body(time, output_ta_t, prev_output, history_t, *states_t):
        mask_t = mask_ta.read(time) if mask_ta is not None else None
        output, new_states = _apply_step(step_function, input_ta.read(time),
                                         states_t, constants, mask_t,
                                         prev_output, uses_learning_phase)
        output_ta_t = output_ta_t.write(time, output)
        history_t = [ta.write(time, new_states[i])
                     for ta, i in zip(history_t, extra)]
        return (time + 1, output_ta_t, output, history_t) + tuple(new_states)

    loop_vars = (tf.constant(0, 'int32'), output_ta, probe,
                 history_tas) + tuple(states)
    final = tf.while_loop(
        cond=lambda time, *_: time < time_steps, body=body,
        loop_vars=loop_vars, parallel_iterations=32, swap_memory=True,
        maximum_iterations=input_length if isinstance(input_length, int)
        else None)
    last_time, output_ta, last_output, history_tas = final[:4]
    new_states = list(final[4:])
    outputs = output_ta.stack()
    if mask is None:
        last_output = output_ta.read(last_time - 1)
    histories = dict((i, ta.stack()) for i, ta in zip(extra, history_tas))
    return last_output, outputs, _finish_states(new_states, histories,
                                                pos_extra)


@in_graph
def rnn(step_function, inputs, initial_states, go_backwards=False, mask=None,
        constants=None, unroll=False, input_length=None,
        pos_extra_outputs_states=None):
    """Iterates over the time dimension of a tensor.

    # Arguments
        step_function: RNN step function, called as
            `output, new_states = step_function(input_t, states + constants)`
            with `input_t` of shape `(samples, ...)` and `states` a list of
            tensors; returns `output` `(samples, ...)` and `new_states`
            (same length and shapes as `states`).
        inputs: Tensor of temporal data of shape `(samples, time, ...)`
            (at least 3D).
        initial_states: List of tensors of shape `(samples, ...)`,
            the initial values of the states.
        go_backwards: Boolean. If True, do the iteration over the time
            dimension in reverse order and return the reversed sequence.
        mask: Binary tensor with shape `(samples, time)`,
            with a zero for every element that is masked: at masked steps
            the output and the states of the previous step are kept.
        constants: A list of constant values passed at each step.
        unroll: Whether to unroll the RNN or to use a symbolic loop.
        input_length: Static number of timesteps in the input.
        pos_extra_outputs_states: Positions of the states whose whole history
            is returned (time-major, `(time, samples, ...)`) instead of the
            last value (multimodal fork).

    # Returns
        A tuple, `(last_output, outputs, new_states)`.

        last_output: The latest output of the rnn, of shape `(samples, ...)`
        outputs: Tensor with shape `(samples, time, ...)` where each
            entry `outputs[s, t]` is the output of the step function
            at time `t` for sample `s`.
        new_states: List of tensors, latest states returned by
            the step function, of shape `(samples, ...)`.

    # Raises
        ValueError: If input dimension is less than 3, if `unroll` is `True`
            but the number of timesteps is not fixed, or if `mask` is not
            2D.
    """
    inputs = tf.convert_to_tensor(inputs)
    rank = ndim(inputs)
    if rank is None or rank < 3:
        raise ValueError('rnn: inputs should be at least 3D (samples, time, '
                         '...), got shape %s.' % (int_shape(inputs),))
    perm = [1, 0] + list(range(2, rank))
    inputs = tf.transpose(inputs, perm)
    if mask is not None:
        if ndim(mask) != 2:
            raise ValueError('rnn: mask should have shape (samples, time), '
                             'got %s.' % (int_shape(mask),))
        mask = tf.transpose(tf.cast(mask, tf.bool), [1, 0])
    constants = list(constants or [])
    states = list(initial_states)
    uses_learning_phase = [False]
    if unroll:
        last_output, outputs, new_states = _rnn_unrolled(
            step_function, inputs, states, constants, mask, go_backwards,
            pos_extra_outputs_states, uses_learning_phase)
    else:
        last_output, outputs, new_states = _rnn_loop(
            step_function, inputs, states, constants, mask, go_backwards,
            input_length, pos_extra_outputs_states, uses_learning_phase)
    out_rank = ndim(outputs)
    outputs = tf.transpose(outputs, [1, 0] + list(range(2, out_rank)))
    last_output._uses_learning_phase = uses_learning_phase[0]
    return last_output, outputs, new_states


def _as_fn(expression):
    return expression if callable(expression) else (lambda: expression)


@in_graph
def switch(condition, then_expression, else_expression):
    """Switches between two operations depending on a scalar value.

    Note that both `then_expression` and `else_expression`
    should be symbolic tensors of the *same shape*.

    # Arguments
        condition: tensor (`int` or `bool`): a scalar selects one branch; a
            tensor selects element-wise (broadcast on the trailing axes).
        then_expression: either a tensor, or a callable that returns a tensor.
        else_expression: either a tensor, or a callable that returns a tensor.

    # Returns
        The selected tensor.

    # Raises
        ValueError: If rank of `condition` is greater than rank of expressions.
    """
    condition = tf.convert_to_tensor(condition)
    if condition.dtype != tf.bool:
        condition = tf.cast(condition, 'bool')
    cond_ndim = ndim(condition)
    if not cond_ndim:
        return tf.cond(condition, _as_fn(then_expression),
                       _as_fn(else_expression))
    then_expression = _as_fn(then_expression)()
    else_expression = _as_fn(else_expression)()
    expr_ndim = ndim(then_expression)
    if cond_ndim > expr_ndim:
        raise ValueError('Rank of `condition` should be less than or equal '
                         'to rank of `then_expression` and `else_expression`.'
                         ' ndim(condition)=%d, ndim(then_expression)=%d'
                         % (cond_ndim, expr_ndim))
    if cond_ndim < expr_ndim:
        condition = tf.reshape(condition, tf.concat(
            [tf.shape(condition), [1] * (expr_ndim - cond_ndim)], 0))
    shape = tf.broadcast_dynamic_shape(tf.shape(then_expression),
                                       tf.shape(else_expression))
    return tf.where(tf.broadcast_to(condition, shape), then_expression,
                    else_expression)


@in_graph
def in_train_phase(x, alt, training=None):
    """Selects `x` in train phase, and `alt` otherwise.

    Note that `alt` should have the *same shape* as `x`.

    # Arguments
        x: What to return in train phase
            (tensor or callable that returns a tensor).
        alt: What to return otherwise
            (tensor or callable that returns a tensor).
        training: Optional scalar tensor
            (or Python boolean, or Python integer)
            specifying the learning phase.

    # Returns
        Either `x` or `alt` based on the `training` flag.
        the `training` flag defaults to `K.learning_phase()`.
    """
    uses_learning_phase = training is None
    if training is None:
        training = learning_phase()
    if training is True or (isinstance(training, int) and
                            not isinstance(training, bool) and training == 1):
        return _as_fn(x)()
    if training is False or (isinstance(training, int) and training == 0):
        return _as_fn(alt)()
    out = switch(training, x, alt)
    if uses_learning_phase:
        out._uses_learning_phase = True
    return out


@in_graph
def in_test_phase(x, alt, training=None):
    """Selects `x` in test phase, and `alt` otherwise.

    Note that `alt` should have the *same shape* as `x`.

    # Arguments
        x: What to return in test phase
            (tensor or callable that returns a tensor).
        alt: What to return otherwise
            (tensor or callable that returns a tensor).
        training: Optional scalar tensor
            (or Python boolean, or Python integer)
            specifying the learning phase.

    # Returns
        Either `x` or `alt` based on `K.learning_phase`.
    """
    return in_train_phase(alt, x, training=training)


@in_graph
def map_fn(fn, elems, name=None, dtype=None):
    """Map the function fn over the elements elems and return the outputs.

    # Arguments
        fn: Callable that will be called upon each element in elems
        elems: tensor
        name: A string name for the map node in the graph
        dtype: Output data type.

    # Returns
        Tensor with dtype `dtype`.
    """
    return tf.map_fn(fn, elems, name=name, dtype=dtype)


@in_graph
def foldl(fn, elems, initializer=None, name=None):
    """Reduce elems using fn to combine them from left to right.

    # Arguments
        fn: Callable that will be called upon each element in elems and an
            accumulator, for instance `lambda acc, x: acc + x`
        elems: tensor
        initializer: The first value used (`elems[0]` in case of None)
        name: A string name for the foldl node in the graph

    # Returns
        Tensor with same type and shape as `initializer`.
    """
    return tf.foldl(fn, elems, initializer=initializer, name=name)


@in_graph
def foldr(fn, elems, initializer=None, name=None):
    """Reduce elems using fn to combine them from right to left.

    # Arguments
        fn: Callable that will be called upon each element in elems and an
            accumulator, for instance `lambda acc, x: acc + x`
        elems: tensor
        initializer: The first value used (`elems[-1]` in case of None)
        name: A string name for the foldr node in the graph

    # Returns
        Tensor with same type and shape as `initializer`.
    """
    return tf.foldr(fn, elems, initializer=initializer, name=name)


class _GraphControlDependencies(object):
    """Enters the Keras graph and its control-dependencies scope."""

    def __init__(self, control_inputs):
        from .graph import get_graph
        self._graph = get_graph()
        self._control_inputs = control_inputs
        self._contexts = []

    def __enter__(self):
        as_default = self._graph.as_default()
        as_default.__enter__()
        deps = self._graph.control_dependencies(self._control_inputs)
        deps.__enter__()
        self._contexts = [as_default, deps]
        return self

    def __exit__(self, *exc):
        for ctx in reversed(self._contexts):
            ctx.__exit__(*exc)
        return False


def control_dependencies(control_inputs):
    """A context manager that specifies control dependencies.

    # Arguments
        control_inputs: A list of Operation or Tensor objects
            which must be executed
            or computed before running the operations defined in the context.
            Can also be None to clear the control dependencies.

    # Returns
        A context manager (which also enters the Keras graph when called
        from eager code).
    """
    if not tf.executing_eagerly():
        return tf.control_dependencies(control_inputs)
    return _GraphControlDependencies(control_inputs)


@in_graph
def print_tensor(x, message=''):
    """Prints `message` and the tensor value when evaluated.

    Note that `print_tensor` returns a new tensor identical to `x`
    which should be used in the following code. Otherwise the
    print operation is not taken into account during evaluation.

    # Arguments
        x: Tensor to print.
        message: Message to print jointly with the tensor.

    # Returns
        The same tensor `x`, unchanged.
    """
    op = tf.print(message, x, output_stream=sys.stdout)
    with tf.control_dependencies([op]):
        return tf.identity(x)
