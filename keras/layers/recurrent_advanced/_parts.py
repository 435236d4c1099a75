"""Small parts the recurrent_advanced decoders are composed of: the weight
plan, dropout masks, the LSTM and GRU state updates."""
import collections

from ... import backend as K

# One weight of a layer: its name, shape, and the hyperparameter group that
# gives its initializer / regularizer / constraint
# (`<group>_initializer<suffix>`, ...).
WeightSpec = collections.namedtuple('WeightSpec', 'name shape group suffix')


def weight(name, shape, group, suffix=''):
    """A `WeightSpec`."""
    return WeightSpec(name, tuple(shape), group, suffix)


def dropout_mask(like, rate, training=None):
    """An inverted dropout mask shaped like `like` in the training phase,
    ones at test time; None when `rate` does not drop anything."""
    if not 0. < rate < 1.:
        return None
    ones = K.ones_like(like)
    return K.in_train_phase(lambda: K.dropout(ones, rate), ones,
                            training=training)


def masked(x, mask):
    """`x * mask`, broadcasting a `(batch, features)` mask over the time
    axis of a sequence; `x` itself without a mask."""
    if mask is None:
        return x
    if K.ndim(x) == 3 and K.ndim(mask) == 2:
        mask = K.expand_dims(mask, 1)
    return x * mask


def project(x, kernel, mask=None, bias=None):
    """`dot(x * mask, kernel) (+ bias)` for a timestep or a sequence."""
    projected = K.dot(masked(x, mask), kernel)
    if bias is not None:
        projected = K.bias_add(projected, bias)
    return projected


def lstm_update(z, c_prev, units, activation, recurrent_activation):
    """The LSTM state update from the gate pre-activations `z` (blocks
    i, f, c, o): returns `(h, c)`."""
    i = recurrent_activation(z[:, :units])
    f = recurrent_activation(z[:, units:2 * units])
    c = f * c_prev + i * activation(z[:, 2 * units:3 * units])
    o = recurrent_activation(z[:, 3 * units:])
    return o * activation(c), c


def gru_update(a, h_gates, h_prev, recurrent_kernel, units, activation,
               recurrent_activation, recurrent_mask=None):
    """The GRU state update (blocks z, r, h).

    # Arguments
        a: input pre-activations `(batch, 3 * units)`.
        h_gates: the state the update and reset gates read.
        h_prev: the state of the candidate's reset product and of the final
            mix (the same as `h_gates` except in the fork's second
            transition of AttConditionalGRUCond).
        recurrent_kernel: `(units, 3 * units)`.
        recurrent_mask: optional dropout mask on the states.

    # Returns
        The new state `(batch, units)`.
    """
    inner = K.dot(masked(h_gates, recurrent_mask),
                  recurrent_kernel[:, :2 * units])
    z = recurrent_activation(a[:, :units] + inner[:, :units])
    r = recurrent_activation(a[:, units:2 * units] + inner[:, units:])
    candidate = activation(a[:, 2 * units:] + K.dot(
        r * masked(h_prev, recurrent_mask), recurrent_kernel[:, 2 * units:]))
    return z * h_prev + (1. - z) * candidate
