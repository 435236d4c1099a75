"""The optimizers of Keras 2.3: SGD, RMSprop, Adagrad, Adadelta, Adam,
Adamax, Nadam."""
import numpy as np

from .. import backend as K
from .optimizer import Optimizer
from .optimizer import _prepend_iterations


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
