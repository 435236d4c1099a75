"""Optimizers of the multimodal Keras fork (importable from
`keras.optimizers`): Adam with gradient accumulation, hypergradient and
quasi-hyperbolic momentum variants, and the passive-aggressive optimizers.
"""


from .. import backend as K
from .builtin import Adam
from .optimizer import Optimizer


class AdamAccumulate(Adam):
    """Adam with gradient accumulation, as the multimodal fork defines it
    (the optimizer NMT-Keras uses for `ACCUMULATE_GRADIENTS > 1`).

    With `k` the number of previous iterations, `flag = (k % accum_iters
    == 0)` and `acc` the gradients accumulated since the last flagged
    iteration, every iteration computes
    `m_t = beta_1 * m + (1 - beta_1) * (acc + flag * g) / accum_iters`
    (and `v_t` alike), and steps the parameters by
    `lr_t * m_t / (sqrt(v_t) + epsilon)` with the bias correction of step
    `k + 1`; `m` and `v` keep `m_t`, `v_t` only on flagged iterations
    (the first one included), where the accumulator restarts; otherwise
    the current gradient is added to it. As in the fork, the parameters
    therefore also move between flagged iterations (with the stored
    moments updated by the partial accumulation), and the accumulators are
    not part of the saved optimizer weights
    (`[iterations] + ms + vs + vhats`, those of Adam).

    # Arguments
        lr: float >= 0. Learning rate.
        beta_1: float, 0 < beta < 1. Generally close to 1.
        beta_2: float, 0 < beta < 1. Generally close to 1.
        epsilon: float >= 0. Fuzz factor. If `None`, defaults to
            `K.epsilon()`.
        decay: float >= 0. Learning rate decay over each update.
        amsgrad: boolean. Whether to apply the AMSGrad variant (its maximum
            is updated on every iteration, as in the fork).
        accum_iters: int > 0. Number of iterations accumulated per moment
            update. With 1 this is Adam.

    # Raises
        ValueError: if `accum_iters` < 1.
    """

    def __init__(self, lr=0.001, beta_1=0.9, beta_2=0.999, epsilon=None,
                 decay=0., amsgrad=False, accum_iters=20, **kwargs):
        if int(accum_iters) < 1:
            raise ValueError('AdamAccumulate: `accum_iters` must be >= 1, '
                             'got %r' % (accum_iters,))
        super().__init__(
            learning_rate=kwargs.pop('learning_rate', lr), beta_1=beta_1,
            beta_2=beta_2, amsgrad=amsgrad, epsilon=epsilon, decay=decay,
            **kwargs)
        self.accum_iters = int(accum_iters)

    def get_updates(self, loss, params):
        grads = self._start(loss, params)
        accum = K.cast_to_floatx(self.accum_iters)
        # One read of the iteration count (before this iteration's
        # increment), shared by the flag and the bias correction.
        k = K.cast(self.iterations, K.floatx())
        flag = K.cast(K.equal(k - accum * K.floor(k / accum), 0.),
                      K.floatx())
        t = k + 1
        lr_t = self._bias_corrected_lr(self._decayed_lr(), t)
        ms, vs, vhats = self._adam_slots(params)
        gs = self._slots(params, 'accumulated_grad')
        self.weights = [self.iterations] + ms + vs + vhats
        for p, g, m, v, vhat, acc in zip(params, grads, ms, vs, vhats, gs):
            (m_t, v_t, vhat_t), direction = self._moments(
                (acc + flag * g) / accum, m, v, vhat)
            self._record_moments(
                (m, v, vhat), (flag * m_t + (1. - flag) * m,
                               flag * v_t + (1. - flag) * v, vhat_t))
            self.updates.append(K.update(acc, (1. - flag) * (acc + g)))
            self._set_param(p, p - self._param_lr(lr_t, p) * direction)
        return self.updates

    def get_config(self):
        config = super().get_config()
        config['lr'] = config.pop('learning_rate')
        config['accum_iters'] = self.accum_iters
        return config


class AdamHD(Adam):
    """Adam with hypergradient descent on the learning rate (Baydin et
    al., 2018): before each step, `lr += hypergrad_lr * g_t . d_{t-1}`
    where `d_{t-1}` is the previous Adam step direction. The adapted rate
    is kept in `learning_rate`.

    # Arguments
        lr: float >= 0. Initial learning rate.
        beta_1: float, 0 < beta < 1. Generally close to 1.
        beta_2: float, 0 < beta < 1. Generally close to 1.
        hypergrad_lr: float >= 0. Learning rate of the learning rate.
        epsilon: float >= 0. Fuzz factor. If `None`, `K.epsilon()`.
        decay: float >= 0. Learning rate decay over each update.
        amsgrad: boolean. Whether to apply the AMSGrad variant.

    # References
        - [Online Learning Rate Adaptation with Hypergradient Descent](
           https://openreview.net/forum?id=BkrsAzWAb)
    """

    def __init__(self, lr=0.001, beta_1=0.9, beta_2=0.999,
                 hypergrad_lr=0.001, epsilon=None, decay=0., amsgrad=False,
                 **kwargs):
        super().__init__(
            learning_rate=kwargs.pop('learning_rate', lr), beta_1=beta_1,
            beta_2=beta_2, amsgrad=amsgrad, epsilon=epsilon, decay=decay,
            **kwargs)
        with K.name_scope(self.__class__.__name__):
            self.hypergrad_lr = K.variable(hypergrad_lr, name='hypergrad_lr')

    def get_updates(self, loss, params):
        grads = self._start(loss, params)
        ms, vs, vhats = self._adam_slots(params)
        ds = self._slots(params, 'direction')
        self.weights = [self.iterations] + ms + vs + vhats + ds
        lr = self._decayed_lr(self._adapt_learning_rate(grads, ds))
        t = K.cast(self.iterations, K.floatx()) + 1
        correction = self._bias_corrected_lr(1., t)
        for p, g, m, v, vhat, d in zip(params, grads, ms, vs, vhats, ds):
            new_states, direction = self._moments(g, m, v, vhat)
            self._record_moments((m, v, vhat), new_states)
            d_t = correction * direction
            self._set_direction(d, d_t)
            self._set_param(p, p - self._param_lr(lr, p) * d_t)
        return self.updates

    def get_config(self):
        config = super().get_config()
        config['lr'] = config.pop('learning_rate')
        config['hypergrad_lr'] = float(K.get_value(self.hypergrad_lr))
        return config


class QHSGD(Optimizer):
    """Stochastic gradient descent with quasi-hyperbolic momentum
    (Ma & Yarats, 2019), learning rate decay and Nesterov momentum.

    With `buf = momentum * buf + (1 - dampening) * g`, the step is
    `-lr * ((1 - nu) * g + nu * buf)` where `nu` is
    `quasi_hyperbolic_momentum` (Nesterov: `buf` is replaced by
    `g + momentum * buf`).

    # Arguments
        lr: float >= 0. Learning rate.
        momentum: float >= 0. Momentum factor (beta).
        quasi_hyperbolic_momentum: float in [0, 1]. Weight of the momentum
            buffer in the step (nu).
        decay: float >= 0. Learning rate decay over each update.
        dampening: float >= 0. Dampening of the gradient in the buffer.
        nesterov: boolean. Whether to apply Nesterov momentum (needs
            `momentum > 0` and no dampening).

    # References
        - [Quasi-hyperbolic momentum and Adam for deep learning](
           https://arxiv.org/abs/1810.06801)
    """

    hypergradient = False

    def __init__(self, lr=0.01, momentum=0., quasi_hyperbolic_momentum=0.,
                 decay=0., dampening=0., nesterov=False, **kwargs):
        hypergrad_lr = kwargs.pop('hypergrad_lr', 0.001)
        if nesterov and (momentum <= 0 or dampening != 0):
            raise ValueError('%s: Nesterov momentum requires momentum > 0 '
                             'and zero dampening (got momentum=%r, '
                             'dampening=%r)' % (self.__class__.__name__,
                                                momentum, dampening))
        hypers = [('momentum', momentum),
                  ('quasi_hyperbolic_momentum', quasi_hyperbolic_momentum),
                  ('dampening', dampening)]
        if self.hypergradient:
            hypers.append(('hypergrad_lr', hypergrad_lr))
        kwargs['decay'] = decay
        self._setup(kwargs, kwargs.pop('learning_rate', lr), hypers,
                    epsilon=False)
        self.nesterov = nesterov

    def get_updates(self, loss, params):
        grads = self._start(loss, params)
        moments = self._slots(params, 'moment')
        self.weights = [self.iterations] + moments
        if self.hypergradient:
            ds = self._slots(params, 'direction')
            self.weights += ds
            lr = self._decayed_lr(self._adapt_learning_rate(grads, ds))
        else:
            ds = [None] * len(params)
            lr = self._decayed_lr()
        nu = self.quasi_hyperbolic_momentum
        for p, g, m, d in zip(params, grads, moments, ds):
            buf = self.momentum * m + (1. - self.dampening) * g
            self.updates.append(K.update(m, buf))
            if self.nesterov:
                buf = g + self.momentum * buf
            direction = (1. - nu) * g + nu * buf
            if d is not None:
                self._set_direction(d, direction)
            self._set_param(p, p - self._param_lr(lr, p) * direction)
        return self.updates

    def get_config(self):
        names = ['learning_rate', 'momentum', 'quasi_hyperbolic_momentum',
                 'dampening', 'decay']
        if self.hypergradient:
            names.append('hypergrad_lr')
        config = self._hyper_config(names, nesterov=self.nesterov)
        config['lr'] = config.pop('learning_rate')
        return config


class QHSGDHD(QHSGD):
    """Quasi-hyperbolic momentum SGD (see `QHSGD`) with hypergradient
    descent on the learning rate (Baydin et al., 2018): before each step
    `lr += hypergrad_lr * g_t . d_{t-1}`, `d` being the step direction.

    # Arguments
        lr: float >= 0. Initial learning rate.
        momentum: float >= 0. Momentum factor (beta).
        quasi_hyperbolic_momentum: float in [0, 1] (nu).
        dampening: float >= 0. Dampening of the gradient in the buffer.
        decay: float >= 0. Learning rate decay over each update.
        nesterov: boolean. Whether to apply Nesterov momentum.
        hypergrad_lr: float >= 0. Learning rate of the learning rate.
    """

    hypergradient = True

    def __init__(self, lr=0.01, momentum=0., quasi_hyperbolic_momentum=0.,
                 dampening=0., decay=0., nesterov=False, hypergrad_lr=0.001,
                 **kwargs):
        super().__init__(
            lr=lr, momentum=momentum,
            quasi_hyperbolic_momentum=quasi_hyperbolic_momentum,
            decay=decay, dampening=dampening, nesterov=nesterov,
            hypergrad_lr=hypergrad_lr, **kwargs)


class SGDHD(QHSGD):
    """SGD (with momentum, decay and Nesterov momentum) with hypergradient
    descent on the learning rate (Baydin et al., 2018). The step is
    `-lr * buf` with `buf = momentum * buf + g` (Nesterov:
    `-lr * (g + momentum * buf)`), and before each step
    `lr += hypergrad_lr * g_t . d_{t-1}`.

    # Arguments
        lr: float >= 0. Initial learning rate.
        momentum: float >= 0. Momentum factor.
        decay: float >= 0. Learning rate decay over each update.
        nesterov: boolean. Whether to apply Nesterov momentum.
        hypergrad_lr: float >= 0. Learning rate of the learning rate.

    # References
        - [Online Learning Rate Adaptation with Hypergradient Descent](
           https://openreview.net/forum?id=BkrsAzWAb)
    """

    hypergradient = True

    def __init__(self, lr=0.01, momentum=0., decay=0., nesterov=False,
                 hypergrad_lr=0.0001, **kwargs):
        kwargs.pop('quasi_hyperbolic_momentum', None)
        kwargs.pop('dampening', None)
        super().__init__(
            lr=lr, momentum=momentum, quasi_hyperbolic_momentum=1.,
            decay=decay, dampening=0., nesterov=nesterov,
            hypergrad_lr=hypergrad_lr, **kwargs)

    def get_config(self):
        config = super().get_config()
        del config['quasi_hyperbolic_momentum'], config['dampening']
        return config


class PAS(Optimizer):
    """Soft passive-aggressive online learning by subgradient techniques.

    The optimizer keeps one reference value `w0` per parameter (its
    `weights`, set with `set_weights`, typically to the parameters before
    online adaptation) and a `loss_value` variable set by the user. A step
    is `p -= lr * (p - w0 + loss_value * c * g)`.

    # Arguments
        trainable_weights_shapes: list of `(name, shape)` pairs, one per
            trainable parameter, in the order of the parameters.
        lr: float >= 0. Learning rate.
        c: float. Importance of the gradients when updating weights.
    """

    def __init__(self, trainable_weights_shapes, lr=0.01, c=1.0, **kwargs):
        self._setup(kwargs, kwargs.pop('learning_rate', lr), [('c', c)],
                    decay=False, epsilon=False)
        self.trainable_weights_shapes = [
            (str(name), tuple(shape))
            for name, shape in trainable_weights_shapes]
        with K.name_scope(self.__class__.__name__):
            self.loss_value = K.variable(0.0, name='loss_value')
            self.weights = [K.zeros(shape, name=name) for name, shape
                            in self.trainable_weights_shapes]

    def _direction(self, p, g, w0):
        return p - w0 + self.loss_value * self.c * g

    def _project(self, new_p, w0):
        return new_p

    def get_updates(self, loss, params):
        if len(params) != len(self.weights):
            raise ValueError('%s: got %d parameters but %d shapes in '
                             '`trainable_weights_shapes`.'
                             % (self.__class__.__name__, len(params),
                                len(self.weights)))
        grads = self._start(loss, params)
        for p, g, w0 in zip(params, grads, self.weights):
            step = self._param_lr(self.learning_rate, p) * \
                self._direction(p, g, w0)
            self._set_param(p, self._project(p - step, w0))
        return self.updates

    def get_config(self):
        shapes = [[name, list(shape)]
                  for name, shape in self.trainable_weights_shapes]
        config = self._hyper_config(['c'], trainable_weights_shapes=shapes)
        config['lr'] = float(K.get_value(self.learning_rate))
        return config


class PAS2(PAS):
    """Passive-aggressive online learning, subgradient with a proximity
    term: `p -= lr * (g + c * (p - w0))` (see `PAS`)."""

    def _direction(self, p, g, w0):
        return g + self.c * (p - w0)


class PPAS(PAS):
    """Passive-aggressive online learning by projected subgradient: the
    step `p - lr * loss_value * g` is projected onto the sphere of radius
    `c` around the reference `w0` (see `PAS`)."""

    def _direction(self, p, g, w0):
        return self.loss_value * g

    def _project(self, new_p, w0):
        delta = new_p - w0
        norm = K.sqrt(K.sum(K.square(delta)))
        return delta / (K.epsilon() + norm) * self.c + w0
