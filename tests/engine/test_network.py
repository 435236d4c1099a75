"""Tests of functional networks: graphs with several inputs/outputs, shared
layers, nested models, masks, configs, subclassed models."""
import json

import numpy as np
import pytest

from keras import backend as K
from keras.engine import Layer, Input, Network, get_source_inputs
from keras.engine.network_graph import make_node_key
from keras.layers import Dense, Dropout, Activation
from keras.models import Model, Sequential, model_from_json, model_from_yaml


class MaskEmitter(Layer):
    def call(self, inputs):
        return inputs

    def compute_mask(self, inputs, mask=None):
        return K.not_equal(inputs[:, 0], 0)


class MaskConsumer(Layer):
    def __init__(self, **kwargs):
        super(MaskConsumer, self).__init__(**kwargs)
        self.supports_masking = True

    def call(self, inputs, mask=None):
        if mask is None:
            return inputs
        return inputs * K.expand_dims(K.cast(mask, K.floatx()), -1)


class Counter(Layer):
    """Adds an input-conditional update (like BatchNormalization)."""

    def build(self, input_shape):
        self.count = self.add_weight('count', (), initializer='zeros',
                                     trainable=False)
        self.built = True

    def call(self, inputs):
        self.add_update(K.update_add(self.count, 1.), inputs=inputs)
        return inputs


def _predict(model, data):
    data = data if isinstance(data, list) else [data]
    outputs = model.outputs
    return K.function(model.inputs, outputs)(data)


def _two_io_model():
    a = Input((3,), name='a')
    b = Input((2,), name='b')
    shared = Dense(4, name='shared')
    ha = shared(Dense(2, name='proj_a')(a))
    hb = shared(b)
    out1 = Dense(1, name='out1')(ha)
    out2 = Activation('relu', name='out2')(hb)
    return Model([a, b], [out1, out2], name='two_io')


def test_multi_io_graph_structure_and_values():
    model = _two_io_model()
    names = [layer.name for layer in model.layers]
    # Deepest first; inside a depth, in order of first visit from outputs.
    assert names == ['a', 'proj_a', 'b', 'shared', 'out1', 'out2']
    assert model.input_names == ['a', 'b']
    assert model.output_names == ['out1', 'out2']
    assert model._feed_input_names == ['a', 'b']
    assert model.output_shape == [(None, 1), (None, 4)]
    assert model.input_shape == [(None, 3), (None, 2)]
    assert model.compute_output_shape([(7, 3), (7, 2)]) == [(7, 1), (7, 4)]
    assert model.get_layer('shared') is model.layers[3]
    assert model.get_layer(index=0).name == 'a'
    with pytest.raises(ValueError, match='No such layer'):
        model.get_layer('nope')
    with pytest.raises(ValueError, match='only has 6 layers'):
        model.get_layer(index=10)

    xa = np.random.rand(5, 3).astype('float32')
    xb = np.random.rand(5, 2).astype('float32')
    pa, (sk, sb), (ok, ob) = (model.get_layer('proj_a').get_weights(),
                              model.get_layer('shared').get_weights(),
                              model.get_layer('out1').get_weights())
    h = (xa.dot(pa[0]) + pa[1]).dot(sk) + sb
    expected1 = h.dot(ok) + ob
    expected2 = np.maximum(xb.dot(sk) + sb, 0)
    out1, out2 = _predict(model, [xa, xb])
    np.testing.assert_allclose(out1, expected1, rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(out2, expected2, rtol=1e-5, atol=1e-5)


def test_weights_get_set_order_and_errors():
    model = _two_io_model()
    weights = model.get_weights()
    assert [w.shape for w in weights] == [(3, 2), (2,), (2, 4), (4,),
                                          (4, 1), (1,)]
    new = [np.random.rand(*w.shape).astype('float32') for w in weights]
    model.set_weights(new)
    for got, want in zip(model.get_weights(), new):
        np.testing.assert_allclose(got, want)
    with pytest.raises(ValueError, match='expects 6 weight'):
        model.set_weights(new[:-1])
    bad = list(new)
    bad[2] = np.zeros((3, 4))
    with pytest.raises(ValueError, match='shared.*kernel.*\\(2, 4\\).*'
                                         '\\(3, 4\\)'):
        model.set_weights(bad)
    assert len(model.trainable_weights) == 6
    assert model.count_params() == 8 + 12 + 5


def test_config_round_trip_preserves_sharing():
    model = _two_io_model()
    config = model.get_config()
    shared = [l for l in config['layers'] if l['name'] == 'shared'][0]
    assert shared['inbound_nodes'] == [[['proj_a', 0, 0, {}]],
                                       [['b', 0, 0, {}]]]
    assert config['input_layers'] == [['a', 0, 0], ['b', 0, 0]]
    assert config['output_layers'] == [['out1', 0, 0], ['out2', 0, 0]]
    clone = Model.from_config(config)
    assert clone.get_config() == config
    clone.set_weights(model.get_weights())
    data = [np.random.rand(2, 3).astype('float32'),
            np.random.rand(2, 2).astype('float32')]
    for got, want in zip(_predict(clone, data), _predict(model, data)):
        np.testing.assert_allclose(got, want, rtol=1e-6)


def test_json_and_yaml_round_trips():
    model = _two_io_model()
    as_json = model.to_json()
    parsed = json.loads(as_json)
    assert parsed['class_name'] == 'Model'
    assert parsed['backend'] == K.backend()
    assert 'keras_version' in parsed
    from_json = model_from_json(as_json)
    assert from_json.get_config() == model.get_config()
    from_yaml = model_from_yaml(model.to_yaml())
    assert from_yaml.get_config() == model.get_config()


def test_later_keras2_config_spellings():
    x = Input((3,), name='inp')
    model = Model(x, Dense(2, name='d')(x))
    config = {'class_name': 'Functional', 'config': model.get_config()}
    config['config']['input_layers'] = ['inp', 0, 0]   # flat single entry
    config['config']['output_layers'] = ['d', 0, 0]
    config['config']['layers'][0]['config']['ragged'] = False
    from keras.models import model_from_config
    clone = model_from_config(config)
    assert isinstance(clone, Model)
    assert [l.name for l in clone.layers] == ['inp', 'd']


def test_nested_model_on_new_inputs():
    inner_in = Input((3,), name='inner_in')
    inner = Model(inner_in, Dense(2, name='inner_dense')(inner_in),
                  name='inner')
    x = Input((3,), name='outer_in')
    y = Dense(1, name='head')(inner(x))
    outer = Model(x, y, name='outer')
    assert [l.name for l in outer.layers] == ['outer_in', 'inner', 'head']
    assert len(outer.trainable_weights) == 4
    assert outer.weights[0] is inner.layers[1].kernel
    assert y._keras_shape == (None, 1)
    data = np.random.rand(4, 3).astype('float32')
    (k1, b1), (k2, b2) = (inner.get_layer('inner_dense').get_weights(),
                          outer.get_layer('head').get_weights())
    np.testing.assert_allclose(_predict(outer, data)[0],
                               (data.dot(k1) + b1).dot(k2) + b2, rtol=1e-5,
                               atol=1e-6)
    config = outer.get_config()
    inner_conf = [l for l in config['layers'] if l['name'] == 'inner'][0]
    assert inner_conf['inbound_nodes'] == [[['outer_in', 0, 0, {}]]]
    head_conf = [l for l in config['layers'] if l['name'] == 'head'][0]
    assert head_conf['inbound_nodes'] == [[['inner', 1, 0, {}]]]
    clone = Model.from_config(config)
    clone.set_weights(outer.get_weights())
    np.testing.assert_allclose(_predict(clone, data)[0],
                               _predict(outer, data)[0], rtol=1e-6)


def test_masks_flow_through_network_and_nested_model():
    x = Input((3,))
    y = MaskConsumer()(MaskEmitter()(x))
    model = Model(x, y)
    data = np.array([[1., 2., 3.], [0., 1., 1.]], dtype='float32')
    np.testing.assert_allclose(_predict(model, data)[0],
                               [[1., 2., 3.], [0., 0., 0.]])
    # The model propagates its output mask when used as a layer.
    outer_in = Input((3,))
    out = model(outer_in)
    assert model.compute_mask(x, None) is not None
    outer = Model(outer_in, MaskConsumer()(out))
    np.testing.assert_allclose(_predict(outer, data)[0],
                               [[1., 2., 3.], [0., 0., 0.]])
    # Keras 2.3 raised "Layer input_1 does not support masking" here (its
    # internal graph re-ran the InputLayer); the mask now reaches the
    # model's layers and comes out of the model.
    plain_in = Input((3,))
    plain = Model(plain_in, Dense(2)(plain_in))
    emitted = MaskEmitter()(Input((3,)))
    plain(emitted)
    assert plain.compute_mask(emitted, K.not_equal(emitted, 0)) is not None


def test_graph_errors():
    a, b = Input((2,)), Input((2,))
    y = Dense(1)(b)
    with pytest.raises(ValueError, match='Graph disconnected'):
        Model(a, y)
    x = Input((2,))
    h = Dense(2, name='same')(x)
    with pytest.raises(ValueError, match='"same" is used 2 times'):
        Model(x, Dense(2, name='same')(h))
    with pytest.raises(ValueError, match='must come from'):
        Model(K.placeholder(shape=(None, 2)), h)
    with pytest.raises(ValueError, match='redundant'):
        Model([x, x], h)


def test_legacy_input_output_kwargs():
    x = Input((2,))
    y = Dense(1)(x)
    with pytest.warns(UserWarning, match='inputs='):
        model = Model(input=x, output=y)
    assert model.inputs == [x]


def test_get_source_inputs():
    a, b = Input((2,)), Input((2,))
    from keras.layers import add
    y = Dense(1)(add([Dense(2)(a), b]))
    sources = get_source_inputs(y)
    assert len(sources) == 2 and sources[0] is a and sources[1] is b
    assert get_source_inputs(a) == [a]


def test_updates_collected_per_network_inputs():
    x = Input((2,))
    counter = Counter()
    y = counter(x)
    inner = Model(x, y)
    assert len(inner.updates) == 1
    z_in = Input((2,))
    z = inner(z_in)
    outer = Model(z_in, Dense(1)(z))
    # Only the update of the call made inside `outer`.
    updates = outer.updates
    assert len(updates) == 1
    assert not any(u is inner.updates[0] for u in updates)
    f = K.function([z_in], [z], updates=updates)
    f([np.ones((1, 2), dtype='float32')])
    assert K.eval(counter.count) == 1.
    inner.trainable = False
    assert inner.updates == []


def test_losses_collected():
    from keras import regularizers
    x = Input((2,))
    dense = Dense(2, kernel_regularizer=regularizers.l2(1.),
                  activity_regularizer=regularizers.l1(1.))
    model = Model(x, dense(x))
    assert len(model.losses) == 2
    y_in = Input((2,))
    outer = Model(y_in, model(y_in))
    assert len(outer.losses) == 2


def test_uses_learning_phase_and_summary():
    x = Input((3,))
    model = Model(x, Dense(2)(Dropout(0.5)(x)))
    assert model.uses_learning_phase
    lines = []
    model.summary(print_fn=lines.append)
    text = '\n'.join(lines)
    assert 'Total params: 8' in text and 'dropout_1 (Dropout)' in text
    model = _two_io_model()
    lines = []
    model.summary(print_fn=lines.append)
    text = '\n'.join(lines)
    assert 'Connected to' in text
    assert 'proj_a[0][0]' in text and 'b[0][0]' in text


class Stateful(Layer):
    def __init__(self, **kwargs):
        super(Stateful, self).__init__(**kwargs)
        self.stateful = True
        self.resets = 0

    def reset_states(self):
        self.resets += 1


def test_stateful_and_reset_states():
    x = Input((2,))
    layer = Stateful()
    model = Model(x, layer(x))
    assert model.stateful
    model.reset_states()
    assert layer.resets == 1
    assert model.state_updates == []


class TwoLayerModel(Model):
    def __init__(self):
        super(TwoLayerModel, self).__init__(name='two_layers')
        self.hidden = Dense(4, activation='relu')
        self.out = Dense(1)

    def call(self, inputs):
        return self.out(self.hidden(inputs))


def test_subclassed_model():
    model = TwoLayerModel()
    assert not model.built
    assert model.layers == [model.hidden, model.out]
    x = Input((3,))
    y = model(x)
    assert model.built
    assert y._keras_shape == (None, 1)
    assert len(model.trainable_weights) == 4
    assert len(model.get_weights()) == 4
    data = np.random.rand(2, 3).astype('float32')
    (k1, b1), (k2, b2) = model.hidden.get_weights(), model.out.get_weights()
    expected = np.maximum(data.dot(k1) + b1, 0).dot(k2) + b2
    got = K.function([x], [y])([data])[0]
    np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-6)
    with pytest.raises(NotImplementedError):
        model.get_config()
    lines = []
    model.summary(print_fn=lines.append)
    assert 'Total params: 21' in '\n'.join(lines)
    # The model can be used inside a functional model.
    functional = Model(x, Dense(2)(y))
    assert functional.layers[1] is model


def test_subclassed_model_build_from_shape():
    model = TwoLayerModel()
    model.build((None, 5))
    assert model.hidden.kernel is not None
    assert K.int_shape(model.hidden.kernel) == (5, 4)


def test_forgetting_super_init_is_reported():
    class Broken(Model):
        def __init__(self):
            self.dense = Dense(2)

    with pytest.raises(RuntimeError, match='super'):
        Broken()


def test_node_keys_and_network_nodes():
    model = _two_io_model()
    assert make_node_key('shared', 1) in model._network_nodes
    assert isinstance(model, Network)
    assert model.input_spec is None
    assert model._nodes_by_depth[0][0].outbound_layer.name in ('out1',
                                                               'out2')


def test_sequential_inside_functional():
    seq = Sequential([Dense(2, input_shape=(3,)), Dense(1)])
    x = Input((3,))
    model = Model(x, seq(x))
    data = np.random.rand(2, 3).astype('float32')
    np.testing.assert_allclose(_predict(model, data)[0],
                               _predict(seq, data)[0], rtol=1e-6)
    clone = Model.from_config(model.get_config())
    clone.set_weights(model.get_weights())
    np.testing.assert_allclose(_predict(clone, data)[0],
                               _predict(model, data)[0], rtol=1e-6)
