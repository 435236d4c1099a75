"""Graph-level state of the PyTensor engine: name scopes, uids, the
learning phase, and `clear_session`.

PyTensor has no graph object; `get_graph()` returns a small stand-in that
supports `as_default()` and the context-manager protocol, so code written for
both engines (`with K.get_graph().as_default(): ...`) runs unchanged.
"""
import contextlib
from collections import defaultdict

import pytensor.tensor as pt

_NAME_SCOPE_STACK = []
_UIDS = defaultdict(int)
# The symbolic learning phase; `None` until first requested.
_SYMBOLIC_LEARNING_PHASE = []
# A Python int (0 or 1) fixed by `set_learning_phase`, or None.
_FIXED_LEARNING_PHASE = [None]


class _Graph(object):
    """Stand-in for a TensorFlow graph (PyTensor graphs are implicit)."""

    def as_default(self):
        return contextlib.nullcontext(self)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


_GRAPH = _Graph()


class _Session(object):
    """Stand-in for a TensorFlow session: PyTensor compiles functions
    instead (see `K.function`)."""

    graph = _GRAPH

    def close(self):
        pass


_SESSION = [_Session()]
_MANUAL_INIT = [False]


def get_session():
    """Returns a placeholder session object (PyTensor has no sessions)."""
    return _SESSION[0]


def set_session(session):
    """Sets the object `get_session` returns (kept for portable code)."""
    _SESSION[0] = session


def manual_variable_initialization(value):
    """Records the flag (PyTensor variables are always initialized)."""
    _MANUAL_INIT[0] = bool(value)


def get_graph():
    """Returns an object usable as `with K.get_graph().as_default():`.

    PyTensor builds graphs implicitly, so this object does nothing; it
    exists for code that must run on both engines.
    """
    return _GRAPH


@contextlib.contextmanager
def name_scope(name):
    """A context manager that prefixes the names of variables created in it.

    Nested scopes are joined with `/`: a variable `kernel` created inside
    `name_scope('dense_1')` is named `dense_1/kernel`.

    # Arguments
        name: string, the scope name.
    """
    if not isinstance(name, str):
        raise TypeError('name_scope expects a string name, got %r.' % (name,))
    _NAME_SCOPE_STACK.append(name)
    try:
        yield name
    finally:
        _NAME_SCOPE_STACK.pop()


def scoped_name(name):
    """Returns `name` prefixed with the current name scopes (or None)."""
    if name is None:
        return None
    parts = [s for s in _NAME_SCOPE_STACK if s] + [name]
    return '/'.join(parts)


def get_uid(prefix=''):
    """Returns a unique integer id for the given prefix, starting at 1.

    # Arguments
        prefix: string, e.g. a layer class name.

    # Returns
        An integer.
    """
    _UIDS[prefix] += 1
    return _UIDS[prefix]


def reset_uids():
    """Resets the graph identifiers (the counters of `get_uid`)."""
    _UIDS.clear()


def _symbolic_learning_phase():
    if not _SYMBOLIC_LEARNING_PHASE:
        _SYMBOLIC_LEARNING_PHASE.append(
            pt.scalar(dtype='uint8', name='keras_learning_phase'))
    return _SYMBOLIC_LEARNING_PHASE[0]


def learning_phase():
    """Returns the learning phase flag.

    A symbolic uint8 scalar (0 = test, 1 = train) that `K.function` feeds
    with 0 when it is not among the function inputs, or the Python int fixed
    by `set_learning_phase`.
    """
    if _FIXED_LEARNING_PHASE[0] is not None:
        return _FIXED_LEARNING_PHASE[0]
    return _symbolic_learning_phase()


def symbolic_learning_phase():
    """Returns the symbolic learning phase, even when a value is fixed."""
    return _symbolic_learning_phase()


def set_learning_phase(value):
    """Sets the learning phase to a fixed value.

    # Arguments
        value: 0 (test) or 1 (train).

    # Raises
        ValueError: if `value` is neither `0` nor `1`.
    """
    if value not in {0, 1}:
        raise ValueError('Expected learning phase to be 0 or 1, got %r.'
                         % (value,))
    _FIXED_LEARNING_PHASE[0] = int(value)


def clear_session():
    """Resets the engine state: uids, name scopes and the learning phase.

    Variables created before stay valid (PyTensor has no session), but new
    layers get fresh default names.
    """
    reset_uids()
    del _NAME_SCOPE_STACK[:]
    _FIXED_LEARNING_PHASE[0] = None
    del _SYMBOLIC_LEARNING_PHASE[:]
