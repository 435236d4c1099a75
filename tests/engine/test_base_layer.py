"""Tests of the base `Layer`: names, weights, errors, calls, masks,
learning-rate multipliers, losses/updates, config."""
import numpy as np
import pytest

from keras import backend as K
from keras.engine import Layer, InputSpec, Input, InputLayer
from keras.engine.base_layer import to_snake_case, Node
from keras.engine import topology
from keras import layers as layers_module


class Scale(Layer):
    """Test layer: y = x * kernel + bias (per feature)."""

    def __init__(self, use_bias=True, **kwargs):
        super(Scale, self).__init__(**kwargs)
        self.use_bias = use_bias

    def build(self, input_shape):
        self.kernel = self.add_weight(name='kernel', shape=(input_shape[-1],),
                                      initializer='ones')
        if self.use_bias:
            self.bias = self.add_weight(name='bias',
                                        shape=(input_shape[-1],),
                                        initializer='zeros')
        self.counter = self.add_weight(name='counter', shape=(),
                                       initializer='zeros', trainable=False)
        self.built = True

    def call(self, inputs):
        out = inputs * self.kernel
        if self.use_bias:
            out = out + self.bias
        return out

    def get_config(self):
        config = {'use_bias': self.use_bias}
        base = super(Scale, self).get_config()
        return dict(list(base.items()) + list(config.items()))


class MaskEmitter(Layer):
    """Produces a mask: True where the first feature is not 0."""

    def call(self, inputs):
        return inputs

    def compute_mask(self, inputs, mask=None):
        return K.not_equal(inputs[:, 0], 0)


class MaskConsumer(Layer):
    """Supports masking; multiplies by the mask (so it is observable)."""

    def __init__(self, **kwargs):
        super(MaskConsumer, self).__init__(**kwargs)
        self.supports_masking = True

    def call(self, inputs, mask=None):
        if mask is None:
            return inputs
        return inputs * K.expand_dims(K.cast(mask, K.floatx()), -1)


def _value(tensor, x_tensor, x):
    return K.function([x_tensor], [tensor])([x])[0]


def test_snake_case_names():
    assert to_snake_case('Dense') == 'dense'
    assert to_snake_case('AttLSTMCond') == 'att_lstm_cond'
    assert to_snake_case('AttConditionalLSTMCond') == \
        'att_conditional_lstm_cond'
    assert to_snake_case('AttLSTMCond2Inputs') == 'att_lstm_cond2inputs'
    assert to_snake_case('ConvLSTM2D') == 'conv_lst_m2d'
    assert to_snake_case('CuDNNLSTM') == 'cu_dnnlstm'
    assert to_snake_case('MultiHeadAttention') == 'multi_head_attention'


def test_auto_names_are_unique_per_class():
    a, b = Scale(), Scale()
    assert a.name == 'scale_1'
    assert b.name == 'scale_2'
    assert Scale(name='custom').name == 'custom'
    assert InputLayer(input_shape=(2,)).name == 'input_1'


def test_import_paths():
    assert topology.Layer is Layer
    assert layers_module.Layer is Layer
    assert layers_module.InputSpec is InputSpec
    assert topology.Node is Node


def test_unknown_kwarg_raises():
    with pytest.raises(TypeError, match='foo'):
        Scale(foo=1)


def test_reset_after_is_accepted():
    Scale(reset_after=True)


def test_input_shape_kwargs():
    assert Scale(input_shape=(3,)).batch_input_shape == (None, 3)
    assert Scale(input_shape=(3,), batch_size=8).batch_input_shape == (8, 3)
    assert Scale(batch_input_shape=(2, 5)).batch_input_shape == (2, 5)
    assert Scale(input_dtype='float64').dtype == 'float64'
    assert Scale().dtype == K.floatx()


def test_build_weights_names_and_order():
    x = Input((3,))
    layer = Scale()
    y = layer(x)
    assert layer.built
    suffix = ':0' if K.backend() == 'tensorflow' else ''
    assert [w.name for w in layer.weights] == [
        'scale_1/kernel' + suffix, 'scale_1/bias' + suffix,
        'scale_1/counter' + suffix]
    assert len(layer.trainable_weights) == 2
    assert len(layer.non_trainable_weights) == 1
    assert layer.count_params() == 7
    assert y._keras_shape == (None, 3)
    assert y._keras_history == (layer, 0, 0)
    assert y._uses_learning_phase is False


def test_not_trainable_keeps_order():
    x = Input((3,))
    layer = Scale(trainable=False)
    layer(x)
    assert layer.trainable_weights == []
    names = [w.name.split('/')[-1].split(':')[0] for w in layer.weights]
    assert names == ['kernel', 'bias', 'counter']
    layer.trainable = True
    assert len(layer.trainable_weights) == 2


def test_call_values():
    x = Input((3,))
    layer = Scale()
    y = layer(x)
    layer.set_weights([np.array([1., 2., 3.]), np.array([.5, .5, .5]),
                       np.array(0.)])
    data = np.arange(6).reshape((2, 3)).astype('float32')
    np.testing.assert_allclose(_value(y, x, data),
                               data * [1., 2., 3.] + .5, rtol=1e-6)


def test_set_weights_errors_name_layer_weight_and_shapes():
    layer = Scale(name='scaler')
    layer(Input((3,)))
    with pytest.raises(ValueError, match='scaler') as info:
        layer.set_weights([np.ones(3)])
    assert '3 weight' in str(info.value)
    with pytest.raises(ValueError) as info:
        layer.set_weights([np.ones(4), np.ones(3), np.array(0.)])
    message = str(info.value)
    assert 'scaler' in message and 'kernel' in message
    assert '(3,)' in message and '(4,)' in message


def test_initial_weights_kwarg():
    layer = Scale(weights=[np.full(2, 3.), np.full(2, 1.), np.array(0.)])
    layer(Input((2,)))
    np.testing.assert_allclose(layer.get_weights()[0], [3., 3.])


def test_count_params_unbuilt_raises():
    with pytest.raises(ValueError, match='isn\'t built'):
        Scale(name='lonely').count_params()


def test_input_spec_errors():
    layer = Scale(name='needs_2d')
    layer.input_spec = InputSpec(ndim=2)
    with pytest.raises(ValueError) as info:
        layer(Input((3, 4)))
    message = str(info.value)
    assert 'needs_2d' in message and 'ndim=2' in message and 'ndim=3' in \
        message
    layer = Scale(name='axis_checked')
    layer.input_spec = InputSpec(min_ndim=2, axes={-1: 3})
    layer(Input((3,)))
    with pytest.raises(ValueError, match='axis_checked.*axis -1'):
        layer(Input((4,)))
    layer = Scale(name='two_inputs')
    layer.input_spec = [InputSpec(ndim=2), InputSpec(ndim=2)]
    with pytest.raises(ValueError, match='expects 2 input'):
        layer(Input((3,)))
    assert 'ndim=2' in repr(InputSpec(ndim=2))


def test_non_tensor_input_raises():
    with pytest.raises(ValueError, match='not a symbolic tensor'):
        Scale(name='s')(np.ones((2, 3)))


def test_masking_propagation_and_type_error():
    x = Input((3,))
    masked = MaskEmitter()(x)
    assert masked._keras_history[0]._inbound_nodes[0].output_masks[0] \
        is not None
    consumer = MaskConsumer()
    y = consumer(masked)
    assert consumer.input_mask is not None
    assert consumer.output_mask is not None
    data = np.array([[1., 2., 3.], [0., 5., 6.]], dtype='float32')
    np.testing.assert_allclose(_value(y, x, data),
                               [[1., 2., 3.], [0., 0., 0.]])
    with pytest.raises(TypeError, match='does not support masking'):
        Scale(name='no_mask')(masked)


def test_output_is_a_new_tensor_when_call_returns_input():
    x = Input((3,))
    y = Layer(name='identity')(x)
    assert y is not x
    assert x._keras_history[0].__class__ is InputLayer


def test_shared_layer_nodes_and_accessors():
    a, b = Input((3,)), Input((3,))
    layer = Scale()
    ya, yb = layer(a), layer(b)
    assert len(layer._inbound_nodes) == 2
    assert layer.get_input_at(0) is a
    assert layer.get_input_at(1) is b
    assert layer.get_output_at(1) is yb
    assert layer.get_input_shape_at(1) == (None, 3)
    assert layer.get_output_shape_at(0) == (None, 3)
    assert layer.get_input_mask_at(0) is None
    assert layer.get_output_mask_at(1) is None
    assert layer.input_shape == (None, 3)  # same at both nodes
    with pytest.raises(AttributeError, match='multiple inbound nodes'):
        layer.input
    with pytest.raises(ValueError, match='has only 2'):
        layer.get_input_at(5)
    layer(Input((2, 3)))
    with pytest.raises(AttributeError, match='different input shapes'):
        layer.input_shape
    assert ya._keras_history[1] == 0


def test_unconnected_layer_accessors():
    layer = Scale(name='alone')
    with pytest.raises(AttributeError, match='alone'):
        layer.output
    with pytest.raises(RuntimeError, match='never been called'):
        layer.get_output_at(0)


def test_add_loss_and_update_are_input_conditional():
    x = Input((2,))
    layer = Scale()
    layer(x)
    loss = K.sum(layer.kernel)
    cond = K.mean(x)
    layer.add_loss(loss)
    layer.add_loss(cond, inputs=x)
    layer.add_loss([])
    layer.add_loss(loss)  # not duplicated
    assert layer.get_losses_for(None) == [loss]
    assert layer.get_losses_for(x) == [cond]
    assert len(layer.losses) == 2
    update = K.update_add(layer.counter, 1.)
    layer.add_update(update, inputs=x)
    assert layer.get_updates_for(x) == [update]
    assert layer.get_updates_for(None) == []
    assert layer.updates == [update]
    layer.trainable = False
    assert layer.updates == []


def test_weight_regularizer_and_activity_regularizer_losses():
    from keras import regularizers
    x = Input((2,))

    class Reg(Scale):
        def build(self, input_shape):
            self.kernel = self.add_weight(
                'kernel', (input_shape[-1],), initializer='ones',
                regularizer=regularizers.l2(0.5))
            self.use_bias = False
            self.built = True

    layer = Reg()
    layer.activity_regularizer = regularizers.l1(1.)
    y = layer(x)
    assert len(layer.get_losses_for(None)) == 1
    assert len(layer.get_losses_for(x)) == 1
    data = np.array([[1., -2.]], dtype='float32')
    weight_loss = K.eval(layer.get_losses_for(None)[0])
    np.testing.assert_allclose(weight_loss, 0.5 * 2, rtol=1e-6)
    activity = _value(layer.get_losses_for(x)[0], x, data)
    np.testing.assert_allclose(activity, 3., rtol=1e-6)
    assert y is not None


def test_learning_rate_multipliers():
    x = Input((3,))
    layer = Scale(W_learning_rate_multiplier=0.1,
                  b_learning_rate_multiplier=2.)
    assert layer.learning_rate_multipliers is None
    layer(x)
    assert layer.kernel._learning_rate_multiplier == pytest.approx(0.1)
    assert layer.bias._learning_rate_multiplier == pytest.approx(2.)
    assert layer.learning_rate_multipliers == pytest.approx([0.1, 2.])
    config = layer.get_config()
    assert config['W_learning_rate_multiplier'] == 0.1
    assert config['b_learning_rate_multiplier'] == 2.
    assert 'kernel_learning_rate_multiplier' not in config

    generic = Scale(learning_rate_multipliers=[3., None])
    generic(x)
    assert generic.kernel._learning_rate_multiplier == 3.
    assert not hasattr(generic.bias, '_learning_rate_multiplier')
    assert generic.learning_rate_multipliers == [3., 1.]
    assert generic.get_config()['learning_rate_multipliers'] == [3., None]

    named = Scale(kernel_learning_rate_multiplier=0.5,
                  bias_learning_rate_multiplier=0.)
    named(x)
    assert named.learning_rate_multipliers == [0.5, 0.]
    clone = Scale.from_config(named.get_config())
    clone(x)
    assert clone.learning_rate_multipliers == [0.5, 0.]


def test_config_round_trip():
    layer = Scale(use_bias=False, name='cfg', trainable=False,
                  batch_input_shape=(None, 4), dtype='float64')
    config = layer.get_config()
    assert config == {'name': 'cfg', 'trainable': False,
                      'batch_input_shape': (None, 4), 'dtype': 'float64',
                      'use_bias': False}
    clone = Scale.from_config(config)
    assert clone.get_config() == config


def test_sub_layer_tracking():
    class Block(Layer):
        def __init__(self, **kwargs):
            super(Block, self).__init__(**kwargs)
            self.first = Scale()
            self.second = Scale(trainable=False)

        def call(self, inputs):
            return self.second(self.first(inputs))

    block = Block()
    x = Input((2,))
    y = block(x)
    assert block._layers == [block.first, block.second]
    assert len(block.trainable_weights) == 2
    assert len(block.non_trainable_weights) == 4
    assert block.weights[0] is block.first.kernel
    assert y._keras_shape == (None, 2)
    block.trainable = False
    assert block.trainable_weights == []
    assert len(block.non_trainable_weights) == 6


def test_multiple_outputs_layer():
    class Split(Layer):
        def call(self, inputs):
            return [inputs * 2, inputs * 3]

        def compute_output_shape(self, input_shape):
            return [input_shape, input_shape]

    x = Input((2,))
    a, b = Split()(x)
    assert a._keras_history[2] == 0 and b._keras_history[2] == 1
    assert b._keras_shape == (None, 2)
    data = np.ones((1, 2), dtype='float32')
    np.testing.assert_allclose(_value(b, x, data), [[3., 3.]])


def test_get_output_shape_for_legacy_hook():
    class Old(Layer):
        def call(self, inputs):
            return K.sum(inputs, axis=-1)

        def get_output_shape_for(self, input_shape):
            return input_shape[:-1]

    y = Old()(Input((2, 3)))
    assert y._keras_shape == (None, 2)


def test_raw_tf_ops_in_call_land_in_keras_graph():
    if K.backend() != 'tensorflow':
        pytest.skip('TensorFlow-only: checks the Keras graph is entered')
    import tensorflow as tf

    class RawTF(Layer):
        def call(self, inputs):
            return tf.nn.relu(inputs)

    x = Input((2,))
    y = RawTF()(x)
    assert y.graph is K.get_graph()
    data = np.array([[-1., 2.]], dtype='float32')
    np.testing.assert_allclose(_value(y, x, data), [[0., 2.]])
