"""Bad input to compile / fit / evaluate / predict: clear errors."""
import numpy as np
import pytest

from keras.layers import Dense, Input
from keras.models import Model


def _two_input_model():
    a, b = Input(shape=(2,), name='input_a'), Input(shape=(3,), name='input_b')
    out = Dense(1, name='out')(a)
    out2 = Dense(2, name='out2', activation='softmax')(b)
    model = Model([a, b], [out, out2])
    model.compile('sgd', ['mse', 'categorical_crossentropy'])
    return model


def _single():
    inputs = Input(shape=(3,), name='features')
    model = Model(inputs, Dense(2, name='scores', activation='softmax')(inputs))
    return model


X2 = [np.zeros((4, 2), 'float32'), np.zeros((4, 3), 'float32')]
Y2 = [np.zeros((4, 1), 'float32'), np.eye(2, dtype='float32')[[0, 1, 0, 1]]]


def test_wrong_number_of_input_arrays():
    model = _two_input_model()
    with pytest.raises(ValueError, match='Expected to see 2 array'):
        model.fit([X2[0]], Y2, verbose=0)


def test_missing_input_name_in_dict():
    model = _two_input_model()
    with pytest.raises(ValueError, match='input_b'):
        model.fit({'input_a': X2[0], 'other': X2[1]}, Y2, verbose=0)


def test_wrong_input_shape_names_input_and_shapes():
    model = _two_input_model()
    with pytest.raises(ValueError) as err:
        model.predict([X2[0], np.zeros((4, 5), 'float32')])
    msg = str(err.value)
    assert 'input_b' in msg and '(3,)' in msg and '(5,)' in msg


def test_wrong_input_rank():
    model = _two_input_model()
    with pytest.raises(ValueError, match='input_a to have 2 dimensions'):
        model.predict([np.zeros((4, 2, 1), 'float32'), X2[1]])


def test_wrong_target_shape_names_output():
    model = _two_input_model()
    with pytest.raises(ValueError) as err:
        model.fit(X2, [Y2[0], np.zeros((4, 3), 'float32')], verbose=0)
    assert 'out2' in str(err.value) and '(4, 3)' in str(err.value) or \
        '(3,)' in str(err.value)


def test_unequal_sample_counts():
    model = _two_input_model()
    with pytest.raises(ValueError, match='same number of samples'):
        model.fit([X2[0], X2[1][:3]], Y2, verbose=0)
    with pytest.raises(ValueError, match='4 input samples and 3 target'):
        model.fit(X2, [Y2[0][:3], Y2[1][:3]], verbose=0)


def test_missing_loss():
    model = _single()
    with pytest.raises(ValueError, match='no loss to optimize'):
        with pytest.warns(UserWarning):
            model.compile('sgd')


def test_unknown_optimizer_and_loss_names():
    model = _single()
    with pytest.raises(ValueError, match='sgdd'):
        model.compile('sgdd', 'mse')
    with pytest.raises(ValueError, match='not_a_loss'):
        model.compile('sgd', 'not_a_loss')


def test_loss_list_length_and_dict_keys():
    model = _single()
    with pytest.raises(ValueError, match='one entry per model output'):
        model.compile('sgd', ['mse', 'mse'])
    with pytest.raises(ValueError, match='wrong_name'):
        model.compile('sgd', {'wrong_name': 'mse'})


def test_categorical_crossentropy_with_integer_targets():
    model = _single()
    model.compile('sgd', 'categorical_crossentropy')
    with pytest.raises(ValueError, match='sparse_categorical_crossentropy'):
        model.fit(np.zeros((4, 3), 'float32'), np.zeros((4, 1), 'float32'),
                  verbose=0)


def test_fit_before_compile():
    model = _single()
    with pytest.raises(RuntimeError, match='compile'):
        model.fit(np.zeros((4, 3), 'float32'), np.zeros((4, 2), 'float32'),
                  verbose=0)


def test_unknown_fit_and_compile_kwargs():
    model = _single()
    with pytest.raises(ValueError, match='bogus'):
        model.compile('sgd', 'mse', bogus=1)
    model.compile('sgd', 'mse')
    with pytest.raises(TypeError, match='bogus'):
        model.fit(np.zeros((4, 3)), np.zeros((4, 2)), bogus=1)


def test_bad_validation_data_and_class_weight():
    model = _single()
    model.compile('sgd', 'categorical_crossentropy')
    x, y = np.zeros((4, 3), 'float32'), np.eye(2, dtype='float32')[[0, 1, 0, 1]]
    with pytest.raises(ValueError, match='validation_data'):
        model.fit(x, y, validation_data=(x,), verbose=0)
    with pytest.raises(ValueError, match='class_weight'):
        model.fit(x, y, class_weight={0: 1.}, verbose=0)
    with pytest.raises(ValueError, match='sample_weight_mode'):
        model.fit(x, y, sample_weight=np.ones((4, 2)), verbose=0)
