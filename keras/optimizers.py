"""Built-in optimizer classes.

Every optimizer keeps its hyper-parameters (learning rate, momentum, ...)
in backend variables, so they can be changed during training with
`K.set_value(model.optimizer.lr, 0.01)`, and its state (iteration count,
moments, accumulators) in `optimizer.weights`, which are saved with the
model. Each trainable weight may carry a float `_learning_rate_multiplier`
(set by the layer): its step is scaled by that factor.
"""
from __future__ import absolute_import
from __future__ import division
from __future__ import print_function

import functools
import warnings

import numpy as np
import six
from six.moves import zip

from . import backend as K
from .utils.generic_utils import serialize_keras_object
from .utils.generic_utils import deserialize_keras_object


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


def _legacy_get_updates(get_updates):
    """Accepts the Keras 2.0 call `get_updates(params, constraints, loss)`
    (constraints now live on the variables) besides `(loss, params)`."""
    @functools.wraps(get_updates)
    def wrapper(self, *args, **kwargs):
        if len(args) == 3 or 'constraints' in kwargs:
            warnings.warn('`%s.get_updates` is now called as '
                          '`get_updates(loss, params)`; constraints are read '
                          'from the variables.' % self.__class__.__name__,
                          stacklevel=2)
            kwargs.pop('constraints', None)
            names = ('params', 'constraints', 'loss')
            kwargs.update({n: a for n, a in zip(names, args)
                           if n != 'constraints'})
            args = ()
        return get_updates(self, *args, **kwargs)
    return wrapper


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
        super(Optimizer, cls).__init_subclass__(**kwargs)
        if 'get_updates' in cls.__dict__:
            cls.get_updates = _legacy_get_updates(cls.__dict__['get_updates'])

    # Construction helpers for the subclasses.

    def _setup(self, kwargs, learning_rate, hypers=(), decay=True,
               epsilon=True):
        """Reads the legacy keyword arguments (`lr`, `decay`, `epsilon`),
        checks the remaining ones and creates the `iterations`,
        `learning_rate` and hyper-parameter variables (`hypers`: name,
        value pairs)."""
        learning_rate = kwargs.pop('lr', learning_rate)
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


class SGD(Optimizer):
    """Stochastic gradient descent optimizer.

    Includes support for momentum,
    learning rate decay, and Nesterov momentum.

    # Arguments
        learning_rate: float >= 0. Learning rate.
        momentum: float >= 0. Parameter that accelerates SGD
            in the relevant direction and dampens oscillations.
        nesterov: boolean. Whether to apply Nesterov momentum.
        decay: float >= 0 (keyword). Learning rate decay over each update.
    """

    def __init__(self, learning_rate=0.01, momentum=0., nesterov=False,
                 **kwargs):
        self._setup(kwargs, learning_rate, [('momentum', momentum)],
                    epsilon=False)
        self.nesterov = nesterov

    def get_updates(self, loss, params):
        grads = self._start(loss, params)
        lr = self._decayed_lr()
        moments = self._slots(params, 'moment')
        self.weights = [self.iterations] + moments
        for p, g, m in zip(params, grads, moments):
            p_lr = self._param_lr(lr, p)
            v = self.momentum * m - p_lr * g  # velocity
            self.updates.append(K.update(m, v))
            if self.nesterov:
                new_p = p + self.momentum * v - p_lr * g
            else:
                new_p = p + v
            self._set_param(p, new_p)
        return self.updates

    def get_config(self):
        return self._hyper_config(['learning_rate', 'momentum', 'decay'],
                                  nesterov=self.nesterov)


class RMSprop(Optimizer):
    """RMSProp optimizer.

    It is recommended to leave the parameters of this optimizer
    at their default values
    (except the learning rate, which can be freely tuned).

    # Arguments
        learning_rate: float >= 0. Learning rate.
        rho: float >= 0.

    # References
        - [rmsprop: Divide the gradient by a running average of its recent
           magnitude](http://www.cs.toronto.edu/~tijmen/csc321/slides/
           lecture_slides_lec6.pdf)
    """

    def __init__(self, learning_rate=0.001, rho=0.9, **kwargs):
        self._setup(kwargs, learning_rate, [('rho', rho)])

    def get_updates(self, loss, params):
        grads = self._start(loss, params)
        accumulators = self._slots(params, 'accumulator')
        self.weights = [self.iterations] + accumulators
        lr = self._decayed_lr()
        for p, g, a in zip(params, grads, accumulators):
            new_a = self.rho * a + (1. - self.rho) * K.square(g)
            self.updates.append(K.update(a, new_a))
            new_p = p - self._param_lr(lr, p) * g / (K.sqrt(new_a) +
                                                     self.epsilon)
            self._set_param(p, new_p)
        return self.updates

    _upgrade_legacy_weights = _prepend_iterations

    def get_config(self):
        return self._hyper_config(['learning_rate', 'rho', 'decay'],
                                  epsilon=self.epsilon)


class Adagrad(Optimizer):
    """Adagrad optimizer.

    Adagrad is an optimizer with parameter-specific learning rates,
    which are adapted relative to how frequently a parameter gets
    updated during training. The more updates a parameter receives,
    the smaller the updates.

    # Arguments
        learning_rate: float >= 0. Initial learning rate.

    # References
        - [Adaptive Subgradient Methods for Online Learning and Stochastic
           Optimization](http://www.jmlr.org/papers/volume12/duchi11a/
           duchi11a.pdf)
    """

    def __init__(self, learning_rate=0.01, **kwargs):
        self._setup(kwargs, learning_rate)

    def get_updates(self, loss, params):
        grads = self._start(loss, params)
        accumulators = self._slots(params, 'accumulator')
        self.weights = [self.iterations] + accumulators
        lr = self._decayed_lr()
        for p, g, a in zip(params, grads, accumulators):
            new_a = a + K.square(g)
            self.updates.append(K.update(a, new_a))
            new_p = p - self._param_lr(lr, p) * g / (K.sqrt(new_a) +
                                                     self.epsilon)
            self._set_param(p, new_p)
        return self.updates

    _upgrade_legacy_weights = _prepend_iterations

    def get_config(self):
        return self._hyper_config(['learning_rate', 'decay'],
                                  epsilon=self.epsilon)


class Adadelta(Optimizer):
    """Adadelta optimizer.

    Adadelta is a more robust extension of Adagrad
    that adapts learning rates based on a moving window of gradient updates,
    instead of accumulating all past gradients. This way, Adadelta continues
    learning even when many updates have been done.

    # Arguments
        learning_rate: float >= 0. Initial learning rate, defaults to 1.
            It is recommended to leave it at the default value.
        rho: float >= 0. Adadelta decay factor, corresponding to fraction of
            gradient to keep at each time step.

    # References
        - [Adadelta - an adaptive learning rate method](
           https://arxiv.org/abs/1212.5701)
    """

    def __init__(self, learning_rate=1.0, rho=0.95, **kwargs):
        self._setup(kwargs, learning_rate)
        self.rho = rho

    def get_updates(self, loss, params):
        grads = self._start(loss, params)
        accumulators = self._slots(params, 'accumulator')
        delta_accumulators = self._slots(params, 'delta_accumulator')
        self.weights = [self.iterations] + accumulators + delta_accumulators
        lr = self._decayed_lr()
        for p, g, a, d_a in zip(params, grads, accumulators,
                                delta_accumulators):
            new_a = self.rho * a + (1. - self.rho) * K.square(g)
            self.updates.append(K.update(a, new_a))
            # The new accumulator and the *old* delta accumulator.
            update = g * K.sqrt(d_a + self.epsilon) / K.sqrt(new_a +
                                                             self.epsilon)
            self._set_param(p, p - self._param_lr(lr, p) * update)
            new_d_a = self.rho * d_a + (1 - self.rho) * K.square(update)
            self.updates.append(K.update(d_a, new_d_a))
        return self.updates

    _upgrade_legacy_weights = _prepend_iterations

    def get_config(self):
        return self._hyper_config(['learning_rate', 'decay'], rho=self.rho,
                                  epsilon=self.epsilon)


class Adam(Optimizer):
    """Adam optimizer.

    Default parameters follow those provided in the original paper.

    # Arguments
        learning_rate: float >= 0. Learning rate.
        beta_1: float, 0 < beta < 1. Generally close to 1.
        beta_2: float, 0 < beta < 1. Generally close to 1.
        amsgrad: boolean. Whether to apply the AMSGrad variant of this
            algorithm from the paper "On the Convergence of Adam and
            Beyond".

    # References
        - [Adam - A Method for Stochastic Optimization](
           https://arxiv.org/abs/1412.6980v8)
        - [On the Convergence of Adam and Beyond](
           https://openreview.net/forum?id=ryQu7f-RZ)
    """

    def __init__(self, learning_rate=0.001, beta_1=0.9, beta_2=0.999,
                 amsgrad=False, **kwargs):
        self._setup(kwargs, learning_rate,
                    [('beta_1', beta_1), ('beta_2', beta_2)])
        self.amsgrad = amsgrad

    def _adam_slots(self, params):
        ms = self._slots(params, 'm')
        vs = self._slots(params, 'v')
        if self.amsgrad:
            vhats = self._slots(params, 'vhat')
        else:
            vhats = [K.zeros((1,), name='vhat_%d' % i)
                     for i in range(len(params))]
        return ms, vs, vhats

    def _bias_corrected_lr(self, lr, t):
        return lr * (K.sqrt(1. - K.pow(self.beta_2, t)) /
                     (1. - K.pow(self.beta_1, t)))

    def _moments(self, g, m, v, vhat):
        """New values of the moments `m`, `v`, `vhat` for gradient `g`, and
        the Adam direction `m_t / (sqrt(v_t) + epsilon)` (AMSGrad: with
        `vhat_t = max(vhat, v_t)` in place of `v_t`)."""
        m_t = (self.beta_1 * m) + (1. - self.beta_1) * g
        v_t = (self.beta_2 * v) + (1. - self.beta_2) * K.square(g)
        if self.amsgrad:
            vhat_t = K.maximum(vhat, v_t)
            return (m_t, v_t, vhat_t), m_t / (K.sqrt(vhat_t) + self.epsilon)
        return (m_t, v_t, vhat), m_t / (K.sqrt(v_t) + self.epsilon)

    def _record_moments(self, states, new_states):
        for state, new_state in zip(states, new_states):
            if new_state is not state:
                self.updates.append(K.update(state, new_state))

    def get_updates(self, loss, params):
        grads = self._start(loss, params)
        lr = self._decayed_lr()
        t = K.cast(self.iterations, K.floatx()) + 1
        lr_t = self._bias_corrected_lr(lr, t)
        ms, vs, vhats = self._adam_slots(params)
        self.weights = [self.iterations] + ms + vs + vhats
        for p, g, m, v, vhat in zip(params, grads, ms, vs, vhats):
            new_states, direction = self._moments(g, m, v, vhat)
            self._record_moments((m, v, vhat), new_states)
            self._set_param(p, p - self._param_lr(lr_t, p) * direction)
        return self.updates

    def get_config(self):
        return self._hyper_config(
            ['learning_rate', 'beta_1', 'beta_2', 'decay'],
            epsilon=self.epsilon, amsgrad=self.amsgrad)


class Adamax(Optimizer):
    """Adamax optimizer from Adam paper's Section 7.

    It is a variant of Adam based on the infinity norm.
    Default parameters follow those provided in the paper.

    # Arguments
        learning_rate: float >= 0. Learning rate.
        beta_1: float, 0 < beta < 1. Generally close to 1.
        beta_2: float, 0 < beta < 1. Generally close to 1.

    # References
        - [Adam - A Method for Stochastic Optimization](
           https://arxiv.org/abs/1412.6980v8)
    """

    def __init__(self, learning_rate=0.002, beta_1=0.9, beta_2=0.999,
                 **kwargs):
        self._setup(kwargs, learning_rate,
                    [('beta_1', beta_1), ('beta_2', beta_2)])

    def get_updates(self, loss, params):
        grads = self._start(loss, params)
        lr = self._decayed_lr()
        t = K.cast(self.iterations, K.floatx()) + 1
        lr_t = lr / (1. - K.pow(self.beta_1, t))
        ms = self._slots(params, 'm')
        us = self._slots(params, 'u')  # exponentially weighted inf. norm
        self.weights = [self.iterations] + ms + us
        for p, g, m, u in zip(params, grads, ms, us):
            m_t = (self.beta_1 * m) + (1. - self.beta_1) * g
            u_t = K.maximum(self.beta_2 * u, K.abs(g))
            self.updates.append(K.update(m, m_t))
            self.updates.append(K.update(u, u_t))
            new_p = p - self._param_lr(lr_t, p) * m_t / (u_t + self.epsilon)
            self._set_param(p, new_p)
        return self.updates

    def get_config(self):
        return self._hyper_config(
            ['learning_rate', 'beta_1', 'beta_2', 'decay'],
            epsilon=self.epsilon)


class Nadam(Optimizer):
    """Nesterov Adam optimizer.

    Much like Adam is essentially RMSprop with momentum,
    Nadam is RMSprop with Nesterov momentum.

    Default parameters follow those provided in the paper.
    It is recommended to leave the parameters of this optimizer
    at their default values.

    # Arguments
        learning_rate: float >= 0. Learning rate.
        beta_1: float, 0 < beta < 1. Generally close to 1.
        beta_2: float, 0 < beta < 1. Generally close to 1.
        schedule_decay: float (keyword), momentum schedule decay.

    # References
        - [Nadam report](http://cs229.stanford.edu/proj2015/054_report.pdf)
        - [On the importance of initialization and momentum in deep learning](
           http://www.cs.toronto.edu/~fritz/absps/momentum.pdf)
    """

    def __init__(self, learning_rate=0.002, beta_1=0.9, beta_2=0.999,
                 **kwargs):
        self.schedule_decay = kwargs.pop('schedule_decay', 0.004)
        self._setup(kwargs, learning_rate,
                    [('m_schedule', 1.), ('beta_1', beta_1),
                     ('beta_2', beta_2)], decay=False)

    def get_updates(self, loss, params):
        grads = self._start(loss, params)
        t = K.cast(self.iterations, K.floatx()) + 1
        # Due to the recommendations in [2], i.e. warming momentum schedule
        decay_base = K.cast_to_floatx(0.96)
        momentum_cache_t = self.beta_1 * (
            1. - 0.5 * (K.pow(decay_base, t * self.schedule_decay)))
        momentum_cache_t_1 = self.beta_1 * (
            1. - 0.5 * (K.pow(decay_base, (t + 1) * self.schedule_decay)))
        m_schedule_new = self.m_schedule * momentum_cache_t
        m_schedule_next = self.m_schedule * momentum_cache_t * \
            momentum_cache_t_1
        self.updates.append(K.update(self.m_schedule, m_schedule_new))
        ms = self._slots(params, 'm')
        vs = self._slots(params, 'v')
        self.weights = [self.iterations, self.m_schedule] + ms + vs
        for p, g, m, v in zip(params, grads, ms, vs):
            g_prime = g / (1. - m_schedule_new)
            m_t = self.beta_1 * m + (1. - self.beta_1) * g
            m_t_prime = m_t / (1. - m_schedule_next)
            v_t = self.beta_2 * v + (1. - self.beta_2) * K.square(g)
            v_t_prime = v_t / (1. - K.pow(self.beta_2, t))
            m_t_bar = (1. - momentum_cache_t) * g_prime + (
                momentum_cache_t_1 * m_t_prime)
            self.updates.append(K.update(m, m_t))
            self.updates.append(K.update(v, v_t))
            step = self._param_lr(self.learning_rate, p)
            self._set_param(p, p - step * m_t_bar / (K.sqrt(v_t_prime) +
                                                     self.epsilon))
        return self.updates

    def _upgrade_legacy_weights(self, weights):
        # Keras 2.2 did not save `m_schedule` (second): it restarts at 1.
        if len(self.weights) == len(weights) + 1:
            return weights[:1] + [np.array(1., dtype=K.floatx())] + \
                weights[1:]
        return weights

    def get_config(self):
        return self._hyper_config(['learning_rate', 'beta_1', 'beta_2'],
                                  epsilon=self.epsilon,
                                  schedule_decay=self.schedule_decay)


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


from .utils.fork_optimizers import (AdamAccumulate, SGDHD,  # noqa: E402
                                   QHSGD, QHSGDHD, AdamHD, PAS, PAS2,
                                   PPAS)

# Aliases.

sgd, rmsprop, adagrad, adadelta = SGD, RMSprop, Adagrad, Adadelta
adam, adamax, nadam = Adam, Adamax, Nadam
adamaccumulate, adamhd = AdamAccumulate, AdamHD
sgdhd, qhsgd, qhsgdhd = SGDHD, QHSGD, QHSGDHD

_BUILTIN = {'sgd': SGD, 'rmsprop': RMSprop, 'adagrad': Adagrad,
            'adadelta': Adadelta, 'adam': Adam, 'adamax': Adamax,
            'nadam': Nadam, 'tfoptimizer': TFOptimizer,
            'adamaccumulate': AdamAccumulate, 'sgdhd': SGDHD,
            'qhsgd': QHSGD, 'qhsgdhd': QHSGDHD, 'adamhd': AdamHD,
            'pas': PAS, 'pas2': PAS2, 'ppas': PPAS}


def serialize(optimizer):
    return serialize_keras_object(optimizer)


def deserialize(config, custom_objects=None):
    """Inverse of the `serialize` function.

    # Arguments
        config: Optimizer configuration dictionary.
        custom_objects: Optional dictionary mapping names (strings) to
            custom objects (classes and functions).

    # Returns
        A Keras Optimizer instance.
    """
    config = dict(config)
    # Case-insensitive for the built-in optimizers.
    if config['class_name'].lower() in _BUILTIN:
        config['class_name'] = config['class_name'].lower()
    return deserialize_keras_object(config,
                                    module_objects=_BUILTIN,
                                    custom_objects=custom_objects,
                                    printable_module_name='optimizer')


def get(identifier):
    """Retrieves a Keras Optimizer instance.

    # Arguments
        identifier: Optimizer identifier, one of
            - String: name of an optimizer
            - Dictionary: configuration dictionary.
            - Keras Optimizer instance (it will be returned unchanged).
            - TensorFlow Optimizer instance
                (it will be wrapped as a Keras Optimizer).

    # Returns
        A Keras Optimizer instance.

    # Raises
        ValueError: If `identifier` cannot be interpreted.
    """
    if isinstance(identifier, Optimizer):
        return identifier
    if isinstance(identifier, dict):
        return deserialize(identifier)
    if isinstance(identifier, six.string_types):
        return deserialize({'class_name': str(identifier), 'config': {}})
    if (K.backend() == 'tensorflow' and
            hasattr(identifier, 'compute_gradients') and
            hasattr(identifier, 'apply_gradients')):
        return TFOptimizer(identifier)
    raise ValueError('Could not interpret optimizer identifier: %r'
                     % (identifier,))
