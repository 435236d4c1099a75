"""The optimizer base class: hyper-parameters in backend variables, state in
`weights`, gradient clipping, per-parameter learning-rate multipliers."""
import numpy as np

from .. import backend as K
from ..legacy import interfaces
from ..utils.generic_utils import has_arg


def clip_norm(g, c, n):
    """Clip the gradient `g` if the L2 norm `n` exceeds `c`.

    # Arguments
        g: Tensor, the gradient tensor
        c: float >= 0. Gradients are clipped when their L2 norm exceeds it.
        n: Tensor, actual norm of `g`.

    # Returns
        Tensor, the gradient clipped if required.
    """
    if c <= 0:  # no clipping: no ops added to the graph
        return g
    # min(1, c / n) is 1 when n < c (also when n == 0), else c / n.
    return g * K.minimum(K.cast_to_floatx(1.), c / n)


class Optimizer(object):
    """Abstract optimizer base class.

    Note: this is the parent class of all optimizers, not an actual optimizer
    that can be used for training models.

    All Keras optimizers support the following keyword arguments:

        clipnorm: float >= 0. Gradients are clipped when their L2 norm
            exceeds this value.
        clipvalue: float >= 0. Gradients are clipped to [-value, value].
    """

    def __init__(self, **kwargs):
        allowed_kwargs = {'clipnorm', 'clipvalue'}
        for k in kwargs:
            if k not in allowed_kwargs:
                raise TypeError('Unexpected keyword argument passed to '
                                'optimizer %s: %r (accepted: %s)'
                                % (self.__class__.__name__, k,
                                   ', '.join(sorted(allowed_kwargs))))
        self.__dict__.update(kwargs)
        self.updates = []
        self.weights = []
        self._lr_multiplier_overrides = {}

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        # Keras 1 spellings (`get_updates(params, constraints, loss)`,
        # `lr=`) go through keras.legacy.interfaces.
        if 'get_updates' in cls.__dict__:
            cls.get_updates = interfaces.legacy_get_updates_support(
                cls.__dict__['get_updates'])
        init = cls.__dict__.get('__init__')
        if init is not None and has_arg(init, 'learning_rate'):
            cls.__init__ = interfaces.legacy_optimizer_support(init)

    # Construction helpers for the subclasses.

    def _setup(self, kwargs, learning_rate, hypers=(), decay=True,
               epsilon=True):
        """Reads the keyword arguments `decay` and `epsilon`,
        checks the remaining ones and creates the `iterations`,
        `learning_rate` and hyper-parameter variables (`hypers`: name,
        value pairs)."""
        if isinstance(learning_rate, (int, float)) and learning_rate < 0:
            raise ValueError('%s: `learning_rate` must be >= 0, got %r'
                             % (self.__class__.__name__, learning_rate))
        if decay:
            self.initial_decay = kwargs.pop('decay', 0.0)
        if epsilon:
            eps = kwargs.pop('epsilon', None)
            self.epsilon = K.epsilon() if eps is None else eps
        Optimizer.__init__(self, **kwargs)
        with K.name_scope(self.__class__.__name__):
            self.iterations = K.variable(0, dtype='int64', name='iterations')
            self.learning_rate = K.variable(learning_rate,
                                            name='learning_rate')
            for name, value in hypers:
                setattr(self, name, K.variable(value, name=name))
            if decay:
                self.decay = K.variable(self.initial_decay, name='decay')

    def _hyper_config(self, names, **extra):
        """Config of the base class, plus the current values of the
        hyper-parameter variables `names`, plus `extra`."""
        config = Optimizer.get_config(self)
        for name in names:
            config[name] = float(K.get_value(getattr(self, name)))
        config.update(extra)
        return config

    # Update helpers for the subclasses.

    def _start(self, loss, params):
        """Gradients of `loss`; resets `updates` to the iteration count."""
        grads = self.get_gradients(loss, params)
        self.updates = [K.update_add(self.iterations, 1)]
        return grads

    def _decayed_lr(self, lr=None):
        """The learning rate with time decay `lr / (1 + decay * t)`."""
        lr = self.learning_rate if lr is None else lr
        if getattr(self, 'initial_decay', 0) > 0:
            lr = lr * (1. / (1. + self.decay * K.cast(self.iterations,
                                                      K.dtype(self.decay))))
        return lr

    def _lr_multiplier(self, p):
        mult = self._lr_multiplier_overrides.get(id(p))
        if mult is None:
            mult = getattr(p, '_learning_rate_multiplier', None)
        return 1.0 if mult is None else mult

    def _param_lr(self, lr, p):
        """The learning rate (or step size) of parameter `p`: `lr` times
        its learning-rate multiplier."""
        mult = self._lr_multiplier(p)
        if isinstance(mult, (int, float)) and mult == 1:
            return lr
        return lr * mult

    def _slots(self, params, prefix):
        """One zero-initialized state variable per parameter."""
        return [K.zeros(K.int_shape(p), dtype=K.dtype(p),
                        name='%s_%d' % (prefix, i))
                for i, p in enumerate(params)]

    def _set_param(self, p, new_p):
        """Records the update of `p`, through its constraint if any."""
        constraint = getattr(p, 'constraint', None) or \
            getattr(p, '_keras_constraint', None)
        if constraint is not None:
            new_p = constraint(new_p)
        self.updates.append(K.update(p, new_p))

    def _adapt_learning_rate(self, grads, directions):
        """Hypergradient descent on the learning rate (Baydin et al., 2018,
        "Online Learning Rate Adaptation with Hypergradient Descent"):
        `lr += hypergrad_lr * sum(g_t . d_{t-1})` where `d` is the previous
        step direction (step = -lr * d). Returns the new learning rate."""
        h = sum(K.sum(g * d) for g, d in zip(grads, directions))
        new_lr = self.learning_rate + self.hypergrad_lr * h
        self.updates.append(K.update(self.learning_rate, new_lr))
        self._hypergradient = new_lr
        return new_lr

    def _set_direction(self, d, value):
        """Records the update of a direction slot read by
        `_adapt_learning_rate`, ordered after that read (TensorFlow runs
        the updates of one call in any order otherwise)."""
        with K.control_dependencies([self._hypergradient]):
            self.updates.append(K.update(d, value))

    # Public API.

    @property
    def lr(self):
        """Legacy name of `learning_rate`."""
        return self.learning_rate

    @lr.setter
    def lr(self, value):
        self.learning_rate = value

    def get_lr(self):
        """Returns the current learning rate (a float)."""
        return K.get_value(self.learning_rate)

    def set_lr(self, lr):
        """Sets the learning rate (compiled functions see the new value)."""
        K.set_value(self.learning_rate, lr)

    def get_updates(self, loss, params):
        """Returns the list of update ops that perform one optimization
        step of `loss` with respect to `params`."""
        raise NotImplementedError

    def get_updates_with_lr_multipliers(self, loss, params,
                                        learning_rate_multipliers):
        """`get_updates` with one learning-rate multiplier per parameter
        (a list aligned with `params`), overriding the multipliers the
        variables carry."""
        if len(learning_rate_multipliers) != len(params):
            raise ValueError(
                '%s.get_updates_with_lr_multipliers: got %d multipliers for '
                '%d parameters.' % (self.__class__.__name__,
                                    len(learning_rate_multipliers),
                                    len(params)))
        self._lr_multiplier_overrides = {
            id(p): m for p, m in zip(params, learning_rate_multipliers)}
        try:
            return self.get_updates(loss, params)
        finally:
            self._lr_multiplier_overrides = {}

    def get_gradients(self, loss, params):
        """Gradients of `loss` with respect to `params`, clipped by norm
        (`clipnorm`) and by value (`clipvalue`) when those are set.

        # Raises
            ValueError: if a parameter has no gradient.
        """
        grads = K.gradients(loss, params)
        if any(g is None for g in grads):
            raise ValueError('An operation has `None` for gradient. '
                             'Please make sure that all of your ops have a '
                             'gradient defined (i.e. are differentiable). '
                             'Common ops without gradient: '
                             'K.argmax, K.round, K.eval.')
        if getattr(self, 'clipnorm', 0) > 0:
            norm = K.sqrt(sum([K.sum(K.square(g)) for g in grads]))
            grads = [clip_norm(g, self.clipnorm, norm) for g in grads]
        if getattr(self, 'clipvalue', 0) > 0:
            grads = [K.clip(g, -self.clipvalue, self.clipvalue)
                     for g in grads]
        return grads

    def _upgrade_legacy_weights(self, weights):
        """Hook: adapts a weight list saved by an older Keras."""
        return weights

    def set_weights(self, weights):
        """Sets the weights of the optimizer, from Numpy arrays.

        Should only be called after `get_updates` (before it, the optimizer
        has no weights).

        # Arguments
            weights: a list of Numpy arrays, matching the output of
                `get_weights` in number and shapes.

        # Raises
            ValueError: in case of incompatible weight shapes.
        """
        params = self.weights
        weights = self._upgrade_legacy_weights(list(weights))
        if len(params) != len(weights):
            raise ValueError('Length of the specified weight list (%d) does '
                             'not match the number of weights of the '
                             'optimizer %s (%d)'
                             % (len(weights), self.__class__.__name__,
                                len(params)))
        pairs = []
        for pv, p, w in zip(K.batch_get_value(params), params, weights):
            if np.shape(pv) != np.shape(w):
                raise ValueError('Optimizer %s: weight shape %s not '
                                 'compatible with provided weight shape %s'
                                 % (self.__class__.__name__,
                                    np.shape(pv), np.shape(w)))
            pairs.append((p, w))
        K.batch_set_value(pairs)

    def get_weights(self):
        """Returns the current values of the optimizer's weights (a list of
        Numpy arrays)."""
        return K.batch_get_value(self.weights)

    def get_config(self):
        config = {}
        if hasattr(self, 'clipnorm'):
            config['clipnorm'] = self.clipnorm
        if hasattr(self, 'clipvalue'):
            config['clipvalue'] = self.clipvalue
        return config

    @classmethod
    def from_config(cls, config):
        return cls(**config)


def _prepend_iterations(self, weights):
    """Keras 2.2 saved these optimizers without the iteration count."""
    if len(self.weights) == len(weights) + 1:
        return [np.array(0, dtype='int64')] + weights
    return weights
