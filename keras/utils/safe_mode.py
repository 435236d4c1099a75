"""Safe deserialization: loading a model file never runs code stored in it.

Keras 2.3 stored the function of every `Lambda` layer (named functions
too) as marshalled Python bytecode, and rebuilt it when the config was
read: a crafted file ran its code inside `load_model`. As in Keras 3,
deserialization is *safe* by default: a serialized function is turned back
into a function only when it is a function this process already knows
(given in `custom_objects`, registered with `get_custom_objects()`, or
defined by this library) with the same name and the same bytecode; that
known function is used and nothing from the file is run. Anything else is
refused with an error saying how to opt in:

- `safe_mode=False` on `load_model`, `model_from_json`, `model_from_yaml`,
  `model_from_config` or `Lambda.from_config`, or
- `enable_unsafe_deserialization()` (also `keras.config`), for the whole
  process.

Matching reads the bytecode with `marshal.loads` (which builds a code
object without running it) and compares it instruction by instruction
with the candidate's, ignoring the file name and line numbers (a function
defined in the same source file at another line still matches).
"""
import codecs
import binascii
import marshal
import sys
import threading
import types

import numpy as np

__all__ = ['enable_unsafe_deserialization', 'in_safe_mode',
           'SafeModeScope', 'load_serialized_function',
           'UnsafeDeserializationError']

_STATE = {'unsafe_enabled': False}
_LOCAL = threading.local()


class UnsafeDeserializationError(ValueError):
    """A serialized function was refused because loading it would run
    code from the file (safe mode)."""


def enable_unsafe_deserialization():
    """Disables safe mode for the whole process (Keras 3's
    `keras.config.enable_unsafe_deserialization`): serialized `Lambda`
    functions are rebuilt from their bytecode. Only do this for files from
    a source you trust."""
    _STATE['unsafe_enabled'] = True


def in_safe_mode():
    """Whether deserialization currently refuses unknown bytecode.

    # Returns
        The value of the innermost `SafeModeScope`; outside any scope,
        True unless `enable_unsafe_deserialization()` was called.
    """
    value = getattr(_LOCAL, 'safe_mode', None)
    if value is not None:
        return value
    return not _STATE['unsafe_enabled']


class SafeModeScope(object):
    """Context manager setting safe mode for the deserialization inside it.

    # Arguments
        safe_mode: True (refuse unknown bytecode), False (rebuild it) or
            None (keep the enclosing setting).
    """

    def __init__(self, safe_mode=True):
        if safe_mode is not None and not isinstance(safe_mode, bool):
            raise TypeError('`safe_mode` must be True, False or None; got '
                            '%r.' % (safe_mode,))
        self.safe_mode = safe_mode
        self._previous = None

    def __enter__(self):
        self._previous = getattr(_LOCAL, 'safe_mode', None)
        if self.safe_mode is not None:
            _LOCAL.safe_mode = self.safe_mode
        return self

    def __exit__(self, *args):
        _LOCAL.safe_mode = self._previous


def _decode(payload):
    """`(raw_bytes, defaults, closure)` of a `func_dump` payload."""
    defaults = closure = None
    if isinstance(payload, (list, tuple)):
        if len(payload) != 3:
            raise ValueError('expected a (code, defaults, closure) triple, '
                             'got %d item(s)' % len(payload))
        payload, defaults, closure = payload
    if not isinstance(payload, str):
        raise ValueError('expected the bytecode as a string, got %s'
                         % type(payload).__name__)
    try:
        raw = codecs.decode(payload.encode('ascii'), 'base64')
    except (UnicodeEncodeError, binascii.Error):
        raw = payload.encode('raw_unicode_escape')
    return raw, defaults, closure


_CODE_FIELDS = ('co_argcount', 'co_posonlyargcount', 'co_kwonlyargcount',
                'co_flags', 'co_code', 'co_names', 'co_varnames',
                'co_freevars', 'co_cellvars', 'co_name', 'co_exceptiontable')


def _same_code(a, b):
    """Structural equality of two code objects, file and lines ignored."""
    for field in _CODE_FIELDS:
        if getattr(a, field, None) != getattr(b, field, None):
            return False
    if len(a.co_consts) != len(b.co_consts):
        return False
    for x, y in zip(a.co_consts, b.co_consts):
        if isinstance(x, types.CodeType) or isinstance(y, types.CodeType):
            if not (isinstance(x, types.CodeType) and
                    isinstance(y, types.CodeType) and _same_code(x, y)):
                return False
        elif type(x) is not type(y) or x != y:
            return False
    return True


def _plain(value):
    """JSON-comparable form of defaults/closure values: what a config file
    holds after `json.dumps(..., default=get_json_type)` (a function, e.g.
    the one a decorator wraps, is its name)."""
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        return value.tolist()
    if callable(value) and hasattr(value, '__name__'):
        return value.__name__
    return value


def _closure_values(func):
    if not func.__closure__:
        return None
    try:
        return [cell.cell_contents for cell in func.__closure__]
    except ValueError:  # empty cell
        return None


_LIBRARY_INDEX = {'modules': -1, 'by_name': {}}


def _library_functions(name):
    """Functions named `name` defined in this library's loaded modules."""
    if _LIBRARY_INDEX['modules'] != len(sys.modules):
        by_name = {}
        for module_name, module in list(sys.modules.items()):
            if module is None or not (module_name == 'keras' or
                                      module_name.startswith('keras.')):
                continue
            for value in list(vars(module).values()):
                if isinstance(value, types.FunctionType) and \
                        value.__module__ == module_name:
                    by_name.setdefault(value.__code__.co_name,
                                       []).append(value)
        _LIBRARY_INDEX['by_name'] = by_name
        _LIBRARY_INDEX['modules'] = len(sys.modules)
    return _LIBRARY_INDEX['by_name'].get(name, [])


def _known_functions(name, custom_objects):
    from .generic_utils import get_custom_objects
    candidates = []
    for objects in (custom_objects or {}, get_custom_objects()):
        for value in objects.values():
            if isinstance(value, types.FunctionType) and \
                    value.__code__.co_name == name:
                candidates.append(value)
    return candidates + _library_functions(name)


def _match_known(raw, defaults, closure, custom_objects):
    """The known function the payload stands for, or None."""
    try:
        code = marshal.loads(raw)
    except (ValueError, EOFError, TypeError):
        return None
    if not isinstance(code, types.CodeType):
        return None
    for func in _known_functions(code.co_name, custom_objects):
        if not _same_code(func.__code__, code):
            continue
        if _plain(func.__defaults__) != _plain(defaults):
            continue
        if _plain(_closure_values(func)) != _plain(closure):
            continue
        return func
    return None


def _refusal(what, owner):
    return UnsafeDeserializationError(
        '%s of %s is stored as Python bytecode, and rebuilding it would run '
        'code from the file. This is refused in safe mode (the default), '
        'because it is not a function this program knows (pass your own '
        'function by name with `custom_objects={"name": function}`). If you '
        'trust the source of this file, load it with `safe_mode=False` '
        '(`load_model`, `model_from_json`, `model_from_yaml`, '
        '`model_from_config`, `Lambda.from_config`) or call '
        '`keras.config.enable_unsafe_deserialization()`.' % (what, owner))


def load_serialized_function(payload, globs, custom_objects=None,
                             what='the function', owner='a layer',
                             safe_mode=None):
    """Turns a `func_dump` payload back into a function.

    # Arguments
        payload: what `func_dump` wrote: `(code, defaults, closure)` or
            the code string alone.
        globs: globals of the rebuilt function (unsafe mode only).
        custom_objects: user functions that may stand for the payload.
        what, owner: names for error messages (e.g. `'function'`,
            `'Lambda layer "lambda_1"'`).
        safe_mode: True, False, or None for `in_safe_mode()`.

    # Returns
        In safe mode, the known function with the same name and bytecode;
        otherwise the function rebuilt from the bytecode.

    # Raises
        UnsafeDeserializationError: in safe mode, for unknown bytecode.
        ValueError: when the payload is not a `func_dump` output.
    """
    from .generic_utils import func_load
    if safe_mode is None:
        safe_mode = in_safe_mode()
    try:
        raw, defaults, closure = _decode(payload)
    except ValueError as e:
        raise ValueError('%s of %s is not a serialized function: %s.'
                         % (what, owner, e))
    if not safe_mode:
        try:
            return func_load(payload, globs=globs)
        except (ValueError, EOFError, TypeError) as e:
            raise ValueError('%s of %s could not be rebuilt from its '
                             'bytecode (written by another Python '
                             'version?): %s' % (what, owner, e))
    known = _match_known(raw, defaults, closure, custom_objects)
    if known is None:
        raise _refusal(what, owner)
    return known
