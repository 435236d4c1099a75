"""Compile-time part of `Model`: the symbolic training graph.

`ModelCompileMixin` turns the arguments of `Model.compile` into the total
loss tensor, the metric result tensors and the feeds (targets, sample
weights), once per compile.
"""
from __future__ import absolute_import
from __future__ import division
from __future__ import print_function

from .. import backend as K
from .. import metrics as metrics_module
from .. import optimizers
from . import training_utils
from .training_utils import _to_list

FUNCTION_KWARGS = ('feed_dict', 'fetches', 'options', 'run_metadata',
                   'mode', 'profile')


class ModelCompileMixin(object):
    """Builds the loss, metrics and feeds of a compiled `Model`.

    Mixed into `Model`; relies on its `outputs`, `output_names`,
    `losses` and `compute_mask`.
    """
    def _check_function_kwargs(self, kwargs):
        unknown = set(kwargs) - set(FUNCTION_KWARGS)
        if unknown:
            raise ValueError('Invalid keyword argument(s) in `compile`: %s. '
                             'Accepted (passed to K.function): %s.'
                             % (sorted(unknown), list(FUNCTION_KWARGS)))

    def _make_compile_key(self, optimizer, *args):
        """Identity of a compile configuration; None when it cannot be
        reused (an optimizer given by name is a new optimizer)."""
        if isinstance(optimizer, (str, dict)):
            return None
        try:
            return (id(optimizer), repr(args),
                    tuple(id(w) for w in self.trainable_weights))
        except Exception:  # unprintable arguments: never reuse
            return None

    @staticmethod
    def _get_optimizer(optimizer):
        try:
            result = optimizers.get(optimizer)
        except (ValueError, TypeError) as e:
            raise ValueError('Unknown optimizer: %r (%s). Pass an optimizer '
                             'name such as "sgd", "rmsprop", "adam", or an '
                             'optimizer instance.' % (optimizer, e))
        if result is None:
            raise ValueError('Unknown optimizer: %r.' % (optimizer,))
        return result

    def _build_training_graph(self, loss, metrics, loss_weights,
                              sample_weight_mode, weighted_metrics,
                              target_tensors):
        names = self.output_names
        try:
            self.loss_functions = training_utils.prepare_loss_functions(
                self.loss, names)
        except ValueError as e:
            if 'nknown' in str(e) and not isinstance(loss, dict):
                raise ValueError('Unknown loss function: %r (%s); the model '
                                 'outputs are %s.' % (loss, e, names))
            raise
        self._skip_target_indices = [i for i, fn in
                                     enumerate(self.loss_functions)
                                     if fn is None]
        self.loss_weights_list = training_utils.prepare_loss_weights(
            names, loss_weights)
        masks = self._output_masks()
        skip_weighing = self._prepare_targets(target_tensors)
        self.sample_weights, self.sample_weight_modes = \
            training_utils.prepare_sample_weights(names, sample_weight_mode,
                                                  skip_weighing)
        self._feed_sample_weights = [w for w in self.sample_weights
                                     if w is not None]
        self._feed_sample_weight_modes = [
            self.sample_weight_modes[i] for i in self._feed_target_indices]
        self._prepare_metrics(metrics, weighted_metrics, masks)
        with K.name_scope('loss'):
            self.total_loss = self._prepare_total_loss(masks)

    def _output_masks(self):
        masks = None
        try:
            masks = self.compute_mask(self.inputs, mask=None)
        except Exception:  # some layers cannot recompute masks: use cached
            masks = None
        if masks is None:
            masks = [getattr(o, '_keras_mask', None) for o in self.outputs]
        masks = _to_list(masks)
        if len(masks) != len(self.outputs):
            masks = [None] * len(self.outputs)
        return masks

    def _standardize_target_tensors(self, target_tensors):
        names = self.output_names
        if target_tensors is None:
            return [None] * len(names)
        if isinstance(target_tensors, dict):
            training_utils._check_for_unexpected_keys(
                'target_tensors', target_tensors, names)
            return [target_tensors.get(name) for name in names]
        if not isinstance(target_tensors, (list, tuple)) and \
                not K.is_tensor(target_tensors) and \
                not K.is_variable(target_tensors):
            raise TypeError('Expected `target_tensors` to be a tensor, a '
                            'list of tensors, or dict of tensors, but got: '
                            '%r.' % (target_tensors,))
        target_tensors = _to_list(target_tensors)
        if len(target_tensors) != len(names):
            raise ValueError('When passing a list as `target_tensors`, it '
                             'should have one entry per model output. The '
                             'model has %d outputs (%s), but you passed '
                             'target_tensors=%s' % (len(names), names,
                                                    target_tensors))
        return target_tensors

    def _prepare_targets(self, target_tensors):
        """Creates the target placeholders; returns the indices of outputs
        that get no sample weights."""
        given = self._standardize_target_tensors(target_tensors)
        self.targets = []
        self._feed_targets = []
        self._feed_outputs = []
        self._feed_output_names = []
        self._feed_output_shapes = []
        self._feed_loss_fns = []
        self._feed_target_indices = []
        skip_weighing = list(self._skip_target_indices)
        for i, output in enumerate(self.outputs):
            if i in self._skip_target_indices:
                self.targets.append(None)
                continue
            name = self.output_names[i]
            target = given[i]
            if target is None or K.is_placeholder(target):
                if target is None:
                    target = K.placeholder(
                        ndim=len(K.int_shape(output)), name=name + '_target',
                        sparse=K.is_sparse(output), dtype=K.dtype(output))
                self._feed_targets.append(target)
                self._feed_outputs.append(output)
                self._feed_output_names.append(name)
                self._feed_output_shapes.append(K.int_shape(output))
                self._feed_loss_fns.append(self.loss_functions[i])
                self._feed_target_indices.append(i)
            else:
                skip_weighing.append(i)
            self.targets.append(target)
        return skip_weighing

    def _prepare_metrics(self, metrics, weighted_metrics, masks):
        shapes = [K.int_shape(o) for o in self.outputs]
        names = self.output_names
        per_output = training_utils.collect_per_output_metric_info(
            metrics, names, shapes, self.loss_functions)
        per_output_weighted = training_utils.collect_per_output_metric_info(
            weighted_metrics, names, shapes, self.loss_functions,
            is_weighted=True)
        self._output_loss_metrics = None
        if len(self.outputs) > 1:
            self._output_loss_metrics = [
                None if i in self._skip_target_indices else
                metrics_module.Mean(name=names[i] + '_loss')
                for i in range(len(self.outputs))]
        self._compile_metric_functions = []
        self._compile_metric_names = []
        self._metric_results = []
        with K.name_scope('metrics'):
            for i in range(len(self.outputs)):
                if i in self._skip_target_indices:
                    continue
                for metric_dict, weights in (
                        (per_output[i], None),
                        (per_output_weighted[i], self.sample_weights[i])):
                    for metric_name, metric_fn in metric_dict.items():
                        self._add_metric_result(i, metric_name, metric_fn,
                                                weights, masks[i])

    def _add_metric_result(self, index, metric_name, metric_fn, weights,
                           mask):
        if len(self.outputs) > 1:
            metric_name = '%s_%s' % (self.output_names[index], metric_name)
        base, j = metric_name, 1
        existing = (['loss'] + [m.name for m in self._output_loss_metrics or []
                                if m is not None] +
                    self._compile_metric_names)
        while metric_name in existing:
            metric_name = '%s_%d' % (base, j)
            j += 1
        try:
            metric_fn.name = metric_name
        except AttributeError:
            pass
        with K.name_scope(metric_name):
            result = training_utils.call_metric_function(
                metric_fn, self.targets[index], self.outputs[index],
                weights=weights, mask=mask)
        self._compile_metric_functions.append(metric_fn)
        self._compile_metric_names.append(metric_name)
        self._metric_results.append(result)

    def _output_sample_weight(self, sample_weight, mask):
        """Folds the output mask into the sample weights, normalised so the
        loss averages over the unmasked entries (weighted_masked_objective
        semantics)."""
        if mask is None:
            return sample_weight
        mask = K.cast(mask, K.floatx())
        mask = mask / (K.mean(mask) + K.epsilon())
        return training_utils._combine_weights_and_mask(sample_weight, mask)

    def _prepare_total_loss(self, masks):
        total_loss = None
        self._output_loss_results = []
        for i in range(len(self.outputs)):
            if i in self._skip_target_indices:
                continue
            loss_fn = self.loss_functions[i]
            name = self.output_names[i] + '_loss'
            with K.name_scope(name):
                weight = self._output_sample_weight(self.sample_weights[i],
                                                    masks[i])
                output_loss = loss_fn(self.targets[i], self.outputs[i],
                                      sample_weight=weight)
            if self._output_loss_metrics is not None:
                self._output_loss_results.append(
                    self._output_loss_metrics[i](output_loss))
            term = self.loss_weights_list[i] * output_loss
            total_loss = term if total_loss is None else total_loss + term
        if total_loss is None:
            if not self.losses:
                raise ValueError('The model cannot be compiled because it has '
                                 'no loss to optimize: give `loss` for at '
                                 'least one of the outputs %s, or add losses '
                                 'with `add_loss`.' % (self.output_names,))
            total_loss = 0.
        for loss_tensor in self.losses:
            total_loss = total_loss + loss_tensor
        return K.mean(total_loss)
