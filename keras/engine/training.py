"""Training-related part of the Keras engine: the `Model` class.

`compile` builds, once, the symbolic total loss, the metric results and the
feeds (targets, sample weights); the train/test/predict functions are
compiled lazily on first use and cached, each running one graph call per
batch (loss, metrics and every update together).
"""
from __future__ import absolute_import
from __future__ import division
from __future__ import print_function

import warnings

import numpy as np

from .network import Network
from .. import backend as K
from ..legacy import interfaces
from .. import losses
from .. import metrics as metrics_module
from . import training_arrays
from . import training_generator
from . import argument_checks
from . import training_utils
from .training_compile import ModelCompileMixin
from .training_utils import _to_list


def _unpack_singleton(x):
    if isinstance(x, list) and len(x) == 1:
        return x[0]
    return x


def _scalars(outs):
    """0-d arrays of a batch call become NumPy scalars."""
    return [o[()] if isinstance(o, np.ndarray) and o.ndim == 0 else o
            for o in outs]


def _slice_arrays(arrays, start, stop=None):
    return [None if a is None else a[start:stop] for a in arrays]


def _cast_arrays(arrays, feeds):
    """Converts NumPy arrays once to the dtype of the placeholder they
    feed (e.g. float64 data for a float32 model), so that batches need no
    conversion."""
    out = []
    for array, feed in zip(arrays, feeds):
        if isinstance(array, np.ndarray) and feed is not None:
            dtype = np.dtype(K.dtype(feed))
            if array.dtype != dtype and dtype.kind in 'fiub':
                array = array.astype(dtype)
        out.append(array)
    return out


class Model(ModelCompileMixin, Network):
    """The `Model` class adds training & evaluation routines to a `Network`.

    # Example
    ```python
        inputs = Input(shape=(784,))
        x = Dense(64, activation='relu')(inputs)
        outputs = Dense(10, activation='softmax')(x)
        model = Model(inputs, outputs)
        model.compile('rmsprop', 'categorical_crossentropy',
                      metrics=['accuracy'])
        model.fit(x_train, y_train, epochs=5)
    ```
    """

    optimizer = None
    loss = None
    _is_compiled = False
    _compile_args = None
    _compile_key = None
    _deferred_compile = None
    train_function = None
    test_function = None
    predict_function = None
    stop_training = False

    # ------------------------------------------------------------------
    # compile
    # ------------------------------------------------------------------

    @interfaces.legacy_compile_support
    def compile(self, optimizer, loss=None, metrics=None, loss_weights=None,
                sample_weight_mode=None, weighted_metrics=None,
                target_tensors=None, **kwargs):
        """Configures the model for training.

        # Arguments
            optimizer: String (name of optimizer) or optimizer instance.
            loss: String (name of objective function), objective function,
                `Loss` instance, or a list/dict of those (one per output, the
                dict keyed by output name). The model minimises the weighted
                sum of the output losses plus the regularization losses.
            metrics: List of metrics (names, functions, `Metric` objects), or
                a dict by output name, or a list of lists (one per output).
                'acc'/'accuracy' is resolved from the loss and output shape.
            loss_weights: List or dict of scalar coefficients per output.
            sample_weight_mode: None (sample-wise weights) or `"temporal"`
                (2D timestep-wise weights); a dict or list for several
                outputs.
            weighted_metrics: Metrics weighted by `sample_weight` or
                `class_weight`.
            target_tensors: Tensors to use as targets instead of fed
                placeholders (a tensor, list or dict by output name).
            **kwargs: passed to `K.function` (e.g. `feed_dict`, `options`).

        # Raises
            ValueError: In case of invalid arguments for `optimizer`, `loss`,
                `metrics` or `sample_weight_mode`.
        """
        self._check_function_kwargs(kwargs)
        key = self._make_compile_key(optimizer, loss, metrics, loss_weights,
                                     sample_weight_mode, weighted_metrics,
                                     target_tensors, kwargs)
        if (self._is_compiled and key is not None and
                key == self._compile_key and optimizer is self.optimizer):
            return  # Same configuration: keep the compiled functions.
        self.optimizer = self._get_optimizer(optimizer)
        self.loss = loss or {}
        self._compile_metrics = metrics or []
        self.loss_weights = loss_weights
        self.sample_weight_mode = sample_weight_mode
        self._compile_weighted_metrics = weighted_metrics
        self._function_kwargs = kwargs
        self._compile_args = dict(
            loss=loss, metrics=metrics, loss_weights=loss_weights,
            sample_weight_mode=sample_weight_mode,
            weighted_metrics=weighted_metrics, target_tensors=target_tensors,
            **kwargs)
        if not self.built or not self.outputs:
            # Subclassed model or unbuilt Sequential: compiled on first data.
            self._deferred_compile = True
            return
        self._deferred_compile = False
        self._is_compiled = False
        self._compile_key = None
        self._build_training_graph(loss, metrics, loss_weights,
                                   sample_weight_mode, weighted_metrics,
                                   target_tensors)
        self.train_function = None
        self.test_function = None
        self._collected_trainable_weights = list(self.trainable_weights)
        self._is_compiled = True
        self._compile_key = key

    # ------------------------------------------------------------------
    # metrics
    # ------------------------------------------------------------------

    def _layer_metrics(self):
        """Metrics added to the layers with `add_metric`."""
        try:
            found = list(super(Model, self).metrics or [])
        except AttributeError:
            found = []
        return [m for m in found if isinstance(m, metrics_module.Metric)]

    @property
    def metrics(self):
        """The model's stateful metric objects (compile and layer metrics,
        and the per-output loss means of multi-output models)."""
        found = []
        if self._is_compiled:
            found += [m for m in self._output_loss_metrics or []
                      if m is not None]
            found += self._compile_metric_functions
        return found + self._layer_metrics()

    @property
    def metrics_names(self):
        """Display labels of the outputs of `evaluate`/`train_on_batch`:
        'loss', the per-output losses, then the metrics."""
        names = ['loss']
        if self._is_compiled:
            names += [m.name for m in self._output_loss_metrics or []
                      if m is not None]
            names += self._compile_metric_names
        return names + [m.name for m in self._layer_metrics()]

    def _metric_tensors(self):
        tensors = list(getattr(self, '_output_loss_results', []))
        tensors += self._metric_results
        for m in self._layer_metrics():
            result = getattr(m, '_call_result', None)
            tensors.append(m.result() if result is None else result)
        return tensors

    def _metric_updates(self):
        updates = []
        for m in self.metrics:
            updates += list(getattr(m, 'updates', []) or [])
        return updates

    def reset_metrics(self):
        """Resets the state of the model's metrics."""
        for m in self.metrics:
            m.reset_states()

    # ------------------------------------------------------------------
    # backend functions
    # ------------------------------------------------------------------

    def _uses_dynamic_learning_phase(self):
        return (self.uses_learning_phase and
                not isinstance(K.learning_phase(), int))

    def _with_phase(self, ins, value):
        """Appends the learning-phase value to the inputs when fed."""
        return ins + [value] if self._uses_dynamic_learning_phase() else ins

    def _phase_inputs(self):
        return [K.learning_phase()] if self._uses_dynamic_learning_phase() \
            else []

    def _check_trainable_weights_consistency(self):
        collected = getattr(self, '_collected_trainable_weights', None)
        if collected is None:
            return
        if len(self.trainable_weights) != len(collected):
            warnings.warn(UserWarning(
                'Discrepancy between trainable weights and collected trainable'
                ' weights, did you set `model.trainable` without calling '
                '`model.compile` after ?'))

    def _require_compiled(self):
        if not self._is_compiled:
            raise RuntimeError('You must compile your model before using it '
                               '(`model.compile(optimizer, loss)`).')

    def _make_train_function(self):
        self._require_compiled()
        self._check_trainable_weights_consistency()
        if self.train_function is not None:
            return
        inputs = (self._feed_inputs + self._feed_targets +
                  self._feed_sample_weights + self._phase_inputs())
        with K.name_scope('training'):
            with K.name_scope(self.optimizer.__class__.__name__):
                training_updates = self.optimizer.get_updates(
                    params=self._collected_trainable_weights,
                    loss=self.total_loss)
            updates = (list(self.updates) + list(training_updates) +
                       self._metric_updates())
            self.train_function = K.function(
                inputs, [self.total_loss] + self._metric_tensors(),
                updates=updates, name='train_function',
                **self._function_kwargs)

    def _make_test_function(self):
        self._require_compiled()
        if self.test_function is not None:
            return
        inputs = (self._feed_inputs + self._feed_targets +
                  self._feed_sample_weights + self._phase_inputs())
        self.test_function = K.function(
            inputs, [self.total_loss] + self._metric_tensors(),
            updates=list(self.state_updates) + self._metric_updates(),
            name='test_function', **getattr(self, '_function_kwargs', {}))

    def _make_predict_function(self):
        if self.predict_function is not None:
            return
        inputs = self._feed_inputs + self._phase_inputs()
        self.predict_function = K.function(
            inputs, self.outputs, updates=list(self.state_updates),
            name='predict_function', **getattr(self, '_function_kwargs', {}))

    # ------------------------------------------------------------------
    # data standardisation
    # ------------------------------------------------------------------

    def _set_inputs(self, inputs, outputs=None, training=None):
        """Sets the inputs of a subclassed model (or builds an unbuilt
        Sequential) from the first data it sees."""
        if self.__class__.__name__ == 'Sequential' and not self.built:
            first = inputs[0] if isinstance(inputs, (list, tuple)) else inputs
            shape = K.int_shape(first) if K.is_tensor(first) else \
                np.asarray(first).shape
            self.build(input_shape=(None,) + tuple(shape[1:]))
            return
        if self.inputs:
            raise ValueError('Model inputs are already set.')
        self.inputs, self.input_names = [], []
        self._feed_inputs, self._feed_input_names = [], []
        self._feed_input_shapes = []
        for i, value in enumerate(_to_list(inputs)):
            name = 'input_%d' % (i + 1)
            self.input_names.append(name)
            if K.is_tensor(value):
                self.inputs.append(value)
                if K.is_placeholder(value):
                    self._feed_inputs.append(value)
                    self._feed_input_names.append(name)
                    self._feed_input_shapes.append(K.int_shape(value))
                continue
            value = training_utils.standardize_single_array(value)
            shape = (None,) + tuple(value.shape[1:])
            placeholder = K.placeholder(shape=shape, name=name)
            self.inputs.append(placeholder)
            self._feed_inputs.append(placeholder)
            self._feed_input_names.append(name)
            self._feed_input_shapes.append(shape)
        if outputs is None:
            call_input = _unpack_singleton(self.inputs)
            outputs = self.call(call_input)
        self.outputs = _to_list(outputs)
        self.output_names = ['output_%d' % (i + 1)
                             for i in range(len(self.outputs))]
        self.built = True

    def _ensure_built(self, x, y):
        if self.built and self.outputs:
            return
        optimizer = self.optimizer  # building may reset the attribute
        self._set_inputs(x)
        if self._deferred_compile:
            self.optimizer = None
            self.compile(optimizer, **dict(self._compile_args))

    def _feed_output_shapes_for_check(self):
        shapes = []
        for shape, loss_fn in zip(self._feed_output_shapes,
                                  self._feed_loss_fns):
            fn = getattr(loss_fn, 'fn', None)
            if training_utils._is_loss(loss_fn,
                                       'sparse_categorical_crossentropy',
                                       'SparseCategoricalCrossentropy'):
                if K.image_data_format() == 'channels_first' and \
                        len(shape) in (4, 5):
                    shapes.append((shape[0], 1) + tuple(shape[2:]))
                else:
                    shapes.append(tuple(shape[:-1]) + (1,))
            elif not isinstance(loss_fn, losses.Loss) or (
                    fn is not None and
                    getattr(losses, getattr(fn, '__name__', ''), None) is None):
                shapes.append(None)  # user-defined loss: no assumption
            else:
                shapes.append(shape)
        return shapes

    def _standardize_user_data(self, x, y=None, sample_weight=None,
                               class_weight=None, check_array_lengths=True,
                               batch_size=None):
        self._ensure_built(x, y)
        if y is not None:
            if self.optimizer is None:
                raise RuntimeError('You must compile a model before training/'
                                   'testing. Use `model.compile(optimizer, '
                                   'loss)`.')
            self._require_compiled()
        all_inputs = _to_list(x) if not isinstance(x, dict) else \
            list(x.values())
        if all_inputs and any(K.is_tensor(v) for v in all_inputs):
            return [], [], []
        graph = getattr(self, '_is_graph_network', True)
        x = training_utils.standardize_input_data(
            x, self._feed_input_names,
            self._feed_input_shapes if graph else None,
            check_batch_axis=False, exception_prefix='input')
        argument_checks.check_inputs_given(self, x, 'Error when checking '
                                           'model input')
        x = argument_checks.check_data_dtypes(
            x, self._feed_inputs, self._feed_input_names, 'input')
        argument_checks.check_embedding_indices(self, x)
        x = _cast_arrays(x, self._feed_inputs)
        if y is not None:
            y, sample_weights = self._standardize_targets(
                x, y, sample_weight, class_weight, check_array_lengths, graph)
        else:
            y, sample_weights = [], []
        if self.stateful and batch_size and x and hasattr(x[0], 'shape'):
            if x[0].shape[0] % batch_size != 0:
                raise ValueError('In a stateful network, you should only pass '
                                 'inputs with a number of samples that can be '
                                 'divided by the batch size. Found: ' +
                                 str(x[0].shape[0]) + ' samples, batch size ' +
                                 str(batch_size) + '.')
        return x, y, sample_weights

    def _standardize_targets(self, x, y, sample_weight, class_weight,
                             check_array_lengths, graph):
        names = self._feed_output_names
        shapes = self._feed_output_shapes_for_check() if graph else None
        y = training_utils.standardize_input_data(
            y, names, None, exception_prefix='target')
        if graph:  # first the hint for integer targets of a categorical loss
            training_utils.check_loss_and_target_compatibility(
                y, self._feed_loss_fns, [None] * len(y))
            training_utils._check_shapes(y, names, shapes, False, 'target')
        y = argument_checks.check_data_dtypes(y, self._feed_targets, names,
                                              'target')
        y = _cast_arrays(y, self._feed_targets)
        sample_weights = training_utils.standardize_sample_weights(
            sample_weight, names)
        class_weights = training_utils.standardize_class_weights(
            class_weight, names)
        sample_weights = [
            training_utils.standardize_weights(ref, sw, cw, mode)
            for ref, sw, cw, mode in zip(y, sample_weights, class_weights,
                                         self._feed_sample_weight_modes)]
        if check_array_lengths:
            training_utils.check_array_length_consistency(x, y,
                                                          sample_weights)
        if graph:
            training_utils.check_loss_and_target_compatibility(
                y, self._feed_loss_fns, self._feed_output_shapes)
        return y, sample_weights

    def _validate_or_infer_batch_size(self, batch_size, steps, x):
        if batch_size is not None and \
                training_utils.is_generator_or_sequence(x):
            raise ValueError('The `batch_size` argument must not be specified '
                             'when using a generator or Sequence as an input.')
        layers = getattr(self, 'layers', None)
        static = None
        if layers:
            try:
                static = training_utils.get_static_batch_size(layers[0])
            except ValueError:
                static = None
        if static is not None:
            if batch_size is not None and batch_size != static:
                raise ValueError('The `batch_size` argument value {} is '
                                 'incompatible with the specified batch size '
                                 'of your Input Layer: {}'.format(batch_size,
                                                                  static))
            if steps is None:
                batch_size = static
        if batch_size is None and steps is None:
            batch_size = 32
        return batch_size

    # ------------------------------------------------------------------
    # fit / evaluate / predict on arrays
    # ------------------------------------------------------------------

    def _split_validation(self, x, y, sample_weights, validation_split):
        if any(K.is_tensor(t) for t in x):
            raise ValueError('If your data is in the form of symbolic '
                             'tensors, you cannot use `validation_split`.')
        split_at = int(int(x[0].shape[0]) * (1. - validation_split))
        train = (_slice_arrays(x, 0, split_at), _slice_arrays(y, 0, split_at),
                 _slice_arrays(sample_weights, 0, split_at))
        val = (_slice_arrays(x, split_at), _slice_arrays(y, split_at),
               _slice_arrays(sample_weights, split_at))
        return train, val

    def _validation_inputs(self, validation_data, batch_size):
        if not isinstance(validation_data, (tuple, list)) or \
                len(validation_data) not in (2, 3):
            raise ValueError('When passing validation_data, it must contain 2 '
                             '(x_val, y_val) or 3 (x_val, y_val, '
                             'val_sample_weights) items, however it contains '
                             '%s' % (len(validation_data)
                                     if hasattr(validation_data, '__len__')
                                     else type(validation_data).__name__))
        val_x, val_y = validation_data[0], validation_data[1]
        val_sw = validation_data[2] if len(validation_data) == 3 else None
        val_x, val_y, val_sws = self._standardize_user_data(
            val_x, val_y, sample_weight=val_sw, batch_size=batch_size)
        return val_x + val_y + val_sws

    @interfaces.legacy_fit_support
    def fit(self, x=None, y=None, batch_size=None, epochs=1, verbose=1,
            callbacks=None, validation_split=0., validation_data=None,
            shuffle=True, class_weight=None, sample_weight=None,
            initial_epoch=0, steps_per_epoch=None, validation_steps=None,
            validation_freq=1, max_queue_size=10, workers=1,
            use_multiprocessing=False, **kwargs):
        """Trains the model for a fixed number of epochs.

        # Arguments
            x: Input data: array, list/dict of arrays, or a generator or
                `keras.utils.Sequence` yielding `(x, y[, sample_weight])`.
            y: Target data, like `x` (not given with generators).
            batch_size: Integer, samples per gradient update (default 32).
            epochs: Integer, index of the epoch to stop at.
            verbose: 0, 1 (progress bar) or 2 (one line per epoch).
            callbacks: List of `keras.callbacks.Callback` instances.
            validation_split: Fraction of the data (taken from the end,
                before shuffling) held out for validation.
            validation_data: `(x_val, y_val)` or `(x_val, y_val,
                val_sample_weights)`; overrides `validation_split`.
            shuffle: Boolean (shuffle every epoch) or 'batch' (shuffle
                whole batches, for HDF5 data).
            class_weight: Optional dict class index -> loss weight.
            sample_weight: Optional array of weights (1D, or 2D with
                `sample_weight_mode="temporal"`); list/dict per output.
            initial_epoch: Epoch at which to start (to resume training).
            steps_per_epoch: Batches per epoch (data tensors, generators).
            validation_steps: Validation batches with `steps_per_epoch`.
            validation_freq: Integer (every N epochs) or list of epochs.
            max_queue_size, workers, use_multiprocessing: generator input.

        # Returns
            A `History` object (`history.history` holds the logs).

        # Raises
            RuntimeError: if the model was never compiled.
            ValueError: In case of mismatch between the provided input data
                and what the model expects.
        """
        if kwargs:
            raise TypeError('Unrecognized keyword arguments: ' + str(kwargs))
        if x is None and y is None and steps_per_epoch is None:
            raise ValueError('If fitting from data tensors, you should specify '
                             'the `steps_per_epoch` argument.')
        argument_checks.check_loop_arguments(
            'fit', batch_size=batch_size, epochs=epochs,
            steps=steps_per_epoch, steps_name='steps_per_epoch',
            validation_split=validation_split,
            validation_steps=validation_steps, initial_epoch=initial_epoch,
            verbose=verbose, shuffle=shuffle)
        batch_size = self._validate_or_infer_batch_size(batch_size,
                                                        steps_per_epoch, x)
        if training_utils.is_generator_or_sequence(x):
            training_utils.check_generator_arguments(
                y, sample_weight, validation_split=validation_split)
            return self.fit_generator(
                x, steps_per_epoch=steps_per_epoch, epochs=epochs,
                verbose=verbose, callbacks=callbacks,
                validation_data=validation_data,
                validation_steps=validation_steps,
                validation_freq=validation_freq, class_weight=class_weight,
                max_queue_size=max_queue_size, workers=workers,
                use_multiprocessing=use_multiprocessing, shuffle=shuffle,
                initial_epoch=initial_epoch)
        x, y, sample_weights = self._standardize_user_data(
            x, y, sample_weight=sample_weight, class_weight=class_weight,
            batch_size=batch_size)
        argument_checks.check_arrays(self, 'fit', x, y, steps_per_epoch)
        phase = [1] if self._uses_dynamic_learning_phase() else []
        val_phase = [0] if phase else []
        val_inputs = []
        if validation_data:
            val_inputs = self._validation_inputs(validation_data,
                                                 batch_size) + val_phase
        elif validation_split and 0. < validation_split < 1.:
            (x, y, sample_weights), val = self._split_validation(
                x, y, sample_weights, validation_split)
            val_inputs = val[0] + val[1] + val[2] + val_phase
        elif validation_steps:
            val_inputs = val_phase or [0]
        fit_inputs = x + y + sample_weights + phase
        self._make_train_function()
        val_function = None
        if val_inputs:
            self._make_test_function()
            val_function = self.test_function
        return training_arrays.fit_loop(
            self, self.train_function, fit_inputs,
            out_labels=self.metrics_names, batch_size=batch_size,
            epochs=epochs, verbose=verbose, callbacks=callbacks,
            val_function=val_function, val_inputs=val_inputs,
            shuffle=shuffle, initial_epoch=initial_epoch,
            steps_per_epoch=steps_per_epoch,
            validation_steps=validation_steps,
            validation_freq=validation_freq)

    @interfaces.legacy_evaluate_support
    def evaluate(self, x=None, y=None, batch_size=None, verbose=1,
                 sample_weight=None, steps=None, callbacks=None,
                 max_queue_size=10, workers=1, use_multiprocessing=False):
        """Returns the loss value & metrics values for the model in test
        mode, computed in batches.

        # Arguments
            x, y, sample_weight: as in `fit` (`x` may be a generator or
                Sequence).
            batch_size: Integer (default 32).
            verbose: 0 or 1.
            steps: Number of batches (data tensors, generators).
            callbacks: List of callbacks for evaluation.
            max_queue_size, workers, use_multiprocessing: generator input.

        # Returns
            Scalar test loss (single output, no metrics) or list of scalars
            labelled by `model.metrics_names`.
        """
        argument_checks.check_loop_arguments('evaluate', batch_size=batch_size,
                                             steps=steps, verbose=verbose)
        batch_size = self._validate_or_infer_batch_size(batch_size, steps, x)
        if training_utils.is_generator_or_sequence(x):
            training_utils.check_generator_arguments(y, sample_weight)
            return self.evaluate_generator(
                x, steps=steps, verbose=verbose, callbacks=callbacks,
                max_queue_size=max_queue_size, workers=workers,
                use_multiprocessing=use_multiprocessing)
        x, y, sample_weights = self._standardize_user_data(
            x, y, sample_weight=sample_weight, batch_size=batch_size)
        argument_checks.check_arrays(self, 'evaluate', x, y, steps)
        ins = self._with_phase(x + y + sample_weights, 0)
        self._make_test_function()
        return training_arrays.test_loop(self, self.test_function, ins,
                                         batch_size=batch_size,
                                         verbose=verbose, steps=steps,
                                         callbacks=callbacks)

    def evaluate_on_metrics(self, x, y, batch_size=32, verbose=1,
                            sample_weight=None):
        """Evaluates the model and returns only the compiled metrics (the
        multimodal fork's helper).

        # Returns
            Dict metric name -> value (the loss is left out).
        """
        outs = _to_list(self.evaluate(x, y, batch_size=batch_size,
                                      verbose=verbose,
                                      sample_weight=sample_weight))
        return dict(zip(self.metrics_names[1:], outs[1:]))

    def predict(self, x, batch_size=None, verbose=0, steps=None,
                callbacks=None, max_queue_size=10, workers=1,
                use_multiprocessing=False):
        """Generates output predictions for the input samples, in batches.

        # Arguments
            x: Input data (arrays, list/dict of arrays, generator or
                Sequence).
            batch_size: Integer (default 32).
            verbose: 0 or 1.
            steps: Number of batches (data tensors, generators).
            callbacks: List of callbacks for prediction.
            max_queue_size, workers, use_multiprocessing: generator input.

        # Returns
            Numpy array(s) of predictions.

        # Raises
            ValueError: In case of mismatch between the provided input data
                and the model's expectations, or in case a stateful model
                receives a number of samples that is not a multiple of the
                batch size.
        """
        argument_checks.check_loop_arguments('predict', batch_size=batch_size,
                                             steps=steps, verbose=verbose)
        batch_size = self._validate_or_infer_batch_size(batch_size, steps, x)
        if training_utils.is_generator_or_sequence(x):
            return self.predict_generator(
                x, steps=steps, verbose=verbose, callbacks=callbacks,
                max_queue_size=max_queue_size, workers=workers,
                use_multiprocessing=use_multiprocessing)
        x, _, _ = self._standardize_user_data(x)
        if self.stateful and x and x[0].shape[0] > batch_size and \
                x[0].shape[0] % batch_size != 0:
            raise ValueError('In a stateful network, you should only pass '
                             'inputs with a number of samples that can be '
                             'divided by the batch size. Found: ' +
                             str(x[0].shape[0]) + ' samples. Batch size: ' +
                             str(batch_size) + '.')
        ins = self._with_phase(x, 0)
        self._make_predict_function()
        return training_arrays.predict_loop(self, self.predict_function, ins,
                                            batch_size=batch_size,
                                            verbose=verbose, steps=steps,
                                            callbacks=callbacks)

    def _on_batch(self, training, x, y, sample_weight, class_weight,
                  reset_metrics):
        x, y, sample_weights = self._standardize_user_data(
            x, y, sample_weight=sample_weight, class_weight=class_weight)
        argument_checks.check_arrays(
            self, 'train_on_batch' if training else 'test_on_batch', x, y,
            None, warn=training)
        argument_checks.check_fixed_batch_size(self, x)
        if training:
            self._make_train_function()
            function = self.train_function
        else:
            self._make_test_function()
            function = self.test_function
        outputs = _scalars(function(self._with_phase(
            x + y + sample_weights, int(training))))
        if reset_metrics:
            self.reset_metrics()
        return _unpack_singleton(outputs)

    def train_on_batch(self, x, y, sample_weight=None, class_weight=None,
                       reset_metrics=True):
        """Runs a single gradient update on a single batch of data.

        # Arguments
            x, y, sample_weight, class_weight: as in `fit`.
            reset_metrics: If True, the metrics returned are only for this
                batch; if False, they accumulate across batches.

        # Returns
            Scalar training loss (single output, no metrics) or list of
            scalars labelled by `model.metrics_names`.
        """
        return self._on_batch(True, x, y, sample_weight, class_weight,
                              reset_metrics)

    def test_on_batch(self, x, y, sample_weight=None, reset_metrics=True):
        """Test the model on a single batch of samples.

        # Returns
            Scalar test loss or list of scalars (see `metrics_names`).
        """
        return self._on_batch(False, x, y, sample_weight, None,
                              reset_metrics)

    def predict_on_batch(self, x):
        """Returns predictions for a single batch of samples.

        # Returns
            Numpy array(s) of predictions.
        """
        x, _, _ = self._standardize_user_data(x)
        argument_checks.check_fixed_batch_size(self, x)
        self._make_predict_function()
        return _unpack_singleton(self.predict_function(self._with_phase(x,
                                                                        0)))

    # ------------------------------------------------------------------
    # generators
    # ------------------------------------------------------------------

    @interfaces.legacy_generator_methods_support
    def fit_generator(self, generator, steps_per_epoch=None, epochs=1,
                      verbose=1, callbacks=None, validation_data=None,
                      validation_steps=None, validation_freq=1,
                      class_weight=None, max_queue_size=10, workers=1,
                      use_multiprocessing=False, shuffle=True,
                      initial_epoch=0, **kwargs):
        """Trains the model on data generated batch-by-batch by a Python
        generator or a `keras.utils.Sequence`.

        # Arguments
            generator: yields `(inputs, targets)` or `(inputs, targets,
                sample_weights)` forever (or a Sequence).
            steps_per_epoch: Batches per epoch (default: `len(Sequence)`).
            validation_data: a generator/Sequence, or arrays as in `fit`.
            validation_steps: batches drawn from a validation generator.
            max_queue_size: Maximum size of the generator queue.
            workers: Number of workers (0: run in the main thread).
            use_multiprocessing: Processes instead of threads.
            shuffle: Shuffle the order of a Sequence's batches each epoch.
            Others as in `fit`.

        # Returns
            A `History` object.
        """
        if kwargs:
            raise TypeError('Unrecognized keyword arguments: ' + str(kwargs))
        return training_generator.fit_generator(
            self, generator, steps_per_epoch=steps_per_epoch, epochs=epochs,
            verbose=verbose, callbacks=callbacks,
            validation_data=validation_data,
            validation_steps=validation_steps,
            validation_freq=validation_freq, class_weight=class_weight,
            max_queue_size=max_queue_size, workers=workers,
            use_multiprocessing=use_multiprocessing, shuffle=shuffle,
            initial_epoch=initial_epoch)

    @interfaces.legacy_evaluate_generator_support
    def evaluate_generator(self, generator, steps=None, callbacks=None,
                           max_queue_size=10, workers=1,
                           use_multiprocessing=False, verbose=0):
        """Evaluates the model on a data generator (see `fit_generator`).

        # Returns
            Scalar test loss or list of scalars (see `metrics_names`).
        """
        return training_generator.evaluate_generator(
            self, generator, steps=steps, callbacks=callbacks,
            max_queue_size=max_queue_size, workers=workers,
            use_multiprocessing=use_multiprocessing, verbose=verbose)

    @interfaces.legacy_evaluate_generator_support
    def predict_generator(self, generator, steps=None, callbacks=None,
                          max_queue_size=10, workers=1,
                          use_multiprocessing=False, verbose=0):
        """Generates predictions for the input samples from a data
        generator (yielding inputs, or `(inputs, targets[, weights])`).

        # Returns
            Numpy array(s) of predictions.
        """
        return training_generator.predict_generator(
            self, generator, steps=steps, callbacks=callbacks,
            max_queue_size=max_queue_size, workers=workers,
            use_multiprocessing=use_multiprocessing, verbose=verbose)
