"""`TFOptimizer`: a native TensorFlow optimizer inside Keras's graph.

As in Keras 2.3, the wrapped `tf.compat.v1.train.Optimizer` keeps its own
state (slots such as Adam's moments): a `TFOptimizer` has no Keras
`weights` and no config, and `model.save` writes the model without its
optimizer (with a warning), so a loaded model is compiled again.
"""
from .. import backend as K
from .optimizer import Optimizer

#: TF optimizers whose step is linear in the gradient: scaling a
#: parameter's gradient by its learning-rate multiplier scales its step.
_LINEAR_IN_GRADIENT = ('GradientDescentOptimizer', 'MomentumOptimizer')


class TFOptimizer(Optimizer):
    """Wrapper class for native TensorFlow optimizers
    (`tf.compat.v1.train.Optimizer` instances, e.g.
    `tf.train.AdamOptimizer(learning_rate=1e-3)`). TensorFlow backend only.

    The optimizer's ops and slots are built in Keras's graph and
    initialized by Keras's session; `iterations` counts the steps (once per
    step: Keras 2.3 also passed it as `global_step`, counting each step
    twice). Per-parameter learning-rate multipliers (the fork's
    `learning_rate_multipliers`) are honoured for `GradientDescentOptimizer`
    and `MomentumOptimizer`, whose step is linear in the gradient.

    # Arguments
        optimizer: the TensorFlow optimizer to wrap.

    # Raises
        RuntimeError: on a backend other than TensorFlow.
        TypeError: if `optimizer` is not a TensorFlow optimizer.
    """

    def __init__(self, optimizer):
        if K.backend() != 'tensorflow':
            raise RuntimeError(
                'TFOptimizer wraps a native TensorFlow optimizer and needs '
                'the TensorFlow backend; the current backend is %r. Use a '
                'Keras optimizer (e.g. keras.optimizers.Adam) instead.'
                % K.backend())
        if not (hasattr(optimizer, 'compute_gradients') and
                hasattr(optimizer, 'apply_gradients')):
            raise TypeError(
                'TFOptimizer expects a tf.compat.v1.train.Optimizer (with '
                '`compute_gradients` and `apply_gradients`), got %s.'
                % type(optimizer).__name__)
        self.optimizer = optimizer
        self.updates = []
        self._lr_multiplier_overrides = {}
        with K.name_scope(self.__class__.__name__):
            self.iterations = K.variable(0, dtype='int64', name='iterations')

    def _scale_by_multipliers(self, grads_and_vars):
        """Gradients scaled by their parameter's learning-rate multiplier.

        # Raises
            ValueError: if a multiplier is not 1 and the TF optimizer's
                step is not linear in the gradient.
        """
        name = type(self.optimizer).__name__
        scaled = []
        for g, v in grads_and_vars:
            mult = self._lr_multiplier(v)
            if g is None or (isinstance(mult, (int, float)) and mult == 1):
                scaled.append((g, v))
                continue
            if name not in _LINEAR_IN_GRADIENT:
                raise ValueError(
                    'TFOptimizer(%s): parameter %r has learning-rate '
                    'multiplier %r, which this TensorFlow optimizer cannot '
                    'honour (only %s scale their step with the gradient). '
                    'Use a Keras optimizer (e.g. keras.optimizers.Adam), '
                    'which applies learning-rate multipliers.'
                    % (name, v.name, mult, ', '.join(_LINEAR_IN_GRADIENT)))
            scaled.append((g * mult, v))
        return scaled

    def get_grads(self, loss, params):
        """The `(gradient, variable)` pairs of `loss`, built in Keras's
        graph by the TF optimizer, scaled by the learning-rate multipliers."""
        with K.get_graph().as_default():
            pairs = self.optimizer.compute_gradients(loss, var_list=params)
        return self._scale_by_multipliers(pairs)

    def apply_gradients(self, grads):
        """The TF optimizer's update op for `(gradient, variable)` pairs."""
        with K.get_graph().as_default():
            return self.optimizer.apply_gradients(grads)

    def get_updates(self, loss, params):
        grads = self.get_grads(loss, params)
        self.updates = [K.update_add(self.iterations, 1)]
        self.updates.append(self.apply_gradients(grads))
        return self.updates

    @property
    def weights(self):
        raise NotImplementedError('TFOptimizer keeps its state inside the '
                                  'TensorFlow optimizer: it has no Keras '
                                  'weights.')

    def get_config(self):
        raise NotImplementedError('A TFOptimizer cannot be serialized.')

    def from_config(self, config):
        raise NotImplementedError('A TFOptimizer cannot be deserialized.')
