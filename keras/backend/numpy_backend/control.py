"""Control flow: rnn, switch, learning phase, folds (NumPy reference)."""
import numpy as np

__all__ = ['rnn', 'switch', 'in_train_phase', 'in_test_phase',
           'learning_phase', 'set_learning_phase', 'foldl', 'foldr',
           'map_fn']

_LEARNING_PHASE = [0]


def learning_phase():
    """The reference has no feeding: the phase is a Python int (0 = test)."""
    return _LEARNING_PHASE[0]


def set_learning_phase(value):
    if value not in (0, 1):
        raise ValueError('Expected learning phase to be 0 or 1, got %r.'
                         % (value,))
    _LEARNING_PHASE[0] = value


def _expand_to(condition, ndim):
    condition = np.asarray(condition)
    return condition.reshape(condition.shape + (1,) * (ndim - condition.ndim))


def switch(condition, then_expression, else_expression):
    """Element-wise (or scalar) choice; a lower-rank condition is broadcast
    over the trailing axes. Callables are called first."""
    if callable(then_expression):
        then_expression = then_expression()
    if callable(else_expression):
        else_expression = else_expression()
    then_expression = np.asarray(then_expression)
    condition = _expand_to(condition, then_expression.ndim)
    return np.where(condition.astype(bool), then_expression, else_expression)


def in_train_phase(x, alt, training=None):
    if training is None:
        training = learning_phase()
    chosen = x if training else alt
    return chosen() if callable(chosen) else chosen


def in_test_phase(x, alt, training=None):
    return in_train_phase(alt, x, training=training)


def rnn(step_function, inputs, initial_states, go_backwards=False, mask=None,
        constants=None, unroll=False, input_length=None,
        pos_extra_outputs_states=None):
    """Iterates `step_function` over axis 1 of `inputs` (Keras 2 semantics).

    Where `mask[:, t]` is 0 the step's output is replaced by the previous
    output (zeros before the first step) and its states by the previous
    states. With `go_backwards` the sequence is read from the end and
    `outputs` is in reading order. States whose index is in
    `pos_extra_outputs_states` are returned as their whole sequence,
    time-major `(time, samples, ...)` as in the multimodal fork, instead of
    their last value.

    # Returns
        `(last_output, outputs, new_states)`.
    """
    inputs = np.asarray(inputs)
    if inputs.ndim < 3:
        raise ValueError('rnn inputs should be at least 3D, got shape %s.'
                         % (inputs.shape,))
    constants = list(constants or [])
    steps = range(inputs.shape[1])
    if go_backwards:
        steps = reversed(steps)
    states = [np.asarray(s) for s in initial_states]
    outputs, state_history = [], []
    prev_output = None
    for t in steps:
        output, new_states = step_function(inputs[:, t], states + constants)
        output = np.asarray(output)
        new_states = [np.asarray(s) for s in new_states]
        if mask is not None:
            m = np.asarray(mask)[:, t].astype(bool)
            if prev_output is None:
                prev_output = np.zeros_like(output)
            output = np.where(_expand_to(m, output.ndim), output, prev_output)
            new_states = [np.where(_expand_to(m, new.ndim), new, old)
                          for new, old in zip(new_states, states)]
        prev_output = output
        states = new_states
        outputs.append(output)
        state_history.append(states)
    outputs = np.stack(outputs, axis=1)
    extra = pos_extra_outputs_states or []
    states = [np.stack([h[i] for h in state_history], axis=0) if i in extra
              else s for i, s in enumerate(states)]
    return outputs[:, -1], outputs, states


def foldl(fn, elems, initializer=None, name=None):
    elems = list(np.asarray(elems))
    acc = elems.pop(0) if initializer is None else initializer
    for e in elems:
        acc = fn(acc, e)
    return np.asarray(acc)


def foldr(fn, elems, initializer=None, name=None):
    return foldl(fn, np.asarray(elems)[::-1], initializer)


def map_fn(fn, elems, name=None, dtype=None):
    out = np.stack([fn(e) for e in np.asarray(elems)])
    return out.astype(dtype) if dtype is not None else out
