"""Python utilities used throughout Keras: custom-object registry,
(de)serialization of Keras objects, function marshalling, progress bar and
small list helpers."""
from __future__ import absolute_import
from __future__ import division
from __future__ import print_function

import binascii
import codecs
import collections
import importlib
import inspect
import marshal
import os
import sys
import time
import types as python_types

import numpy as np
import six

_GLOBAL_CUSTOM_OBJECTS = {}


class CustomObjectScope(object):
    """Provides a scope that changes to `_GLOBAL_CUSTOM_OBJECTS` cannot escape.

    Code within a `with` statement will be able to access custom objects
    by name. Changes to global custom objects persist
    within the enclosing `with` statement. At end of the `with` statement,
    global custom objects are reverted to state
    at beginning of the `with` statement.

    # Arguments
        *args: dictionaries mapping names to custom classes or functions.

    # Example

    Consider a custom object `MyObject` (e.g. a class):

    ```python
        with CustomObjectScope({'MyObject': MyObject}):
            layer = Dense(..., kernel_regularizer='MyObject')
            # save, load, etc. will recognize custom object by name
    ```
    """

    def __init__(self, *args):
        for arg in args:
            if arg is not None and not isinstance(arg, dict):
                raise TypeError('CustomObjectScope expects dictionaries '
                                'mapping names to objects, got: %r' % (arg,))
        self.custom_objects = args
        self.backup = None

    def __enter__(self):
        self.backup = _GLOBAL_CUSTOM_OBJECTS.copy()
        for objects in self.custom_objects:
            if objects:
                _GLOBAL_CUSTOM_OBJECTS.update(objects)
        return self

    def __exit__(self, *args, **kwargs):
        _GLOBAL_CUSTOM_OBJECTS.clear()
        _GLOBAL_CUSTOM_OBJECTS.update(self.backup)


def custom_object_scope(*args):
    """Provides a scope that changes to `_GLOBAL_CUSTOM_OBJECTS` cannot escape.

    Convenience wrapper for `CustomObjectScope`.

    # Arguments
        *args: dictionaries mapping names to custom classes or functions.

    # Returns
        Object of type `CustomObjectScope`.

    # Example

    ```python
        with custom_object_scope({'MyObject': MyObject}):
            layer = Dense(..., kernel_regularizer='MyObject')
    ```
    """
    return CustomObjectScope(*args)


def get_custom_objects():
    """Retrieves a live reference to the global dictionary of custom objects.

    Updating and clearing custom objects using `custom_object_scope`
    is preferred, but `get_custom_objects` can
    be used to directly access `_GLOBAL_CUSTOM_OBJECTS`.

    # Returns
        Global dictionary of names to classes (`_GLOBAL_CUSTOM_OBJECTS`).

    # Example

    ```python
        get_custom_objects().clear()
        get_custom_objects()['MyObject'] = MyObject
    ```
    """
    return _GLOBAL_CUSTOM_OBJECTS


def serialize_keras_object(instance):
    """Serializes a Keras object to a name or a config dictionary.

    # Arguments
        instance: an object with a `get_config` method (serialized as
            `{'class_name': ..., 'config': ...}`), a named object such as a
            function (serialized as its `__name__`), or `None`.

    # Returns
        A dictionary, a string or `None`.

    # Raises
        ValueError: if the object has neither `get_config` nor `__name__`.
    """
    if instance is None:
        return None
    if hasattr(instance, 'get_config'):
        return {
            'class_name': instance.__class__.__name__,
            'config': instance.get_config()
        }
    if hasattr(instance, '__name__'):
        return instance.__name__
    raise ValueError('Cannot serialize %r: it has neither a `get_config` '
                     'method nor a `__name__`.' % (instance,))


def _lookup_object(name, module_objects, custom_objects):
    """Finds `name` in the custom objects, the global registry, then the
    module objects. Returns `None` when it is in none of them."""
    if custom_objects and name in custom_objects:
        return custom_objects[name]
    if name in _GLOBAL_CUSTOM_OBJECTS:
        return _GLOBAL_CUSTOM_OBJECTS[name]
    return (module_objects or {}).get(name)


def deserialize_keras_object(identifier,
                             module_objects=None,
                             custom_objects=None,
                             printable_module_name='object'):
    """Turns the serialized form of a Keras object back into the object.

    # Arguments
        identifier: `None`, a config dictionary
            (`{'class_name': ..., 'config': ...}`) or a name.
        module_objects: dictionary of the names a module offers
            (usually `globals()` of that module).
        custom_objects: dictionary of user objects, searched first.
        printable_module_name: what kind of object this is, used in
            error messages (e.g. `'layer'`, `'activation function'`).

    # Returns
        The object: for a config, an instance built with the class's
        `from_config` (given `custom_objects` when it accepts them) or its
        constructor; for a name, the object of that name.

    # Raises
        ValueError: if the config is malformed, the name is unknown or the
            identifier cannot be interpreted.
    """
    if identifier is None:
        return None
    if isinstance(identifier, dict):
        config = identifier
        if 'class_name' not in config or 'config' not in config:
            raise ValueError('Improper config format: ' + str(config))
        class_name = config['class_name']
        cls = _lookup_object(class_name, module_objects, custom_objects)
        if cls is None:
            raise ValueError('Unknown ' + printable_module_name +
                             ': ' + str(class_name))
        custom_objects = custom_objects or {}
        if hasattr(cls, 'from_config'):
            if has_arg(cls.from_config, 'custom_objects'):
                merged = dict(_GLOBAL_CUSTOM_OBJECTS)
                merged.update(custom_objects)
                return cls.from_config(config['config'],
                                       custom_objects=merged)
            with CustomObjectScope(custom_objects):
                return cls.from_config(config['config'])
        with CustomObjectScope(custom_objects):
            return cls(**config['config'])
    if isinstance(identifier, six.string_types):
        obj = _lookup_object(identifier, module_objects, custom_objects)
        if obj is None:
            raise ValueError('Unknown ' + printable_module_name +
                             ': ' + identifier)
        return obj
    raise ValueError('Could not interpret serialized ' +
                     printable_module_name + ': ' + str(identifier))


# Functions without Python bytecode (builtins, NumPy ufuncs and array
# functions) are dumped by reference: "<prefix>module:name", which a base64
# payload can never be; only these modules' functions are resolved back.
_REFERENCE_PREFIX = 'keras-function-reference:'
_REFERENCE_MODULES = ('builtins', 'math', 'operator', '_operator', 'numpy')


def _reference_module(module):
    return module is not None and \
        module.split('.')[0] in _REFERENCE_MODULES


def _dump_reference(func):
    module = getattr(func, '__module__', None)
    name = getattr(func, '__name__', None)
    if not _reference_module(module) or not name or \
            getattr(_import_attribute(module, name), '__name__', None) != name:
        raise TypeError('func_dump: can only serialize Python functions '
                        '(with bytecode), builtins and NumPy functions; got '
                        '%r of type %s.' % (func, type(func).__name__))
    return _REFERENCE_PREFIX + module + ':' + name


def _import_attribute(module, name):
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return None


def _load_reference(code):
    module, _, name = code[len(_REFERENCE_PREFIX):].partition(':')
    func = _import_attribute(module, name) \
        if _reference_module(module) else None
    if func is None:
        raise ValueError('func_load: cannot resolve the function reference '
                         '%r (only builtins, math, operator and NumPy '
                         'functions are).' % (code,))
    return func


def func_dump(func):
    """Serializes a user defined function.

    # Arguments
        func: the function to serialize: a Python function, or a builtin /
            NumPy function (ufunc, array function), which is dumped by
            reference (its module and name).

    # Returns
        A tuple `(code, defaults, closure)`: the function's bytecode,
        marshalled and base64-encoded as an ASCII string, its default
        values and the contents of its closure cells (or `None`).

    # Raises
        TypeError: for a callable that is neither.
    """
    if not hasattr(func, '__code__'):
        return _dump_reference(func), None, None
    raw_code = marshal.dumps(func.__code__)
    if os.name == 'nt':
        raw_code = raw_code.replace(b'\\', b'/')
    code = codecs.encode(raw_code, 'base64').decode('ascii')
    defaults = func.__defaults__
    if func.__closure__:
        closure = tuple(cell.cell_contents for cell in func.__closure__)
    else:
        closure = None
    return code, defaults, closure


def _make_cell(value):
    """Returns a closure cell holding `value`."""
    if isinstance(value, python_types.CellType):
        return value
    return python_types.CellType(value)


def func_load(code, defaults=None, closure=None, globs=None):
    """Deserializes a user defined function.

    # Arguments
        code: bytecode of the function, as written by `func_dump`
            (or the whole `(code, defaults, closure)` tuple).
        defaults: defaults of the function.
        closure: closure values of the function.
        globs: dictionary of global objects (defaults to this module's).

    # Returns
        A function object.
    """
    if isinstance(code, (tuple, list)):  # unpack previous dump
        code, defaults, closure = code
    if isinstance(code, str) and code.startswith(_REFERENCE_PREFIX):
        return _load_reference(code)
    if isinstance(defaults, list):
        defaults = tuple(defaults)
    if closure is not None:
        closure = tuple(_make_cell(value) for value in closure)
    try:
        raw_code = codecs.decode(code.encode('ascii'), 'base64')
    except (UnicodeEncodeError, binascii.Error):
        raw_code = code.encode('raw_unicode_escape')
    code = marshal.loads(raw_code)
    if globs is None:
        globs = globals()
    return python_types.FunctionType(code, globs, name=code.co_name,
                                     argdefs=defaults, closure=closure)


def getargspec(fn):
    """Python-version independent `inspect.getargspec`.

    # Arguments
        fn: the callable to inspect.

    # Returns
        A `FullArgSpec` (args, varargs, varkw, defaults, kwonlyargs,
        kwonlydefaults, annotations).
    """
    return inspect.getfullargspec(fn)


def has_arg(fn, name, accept_all=False):
    """Checks if a callable accepts a given keyword argument.

    # Arguments
        fn: callable to inspect.
        name: the name of the keyword argument.
        accept_all: whether a `**kwargs` parameter counts as accepting
            `name` when there is no parameter of that name.

    # Returns
        bool, whether `fn` accepts a `name` keyword argument.
    """
    signature = inspect.signature(fn)
    parameter = signature.parameters.get(name)
    if parameter is None:
        if accept_all:
            return any(param.kind == inspect.Parameter.VAR_KEYWORD
                       for param in signature.parameters.values())
        return False
    return parameter.kind in (inspect.Parameter.POSITIONAL_OR_KEYWORD,
                              inspect.Parameter.KEYWORD_ONLY)


def _format_eta(seconds):
    if seconds > 3600:
        return '%d:%02d:%02d' % (seconds // 3600, (seconds % 3600) // 60,
                                 seconds % 60)
    if seconds > 60:
        return '%d:%02d' % (seconds // 60, seconds % 60)
    return '%ds' % seconds


def _format_time_per_unit(time_per_unit):
    if time_per_unit >= 1:
        return ' %.0fs/step' % time_per_unit
    if time_per_unit >= 1e-3:
        return ' %.0fms/step' % (time_per_unit * 1e3)
    return ' %.0fus/step' % (time_per_unit * 1e6)


class Progbar(object):
    """Displays a progress bar.

    # Arguments
        target: Total number of steps expected, None if unknown.
        width: Progress bar width on screen.
        verbose: Verbosity mode, 0 (silent), 1 (verbose), 2 (semi-verbose:
            one line when the target is reached).
        interval: Minimum visual progress update interval (in seconds).
        stateful_metrics: Iterable of string names of metrics that
            should *not* be averaged over time. Metrics in this list
            will be displayed as-is. All others will be averaged
            by the progbar before display.
    """

    def __init__(self, target, width=30, verbose=1, interval=0.05,
                 stateful_metrics=None):
        self.target = target
        self.width = width
        self.verbose = verbose
        self.interval = interval
        self.stateful_metrics = set(stateful_metrics or ())
        self._dynamic_display = ((hasattr(sys.stdout, 'isatty') and
                                  sys.stdout.isatty()) or
                                 'ipykernel' in sys.modules)
        self._total_width = 0
        self._seen_so_far = 0
        self._values = collections.OrderedDict()
        self._start = time.time()
        self._last_update = 0

    def update(self, current, values=None):
        """Updates the progress bar.

        # Arguments
            current: Index of current step.
            values: List of tuples:
                `(name, value_for_last_step)`.
                If `name` is in `stateful_metrics`,
                `value_for_last_step` will be displayed as-is.
                Else, an average of the metric over time will be displayed.
        """
        values = values or []
        for name, value in values:
            if name in self.stateful_metrics:
                self._values[name] = value
                continue
            steps = current - self._seen_so_far
            if name not in self._values:
                self._values[name] = [value * steps, steps]
            else:
                self._values[name][0] += value * steps
                self._values[name][1] += steps
        self._seen_so_far = current

        now = time.time()
        if self.verbose == 1:
            if (now - self._last_update < self.interval and
                    self.target is not None and current < self.target):
                return
            self._write_bar_line(current, now)
        elif self.verbose == 2:
            if self.target is None or current >= self.target:
                info = ' - %.0fs' % (now - self._start)
                sys.stdout.write(info + self._metrics_info() + '\n')
                sys.stdout.flush()
        self._last_update = now

    def _write_bar_line(self, current, now):
        previous_width = self._total_width
        if self._dynamic_display:
            sys.stdout.write('\b' * previous_width)
            sys.stdout.write('\r')
        else:
            sys.stdout.write('\n')
        bar = self._bar(current)
        self._total_width = len(bar)
        sys.stdout.write(bar)

        time_per_unit = (now - self._start) / current if current else 0
        if self.target is not None and current < self.target:
            eta = time_per_unit * (self.target - current)
            info = ' - ETA: %s' % _format_eta(eta)
        else:
            info = ' - %.0fs' % (now - self._start)
            info += _format_time_per_unit(time_per_unit)
        info += self._metrics_info()

        self._total_width += len(info)
        if previous_width > self._total_width:
            info += ' ' * (previous_width - self._total_width)
        if self.target is not None and current >= self.target:
            info += '\n'
        sys.stdout.write(info)
        sys.stdout.flush()

    def _bar(self, current):
        if self.target is None:
            return '%7d/Unknown' % current
        num_digits = int(np.floor(np.log10(max(self.target, 1)))) + 1
        bar = ('%' + str(num_digits) + 'd/%d [') % (current, self.target)
        progress = float(current) / self.target if self.target else 1.
        progress_width = min(int(self.width * progress), self.width)
        if progress_width > 0:
            bar += '=' * (progress_width - 1)
            bar += '>' if current < self.target else '='
        bar += '.' * (self.width - progress_width)
        return bar + ']'

    def _metrics_info(self):
        info = ''
        for name, value in self._values.items():
            info += ' - %s:' % name
            if isinstance(value, list):
                value = np.mean(value[0] / max(1, value[1]))
            if isinstance(value, (float, np.floating)):
                # Running averages and stateful metrics alike: 4 digits.
                info += (' %.4f' if abs(value) > 1e-3 else ' %.4e') % value
            else:
                info += ' %s' % value
        return info

    def add(self, n, values=None):
        """Advances the bar by `n` steps (see `update`)."""
        self.update(self._seen_so_far + n, values)


def to_list(x, allow_tuple=False):
    """Normalizes a list/tensor into a list.

    If a tensor is passed, we return
    a list of size 1 containing the tensor.

    # Arguments
        x: target object to be normalized.
        allow_tuple: If False and x is a tuple,
            it will be converted into a list
            with a single element (the tuple).
            Else converts the tuple to a list.

    # Returns
        A list.
    """
    if isinstance(x, list):
        return x
    if allow_tuple and isinstance(x, tuple):
        return list(x)
    return [x]


def unpack_singleton(x):
    """Gets the first element if the iterable has only one value.

    Otherwise return the iterable.

    # Argument
        x: A list or tuple.

    # Returns
        The same iterable or the first element.
    """
    if len(x) == 1:
        return x[0]
    return x


def object_list_uid(object_list):
    """Returns a string identifying a list of objects by their ids."""
    object_list = to_list(object_list)
    return ', '.join(str(abs(id(x))) for x in object_list)


def is_all_none(iterable_or_element):
    """Whether an object, or every element of a list/tuple, is `None`."""
    iterable = to_list(iterable_or_element, allow_tuple=True)
    return all(element is None for element in iterable)


def _as_index(start):
    # hdf5 datasets only support list objects as indices
    return start.tolist() if hasattr(start, 'shape') else start


def slice_arrays(arrays, start=None, stop=None):
    """Slices an array or list of arrays.

    This takes an array-like, or a list of
    array-likes, and outputs:
        - arrays[start:stop] if `arrays` is an array-like
        - [x[start:stop] for x in arrays] if `arrays` is a list

    Can also work on list/array of indices: `slice_arrays(x, indices)`

    # Arguments
        arrays: Single array or list of arrays.
        start: can be an integer index (start index)
            or a list/array of indices
        stop: integer (stop index); should be None if
            `start` was a list.

    # Returns
        A slice of the array(s).
    """
    if arrays is None:
        return [None]
    by_index = hasattr(start, '__len__')
    if by_index:
        start = _as_index(start)
    if isinstance(arrays, list):
        if by_index:
            return [None if x is None else x[start] for x in arrays]
        return [None if x is None else x[start:stop] for x in arrays]
    if by_index:
        return arrays[start]
    if hasattr(arrays, '__getitem__'):
        return arrays[start:stop]
    return [None]


def transpose_shape(shape, target_format, spatial_axes):
    """Converts a tuple or a list to the correct `data_format`.

    It does so by switching the positions of its elements.

    # Arguments
        shape: Tuple or list, often representing shape,
            corresponding to `'channels_last'`.
        target_format: A string, either `'channels_first'` or
            `'channels_last'`.
        spatial_axes: A tuple of integers.
            Correspond to the indexes of the spatial axes.
            For example, if you pass a shape
            representing (batch_size, timesteps, rows, cols, channels),
            then `spatial_axes=(2, 3)`.

    # Returns
        A tuple or list, with the elements permuted according
        to `target_format`.

    # Example
    ```python
        >>> transpose_shape((16, 128, 128, 32), 'channels_first', (1, 2))
        (16, 32, 128, 128)
    ```

    # Raises
        ValueError: if `value` or the global `data_format` invalid.
    """
    if target_format == 'channels_first':
        new_values = tuple(shape[:spatial_axes[0]])
        new_values += (shape[-1],)
        new_values += tuple(shape[x] for x in spatial_axes)
        if isinstance(shape, list):
            return list(new_values)
        return new_values
    if target_format == 'channels_last':
        return shape
    raise ValueError('The `data_format` argument must be one of '
                     '"channels_first", "channels_last". Received: ' +
                     str(target_format))


def check_for_unexpected_keys(name, input_dict, expected_values):
    """Raises a ValueError naming the keys of `input_dict` that are not
    among `expected_values`.

    # Arguments
        name: what the dictionary is, for the error message.
        input_dict: the dictionary to check.
        expected_values: the allowed keys.

    # Raises
        ValueError: if there are unexpected keys.
    """
    unknown = set(input_dict.keys()).difference(expected_values)
    if unknown:
        raise ValueError('Unknown entries in {} dictionary: {}. Only expected '
                         'following keys: {}'.format(name, sorted(unknown),
                                                     expected_values))
