"""Tests for keras.utils.generic_utils."""
import sys

import numpy as np
import pytest

from keras.utils import generic_utils
from keras.utils.generic_utils import (
    CustomObjectScope, custom_object_scope, get_custom_objects,
    serialize_keras_object, deserialize_keras_object, func_dump, func_load,
    has_arg, getargspec, Progbar, to_list, unpack_singleton, object_list_uid,
    is_all_none, slice_arrays, transpose_shape, check_for_unexpected_keys)


class _Thing(object):
    def __init__(self, size=1, name='thing'):
        self.size = size
        self.name = name

    def get_config(self):
        return {'size': self.size, 'name': self.name}


class _ThingWithFromConfig(_Thing):
    seen_custom_objects = None

    @classmethod
    def from_config(cls, config, custom_objects=None):
        cls.seen_custom_objects = custom_objects
        return cls(**config)


class _ThingReadingScope(_Thing):
    @classmethod
    def from_config(cls, config):
        # without a custom_objects argument, the scope is what is visible
        obj = cls(**config)
        obj.visible = dict(get_custom_objects())
        return obj


def my_activation(x):
    return x


def test_custom_object_scope_restores_registry():
    get_custom_objects()['kept'] = 1
    try:
        with custom_object_scope({'a': 1}, {'b': 2}) as scope:
            assert isinstance(scope, CustomObjectScope)
            assert get_custom_objects()['a'] == 1
            assert get_custom_objects()['b'] == 2
            get_custom_objects()['c'] = 3
        assert 'a' not in get_custom_objects()
        assert 'c' not in get_custom_objects()
        assert get_custom_objects()['kept'] == 1
    finally:
        get_custom_objects().pop('kept')


def test_custom_object_scope_rejects_non_dict():
    with pytest.raises(TypeError, match='dictionaries'):
        CustomObjectScope(['a'])


def test_serialize_object_with_config_and_function():
    assert serialize_keras_object(None) is None
    assert serialize_keras_object(_Thing(3)) == {
        'class_name': '_Thing', 'config': {'size': 3, 'name': 'thing'}}
    assert serialize_keras_object(my_activation) == 'my_activation'
    with pytest.raises(ValueError, match='Cannot serialize'):
        serialize_keras_object(3)


def test_deserialize_round_trip_through_module_objects():
    thing = deserialize_keras_object(serialize_keras_object(_Thing(5)),
                                     module_objects={'_Thing': _Thing})
    assert isinstance(thing, _Thing) and thing.size == 5
    fn = deserialize_keras_object('my_activation',
                                  module_objects=globals())
    assert fn is my_activation
    assert deserialize_keras_object(None) is None


def test_deserialize_lookup_order():
    other = lambda x: x  # noqa: E731
    # custom_objects win over the global registry, which wins over modules
    with custom_object_scope({'f': other}):
        assert deserialize_keras_object('f', {'f': my_activation}) is other
        assert deserialize_keras_object(
            'f', {'f': my_activation}, {'f': len}) is len


def test_deserialize_from_config_receives_custom_objects():
    config = {'class_name': 'T', 'config': {'size': 2, 'name': 'x'}}
    with custom_object_scope({'glob': 1}):
        obj = deserialize_keras_object(
            config, custom_objects={'T': _ThingWithFromConfig, 'mine': 2})
    assert obj.size == 2
    seen = _ThingWithFromConfig.seen_custom_objects
    # Globally registered objects (e.g. keras.caffe's layers) come too.
    assert {k: seen[k] for k in ('glob', 'T', 'mine')} == {
        'glob': 1, 'T': _ThingWithFromConfig, 'mine': 2}


def test_deserialize_from_config_without_argument_sees_scope():
    config = {'class_name': 'T', 'config': {'size': 2}}
    obj = deserialize_keras_object(
        config, custom_objects={'T': _ThingReadingScope, 'mine': 2})
    assert obj.visible['mine'] == 2
    assert 'mine' not in get_custom_objects()


def test_deserialize_errors():
    with pytest.raises(ValueError, match='Unknown layer: Nope'):
        deserialize_keras_object({'class_name': 'Nope', 'config': {}},
                                 module_objects={},
                                 printable_module_name='layer')
    with pytest.raises(ValueError,
                       match='Unknown activation function: nope'):
        deserialize_keras_object('nope', module_objects={},
                                 printable_module_name='activation function')
    with pytest.raises(ValueError, match='Improper config format'):
        deserialize_keras_object({'config': {}})
    with pytest.raises(ValueError, match='Could not interpret serialized'):
        deserialize_keras_object(3)


def test_func_dump_load_with_defaults_and_closure():
    offset = 10

    def add(x, y=2):
        return x + y + offset

    dumped = func_dump(add)
    code, defaults, closure = dumped
    assert isinstance(code, str)
    assert defaults == (2,)
    assert closure == (10,)
    loaded = func_load(code, defaults=list(defaults), closure=closure)
    assert loaded(1) == 13
    assert loaded(1, 5) == 16
    # the whole tuple is accepted as well
    assert func_load(dumped)(0) == 12


def test_func_load_uses_given_globals():
    def use_global(x):
        return np.sqrt(x) + scale  # noqa: F821

    code, defaults, closure = func_dump(use_global)
    loaded = func_load(code, globs={'np': np, 'scale': 1.0})
    assert loaded(4.0) == 3.0


def test_func_dump_lambda_round_trip():
    fn = func_load(*func_dump(lambda x: x * 3))
    assert fn(2) == 6


def test_has_arg_and_getargspec():
    def f(a, b=1, *args, c=2, **kwargs):
        pass

    def g(a):
        pass

    assert has_arg(f, 'a') and has_arg(f, 'b') and has_arg(f, 'c')
    assert not has_arg(f, 'args')
    assert not has_arg(f, 'zzz')
    assert has_arg(f, 'zzz', accept_all=True)
    assert not has_arg(g, 'zzz', accept_all=True)
    spec = getargspec(f)
    assert spec.args == ['a', 'b'] and spec.varargs == 'args'
    assert spec.varkw == 'kwargs' and spec.defaults == (1,)


def _run_progbar(capsys, **kwargs):
    values = kwargs.pop('values')
    steps = kwargs.pop('steps')
    bar = Progbar(**kwargs)
    bar._dynamic_display = False
    for step in steps:
        bar.update(step, values)
    return capsys.readouterr().out


def test_progbar_verbose_1_averages_and_shows_stateful(capsys):
    bar = Progbar(4, width=8, stateful_metrics=['acc'], interval=0)
    bar._dynamic_display = False
    bar.update(1, [('loss', 1.0), ('acc', 0.25)])
    bar.update(2, [('loss', 3.0), ('acc', 0.5)])
    out = capsys.readouterr().out
    assert '2/4 [===>....]' in out
    assert 'ETA:' in out
    assert 'loss: 2.0000' in out  # (1 + 3) / 2
    assert 'acc: 0.5' in out  # stateful: as-is
    bar.add(2, [('loss', 6.0), ('acc', 0.75)])
    out = capsys.readouterr().out
    assert '4/4 [========]' in out
    assert 'loss: 4.0000' in out  # (1 + 3 + 2 * 6) / 4
    assert 'acc: 0.75' in out
    assert '/step' in out and out.endswith('\n')


def test_progbar_verbose_1_respects_interval(capsys):
    bar = Progbar(100, interval=3600)
    bar._dynamic_display = False
    bar.update(1)
    first = capsys.readouterr().out
    bar.update(2)  # within the interval: nothing printed
    assert capsys.readouterr().out == ''
    bar.update(100)  # the last step always prints
    assert '100/100' in capsys.readouterr().out
    assert '1/100' in first


def test_progbar_verbose_2_prints_once_at_target(capsys):
    bar = Progbar(3, verbose=2)
    bar.update(1, [('loss', 1.0)])
    bar.update(2, [('loss', 1.0)])
    assert capsys.readouterr().out == ''
    bar.update(3, [('loss', 4.0)])
    out = capsys.readouterr().out
    assert out.count('\n') == 1 and 'loss: 2.0000' in out


def test_progbar_unknown_target_and_small_values(capsys):
    bar = Progbar(None)
    bar._dynamic_display = False
    bar.update(7, [('loss', 1e-5)])
    out = capsys.readouterr().out
    assert '7/Unknown' in out and 'loss: 1.0000e-05' in out


def test_progbar_dynamic_display_rewrites_line(capsys):
    bar = Progbar(2, interval=0)
    bar._dynamic_display = True
    bar.update(1)
    bar.update(2)
    out = capsys.readouterr().out
    assert '\r' in out and '\b' in out


def test_progbar_silent(capsys):
    bar = Progbar(2, verbose=0)
    bar.update(2, [('loss', 1.0)])
    assert capsys.readouterr().out == ''


def test_list_helpers():
    assert to_list(1) == [1]
    assert to_list([1, 2]) == [1, 2]
    assert to_list((1, 2)) == [(1, 2)]
    assert to_list((1, 2), allow_tuple=True) == [1, 2]
    assert unpack_singleton([3]) == 3
    assert unpack_singleton([3, 4]) == [3, 4]
    a, b = object(), object()
    assert object_list_uid([a, b]) == '%d, %d' % (id(a), id(b))
    assert object_list_uid(a) == str(id(a))
    assert is_all_none(None) and is_all_none([None, None])
    assert is_all_none((None,))
    assert not is_all_none([None, 1])


def test_slice_arrays():
    x = np.arange(10)
    y = np.arange(10) * 2
    np.testing.assert_array_equal(slice_arrays(x, 2, 5), [2, 3, 4])
    out = slice_arrays([x, None, y], 1, 3)
    np.testing.assert_array_equal(out[0], [1, 2])
    assert out[1] is None
    np.testing.assert_array_equal(out[2], [2, 4])
    idx = np.array([4, 0])
    np.testing.assert_array_equal(slice_arrays(x, idx), [4, 0])
    np.testing.assert_array_equal(slice_arrays([x, y], idx)[1], [8, 0])
    assert slice_arrays(None) == [None]


def test_transpose_shape():
    assert transpose_shape((16, 128, 128, 32), 'channels_first',
                           (1, 2)) == (16, 32, 128, 128)
    assert transpose_shape([4, 5, 3], 'channels_first', (1,)) == [4, 3, 5]
    assert transpose_shape((1, 2, 3), 'channels_last', (1,)) == (1, 2, 3)
    with pytest.raises(ValueError, match='data_format'):
        transpose_shape((1, 2), 'nope', (1,))


def test_check_for_unexpected_keys():
    check_for_unexpected_keys('loss', {'a': 1}, ['a', 'b'])
    with pytest.raises(ValueError, match=r"loss dictionary: \['c'\]"):
        check_for_unexpected_keys('loss', {'a': 1, 'c': 2}, ['a', 'b'])


def test_module_reexports():
    import keras.utils as utils
    assert utils.Progbar is Progbar
    assert utils.CustomObjectScope is CustomObjectScope
    assert utils.generic_utils is generic_utils
    assert 'keras.utils.generic_utils' in sys.modules
