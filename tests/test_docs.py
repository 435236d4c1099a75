"""The documentation site: every public name has a docstring, the API
reference renders Keras-style docstrings, and `mkdocs build --strict`
passes (no broken link, no missing docstring)."""
import importlib.util
import inspect
import os
import subprocess
import sys
import types

import pytest

import keras
from keras import backend as K

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _load_reference():
    path = os.path.join(ROOT, 'scripts', 'api_reference.py')
    spec = importlib.util.spec_from_file_location('api_reference', path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


api = _load_reference()


@pytest.fixture(scope='module')
def pages():
    return api.collect()


def test_every_public_name_has_a_docstring(pages):
    missing = api.missing_docstrings(pages)
    assert not missing, ('public names without a docstring (write one; '
                         '`python scripts/api_reference.py --missing` '
                         'lists them):\n  ' + '\n  '.join(missing))


def test_every_layer_is_in_the_reference(pages):
    documented = {id(entry.obj) for _, _, entries in pages.values()
                  for entry in entries}
    layers = [name for name, obj in vars(keras.layers).items()
              if inspect.isclass(obj) and issubclass(obj, keras.layers.Layer)
              and not name.startswith('_')]
    assert len(layers) > 100
    absent = [name for name in layers
              if id(getattr(keras.layers, name)) not in documented]
    assert not absent, absent


def test_reference_has_the_main_pages(pages):
    for page in ('models', 'layers/core', 'layers/convolutional',
                 'layers/recurrent', 'optimizers', 'losses', 'metrics',
                 'callbacks', 'backend'):
        assert page in pages, sorted(pages)
    backend_names = {e.path for e in pages['backend'][2]}
    assert {'keras.backend.dot', 'keras.backend.rnn',
            'keras.backend.function'} <= backend_names
    model = next(e for e in pages['models'][2] if e.path.endswith('.Model'))
    assert {'compile', 'fit', 'predict', 'save'} <= dict(model.methods).keys()


def test_a_missing_docstring_is_reported_by_name():
    module = types.ModuleType('keras.fake_module')

    def documented():
        """Has one."""

    def undocumented():
        pass

    class Undocumented:
        def method(self):
            pass

    for obj in (documented, undocumented, Undocumented):
        obj.__module__ = module.__name__
        setattr(module, obj.__name__, obj)
    entries = [api.Entry('fake', 'keras.fake.' + name, obj)
               for name, obj in api.public_objects(module)]
    assert [e.path for e in entries] == ['keras.fake.documented',
                                         'keras.fake.undocumented',
                                         'keras.fake.Undocumented']
    entries[2].methods = [('method', Undocumented.method)]
    missing = api.missing_docstrings({'fake': ('Fake', 'x', entries)})
    assert missing == ['keras.fake.Undocumented',
                       'keras.fake.Undocumented.method',
                       'keras.fake.undocumented']


def test_a_class_does_not_inherit_a_docstring():
    class Base:
        """Documented."""

    class Child(Base):
        pass

    assert api.own_doc(Base) == 'Documented.'
    assert api.own_doc(Child) is None


def test_render_keras_style_docstring():
    doc = '''Does a thing.

    More words.

    # Arguments
        units: Positive integer,
            the output size.
        activation: the activation.

    # Returns
        A tensor.

    # Example

    ```python
        y = f(x)
    ```
    '''
    text = api.render_docstring(doc)
    assert text.startswith('Does a thing.\n\nMore words.\n')
    assert '**Arguments**' in text and '**Returns**' in text
    assert '- **units**: Positive integer,\n    the output size.' in text
    assert '- **activation**: the activation.' in text
    assert '```python\n    y = f(x)\n```' in text


def test_signature_lines():
    def f(a, b=1, *args, c=None, **kwargs):
        pass

    assert api.signature('keras.f', f) == \
        'keras.f(a, b=1, *args, c=None, **kwargs)'
    long = api.signature('keras.layers.Conv2D', keras.layers.Conv2D)
    assert long.startswith('keras.layers.Conv2D(\n    filters,\n')
    assert "    padding='valid',\n" in long


@pytest.mark.skipif(K.backend() != 'tensorflow',
                    reason='the site is the same on both backends: it is '
                           'built once, in the TensorFlow run')
def test_mkdocs_build_strict(tmp_path):
    site = tmp_path / 'site'
    env = dict(os.environ, PYTHONPATH=ROOT, NO_MKDOCS_2_WARNING='1')
    proc = subprocess.run(
        [sys.executable, '-m', 'mkdocs', 'build', '--strict', '-q',
         '-f', os.path.join(ROOT, 'mkdocs.yml'), '-d', str(site)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-5000:]
    conv = (site / 'api' / 'layers' / 'convolutional' /
            'index.html').read_text()
    assert 'Conv2D' in conv and 'kernel_size' in conv and 'filters' in conv
    assert (site / 'guides' / 'learning-rate-multipliers' /
            'index.html').exists()
    home = (site / 'index.html').read_text()
    assert 'API reference' in home
