"""`TFOptimizer`: a native TensorFlow optimizer inside Keras's graph."""
from .. import backend as K
from .optimizer import Optimizer


class TFOptimizer(Optimizer):
    """Wrapper class for native TensorFlow optimizers
    (`tf.compat.v1.train.Optimizer` instances). TensorFlow backend only.

    # Arguments
        optimizer: the TensorFlow optimizer to wrap.

    # Raises
        RuntimeError: on a backend other than TensorFlow.
    """

    def __init__(self, optimizer):
        if K.backend() != 'tensorflow':
            raise RuntimeError(
                'TFOptimizer wraps a native TensorFlow optimizer and needs '
                'the TensorFlow backend; the current backend is %r. Use a '
                'Keras optimizer (e.g. keras.optimizers.Adam) instead.'
                % K.backend())
        self.optimizer = optimizer
        self.updates = []
        self._lr_multiplier_overrides = {}
        with K.name_scope(self.__class__.__name__):
            self.iterations = K.variable(0, dtype='int64', name='iterations')

    def apply_gradients(self, grads):
        with K.get_graph().as_default():
            return self.optimizer.apply_gradients(grads)

    def get_grads(self, loss, params):
        with K.get_graph().as_default():
            return self.optimizer.compute_gradients(loss, params)

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
