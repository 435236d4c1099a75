"""Loops over arrays for `Model.fit`, `evaluate` and `predict`.

Each batch is one call of a compiled backend function. Batches are slices
of the arrays the caller gave: contiguous views when the order is kept,
one `np.take` per array when the epoch is shuffled (one index per epoch).
"""
from __future__ import absolute_import
from __future__ import division
from __future__ import print_function

import numpy as np

from .. import backend as K
from .. import callbacks as cbks
from ..callbacks.callback_base import _check_callbacks
from ..utils.generic_utils import Progbar
from .training_utils import batch_shuffle
from .training_utils import check_num_samples
from .training_utils import make_batches
from .training_utils import should_run_validation


def _unpack_singleton(x):
    if isinstance(x, list) and len(x) == 1:
        return x[0]
    return x


def _split_flag(ins):
    """Separates a trailing learning-phase flag (a Python number) from the
    arrays to slice."""
    if ins and isinstance(ins[-1], (int, float)):
        return list(ins[:-1]), [ins[-1]]
    return list(ins), []


def _take(array, batch_ids):
    if isinstance(array, np.ndarray):
        return np.take(array, batch_ids, axis=0)
    if hasattr(array, 'tocsr'):
        return array[batch_ids]
    try:
        # HDF5 datasets only take sorted lists of indices.
        return array[batch_ids.tolist()]
    except TypeError:
        raise TypeError('TypeError while preparing batch. If using HDF5 input '
                        'data, pass shuffle="batch".')


def _sparse_to_densify(model, arrays):
    """Indices of SciPy sparse arrays that feed dense placeholders."""
    feeds = (getattr(model, '_feed_inputs', []) +
             getattr(model, '_feed_targets', []) +
             getattr(model, '_feed_sample_weights', []))
    return [i for i, a in enumerate(arrays) if hasattr(a, 'tocsr') and not
            (i < len(feeds) and K.is_sparse(feeds[i]))]


class _Batcher(object):
    """Cuts the input arrays into batches, reusing one index per epoch."""

    def __init__(self, ins, batch_size, model=None):
        self.arrays, self.flag = _split_flag(ins)
        self.densify = _sparse_to_densify(model, self.arrays)
        self.num_samples = int(self.arrays[0].shape[0]) if self.arrays else 0
        self.batch_size = batch_size
        self.batches = make_batches(self.num_samples, batch_size)
        self.index = None

    def shuffle(self, shuffle):
        if shuffle == 'batch':
            self.index = batch_shuffle(np.arange(self.num_samples),
                                       self.batch_size)
        elif shuffle:
            self.index = np.random.permutation(self.num_samples)
        else:
            self.index = None

    def batch(self, start, stop):
        if self.index is None:
            arrays = [a[start:stop] for a in self.arrays]
        else:
            ids = self.index[start:stop]
            arrays = [_take(a, ids) for a in self.arrays]
        for i in self.densify:
            arrays[i] = arrays[i].toarray()
        return arrays + self.flag


def _make_callbacks(model, callbacks, verbose, count_mode):
    model.history = cbks.History()
    stateful = model.metrics_names[1:]
    own = [cbks.BaseLogger(stateful_metrics=stateful)]
    if verbose:
        own.append(cbks.ProgbarLogger(count_mode, stateful_metrics=stateful))
    own += _check_callbacks(callbacks) + [model.history]
    callback_list = cbks.CallbackList(own)
    callback_model = getattr(model, 'callback_model', None) or model
    callback_list.set_model(callback_model)
    return callback_list


def _callback_list(callbacks):
    return getattr(callbacks, 'callbacks', callbacks)


def _run_validation(model, val_function, val_inputs, batch_size,
                    validation_steps, callbacks, out_labels, epoch_logs):
    if validation_steps is not None:
        val_outs = test_loop(model, val_function, val_inputs,
                             steps=validation_steps, callbacks=callbacks,
                             verbose=0)
    else:
        val_outs = test_loop(model, val_function, val_inputs,
                             batch_size=batch_size, callbacks=callbacks,
                             verbose=0)
    val_outs = val_outs if isinstance(val_outs, list) else [val_outs]
    for label, value in zip(out_labels, val_outs):
        epoch_logs['val_' + label] = value


def _record(labels, outs, logs):
    if not isinstance(outs, list):
        outs = [outs]
    for label, value in zip(labels, outs):
        logs[label] = value


def _train_steps(fit_function, fit_inputs, steps, callbacks, out_labels,
                 callback_model):
    for step in range(steps):
        batch_logs = {'batch': step, 'size': 1}
        callbacks.on_train_batch_begin(step, batch_logs)
        _record(out_labels, fit_function(fit_inputs), batch_logs)
        callbacks.on_train_batch_end(step, batch_logs)
        if callback_model.stop_training:
            return False
    return True


def _train_batches(fit_function, batcher, callbacks, out_labels,
                   callback_model):
    last = len(batcher.batches) - 1
    for batch_index, (start, stop) in enumerate(batcher.batches):
        batch_logs = {'batch': batch_index, 'size': stop - start}
        callbacks.on_train_batch_begin(batch_index, batch_logs)
        _record(out_labels, fit_function(batcher.batch(start, stop)),
                batch_logs)
        callbacks.on_train_batch_end(batch_index, batch_logs)
        if callback_model.stop_training:
            return batch_index == last
    return True


def fit_loop(model, fit_function, fit_inputs, out_labels=None,
             batch_size=None, epochs=100, verbose=1, callbacks=None,
             val_function=None, val_inputs=None, shuffle=True,
             initial_epoch=0, steps_per_epoch=None, validation_steps=None,
             validation_freq=1):
    """Abstract fit function for `fit_function(fit_inputs)`.

    Assumes that fit_function returns a list, labeled by out_labels.

    # Arguments
        model: Keras model instance.
        fit_function: Keras function returning a list of tensors.
        fit_inputs: List of tensors to be fed to `fit_function`.
        out_labels: List of strings, display names of the outputs of
            `fit_function`.
        batch_size: Integer batch size or None if unknown.
        epochs: Number of times to iterate over the data.
        verbose: Verbosity mode, 0, 1 or 2.
        callbacks: List of callbacks to be called during training.
        val_function: Keras function to call for validation.
        val_inputs: List of tensors to be fed to `val_function`.
        shuffle: Whether to shuffle the data at the beginning of each epoch
            (True, False or 'batch').
        initial_epoch: Epoch at which to start training (useful for
            resuming a previous training run).
        steps_per_epoch: Total number of steps (batches of samples) before
            declaring one epoch finished and starting the next epoch.
            Ignored with the default value of `None`.
        validation_steps: Number of steps to run validation for (only if
            doing validation from data tensors).
        validation_freq: Only relevant if validation data is provided.
            Integer (every N epochs) or list of epochs to validate after.

    # Returns
        `History` object.
    """
    do_validation = bool(val_function and val_inputs)
    if do_validation and verbose and fit_inputs and hasattr(
            fit_inputs[0], 'shape') and hasattr(val_inputs[0], 'shape'):
        print('Train on %d samples, validate on %d samples' %
              (fit_inputs[0].shape[0], val_inputs[0].shape[0]))
    if validation_steps:
        do_validation = True
        if steps_per_epoch is None:
            raise ValueError('Can only use `validation_steps` when doing step-'
                             'wise training, i.e. `steps_per_epoch` must be '
                             'set.')
    elif do_validation and steps_per_epoch:
        raise ValueError('Must specify `validation_steps` to perform '
                         'validation when doing step-wise training.')

    num_train_samples = check_num_samples(fit_inputs, batch_size=batch_size,
                                          steps=steps_per_epoch,
                                          steps_name='steps_per_epoch')
    out_labels = out_labels or []
    callbacks = _make_callbacks(model, callbacks, verbose,
                                'steps' if steps_per_epoch else 'samples')
    callback_metrics = list(out_labels)
    if do_validation:
        callback_metrics += ['val_' + n for n in out_labels]
    callbacks.set_params({
        'batch_size': batch_size, 'epochs': epochs, 'steps': steps_per_epoch,
        'samples': num_train_samples, 'verbose': verbose,
        'do_validation': do_validation, 'metrics': callback_metrics})
    callbacks.on_train_begin()
    callback_model = callbacks.model if hasattr(callbacks, 'model') else model
    callback_model.stop_training = False
    for cbk in _callback_list(callbacks):
        cbk.validation_data = val_inputs

    batcher = None
    if not steps_per_epoch:
        batcher = _Batcher(fit_inputs, batch_size, model)
    for epoch in range(initial_epoch, epochs):
        model.reset_metrics()
        callbacks.on_epoch_begin(epoch)
        epoch_logs = {}
        if batcher is None:
            completed = _train_steps(fit_function, fit_inputs,
                                     steps_per_epoch, callbacks, out_labels,
                                     callback_model)
        else:
            batcher.shuffle(shuffle)
            completed = _train_batches(fit_function, batcher, callbacks,
                                       out_labels, callback_model)
        if (completed and do_validation and
                should_run_validation(validation_freq, epoch)):
            _run_validation(model, val_function, val_inputs, batch_size,
                            validation_steps, callbacks, out_labels,
                            epoch_logs)
        callbacks.on_epoch_end(epoch, epoch_logs)
        if callback_model.stop_training:
            break
    callbacks.on_train_end()
    return model.history


def _prepare_callbacks(model, callbacks, params):
    """Wraps user callbacks in a `CallbackList` unless already one."""
    if isinstance(callbacks, cbks.CallbackList):
        return callbacks
    callbacks = cbks.CallbackList(_check_callbacks(callbacks))
    callbacks.set_model(getattr(model, 'callback_model', None) or model)
    callbacks.set_params(params)
    return callbacks


class _Averager(object):
    """Accumulates test outputs: the loss (index 0) is averaged over
    batches weighted by their size, the stateful metrics keep their last
    (running) value."""

    def __init__(self):
        self.outs = None
        self.total = 0

    def add(self, batch_outs, size):
        batch_outs = batch_outs if isinstance(batch_outs, list) \
            else [batch_outs]
        if self.outs is None:
            self.outs = [0.] * len(batch_outs)
        for i, value in enumerate(batch_outs):
            if i == 0:
                self.outs[0] += float(value) * size
            else:
                self.outs[i] = float(value)
        self.total += size

    def result(self):
        if self.outs is None:
            return []
        self.outs[0] /= max(self.total, 1)
        return _unpack_singleton(self.outs)


def test_loop(model, f, ins, batch_size=None, verbose=0, steps=None,
              callbacks=None):
    """Abstract method to loop over some data in batches.

    # Arguments
        model: Keras model instance.
        f: Keras function returning a list of tensors.
        ins: list of tensors to be fed to `f`.
        batch_size: integer batch size or `None`.
        verbose: verbosity mode.
        steps: Total number of steps (batches of samples) before declaring
            predictions finished. Ignored with the default value of `None`.
        callbacks: List of callbacks or an instance of
            `keras.callbacks.CallbackList` to be called during evaluation.

    # Returns
        Scalar loss (if the model has a single output and no metrics) or
        list of scalars (if the model has multiple outputs and/or metrics).
        The attribute `model.metrics_names` will give you the display labels
        for the scalar outputs.
    """
    model.reset_metrics()
    num_samples = check_num_samples(ins, batch_size=batch_size, steps=steps,
                                    steps_name='steps')
    callbacks = _prepare_callbacks(model, callbacks, {
        'batch_size': batch_size, 'steps': steps, 'samples': num_samples,
        'verbose': verbose, 'metrics': list(model.metrics_names)})
    labels = model.metrics_names
    callbacks.on_test_begin()
    progbar = Progbar(target=steps or num_samples) if verbose == 1 else None
    averager = _Averager()
    if steps is not None:
        chunks = [(None, None)] * steps
    else:
        batcher = _Batcher(ins, batch_size, model)
        chunks = batcher.batches
    for index, (start, stop) in enumerate(chunks):
        size = 1 if start is None else stop - start
        batch_logs = {'batch': index, 'size': size}
        callbacks.on_test_batch_begin(index, batch_logs)
        batch_ins = ins if start is None else batcher.batch(start, stop)
        batch_outs = f(batch_ins)
        averager.add(batch_outs, size)
        _record(labels, batch_outs, batch_logs)
        callbacks.on_test_batch_end(index, batch_logs)
        if progbar is not None:
            progbar.update(index + 1 if start is None else stop)
    callbacks.on_test_end()
    return averager.result()


def predict_loop(model, f, ins, batch_size=32, verbose=0, steps=None,
                 callbacks=None):
    """Abstract method to loop over some data in batches.

    # Arguments
        model: Keras model instance.
        f: Keras function returning a list of tensors.
        ins: list of tensors to be fed to `f`.
        batch_size: integer batch size.
        verbose: verbosity mode.
        steps: Total number of steps (batches of samples) before declaring
            `predict_loop` finished. Ignored with the default value of `None`.
        callbacks: List of callbacks or an instance of
            `keras.callbacks.CallbackList` to be called during prediction.

    # Returns
        Array of predictions (if the model has a single output) or list of
        arrays of predictions (if the model has multiple outputs).
    """
    num_samples = check_num_samples(ins, batch_size=batch_size, steps=steps,
                                    steps_name='steps')
    callbacks = _prepare_callbacks(model, callbacks, {
        'batch_size': batch_size, 'steps': steps, 'samples': num_samples,
        'verbose': verbose})
    callbacks.on_predict_begin()
    progbar = Progbar(target=steps or num_samples) if verbose == 1 else None
    if steps is not None:
        chunks = [(None, None)] * steps
    else:
        batcher = _Batcher(ins, batch_size, model)
        chunks = batcher.batches
    results = None
    for index, (start, stop) in enumerate(chunks):
        batch_logs = {'batch': index,
                      'size': 1 if start is None else stop - start}
        callbacks.on_predict_batch_begin(index, batch_logs)
        batch_outs = f(ins if start is None else batcher.batch(start, stop))
        batch_outs = batch_outs if isinstance(batch_outs, list) \
            else [batch_outs]
        if results is None:
            results = [[] for _ in batch_outs]
        for store, out in zip(results, batch_outs):
            store.append(out)
        batch_logs['outputs'] = batch_outs
        callbacks.on_predict_batch_end(index, batch_logs)
        if progbar is not None:
            progbar.update(index + 1 if start is None else stop)
    callbacks.on_predict_end()
    if results is None:
        return []
    if steps is not None:
        outs = [np.concatenate(r) if r[0].ndim else np.asarray(r)
                for r in results]
    else:
        outs = [np.concatenate(r, axis=0) for r in results]
    return _unpack_singleton(outs)
