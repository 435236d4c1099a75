"""The private graph and Session of the TensorFlow engine.

Keras keeps its own `tf.Graph`: every backend function builds its ops inside
it (see `in_graph`), and the process itself stays in eager mode, so raw
TensorFlow 2 code keeps working next to Keras. A `tf.compat.v1.Session` on
that graph runs what Keras builds; variables are initialized lazily the first
time the session is asked for.
"""
import functools
import os
from collections import defaultdict
from contextlib import contextmanager

import tensorflow as tf

from . import overloads

_GRAPH = None
_SESSION = None
_SESSION_IS_USER_SET = False
_MANUAL_VAR_INIT = False
_UID_PREFIXES = defaultdict(int)
# Python value set by `set_learning_phase`, else None (symbolic phase).
_LEARNING_PHASE_VALUE = None
_LEARNING_PHASE_TENSOR = None
# Variables created by `variable()` that the session has not initialized yet.
_PENDING_VARIABLES = []
# Length of the graph's global-variables collection at the last check.
_SEEN_VARIABLES = 0

_tf_v1 = tf.compat.v1
overloads.install()
# Keras's graph is run by a Session, which freezes every op it has run. The
# gradient of a control-flow-v2 `While` op adds outputs to the forward op, so
# it fails once a session has run the graph (compile after predict, a second
# optimizer, ...). Control flow v1 builds gradients without touching the
# forward ops. This only concerns TF1-style graphs: `tf.function` and eager
# code keep control flow v2.
_tf_v1.disable_control_flow_v2()


def get_graph():
    """Returns the graph private to Keras (created on first use).

    # Returns
        A `tf.Graph`. Ops of every backend function are added to it.
    """
    global _GRAPH
    if _GRAPH is None:
        _GRAPH = tf.Graph()
    return _GRAPH


def in_graph(fn):
    """Decorator: runs `fn` with the Keras graph as the default graph.

    Only eager callers are moved into the Keras graph. Calls made while a
    graph is being built (nested backend functions, the body of a
    `while_loop` or `cond`, which TensorFlow traces in a function graph
    nested in the Keras graph) build their ops where they are.
    `functools.wraps` keeps the signature visible.
    """
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        if not tf.executing_eagerly():
            return fn(*args, **kwargs)
        with get_graph().as_default():
            return fn(*args, **kwargs)
    return wrapper


def _session_config():
    """Threads for intra- and inter-op parallelism: every core."""
    cores = os.cpu_count() or 1
    return _tf_v1.ConfigProto(intra_op_parallelism_threads=cores,
                              inter_op_parallelism_threads=max(2, cores),
                              allow_soft_placement=True)


def get_session():
    """Returns the TF session used by Keras (created on first use).

    Variables created by Keras that are not initialized yet are initialized
    here, unless `manual_variable_initialization(True)` was called.

    # Returns
        A `tf.compat.v1.Session` on the Keras graph.
    """
    global _SESSION
    graph = get_graph()
    if _SESSION is None:
        _SESSION = _tf_v1.Session(graph=graph, config=_session_config())
    if not _MANUAL_VAR_INIT:
        _initialize_pending(_SESSION)
    return _SESSION


def set_session(session):
    """Sets the session Keras uses (its graph becomes the Keras graph).

    # Arguments
        session: A `tf.compat.v1.Session`.

    # Raises
        TypeError: if `session` is not a TF session.
    """
    global _SESSION, _GRAPH
    if not isinstance(session, _tf_v1.Session):
        raise TypeError('set_session expects a tf.compat.v1.Session, got %s.'
                        % type(session).__name__)
    if session.graph is not _GRAPH:
        _GRAPH = session.graph
        _reset_graph_state()
    elif session is not _SESSION:
        _forget_initialization(session.graph)
    _SESSION = session


def _forget_initialization(graph):
    """A new session on the same graph has none of its variables
    initialized: the next `get_session()` checks them all again."""
    global _SEEN_VARIABLES
    _SEEN_VARIABLES = 0
    for v in graph.get_collection(_tf_v1.GraphKeys.GLOBAL_VARIABLES):
        v._keras_initialized = False


def _initialize_pending(session):
    """Initializes the variables of the graph not initialized yet.

    Keras-made variables are tracked; variables made by raw TF code in the
    graph are found through the global-variables collection.
    """
    global _SEEN_VARIABLES
    graph = session.graph
    collection = graph.get_collection_ref(_tf_v1.GraphKeys.GLOBAL_VARIABLES)
    if not _PENDING_VARIABLES and len(collection) == _SEEN_VARIABLES:
        return
    candidates = [v for v in collection
                  if not getattr(v, '_keras_initialized', False)]
    seen = set(id(v) for v in candidates)
    candidates += [v for v in _PENDING_VARIABLES
                   if not getattr(v, '_keras_initialized', False)
                   and id(v) not in seen]
    del _PENDING_VARIABLES[:]
    _SEEN_VARIABLES = len(collection)
    if not candidates:
        return
    with graph.as_default():
        flags = session.run([_tf_v1.is_variable_initialized(v)
                             for v in candidates])
        todo = [v for v, done in zip(candidates, flags) if not done]
        if todo:
            session.run([v.initializer for v in todo])
    for v in candidates:
        v._keras_initialized = True


def track_variable(v):
    """Marks a Keras-made variable for lazy initialization."""
    _PENDING_VARIABLES.append(v)


def manual_variable_initialization(value):
    """Sets the manual variable initialization flag.

    When `True`, the session does not initialize variables itself: the
    user must do it (e.g. with `tf.compat.v1.global_variables_initializer`).

    # Arguments
        value: Python boolean.
    """
    global _MANUAL_VAR_INIT
    _MANUAL_VAR_INIT = bool(value)


def _reset_graph_state():
    global _LEARNING_PHASE_TENSOR, _SEEN_VARIABLES
    _SEEN_VARIABLES = 0
    _UID_PREFIXES.clear()
    del _PENDING_VARIABLES[:]
    _LEARNING_PHASE_TENSOR = None


def clear_session():
    """Destroys the current Keras graph and session and starts fresh ones.

    Layer-name counters (uids) and the learning phase are reset too.
    """
    global _GRAPH, _SESSION, _LEARNING_PHASE_VALUE
    if _SESSION is not None:
        _SESSION.close()
    _SESSION = None
    _GRAPH = tf.Graph()
    _LEARNING_PHASE_VALUE = None
    _reset_graph_state()


def get_uid(prefix=''):
    """Returns a unique id for a given prefix, starting at 1.

    # Arguments
        prefix: String.

    # Returns
        An integer.

    # Example
    ```python
        >>> keras.backend.get_uid('dense')
        1
        >>> keras.backend.get_uid('dense')
        2
    ```
    """
    _UID_PREFIXES[prefix] += 1
    return _UID_PREFIXES[prefix]


def reset_uids():
    """Resets the graph identifiers (uids)."""
    _UID_PREFIXES.clear()


@contextmanager
def name_scope(name):
    """A context manager that opens a name scope in the Keras graph.

    Variables and ops created inside get names like `'dense_1/kernel:0'`.

    # Arguments
        name: String, the scope name.
    """
    if not tf.executing_eagerly():
        with _tf_v1.name_scope(name) as scope:
            yield scope
        return
    graph = get_graph()
    with graph.as_default(), graph.name_scope(name) as scope:
        yield scope


def learning_phase():
    """Returns the learning phase flag.

    A boolean scalar tensor that is `False` (test) unless fed (`True` or 1
    for training), or the Python integer set with `set_learning_phase`.

    # Returns
        Learning phase (scalar boolean tensor or Python integer).
    """
    global _LEARNING_PHASE_TENSOR
    if _LEARNING_PHASE_VALUE is not None:
        return _LEARNING_PHASE_VALUE
    if _LEARNING_PHASE_TENSOR is None:
        with get_graph().as_default():
            _LEARNING_PHASE_TENSOR = _tf_v1.placeholder_with_default(
                False, shape=(), name='keras_learning_phase')
    return _LEARNING_PHASE_TENSOR


def set_learning_phase(value):
    """Sets the learning phase to a fixed value.

    # Arguments
        value: Learning phase value, either 0 (test) or 1 (train).

    # Raises
        ValueError: if `value` is neither `0` nor `1`.
    """
    global _LEARNING_PHASE_VALUE
    if value not in {0, 1}:
        raise ValueError('Expected learning phase to be 0 or 1, got %r.'
                         % (value,))
    _LEARNING_PHASE_VALUE = int(value)


def uses_symbolic_learning_phase():
    """True when the learning phase is a tensor (not fixed)."""
    return _LEARNING_PHASE_VALUE is None


@contextmanager
def learning_phase_scope(value):
    """Context manager that sets the learning phase to `value` inside it.

    # Arguments
        value: 0 or 1.
    """
    global _LEARNING_PHASE_VALUE
    previous = _LEARNING_PHASE_VALUE
    set_learning_phase(value)
    try:
        yield
    finally:
        _LEARNING_PHASE_VALUE = previous


_LOCAL_DEVICES = None


def _get_available_gpus():
    """Names of the GPUs TensorFlow can see (e.g. `'/device:GPU:0'`)."""
    global _LOCAL_DEVICES
    if _LOCAL_DEVICES is None:
        _LOCAL_DEVICES = ['/device:GPU:%d' % i for i, _ in enumerate(
            tf.config.list_physical_devices('GPU'))]
    return list(_LOCAL_DEVICES)


def _has_nchw_support():
    """Whether channels-first kernels can be used (only on a GPU)."""
    return bool(_get_available_gpus())
