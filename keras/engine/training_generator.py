"""Loops over Python generators and `keras.utils.Sequence` objects for
`Model.fit_generator`, `evaluate_generator` and `predict_generator`.

Batches are produced ahead of time by `OrderedEnqueuer` (Sequences) or
`GeneratorEnqueuer` (generators) workers when `workers > 0`.
"""
from __future__ import absolute_import
from __future__ import division
from __future__ import print_function

import warnings

import numpy as np

from ..utils.data_utils import GeneratorEnqueuer
from ..utils.data_utils import OrderedEnqueuer
from ..utils.generic_utils import Progbar
from . import argument_checks
from .training_arrays import _Averager
from .training_arrays import _callback_list
from .training_arrays import _make_callbacks
from .training_arrays import _prepare_callbacks
from .training_arrays import _record
from .training_utils import is_sequence
from .training_utils import iter_sequence_infinite
from .training_utils import should_run_validation


def _to_list(x):
    return x if isinstance(x, list) else [x]


def _start(generator, workers, use_multiprocessing, max_queue_size,
           shuffle=False):
    """Returns `(output_generator, enqueuer_or_None)` for `generator`."""
    sequence = is_sequence(generator)
    if not sequence and use_multiprocessing and workers > 1:
        warnings.warn(UserWarning(
            'Using a generator with `use_multiprocessing=True` and multiple '
            'workers may duplicate your data. Please consider using the '
            '`keras.utils.Sequence class.'))
    if workers > 0:
        if sequence:
            enqueuer = OrderedEnqueuer(generator,
                                       use_multiprocessing=use_multiprocessing,
                                       shuffle=shuffle)
        else:
            enqueuer = GeneratorEnqueuer(
                generator, use_multiprocessing=use_multiprocessing)
        enqueuer.start(workers=workers, max_queue_size=max_queue_size)
        return enqueuer.get(), enqueuer
    if sequence:
        return iter_sequence_infinite(generator), None
    return generator, None


def _stop(*enqueuers):
    for enqueuer in enqueuers:
        if enqueuer is not None:
            enqueuer.stop()


def _resolve_steps(generator, steps, steps_name, where):
    if steps is not None:
        return argument_checks.check_integer(steps, steps_name, where)
    if is_sequence(generator):
        return len(generator)
    raise ValueError('`' + steps_name + '=None` is only valid for a generator '
                     'based on the `keras.utils.Sequence` class. Please '
                     'specify `' + steps_name + '` or use the '
                     '`keras.utils.Sequence` class.')


def _unpack_output(generator_output):
    """Splits a generator output into `(x, y, sample_weight)`."""
    if not isinstance(generator_output, (tuple, list)) or \
            len(generator_output) not in (2, 3):
        raise ValueError('Output of generator should be a tuple `(x, y, '
                         'sample_weight)` or `(x, y)`. Found: ' +
                         str(generator_output)[:200])
    if len(generator_output) == 2:
        return generator_output[0], generator_output[1], None
    return tuple(generator_output)


def _batch_size(x):
    if x is None or (hasattr(x, '__len__') and len(x) == 0):
        return 1
    if isinstance(x, (list, tuple)):
        x = x[0]
    elif isinstance(x, dict):
        x = list(x.values())[0]
    size = int(x.shape[0]) if hasattr(x, 'shape') else len(x)
    if size == 0:
        raise ValueError('Received an empty batch. Batches should contain at '
                         'least one item.')
    return size


def _next(output_generator, steps_name):
    try:
        return next(output_generator)
    except StopIteration:
        raise ValueError('The generator ran out of data before `' +
                         steps_name + '` batches were drawn; make it loop '
                         'indefinitely or lower `' + steps_name + '`.')


class _Validation(object):
    """Validation data of `fit_generator`: a generator/Sequence (run
    through `evaluate_generator`) or arrays (run through `evaluate`)."""

    def __init__(self, model, data, steps, workers, use_multiprocessing,
                 max_queue_size):
        self.model = model
        self.enqueuer = None
        self.steps = steps
        self.is_gen = (hasattr(data, 'next') or hasattr(data, '__next__') or
                       is_sequence(data))
        if self.is_gen:
            self.steps = _resolve_steps(data, steps, 'validation_steps',
                                        'fit_generator')
            self.data, self.enqueuer = _start(data, workers,
                                              use_multiprocessing,
                                              max_queue_size)
            self.inputs = None
            return
        if not isinstance(data, (tuple, list)) or len(data) not in (2, 3):
            raise ValueError('`validation_data` should be a tuple `(val_x, '
                             'val_y, val_sample_weight)` or `(val_x, val_y)`. '
                             'Found: ' + str(data)[:200])
        val_x, val_y = data[0], data[1]
        val_sw = data[2] if len(data) == 3 else None
        self.x, self.y, self.sample_weights = model._standardize_user_data(
            val_x, val_y, val_sw)
        self.inputs = self.x + self.y + self.sample_weights
        if model._uses_dynamic_learning_phase():
            self.inputs = self.inputs + [0]

    def run(self, callbacks, batch_size):
        if self.is_gen:
            return evaluate_generator(self.model, self.data, self.steps,
                                      callbacks=callbacks, workers=0)
        return self.model.evaluate(self.x, self.y, batch_size=batch_size,
                                   sample_weight=self.sample_weights,
                                   callbacks=callbacks, verbose=0)


def fit_generator(model, generator, steps_per_epoch=None, epochs=1,
                  verbose=1, callbacks=None, validation_data=None,
                  validation_steps=None, validation_freq=1, class_weight=None,
                  max_queue_size=10, workers=1, use_multiprocessing=False,
                  shuffle=True, initial_epoch=0):
    """See docstring for `Model.fit_generator`."""
    argument_checks.check_loop_arguments(
        'fit_generator', epochs=epochs, validation_steps=validation_steps,
        initial_epoch=initial_epoch, verbose=verbose)
    model._make_train_function()
    do_validation = bool(validation_data)
    if do_validation:
        model._make_test_function()
    recompute_steps = is_sequence(generator) and steps_per_epoch is None
    steps_per_epoch = _resolve_steps(generator, steps_per_epoch,
                                     'steps_per_epoch', 'fit_generator')
    out_labels = model.metrics_names
    callback_metrics = out_labels + ['val_' + n for n in out_labels]
    callbacks = _make_callbacks(model, callbacks, verbose, 'steps')
    params = {'epochs': epochs, 'steps': steps_per_epoch, 'verbose': verbose,
              'do_validation': do_validation, 'metrics': callback_metrics}
    callbacks.set_params(params)
    callbacks.on_train_begin()

    enqueuer = None
    validation = None
    try:
        if do_validation:
            validation = _Validation(model, validation_data, validation_steps,
                                     workers, use_multiprocessing,
                                     max_queue_size)
            if validation.inputs is not None:
                for cbk in _callback_list(callbacks):
                    cbk.validation_data = validation.inputs
        output_generator, enqueuer = _start(generator, workers,
                                            use_multiprocessing,
                                            max_queue_size, shuffle)
        callbacks.model.stop_training = False
        for epoch in range(initial_epoch, epochs):
            model.reset_metrics()
            callbacks.on_epoch_begin(epoch)
            epoch_logs = {}
            batch_size = None
            for batch_index in range(steps_per_epoch):
                x, y, sample_weight = _unpack_output(
                    _next(output_generator, 'steps_per_epoch'))
                batch_size = _batch_size(x)
                batch_logs = {'batch': batch_index, 'size': batch_size}
                callbacks.on_train_batch_begin(batch_index, batch_logs)
                outs = model.train_on_batch(x, y, sample_weight=sample_weight,
                                            class_weight=class_weight,
                                            reset_metrics=False)
                _record(out_labels, outs, batch_logs)
                callbacks.on_train_batch_end(batch_index, batch_logs)
                if callbacks.model.stop_training:
                    break
            else:
                if do_validation and should_run_validation(validation_freq,
                                                           epoch):
                    val_outs = validation.run(callbacks, batch_size)
                    for label, value in zip(out_labels, _to_list(val_outs)):
                        epoch_logs['val_' + label] = value
            callbacks.on_epoch_end(epoch, epoch_logs)
            if callbacks.model.stop_training:
                break
            if is_sequence(generator) and workers == 0:
                generator.on_epoch_end()
            if recompute_steps:
                if workers > 0 and hasattr(enqueuer, 'join_end_of_epoch'):
                    # the workers call `on_epoch_end`; wait for it before
                    # reading the (possibly new) length
                    enqueuer.join_end_of_epoch()
                steps_per_epoch = len(generator)
                params['steps'] = steps_per_epoch
                callbacks.set_params(params)
    finally:
        _stop(enqueuer, validation.enqueuer if validation else None)
    callbacks.on_train_end()
    return model.history


def evaluate_generator(model, generator, steps=None, callbacks=None,
                       max_queue_size=10, workers=1,
                       use_multiprocessing=False, verbose=0):
    """See docstring for `Model.evaluate_generator`."""
    model._make_test_function()
    model.reset_metrics()
    steps = _resolve_steps(generator, steps, 'steps', 'evaluate_generator')
    callbacks = _prepare_callbacks(model, callbacks, {
        'steps': steps, 'verbose': verbose,
        'metrics': list(model.metrics_names)})
    callbacks.model.stop_training = False
    callbacks.on_test_begin()
    averager = _Averager()
    enqueuer = None
    try:
        output_generator, enqueuer = _start(generator, workers,
                                            use_multiprocessing,
                                            max_queue_size)
        progbar = Progbar(target=steps) if verbose == 1 else None
        for step in range(steps):
            x, y, sample_weight = _unpack_output(_next(output_generator,
                                                       'steps'))
            batch_size = _batch_size(x)
            batch_logs = {'batch': step, 'size': batch_size}
            callbacks.on_test_batch_begin(step, batch_logs)
            outs = model.test_on_batch(x, y, sample_weight=sample_weight,
                                       reset_metrics=False)
            averager.add(outs, batch_size)
            _record(model.metrics_names, outs, batch_logs)
            callbacks.on_test_batch_end(step, batch_logs)
            if progbar is not None:
                progbar.update(step + 1)
    finally:
        _stop(enqueuer)
    callbacks.on_test_end()
    return averager.result()


def predict_generator(model, generator, steps=None, callbacks=None,
                      max_queue_size=10, workers=1, use_multiprocessing=False,
                      verbose=0):
    """See docstring for `Model.predict_generator`."""
    model._make_predict_function()
    steps = _resolve_steps(generator, steps, 'steps', 'predict_generator')
    callbacks = _prepare_callbacks(model, callbacks,
                                   {'steps': steps, 'verbose': verbose})
    callbacks.model.stop_training = False
    callbacks.on_predict_begin()
    results = None
    enqueuer = None
    try:
        output_generator, enqueuer = _start(generator, workers,
                                            use_multiprocessing,
                                            max_queue_size)
        progbar = Progbar(target=steps) if verbose == 1 else None
        for step in range(steps):
            output = _next(output_generator, 'steps')
            if isinstance(output, tuple) and len(output) in (2, 3):
                x = output[0]
            else:
                x = output
            batch_logs = {'batch': step, 'size': _batch_size(x)}
            callbacks.on_predict_batch_begin(step, batch_logs)
            outs = _to_list(model.predict_on_batch(x))
            if results is None:
                results = [[] for _ in outs]
            for store, out in zip(results, outs):
                store.append(out)
            batch_logs['outputs'] = outs
            callbacks.on_predict_batch_end(step, batch_logs)
            if progbar is not None:
                progbar.update(step + 1)
    finally:
        _stop(enqueuer)
    callbacks.on_predict_end()
    if results is None:
        return []
    outs = [np.concatenate(r, axis=0) for r in results]
    return outs[0] if len(outs) == 1 else outs
