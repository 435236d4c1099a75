"""The `Callback` base class and `CallbackList`, which drives a list of
callbacks and warns when their batch hooks are slow."""
from __future__ import absolute_import
from __future__ import division
from __future__ import print_function

import collections
import time
import warnings

import numpy as np

_TRAIN = 'train'
_TEST = 'test'
_PREDICT = 'predict'
# A batch hook slower than this (median over the window) may be warned about.
_SLOW_HOOK_SECONDS = 0.1


class _HookTimes(object):
    """The last `maxlen` durations of one batch hook.

    Counts the durations above `_SLOW_HOOK_SECONDS` as they come and go, so
    that the median is only computed when it can exceed that threshold
    (at least half of the window above it), not on every batch.
    """

    __slots__ = ('values', 'num_slow')

    def __init__(self, maxlen):
        self.values = collections.deque([], maxlen=maxlen)
        self.num_slow = 0

    def append(self, value):
        values = self.values
        if (values and len(values) == values.maxlen and
                values[0] > _SLOW_HOOK_SECONDS):
            self.num_slow -= 1  # about to be evicted
        values.append(value)
        if value > _SLOW_HOOK_SECONDS:
            self.num_slow += 1

    def median_if_slow(self):
        """The median duration, or 0 when it cannot exceed the threshold."""
        if 2 * self.num_slow < len(self.values):
            return 0.
        return np.median(self.values)


def _check_callbacks(callbacks):
    """The user's `callbacks` as a list; TypeError unless it is a list of
    `Callback` instances (any object with `set_model` and `set_params`)."""
    if callbacks is None:
        return []
    if isinstance(callbacks, (str, bytes, dict)) or \
            not hasattr(callbacks, '__iter__'):
        raise TypeError('`callbacks` must be a list of '
                        '`keras.callbacks.Callback` instances, got %s %r.'
                        % (type(callbacks).__name__, callbacks))
    callbacks = list(callbacks)
    for i, callback in enumerate(callbacks):
        if not (callable(getattr(callback, 'set_model', None)) and
                callable(getattr(callback, 'set_params', None))):
            raise TypeError('`callbacks` must be a list of '
                            '`keras.callbacks.Callback` instances; item %d '
                            'is %s %r.' % (i, type(callback).__name__,
                                           callback))
    return callbacks


class CallbackList(object):
    """Container abstracting a list of callbacks.

    # Arguments
        callbacks: List of `Callback` instances.
        queue_length: Queue length for keeping
            running statistics over callback execution time.
    """

    def __init__(self, callbacks=None, queue_length=10):
        self.callbacks = _check_callbacks(callbacks)
        self.queue_length = queue_length
        self.params = {}
        self.model = None
        self._reset_batch_timing()

    def _reset_batch_timing(self):
        self._delta_t_batch = 0.
        self._delta_ts = collections.defaultdict(
            lambda: _HookTimes(self.queue_length))

    def append(self, callback):
        self.callbacks.append(callback)

    def set_params(self, params):
        self.params = params
        for callback in self.callbacks:
            callback.set_params(params)

    def set_model(self, model):
        self.model = model
        for callback in self.callbacks:
            callback.set_model(model)

    def _call_batch_hook(self, mode, hook, batch, logs=None):
        """Helper function for all batch_{begin | end} methods."""
        if not self.callbacks:
            return
        hook_name = 'on_{mode}_batch_{hook}'.format(mode=mode, hook=hook)
        if hook == 'end':
            if not hasattr(self, '_t_enter_batch'):
                self._t_enter_batch = time.time()
            self._delta_t_batch = time.time() - self._t_enter_batch
        logs = logs or {}
        t_before_callbacks = time.time()
        for callback in self.callbacks:
            getattr(callback, hook_name)(batch, logs)
        self._delta_ts[hook_name].append(time.time() - t_before_callbacks)
        delta_t_median = self._delta_ts[hook_name].median_if_slow()
        if (self._delta_t_batch > 0. and
                delta_t_median > 0.95 * self._delta_t_batch and
                delta_t_median > _SLOW_HOOK_SECONDS):
            warnings.warn('Method (%s) is slow compared '
                          'to the batch update (%f). Check your callbacks.'
                          % (hook_name, delta_t_median), RuntimeWarning)
        if hook == 'begin':
            self._t_enter_batch = time.time()

    def _call_begin_hook(self, mode):
        """Helper function for on_{train|test|predict}_begin methods."""
        getattr(self, 'on_%s_begin' % mode)()

    def _call_end_hook(self, mode):
        """Helper function for on_{train|test|predict}_end methods."""
        getattr(self, 'on_%s_end' % mode)()

    def _call_all(self, hook_name, *args):
        for callback in self.callbacks:
            getattr(callback, hook_name)(*args)

    def on_batch_begin(self, batch, logs=None):
        self._call_batch_hook(_TRAIN, 'begin', batch, logs=logs)

    def on_batch_end(self, batch, logs=None):
        self._call_batch_hook(_TRAIN, 'end', batch, logs=logs)

    def on_epoch_begin(self, epoch, logs=None):
        """Calls the `on_epoch_begin` methods of its callbacks.

        # Arguments
            epoch: integer, index of epoch.
            logs: dict, Currently no data is passed to this argument for this
                method but that may change in the future.
        """
        self._call_all('on_epoch_begin', epoch, logs or {})
        self._reset_batch_timing()

    def on_epoch_end(self, epoch, logs=None):
        """Calls the `on_epoch_end` methods of its callbacks.

        # Arguments
            epoch: integer, index of epoch.
            logs: dict, metric results for this training epoch, and for the
                validation epoch if validation is performed. Validation result
                keys are prefixed with `val_`.
        """
        self._call_all('on_epoch_end', epoch, logs or {})

    def on_train_batch_begin(self, batch, logs=None):
        self._call_batch_hook(_TRAIN, 'begin', batch, logs=logs)

    def on_train_batch_end(self, batch, logs=None):
        self._call_batch_hook(_TRAIN, 'end', batch, logs=logs)

    def on_test_batch_begin(self, batch, logs=None):
        self._call_batch_hook(_TEST, 'begin', batch, logs=logs)

    def on_test_batch_end(self, batch, logs=None):
        self._call_batch_hook(_TEST, 'end', batch, logs=logs)

    def on_predict_batch_begin(self, batch, logs=None):
        self._call_batch_hook(_PREDICT, 'begin', batch, logs=logs)

    def on_predict_batch_end(self, batch, logs=None):
        self._call_batch_hook(_PREDICT, 'end', batch, logs=logs)

    def on_train_begin(self, logs=None):
        self._call_all('on_train_begin', logs or {})

    def on_train_end(self, logs=None):
        self._call_all('on_train_end', logs or {})

    def on_test_begin(self, logs=None):
        self._call_all('on_test_begin', logs or {})

    def on_test_end(self, logs=None):
        self._call_all('on_test_end', logs or {})

    def on_predict_begin(self, logs=None):
        self._call_all('on_predict_begin', logs or {})

    def on_predict_end(self, logs=None):
        self._call_all('on_predict_end', logs or {})

    def __iter__(self):
        return iter(self.callbacks)


class Callback(object):
    """Abstract base class used to build new callbacks.

    # Properties
        params: dict. Training parameters
            (eg. verbosity, batch size, number of epochs...).
        model: instance of `keras.models.Model`.
            Reference of the model being trained.

    The `logs` dictionary that callback methods
    take as argument will contain keys for quantities relevant to
    the current batch or epoch.

    Currently, the `.fit()` method of the `Sequential` model class
    will include the following quantities in the `logs` that
    it passes to its callbacks:

        on_epoch_end: logs include `acc` and `loss`, and
            optionally include `val_loss`
            (if validation is enabled in `fit`), and `val_acc`
            (if validation and accuracy monitoring are enabled).
        on_batch_begin: logs include `size`,
            the number of samples in the current batch.
        on_batch_end: logs include `loss`, and optionally `acc`
            (if accuracy monitoring is enabled).
    """

    def __init__(self):
        self.validation_data = None
        self.model = None
        self.params = {}

    def set_params(self, params):
        self.params = params

    def set_model(self, model):
        self.model = model

    def on_batch_begin(self, batch, logs=None):
        """A backwards compatibility alias for `on_train_batch_begin`."""

    def on_batch_end(self, batch, logs=None):
        """A backwards compatibility alias for `on_train_batch_end`."""

    def on_epoch_begin(self, epoch, logs=None):
        """Called at the start of an epoch (training mode only)."""

    def on_epoch_end(self, epoch, logs=None):
        """Called at the end of an epoch (training mode only); `logs` hold
        the epoch's metrics, validation ones prefixed with `val_`."""

    def on_train_batch_begin(self, batch, logs=None):
        """Called at the beginning of a training batch in `fit` methods."""
        # For backwards compatibility
        self.on_batch_begin(batch, logs=logs)

    def on_train_batch_end(self, batch, logs=None):
        """Called at the end of a training batch in `fit` methods."""
        # For backwards compatibility
        self.on_batch_end(batch, logs=logs)

    def on_test_batch_begin(self, batch, logs=None):
        """Called at the beginning of a batch in `evaluate` methods."""

    def on_test_batch_end(self, batch, logs=None):
        """Called at the end of a batch in `evaluate` methods."""

    def on_predict_batch_begin(self, batch, logs=None):
        """Called at the beginning of a batch in `predict` methods."""

    def on_predict_batch_end(self, batch, logs=None):
        """Called at the end of a batch in `predict` methods."""

    def on_train_begin(self, logs=None):
        """Called at the beginning of training."""

    def on_train_end(self, logs=None):
        """Called at the end of training."""

    def on_test_begin(self, logs=None):
        """Called at the beginning of evaluation or validation."""

    def on_test_end(self, logs=None):
        """Called at the end of evaluation or validation."""

    def on_predict_begin(self, logs=None):
        """Called at the beginning of prediction."""

    def on_predict_end(self, logs=None):
        """Called at the end of prediction."""
