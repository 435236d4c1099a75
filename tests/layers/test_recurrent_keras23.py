"""Keras 2.3 behaviours of the recurrent layers and wrappers that
third-party Keras 2 code relies on: regularization losses counted once,
`_uses_learning_phase` of dropout outputs, stateful misuse errors, initial
states given as plain backend tensors, `StackedRNNCells(
reverse_state_order=True)`, identity recurrent kernels, `Bidirectional`
with constants and initial states, `TimeDistributed` masks and
`_input_map`."""
import warnings

import numpy as np
import pytest
from numpy.testing import assert_allclose

from keras import backend as K
from keras import layers
from keras import regularizers
from keras.models import Model, Sequential
from keras.utils import CustomObjectScope

RNNS = [layers.SimpleRNN, layers.GRU, layers.LSTM]


def _regularized(cls, **kwargs):
    return cls(3, kernel_regularizer=regularizers.l2(0.01),
               recurrent_regularizer=regularizers.l1(0.01),
               bias_regularizer='l2', **kwargs)


@pytest.mark.parametrize('cls', RNNS)
def test_regularization_losses_counted_once(cls):
    layer = _regularized(cls)
    layer.build((None, None, 2))
    assert len(layer.losses) == 3
    assert len(layer.cell.losses) == 3
    assert len(layer.get_losses_for(None)) == 3

    x = layers.Input((4, 2))
    bidirectional = layers.Bidirectional(_regularized(cls))
    bidirectional(x)
    assert len(bidirectional.losses) == 6
    distributed = layers.TimeDistributed(_regularized(cls))
    distributed(layers.Input((5, 4, 2)))
    assert len(distributed.losses) == 3

    # Activity regularization: one loss per call, conditional on its input.
    layer = cls(3, activity_regularizer='l2')
    inputs = K.variable(np.ones((2, 4, 2)))
    layer(inputs)
    assert len(layer.cell.get_losses_for(inputs)) == 0
    assert len(layer.get_losses_for(inputs)) == 1
    model = Model(x, _regularized(cls)(x))
    assert len(model.losses) == 3


def test_stacked_cells_losses():
    cells = [layers.LSTMCell(3), layers.LSTMCell(3, kernel_regularizer='l2')]
    layer = layers.RNN(cells)
    layer.build((None, None, 5))
    assert len(layer.losses) == 1
    x = layers.Input((None, 5))
    y = K.sum(x)
    cells[0].add_loss(y, inputs=x)
    assert layer.get_losses_for(x) == [y]


def test_shared_layer_and_shared_model_losses():
    # A weight regularizer counts once, an activity regularizer once per
    # call made inside the model (Keras 2.3's `Network.losses`).
    dense = layers.Dense(2, kernel_regularizer='l2', activity_regularizer='l2')
    a, b = layers.Input((3,)), layers.Input((3,))
    model = Model([a, b], [dense(a), dense(b)])
    assert len(dense.losses) == 3
    assert len(model.losses) == 3
    inner = Sequential([layers.Dense(2, input_shape=(3,),
                                     kernel_regularizer='l2',
                                     activity_regularizer='l2')])
    c1, c2 = layers.Input((3,)), layers.Input((3,))
    outer = Model([c1, c2], [inner(c1), inner(c2)])
    assert len(inner.losses) == 2
    assert len(outer.losses) == 3
    # The shared LSTM's three weight losses count once.
    lstm = _regularized(layers.LSTM)
    s1, s2 = layers.Input((4, 2)), layers.Input((4, 2))
    model = Model([s1, s2], [lstm(s1), lstm(s2)])
    assert len(model.losses) == 3
    model.compile('sgd', 'mse')
    data = [np.ones((2, 4, 2))] * 2
    targets = [np.zeros((2, 3))] * 2
    model.set_weights([w * 0 + 0.5 for w in model.get_weights()])
    loss = model.evaluate(data, targets, verbose=0)[0]
    weights = lstm.get_weights()
    expected_penalty = (0.01 * np.sum(weights[0] ** 2) +
                        0.01 * np.sum(np.abs(weights[1])) +
                        0.01 * np.sum(weights[2] ** 2))
    outputs = model.predict(data)
    mse = sum(np.mean(o ** 2) for o in outputs)
    assert_allclose(loss, mse + expected_penalty, rtol=1e-5)


@pytest.mark.parametrize('cls', RNNS)
def test_dropout_uses_learning_phase(cls):
    x = layers.Input((4, 2))
    y = cls(3, dropout=0.5, recurrent_dropout=0.5)(x)
    assert y._uses_learning_phase
    y_fixed = cls(3, dropout=0.5, recurrent_dropout=0.5)(x, training=True)
    assert not getattr(y_fixed, '_uses_learning_phase', False)
    assert not getattr(cls(3)(x), '_uses_learning_phase', False)
    y_bi = layers.Bidirectional(cls(3, dropout=0.5))(x)
    assert y_bi._uses_learning_phase
    model = Model(x, [y, y_bi])
    assert model.uses_learning_phase

    run = K.function([x, K.learning_phase()], [y])
    data = np.random.RandomState(0).rand(8, 4, 2).astype('float32') + 1.
    test_a, test_b = run([data, 0])[0], run([data, 0])[0]
    assert_allclose(test_a, test_b)
    train = run([data, 1])[0]
    assert np.abs(train - test_a).max() > 1e-4


def test_stateful_misuse_errors():
    with pytest.raises(ValueError, match='batch size'):
        Sequential([layers.LSTM(3, stateful=True, input_shape=(5, 4))])
    with pytest.raises(ValueError, match='batch_shape'):
        layers.GRU(3, stateful=True)(layers.Input((5, 4)))
    with pytest.raises(AttributeError, match='stateful'):
        layers.LSTM(3).reset_states()

    model = Sequential([layers.SimpleRNN(3, stateful=True,
                                         batch_input_shape=(2, 5, 4))])
    model.compile('sgd', 'mse')
    x, y = np.random.random((5, 5, 4)), np.random.random((5, 3))
    with pytest.raises(ValueError, match='divided by the batch size'):
        model.fit(x, y, verbose=0)
    with pytest.raises(ValueError, match='divided by the batch size'):
        model.predict(x)
    with pytest.raises(ValueError, match='incompatible'):
        model.predict(x[:4], batch_size=3)
    with pytest.raises(ValueError, match='fixed batch size of 2'):
        model.train_on_batch(x, y)
    with pytest.raises(ValueError, match='fixed batch size of 2'):
        model.predict_on_batch(x)
    assert model.predict(x[:4]).shape == (4, 3)


@pytest.mark.parametrize('cls', RNNS)
def test_initial_state_as_backend_tensors(cls):
    states = 2 if cls is layers.LSTM else 1
    x = layers.Input((4, 2))
    layer = cls(3)
    plain = [K.variable(np.full((5, 3), 0.5)) for _ in range(states)]
    model = Model(x, layer(x, initial_state=plain))
    # The same layer, with the states fed as Keras inputs.
    state_inputs = [layers.Input((3,)) for _ in range(states)]
    reference = Model([x] + state_inputs,
                      layer(x, initial_state=state_inputs))
    data = np.random.RandomState(1).rand(5, 4, 2)
    assert_allclose(model.predict(data),
                    reference.predict([data] + [np.full((5, 3), 0.5)] *
                                      states), rtol=1e-5, atol=1e-6)
    model.compile('sgd', 'mse')
    model.fit(data, np.zeros((5, 3)), epochs=1, batch_size=5, verbose=0)

    with pytest.raises(ValueError, match='mix of Keras tensors'):
        cls(3)(x, initial_state=[layers.Input((3,)), K.zeros((5, 3))])


def test_stacked_cells_reverse_state_order():
    def stack(reverse):
        cells = [layers.LSTMCell(3, name='a'), layers.GRUCell(4, name='b')]
        if reverse:
            with pytest.warns(UserWarning, match='reverse_state_order'):
                return layers.StackedRNNCells(cells, reverse_state_order=True)
        return layers.StackedRNNCells(cells)

    natural, reverse = stack(False), stack(True)
    assert natural.state_size == (3, 3, 4)
    assert reverse.state_size == (4, 3, 3)
    x = layers.Input((5, 2))
    out_n = layers.RNN(natural, return_state=True)(x)
    out_r = layers.RNN(reverse, return_state=True)(x)
    assert [K.int_shape(o)[-1] for o in out_r] == [4, 4, 3, 3]
    model = Model(x, out_n + out_r)
    weights = model.get_weights()
    half = len(weights) // 2
    model.set_weights(weights[:half] + weights[:half])
    data = np.random.RandomState(2).rand(2, 5, 2)
    res = model.predict(data)
    n_out, n_h, n_c, n_gru = res[:4]
    r_out, r_gru, r_h, r_c = res[4:]
    for a, b in [(n_out, r_out), (n_h, r_h), (n_c, r_c), (n_gru, r_gru)]:
        assert_allclose(a, b, rtol=1e-5, atol=1e-6)

    # Initial states in the reversed order reach the right cells.
    init = [layers.Input((4,)), layers.Input((3,)), layers.Input((3,))]
    out = layers.RNN(stack(True))(x, initial_state=init)
    assert K.int_shape(out) == (None, 4)

    config = reverse.get_config()
    assert config['reverse_state_order'] is True
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        clone = layers.StackedRNNCells.from_config(config)
    assert clone.state_size == (4, 3, 3)
    assert 'reverse_state_order' not in natural.get_config()


@pytest.mark.parametrize('cls,gates', [(layers.SimpleRNN, 1),
                                       (layers.GRU, 3), (layers.LSTM, 4)])
def test_identity_recurrent_kernel(cls, gates):
    layer = cls(3, recurrent_initializer='identity')
    layer.build((None, 4, 2))
    kernel = K.get_value(layer.cell.recurrent_kernel)
    assert_allclose(kernel, np.hstack([np.eye(3)] * gates))


def test_get_initial_state_zeros():
    # Keras 2.3: `RNN.get_initial_state(inputs)` gives zero states of shape
    # (batch, state_size), one per state of the (stacked) cell.
    layer = layers.RNN([layers.LSTMCell(3), layers.GRUCell(2)])
    x = K.placeholder((None, 4, 5))
    states = layer.get_initial_state(x)
    run = K.function([x], states)
    values = run([np.ones((6, 4, 5))])
    assert [v.shape for v in values] == [(6, 3), (6, 3), (6, 2)]
    assert all(not v.any() for v in values)


class ConstantCell(layers.Layer):
    """`out = x.k + c.kc + h`, new state `x.k + h` (all-ones weights)."""

    def __init__(self, units, **kwargs):
        self.units = units
        self.state_size = units
        super().__init__(**kwargs)

    def build(self, input_shape):
        step_shape, constant_shape = input_shape
        self.kernel = self.add_weight(shape=(step_shape[-1], self.units),
                                      initializer='ones', name='kernel')
        self.constant_kernel = self.add_weight(
            shape=(constant_shape[-1], self.units), initializer='ones',
            name='constant_kernel')
        self.built = True

    def call(self, inputs, states, constants):
        h = K.dot(inputs, self.kernel) + states[0]
        return h + K.dot(constants[0], self.constant_kernel), [h]

    def get_config(self):
        return dict(super().get_config(), units=self.units)


def test_bidirectional_with_constants_and_initial_states():
    x, c = layers.Input((4, 2)), layers.Input((3,))
    states = [layers.Input((3,)), layers.Input((3,))]
    with_constants = layers.Bidirectional(layers.RNN(ConstantCell(3)))
    y1 = with_constants(x, constants=c)
    with_states = layers.Bidirectional(layers.RNN(ConstantCell(3)))
    y2 = with_states(x, initial_state=states, constants=c)
    model = Model([x] + states + [c], [y1, y2])
    ones = np.ones((2, 4, 2))
    feed = [ones, np.ones((2, 3)), np.full((2, 3), 2.), np.ones((2, 3))]
    out1, out2 = model.predict(feed)
    # Forward and backward agree on a constant sequence: 4 steps of +2,
    # plus the constant's 3, plus the initial state (1 forward, 2 back).
    assert_allclose(out1, np.full((2, 6), 11.))
    assert_allclose(out2, np.hstack([np.full((2, 3), 12.),
                                     np.full((2, 3), 13.)]))
    assert with_states.get_config()['num_constants'] == 1

    with CustomObjectScope({'ConstantCell': ConstantCell}):
        clone = Model.from_config(model.get_config())
        layer = layers.Bidirectional.from_config(with_states.get_config())
    clone.set_weights(model.get_weights())
    for a, b in zip(clone.predict(feed), (out1, out2)):
        assert_allclose(a, b)
    # A reloaded layer splits a flat [inputs, *states, *constants] list.
    y3 = layer([x] + states + [c])
    flat = Model([x] + states + [c], y3)
    flat.set_weights(with_states.get_weights())
    assert_allclose(flat.predict(feed), out2)
    with pytest.raises(ValueError, match='even'):
        layers.Bidirectional(layers.RNN(ConstantCell(3)))(
            x, initial_state=states[:1], constants=c)


def test_time_distributed_masking_nested_and_unspecified_shapes():
    model = Sequential()
    model.add(layers.TimeDistributed(layers.Embedding(5, 6, mask_zero=True),
                                     input_shape=(None, None)))
    model.add(layers.TimeDistributed(layers.SimpleRNN(7,
                                                      return_sequences=True)))
    model.add(layers.TimeDistributed(layers.SimpleRNN(8)))
    model.add(layers.SimpleRNN(1))
    model.compile('rmsprop', 'mse')
    data = np.random.RandomState(3).randint(1, 5, size=(10, 3, 4))
    for i in range(4):
        data[i, i:, i:] = 0
    model.fit(data, np.random.random((10, 1)), epochs=1, batch_size=10,
              verbose=0)
    masks = [model.layers[0].compute_mask(model.input)]
    for layer in model.layers[1:]:
        masks.append(layer.compute_mask(layer.input, masks[-1]))
    assert masks[-1] is None
    values = K.function([model.input], masks[:-1])([data])
    expected = [data > 0, data > 0, np.any(data > 0, axis=-1)]
    for value, reference in zip(values, expected):
        assert np.array_equal(value, reference)

    model = Sequential([layers.TimeDistributed(layers.Masking(0.),
                                               input_shape=(None, 4)),
                        layers.TimeDistributed(layers.Dense(5))])
    data = np.random.RandomState(4).randint(1, 5, size=(10, 3, 4)) * 1.
    for i in range(4):
        data[i, i:, :] = 0.
    model.compile('rmsprop', 'mse')
    model.fit(data, np.random.random((10, 3, 5)), epochs=1, batch_size=6,
              verbose=0)
    masks = [model.layers[0].compute_mask(model.input)]
    masks.append(model.layers[1].compute_mask(model.layers[1].input,
                                              masks[-1]))
    values = K.function([model.input], masks)([data])
    for value in values:
        assert np.array_equal(value, np.any(data, axis=-1))


def test_time_distributed_input_map():
    class Recording(layers.TimeDistributed):
        """Subclass reading the reshaped inputs, as third-party code does."""

        def call(self, inputs, **kwargs):
            output = super().call(inputs, **kwargs)
            self.seen = self._input_map[list(self._input_map)[-1]]
            return output

    wrapper = Recording(layers.Dense(2))
    x = layers.Input((3, 4))
    wrapper(x)
    assert len(wrapper._input_map) == 1
    assert K.int_shape(wrapper.seen) == (None, 4)
    run = K.function([x], [wrapper.seen])
    data = np.arange(24.).reshape(2, 3, 4)
    assert_allclose(run([data])[0], data.reshape(6, 4))
    # Updates of the inner layer are found through the map.
    norm = layers.TimeDistributed(layers.BatchNormalization())
    norm(x)
    assert len(norm.get_updates_for(x)) == 2
