"""Control flow: the recurrent loop, conditionals and higher-order
functions (PyTensor engine). Loops use `pytensor.scan`, or a Python loop
when `unroll=True`."""
import warnings

import pytensor
import pytensor.tensor as pt
from pytensor.compile.sharedvalue import SharedVariable
from pytensor.graph.basic import Constant
from pytensor.graph.traversal import graph_inputs, io_toposort
from pytensor.ifelse import ifelse
from pytensor.tensor.type import TensorType

from . import graph
from . import random


def _uses_learning_phase(tensors):
    return any(getattr(t, '_uses_learning_phase', False) for t in tensors)


def _match_type(value, reference):
    """Gives `value` the PyTensor type of `reference` where compatible
    (scan and ifelse need identical types on both sides)."""
    value = pt.as_tensor_variable(value)
    if value.dtype != reference.dtype:
        value = pt.cast(value, reference.dtype)
    if value.type == reference.type or value.ndim != reference.ndim:
        return value
    shape = tuple(r if r is not None else v
                  for r, v in zip(reference.type.shape, value.type.shape))
    if any(r is not None and v is not None and r != v
           for r, v in zip(reference.type.shape, value.type.shape)):
        return value
    if shape != value.type.shape:
        value = pt.specify_shape(value, shape)
    return value


def _expand_mask(mask_t, like):
    """Pads a (batch,) mask with trailing axes to the rank of `like`."""
    return pt.shape_padright(mask_t, like.ndim - 1) if like.ndim > 1 else mask_t


def rnn(step_function, inputs, initial_states, go_backwards=False, mask=None,
        constants=None, unroll=False, input_length=None,
        pos_extra_outputs_states=None):
    """Iterates over the time dimension of a tensor.

    # Arguments
        step_function: `(input_t, states + constants) -> (output, new_states)`.
        inputs: tensor `(samples, time, ...)`.
        initial_states: list of tensors `(samples, ...)`.
        go_backwards: iterate from the last step to the first (the outputs
            come in iteration order).
        mask: `(samples, time)` tensor, zero (False) for masked steps: the
            output repeats the previous one and the states are kept.
        constants: list of tensors passed to every step.
        unroll: use a Python loop instead of `scan`.
        input_length: the number of time steps (needed with `unroll` when
            the time dimension is not static).
        pos_extra_outputs_states: indices of states returned as their whole
            sequence (time-major) instead of their last value.

    # Returns
        A tuple `(last_output, outputs, new_states)`.

    # Raises
        ValueError: for inputs of rank < 3, a mask of rank != 2, or
            `unroll=True` without a static number of steps.
    """
    inputs = pt.as_tensor_variable(inputs)
    if inputs.ndim < 3:
        raise ValueError('rnn: inputs should be at least 3D, got %dD.'
                         % inputs.ndim)
    constants = list(constants or [])
    initial_states = [pt.as_tensor_variable(s) for s in initial_states]
    inputs_tm = pt.moveaxis(inputs, 1, 0)
    if mask is not None:
        mask = pt.as_tensor_variable(mask)
        if mask.ndim == 3:
            mask = mask[:, :, 0]
        if mask.ndim != 2:
            raise ValueError('rnn: mask should have shape (samples, time), '
                             'got rank %d.' % mask.ndim)
        mask = pt.neq(pt.moveaxis(mask, 1, 0), 0)
    if unroll:
        steps = input_length or inputs.type.shape[1]
        if steps is None:
            raise ValueError('rnn: unroll=True needs a static number of time '
                             'steps (pass input_length).')
        outputs, states, used = _unrolled(step_function, inputs_tm, mask,
                                          initial_states, constants, steps,
                                          go_backwards)
    else:
        outputs, states, used = _scanned(step_function, inputs_tm, mask,
                                         initial_states, constants,
                                         go_backwards)
    extra = set(pos_extra_outputs_states or [])
    last_output = outputs[-1]
    outputs = pt.moveaxis(outputs, 0, 1)
    new_states = [s if i in extra else s[-1] for i, s in enumerate(states)]
    last_output._uses_learning_phase = used
    outputs._uses_learning_phase = used
    return last_output, outputs, new_states


def _unrolled(step_function, inputs_tm, mask, states, constants, steps,
              go_backwards):
    order = range(steps - 1, -1, -1) if go_backwards else range(steps)
    outputs, history = [], []
    used = False
    for t in order:
        output, new_states = step_function(inputs_tm[t],
                                           list(states) + constants)
        new_states = list(new_states)
        used = used or _uses_learning_phase([output] + new_states)
        if mask is not None:
            prev = outputs[-1] if outputs else pt.zeros_like(output)
            output = pt.switch(_expand_mask(mask[t], output), output, prev)
            new_states = [pt.switch(_expand_mask(mask[t], new), new, old)
                          for old, new in zip(states, new_states)]
        outputs.append(output)
        history.append(new_states)
        states = new_states
    stacked = [pt.stack([h[i] for h in history]) for i in range(len(states))]
    return pt.stack(outputs), stacked, used


def _is_constant(variable):
    """Whether `variable` is computed from constants only (it can stay in
    the step graph: no outer input, and no gradient to carry)."""
    return all(isinstance(v, Constant) for v in graph_inputs([variable]))


def _free_variables(outputs, inner):
    """The outer tensors the graph of `outputs` reads that do not depend
    on the `inner` (per-step) variables: closure variables of a step
    function, such as dropout masks, weights or constants.

    Only the frontier is returned (the largest step-independent
    subgraphs), so a random draw or a product of weights stays outside
    the loop and is computed once per call."""
    depends = set(inner)
    free, seen = [], set()
    for node in io_toposort(list(graph_inputs(outputs)), outputs):
        if not any(i in depends for i in node.inputs):
            continue
        depends.update(node.outputs)
        for i in node.inputs:
            if (i in depends or i in seen or _is_constant(i)
                    or not (isinstance(i.type, TensorType)
                            or isinstance(i, SharedVariable))):
                continue
            seen.add(i)
            free.append(i)
    # an output that does not depend on the step at all is a closure too
    free.extend(o for o in outputs if o not in depends and o not in seen
                and not _is_constant(o))
    return free


def _trace_step(step_function, inputs_tm, initial_states, constants):
    """Calls `step_function` once on stand-in variables.

    # Returns
        `(inner, outputs, free, used)`: the stand-ins (input, states), the
        step's `[output] + new_states` built on them, the outer tensors
        they close over (see `_free_variables`) and whether the learning
        phase is used.
    """
    x_t = inputs_tm[0].type()
    states = [s.type() for s in initial_states]
    output, new_states = step_function(x_t, states + list(constants))
    output = pt.as_tensor_variable(output)
    new_states = [_match_type(n, s) for n, s in zip(new_states, states)]
    outs = [output] + new_states
    inner = [x_t] + states
    used = _uses_learning_phase(outs)
    free = _free_variables(outs, inner)
    return inner, outs, free, used


def _bind(outs, inner, values):
    """`outs` with the stand-ins `inner` replaced by `values`.

    Only the nodes that depend on a stand-in are rebuilt: the rest of the
    graph (and `values` themselves) is shared, not copied, so scan can
    recognise its non-sequences in the step graph."""
    memo = {i: _match_type(v, i) if isinstance(i.type, TensorType) else v
            for i, v in zip(inner, values)}
    for node in io_toposort(list(graph_inputs(outs)), outs):
        # a node whose outputs are stand-ins already (a free variable of
        # the step) is not rebuilt: its clone would read outer tensors
        if all(o in memo for o in node.outputs):
            continue
        if any(i in memo for i in node.inputs):
            new = node.clone_with_new_inputs([memo.get(i, i)
                                              for i in node.inputs],
                                             strict=False)
            memo.update(zip(node.outputs, new.outputs))
    return [memo.get(o, o) for o in outs]


def _scanned(step_function, inputs_tm, mask, initial_states, constants,
             go_backwards):
    """`pytensor.scan` over the time axis. The step is traced once and every
    outer tensor it closes over is handed to scan as a non-sequence, so
    loop-invariant values (random dropout masks included) are computed once
    per call, outside the loop, and gradients flow through them. Draws made
    inside the step advance their generator at every step (scan updates)."""
    n_states = len(initial_states)
    inner, outs, free, used = _trace_step(step_function, inputs_tm,
                                          initial_states, constants)
    # generators drawn from at every step advance through scan's updates
    rngs = [v for v in free if random.is_generator(v)]
    free = [v for v in free if not random.is_generator(v)]
    rng_updates = {}

    def call_step(x_t, states, free_inner):
        bound = _bind(outs, inner + free,
                      [x_t] + list(states) + list(free_inner))
        # scan needs outputs distinct from its inputs
        bound = [b.copy() if any(b is f for f in free_inner) else b
                 for b in bound]
        rng_updates.update(random.next_states(bound, rngs))
        return bound[0], bound[1:]

    if mask is None:
        def _step(x_t, *args):
            output, new_states = call_step(x_t, args[:n_states],
                                           args[n_states:])
            return [output] + new_states, rng_updates
        sequences = [inputs_tm]
        outputs_info = [None] + list(initial_states)
    else:
        # zeros shaped like the first output: initial "previous output"
        probe = _bind(outs[:1], inner,
                      [inputs_tm[0]] + list(initial_states))[0]
        init_output = pt.zeros_like(probe)

        def _step(x_t, m_t, prev_output, *args):
            states = args[:n_states]
            output, new_states = call_step(x_t, states, args[n_states:])
            output = _match_type(output, prev_output)
            output = pt.switch(_expand_mask(m_t, output), output, prev_output)
            new_states = [pt.switch(_expand_mask(m_t, new), new, old)
                          for old, new in zip(states, new_states)]
            return [output] + new_states, rng_updates
        sequences = [inputs_tm, mask]
        outputs_info = [init_output] + list(initial_states)
    with warnings.catch_warnings():
        # the updates (generator states) are only asked for when needed
        warnings.filterwarnings('ignore', 'Scan return signature',
                                DeprecationWarning)
        scanned = pytensor.scan(_step, sequences=sequences,
                                outputs_info=outputs_info,
                                non_sequences=free, strict=True,
                                go_backwards=go_backwards, return_list=True,
                                return_updates=bool(rngs))
    results, updates = scanned if rngs else (scanned, {})
    random.set_next_states(updates)
    return results[0], list(results[1:]), used


def switch(condition, then_expression, else_expression):
    """Selects `then_expression` where `condition` is true, else
    `else_expression`.

    A scalar condition chooses a whole branch (evaluated lazily); a tensor
    condition selects element-wise, padded with trailing axes to the rank
    of the branches.

    # Raises
        ValueError: if `condition` has a higher rank than the branches.
    """
    condition = pt.as_tensor_variable(condition)
    if callable(then_expression):
        then_expression = then_expression()
    if callable(else_expression):
        else_expression = else_expression()
    then_expression = pt.as_tensor_variable(then_expression)
    else_expression = pt.as_tensor_variable(else_expression)
    if condition.ndim == 0:
        return _lazy_select(condition, then_expression, else_expression)
    expr_ndim = then_expression.ndim
    if condition.ndim > expr_ndim:
        raise ValueError('Rank of `condition` should be less than or equal to '
                         'rank of `then_expression` and `else_expression`. '
                         'ndim(condition)=%d, ndim(then_expression)=%d'
                         % (condition.ndim, expr_ndim))
    if condition.ndim < expr_ndim:
        condition = pt.shape_padright(condition, expr_ndim - condition.ndim)
    return pt.switch(condition, then_expression, else_expression)


def _lazy_select(condition, x, alt):
    """`ifelse` when both branches can share one type, else `switch`."""
    if x.ndim == alt.ndim:
        if x.dtype != alt.dtype:
            dtype = pytensor.scalar.upcast(x.dtype, alt.dtype)
            x, alt = pt.cast(x, dtype), pt.cast(alt, dtype)
        return ifelse(pt.neq(condition, 0), x, alt)
    return pt.switch(condition, x, alt)


def in_train_phase(x, alt, training=None):
    """Selects `x` in the train phase and `alt` otherwise.

    # Arguments
        x: What to return in the train phase (tensor or callable).
        alt: What to return otherwise (tensor or callable).
        training: Optional scalar tensor (or Python bool/int) for the
            learning phase; defaults to `K.learning_phase()`.
    """
    uses_learning_phase = training is None
    if training is None:
        training = graph.learning_phase()
    if isinstance(training, (bool, int)):
        chosen = x if training else alt
        return chosen() if callable(chosen) else chosen
    out = switch(training, x, alt)
    if uses_learning_phase:
        out._uses_learning_phase = True
    return out


def in_test_phase(x, alt, training=None):
    """Selects `x` in the test phase and `alt` otherwise."""
    return in_train_phase(alt, x, training=training)


def map_fn(fn, elems, name=None, dtype=None):
    """Applies `fn` to each element of `elems` (along axis 0) and stacks
    the results."""
    outputs = pytensor.scan(fn, sequences=[elems], name=name,
                            return_updates=False)
    if dtype is not None:
        outputs = pt.cast(outputs, dtype)
    return outputs


def _fold(fn, elems, initializer, go_backwards, name):
    elems = pt.as_tensor_variable(elems)
    if initializer is None:
        if go_backwards:
            initializer, elems = elems[-1], elems[:-1]
        else:
            initializer, elems = elems[0], elems[1:]
    initializer = pt.as_tensor_variable(initializer)

    def step(x, acc):
        return _match_type(fn(acc, x), acc)

    results = pytensor.scan(step, sequences=[elems],
                            outputs_info=[initializer],
                            go_backwards=go_backwards, name=name,
                            return_updates=False)
    return results[-1]


def foldl(fn, elems, initializer=None, name=None):
    """Reduces `elems` from left to right with `fn(acc, x)`.

    # Returns
        A tensor of the type of `initializer` (default `elems[0]`).
    """
    return _fold(fn, elems, initializer, False, name)


def foldr(fn, elems, initializer=None, name=None):
    """Reduces `elems` from right to left with `fn(acc, x)`.

    # Returns
        A tensor of the type of `initializer` (default `elems[-1]`).
    """
    return _fold(fn, elems, initializer, True, name)
