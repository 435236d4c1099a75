"""TensorFlow 1 names on the `tensorflow` module, for Keras 2 programs.

Keras 2 programs call TensorFlow 1 next to their Keras code
(`tf.ConfigProto()`, `tf.Session(config=...)`, `tf.train.AdamOptimizer`,
`tf.placeholder`, `tf.get_default_graph()`, `tf.set_random_seed`, ...).
TensorFlow 2 keeps these names in `tf.compat.v1` only. `install()` (run when
the TensorFlow backend is imported) adds the ones `tensorflow` lacks:

* every public name of `tf.compat.v1` that is missing on `tf` (classes,
  functions, constants and the submodules `tf.logging`, `tf.layers`,
  `tf.gfile`, `tf.app`, ...), and the missing names of the submodules in
  `_MERGED_SUBMODULES` (`tf.train.AdamOptimizer`, `tf.nn.rnn_cell`, ...);
* the names that build ops in "the default graph" are bound to Keras's graph
  when they are called outside any graph (the process stays eager):
  `tf.placeholder`, `tf.set_random_seed`, `tf.global_variables_initializer`,
  `tf.get_variable`, ...; `tf.get_default_graph()` returns Keras's graph
  there; `tf.Session()` and `tf.InteractiveSession()` without a `graph`
  run Keras's graph, so `K.set_session(tf.Session(config=config))` gives
  Keras that session with that config.

A name `tensorflow` already has is never replaced, so TensorFlow 2 code in
the same process sees the same `tf.*` it always did. Set the environment
variable `KERAS_TF1_NAMES=0` before importing keras to add nothing.
"""
import os
import types

import tensorflow as tf

from .graph import get_graph, in_graph

_tf_v1 = tf.compat.v1

#: Environment variable: `0` (or `false`, `no`, `off`) turns the names off.
ENV_SWITCH = 'KERAS_TF1_NAMES'

#: Submodules present on both `tf` and `tf.compat.v1`: their missing names
#: are added (never the existing ones replaced).
#: (`tf.losses` and `tf.initializers` are lazily loaded Keras modules in
#: TensorFlow 2: left alone.)
_MERGED_SUBMODULES = ('train', 'nn', 'math', 'image', 'random', 'summary',
                      'data', 'io', 'linalg', 'sparse', 'strings')

#: Names of `tf.compat.v1` never copied: lazily loaded packages (importing
#: them could import another Keras) and the compat tree itself.
_SKIPPED = frozenset(['keras', 'estimator', 'compat', 'contrib', 'lite',
                      'experimental', 'v1', 'v2', 'tools', 'python'])

#: Functions that add ops or variables to the default graph: called outside
#: any graph, they run inside Keras's graph.
_GRAPH_BOUND = ('placeholder', 'placeholder_with_default',
                'sparse_placeholder', 'set_random_seed',
                'global_variables_initializer', 'initialize_all_variables',
                'local_variables_initializer', 'variables_initializer',
                'tables_initializer', 'global_variables',
                'trainable_variables', 'local_variables', 'model_variables',
                'moving_average_variables', 'get_collection',
                'get_collection_ref', 'add_to_collection', 'get_variable',
                'report_uninitialized_variables', 'is_variable_initialized',
                'assert_variables_initialized')

_INSTALLED = []


def enabled():
    """Whether the TF1 names are wanted (`KERAS_TF1_NAMES` is not off)."""
    value = os.environ.get(ENV_SWITCH, '1').strip().lower()
    return value not in ('0', 'false', 'no', 'off')


def get_default_graph():
    """TF1's `tf.get_default_graph()`: Keras's graph outside any graph.

    Inside a `with graph.as_default():` block it returns that graph, as
    `tf.compat.v1.get_default_graph` does.

    # Returns
        A `tf.Graph`.
    """
    if tf.executing_eagerly():
        return get_graph()
    return _tf_v1.get_default_graph()


def _bind_session(cls):
    """A subclass of the session class `cls` whose default graph (when no
    `graph` is given outside any graph) is Keras's graph."""
    def __init__(self, target='', graph=None, config=None):
        if graph is None and tf.executing_eagerly():
            graph = get_graph()
        cls.__init__(self, target=target, graph=graph, config=config)

    __init__.__doc__ = (cls.__init__.__doc__ or '')
    return type(cls.__name__, (cls,), {
        '__init__': __init__, '__module__': __name__,
        '__doc__': '`tf.compat.v1.%s`, on Keras\'s graph unless `graph` is '
                   'given.' % cls.__name__})


Session = _bind_session(_tf_v1.Session)
InteractiveSession = _bind_session(_tf_v1.InteractiveSession)


def _keras_versions():
    """The TF1 names whose Keras-graph versions replace the plain aliases."""
    names = {'get_default_graph': get_default_graph, 'Session': Session,
             'InteractiveSession': InteractiveSession}
    for name in _GRAPH_BOUND:
        if hasattr(_tf_v1, name):
            names[name] = in_graph(getattr(_tf_v1, name))
    return names


def _is_plain_module(value):
    """A loaded module (not a lazy loader, which would import on use)."""
    return isinstance(value, types.ModuleType) and \
        'Lazy' not in type(value).__name__


def _add_missing(target, source, overrides=None):
    """Sets on module `target` the public names of `source` it lacks.

    # Returns
        The list of the names added.
    """
    overrides = overrides or {}
    added = []
    for name in dir(source):
        if name.startswith('_') or name in _SKIPPED or hasattr(target, name):
            continue
        value = overrides.get(name)
        if value is None:
            value = getattr(source, name)
        setattr(target, name, value)
        added.append((target, name, value))
    return added


def install():
    """Adds the missing TF1 names to `tensorflow` (once; nothing when
    `KERAS_TF1_NAMES=0`).

    # Returns
        The number of names added by this call.
    """
    if _INSTALLED or not enabled():
        return 0
    added = _add_missing(tf, _tf_v1, _keras_versions())
    for sub in _MERGED_SUBMODULES:
        ours, theirs = getattr(tf, sub, None), getattr(_tf_v1, sub, None)
        if _is_plain_module(ours) and _is_plain_module(theirs):
            added += _add_missing(ours, theirs)
    _INSTALLED.extend(added)
    return len(added)


def _still_ours():
    """The added `(module, name, value)` entries TensorFlow has not set
    since (it may import keras while it initializes itself)."""
    return [(module, name, value) for module, name, value in _INSTALLED
            if vars(module).get(name) is value]


def uninstall():
    """Removes the names `install()` added (used by the tests)."""
    for module, name, _ in _still_ours():
        delattr(module, name)
    del _INSTALLED[:]


def installed_names():
    """The dotted names added to `tensorflow`, e.g. `'train.AdamOptimizer'`.

    # Returns
        A sorted list of strings.
    """
    return sorted(name if module is tf else
                  '%s.%s' % (module.__name__.rsplit('.', 1)[-1], name)
                  for module, name, _ in _still_ours())
