"""Tests of keras.legacy.interfaces: Keras 1 argument conversion."""
import warnings

import pytest

from keras.legacy import interfaces


class Target(object):
    @interfaces.legacy_dense_support
    def __init__(self, units, **kwargs):
        self.units = units
        self.kwargs = kwargs


def test_conversion_warns_with_keras2_call():
    with pytest.warns(UserWarning) as record:
        obj = Target(output_dim=3, init='normal', W_regularizer='l2')
    assert obj.units == 3
    assert obj.kwargs == {'kernel_initializer': 'normal',
                          'kernel_regularizer': 'l2'}
    message = str(record[0].message)
    assert 'Keras 2 API' in message and 'units=3' in message
    assert 'kernel_initializer="normal"' in message


def test_no_warning_for_keras2_call():
    with warnings.catch_warnings():
        warnings.simplefilter('error')
        assert Target(4, kernel_initializer='zeros').units == 4


def test_duplicate_and_positional_errors():
    with pytest.raises(TypeError, match='units'):
        Target(3, output_dim=3)
    with pytest.raises(TypeError, match='positional'):
        Target(3, 'relu')


def test_value_conversions_dim_ordering_and_consume_less():
    @interfaces.legacy_conv2d_support
    def make(self, filters, kernel_size, **kwargs):
        return kwargs
    with pytest.warns(UserWarning):
        assert make(Target(1), 2, 3, dim_ordering='th') == \
            {'data_format': 'channels_first'}

    @interfaces.legacy_recurrent_support
    def rnn(self, units, **kwargs):
        return kwargs
    with pytest.warns(UserWarning):
        kwargs = rnn(Target(1), 3, consume_less='gpu', dropout_W=0.1,
                     forget_bias_init='one', input_dim=4)
    assert kwargs['implementation'] == 2 and kwargs['dropout'] == 0.1
    assert kwargs['unit_forget_bias'] is True
    assert kwargs['input_shape'] == (None, 4)


@pytest.mark.parametrize('args,kwargs,expected', [
    ((None, 8, 3, 3), {}, (None, 8, (3, 3))),
    ((None, 8, 3), {'nb_col': 2}, (None, 8, (3, 2))),
    ((None, 8), {'nb_row': 3, 'nb_col': 1}, (None, 8, (3, 1))),
    ((None, 8, (3, 3)), {}, (None, 8, (3, 3))),
])
def test_conv2d_preprocessor(args, kwargs, expected):
    new_args, new_kwargs, _ = interfaces.conv2d_args_preprocessor(args,
                                                                  kwargs)
    assert tuple(new_args) == expected and 'nb_col' not in new_kwargs


def test_conv2d_preprocessor_ambiguous_strides():
    with pytest.raises(ValueError, match='strides'):
        interfaces.conv2d_args_preprocessor((None, 8, 3, 3),
                                            {'strides': 2})


def test_generator_and_get_updates_preprocessors():
    class Gen(object):
        batch_size = 10
    _, kwargs, converted = interfaces.generator_methods_args_preprocessor(
        (None, Gen()), {'samples_per_epoch': 100})
    assert kwargs['steps_per_epoch'] == 10 and converted
    args, kwargs, _ = interfaces.get_updates_arg_preprocessing(
        ('opt', ['p'], {}, 'loss'), {})
    assert args == ['opt'] and kwargs == {'loss': 'loss', 'params': ['p']}


def test_add_weight_preprocessor():
    args, kwargs, _ = interfaces.add_weight_args_preprocessing(
        ('self', (3, 4), 'w'), {})
    assert args == ('self',) and kwargs == {'shape': (3, 4), 'name': 'w'}


def test_all_interfaces_exist():
    names = [n for n in dir(interfaces) if n.startswith('legacy_')]
    assert len(names) >= 33
    for name in names:
        assert callable(getattr(interfaces, name))
