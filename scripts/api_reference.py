"""The API reference of the documentation site, generated from the docstrings.

Used two ways:

- as an MkDocs hook (`hooks:` in `mkdocs.yml`): at build time it renders one
  Markdown page per public module (every public layer module of
  `keras.layers` is found automatically, subpackages included), adds the
  pages to the site and to the navigation under *API reference*, and logs a
  warning naming every public object without a docstring, so that
  `mkdocs build --strict` fails on it;
- as a script:

      python scripts/api_reference.py --missing  # names without a docstring
      python scripts/api_reference.py --out DIR  # write the pages to DIR

A public object is a class or function that a documented module exposes
(its `__all__`, else its names without a leading underscore) and that is
defined in that module, below it (for packages), or in a private module
(`_name`) the module re-exports. Classes are shown with the signature of their
constructor; the classes of `METHOD_PAGES` also with their public methods.
Docstrings are written in the Keras style (`# Arguments`, `# Returns`, ...)
and rendered to Markdown by `render_docstring`.
"""
import argparse
import importlib
import inspect
import logging
import os
import pkgutil
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
API_DIR = 'api'

# (page, title, module, the import path shown): the fixed pages; the layer
# pages are added by `layer_pages`, after `keras.models` and before the rest.
FIXED_PAGES_HEAD = [
    ('models', 'Models', 'keras.models', 'keras.models'),
    ('engine', 'Layer base classes', 'keras.engine', 'keras.engine'),
]
FIXED_PAGES_TAIL = [
    ('legacy', 'Keras 0.x / 1.x layers', 'keras.legacy.layers',
     'keras.layers'),
    ('legacy_keras0', 'Keras 0.x layers', 'keras.legacy.keras0_layers',
     'keras.layers'),
    ('legacy_graph', 'Keras 0.x Graph container', 'keras.legacy.graph',
     'keras.models'),
    ('optimizers', 'Optimizers', 'keras.optimizers', 'keras.optimizers'),
    ('losses', 'Losses', 'keras.losses', 'keras.losses'),
    ('metrics', 'Metrics', 'keras.metrics', 'keras.metrics'),
    ('callbacks', 'Callbacks', 'keras.callbacks', 'keras.callbacks'),
    ('activations', 'Activations', 'keras.activations', 'keras.activations'),
    ('initializers', 'Initializers', 'keras.initializers',
     'keras.initializers'),
    ('regularizers', 'Regularizers', 'keras.regularizers',
     'keras.regularizers'),
    ('constraints', 'Constraints', 'keras.constraints', 'keras.constraints'),
    ('backend', 'Backend', 'keras.backend', 'keras.backend'),
    ('preprocessing/sequence', 'Sequence preprocessing',
     'keras.preprocessing.sequence', 'keras.preprocessing.sequence'),
    ('preprocessing/text', 'Text preprocessing', 'keras.preprocessing.text',
     'keras.preprocessing.text'),
    ('preprocessing/image', 'Image preprocessing', 'keras.preprocessing.image',
     'keras.preprocessing.image'),
    ('utils', 'Utilities', 'keras.utils', 'keras.utils'),
    ('applications', 'Applications', 'keras.applications',
     'keras.applications'),
    ('wrappers', 'Scikit-learn wrappers', 'keras.wrappers.scikit_learn',
     'keras.wrappers.scikit_learn'),
]
# Optional modules other issues add: documented once they import.
OPTIONAL_PAGES = [
    ('caffe', 'Caffe converter', 'keras.caffe', 'keras.caffe'),
]
# Classes whose public methods are documented too.
METHOD_PAGES = {'models', 'engine'}
# Names never documented as methods.
SKIPPED_METHODS = {'from_config'}
# The methods these classes define are documented on their own entry only,
# not again on every subclass.
OWN_METHODS_ONLY = {'Layer'}

log = logging.getLogger('mkdocs.hooks.api_reference')


# ----------------------------------------------------------------- discovery

def _is_private(module_name):
    return any(part.startswith('_') for part in module_name.split('.'))


def package_pages(package_name, shown, title_suffix=''):
    """The pages of the public modules of a package, found by walking it
    (subpackages included): `keras.layers` gets a page per layer module,
    `keras.datasets` one per data set. Names are shown as `shown.name`
    (None: the module's own path)."""
    package = importlib.import_module(package_name)
    prefix = package_name + '.'
    group = package_name.rsplit('.', 1)[-1]
    pages = []
    for info in pkgutil.walk_packages(package.__path__, prefix):
        if _is_private(info.name) or info.name.endswith('_pb2'):
            continue   # private, or generated protobuf code
        short = info.name[len(prefix):]
        title = short.replace('_', ' ').replace('.', ': ').capitalize()
        pages.append(('%s/%s' % (group, short.replace('.', '/')),
                      title + title_suffix, info.name, shown or info.name))
    return sorted(pages)


def layer_pages():
    """The pages of the public modules of `keras.layers`."""
    return package_pages('keras.layers', 'keras.layers', ' layers')


def _importable(page):
    try:
        importlib.import_module(page[2])
    except ImportError:
        return False
    return True


def all_pages():
    """Every page as `(page, title, module, import path)`, in order."""
    datasets = package_pages('keras.datasets', None)
    optional = []
    for page in OPTIONAL_PAGES:
        if _importable(page):
            optional.append(page)
            optional.extend(package_pages(page[2], None))
    return (FIXED_PAGES_HEAD + layer_pages() + FIXED_PAGES_TAIL + datasets +
            optional)


def _belongs(obj, module):
    defined = getattr(obj, '__module__', None) or ''
    if not defined.startswith('keras'):
        return False
    name = module.__name__
    if defined == name or defined.startswith(name + '.'):
        return True
    return _is_private(defined)


def public_objects(module):
    """`(name, object)` for the public classes and functions of `module`:
    its `__all__` (any keras object), else the public names it defines;
    a name an object was defined under comes before its aliases."""
    explicit = getattr(module, '__all__', None)
    names = explicit if explicit is not None else \
        [n for n in vars(module) if not n.startswith('_')]
    found = []
    for name in names:
        obj = getattr(module, name, None)
        if not (inspect.isclass(obj) or inspect.isfunction(obj)):
            continue
        if explicit is not None and \
                (getattr(obj, '__module__', '') or '').startswith('keras'):
            found.append((name, obj))
        elif _belongs(obj, module):
            found.append((name, obj))
    return sorted(found, key=lambda item: (item[0] != item[1].__name__,
                                           item[0].lower()))


def own_doc(obj):
    """The object's own docstring (a class does not inherit one), or None."""
    if inspect.isclass(obj):
        doc = obj.__dict__.get('__doc__')
    else:
        doc = getattr(obj, '__doc__', None)
    return doc if doc and doc.strip() else None


def public_methods(cls):
    """`(name, function)` for the public methods `cls` defines or inherits
    from keras classes."""
    methods = []
    for name in sorted(dir(cls)):
        if name.startswith('_') or name in SKIPPED_METHODS:
            continue
        attr = inspect.getattr_static(cls, name)
        if isinstance(attr, (staticmethod, classmethod)):
            attr = attr.__func__
        if isinstance(attr, property):
            continue
        if not inspect.isfunction(attr) or \
                not (attr.__module__ or '').startswith('keras'):
            continue
        owner = attr.__qualname__.split('.')[0]
        if owner in OWN_METHODS_ONLY and owner != cls.__name__:
            continue
        methods.append((name, attr))
    return methods


# -------------------------------------------------------------- the entries

class Entry:
    """One documented object: its page, the path shown, the object."""

    def __init__(self, page, path, obj, alias_of=None, methods=()):
        self.page = page
        self.path = path
        self.obj = obj
        self.alias_of = alias_of
        self.methods = methods


def collect():
    """`{page: (title, [Entry])}` in page order; an object is documented on
    the first page that exposes it, later names for it become aliases."""
    seen = {}
    result = {}
    for page, title, module_name, shown in all_pages():
        module = importlib.import_module(module_name)
        entries = []
        for name, obj in public_objects(module):
            path = '%s.%s' % (shown, name)
            if id(obj) in seen:
                first = seen[id(obj)]
                if first.path.rsplit('.', 1)[-1] != name:
                    entries.append(Entry(page, path, obj, alias_of=first))
                continue
            methods = ()
            if page in METHOD_PAGES and inspect.isclass(obj):
                methods = public_methods(obj)
            entry = Entry(page, path, obj, methods=methods)
            seen[id(obj)] = entry
            entries.append(entry)
        entries.sort(key=lambda e: e.path.rsplit('.', 1)[-1].lower())
        if entries:   # a module whose names all live on earlier pages: none
            result[page] = (title, module_name, entries)
    return result


def missing_docstrings(pages=None):
    """The dotted names of the documented objects without a docstring."""
    pages = collect() if pages is None else pages
    missing = []
    for _, _, entries in pages.values():
        for entry in entries:
            if entry.alias_of is not None:
                continue
            if own_doc(entry.obj) is None:
                missing.append(entry.path)
            for name, method in entry.methods:
                if own_doc(method) is None:
                    missing.append('%s.%s' % (entry.path, name))
    return sorted(set(missing))


# ------------------------------------------------------------- rendering

LIST_SECTIONS = {'arguments', 'args', 'keyword arguments', 'raises',
                 'attributes', 'properties', 'returns'}


def signature(path, obj, drop_self=False):
    """`path(arg, arg=default, ...)`, one argument a line when long."""
    try:
        sig = inspect.signature(obj)
    except (TypeError, ValueError):
        return path + '(...)'
    params = list(sig.parameters.values())
    if drop_self and params and params[0].name in ('self', 'cls'):
        params = params[1:]
    parts = [str(p) for p in params]
    line = '%s(%s)' % (path, ', '.join(parts))
    if len(line) <= 79:
        return line
    return '%s(\n%s\n)' % (path, ',\n'.join('    ' + p for p in parts))


def _dedent(lines):
    indents = [len(line) - len(line.lstrip()) for line in lines
               if line.strip()]
    cut = min(indents) if indents else 0
    return [line[cut:] for line in lines]


def _render_list(lines):
    """`name: text` items (continuations indented further) as a Markdown
    list; code fences and other lines kept as they are."""
    out = []
    in_fence = False
    for line in lines:
        stripped = line.strip()
        if stripped.startswith('```'):
            in_fence = not in_fence
            nested = out and out[-1].startswith(('-', ' '))
            out.append('    ' + line if nested else line)
            continue
        match = re.match(r'^(\*{0,2}[\w\.\*, \[\]\'"]+?):(\s.*|)$', line)
        if not in_fence and match and not line.startswith(' '):
            out.append('- **%s**:%s' % (match.group(1), match.group(2)))
        elif not stripped:
            out.append('')
        elif in_fence:
            out.append('    ' + line)
        else:
            out.append(('    ' if out else '') + stripped)
    return out


def render_docstring(doc):
    """Renders a Keras-style docstring (`# Section` headers) to Markdown."""
    lines = inspect.cleandoc(doc).splitlines()
    sections = [(None, [])]
    in_fence = False
    for line in lines:
        if line.strip().startswith('```'):
            in_fence = not in_fence
        header = re.match(r'^#\s+(\w[\w \-/]*?):?\s*$', line)
        if header and not in_fence and not line.startswith(' '):
            sections.append((header.group(1), []))
        else:
            sections[-1][1].append(line)
    out = []
    for title, body in sections:
        body = _dedent(body)
        if title is not None:
            out.extend(['', '**%s**' % title, ''])
            if title.lower() in LIST_SECTIONS:
                body = _render_list(body)
        out.extend(body)
    text = '\n'.join(out).strip()
    return re.sub(r'\n{3,}', '\n\n', text) + '\n'


def render_entry(entry):
    """The Markdown of one entry: heading, signature, docstring, methods."""
    name = entry.path.rsplit('.', 1)[-1]
    if entry.alias_of is not None:
        target = entry.alias_of
        anchor = target.path.rsplit('.', 1)[-1].lower()
        link = '#' + anchor if target.page == entry.page else \
            '%s.md#%s' % (os.path.relpath(target.page, os.path.dirname(
                entry.page) or '.'), anchor)
        return '### %s\n\nAn alias of [`%s`](%s).\n' % (name, target.path,
                                                       link)
    parts = ['### %s' % name, '',
             '```python', signature(entry.path, entry.obj), '```', '']
    doc = own_doc(entry.obj)
    parts.append(render_docstring(doc) if doc else
                 '*No docstring.*\n')
    for method_name, method in entry.methods:
        parts.extend(['#### %s.%s' % (name, method_name), '', '```python',
                      signature(method_name, method, drop_self=True), '```',
                      ''])
        doc = own_doc(method)
        parts.append(render_docstring(doc) if doc else '*No docstring.*\n')
    return '\n'.join(parts)


def render_page(title, module_name, entries):
    module = importlib.import_module(module_name)
    intro = own_doc(module)
    parts = ['# %s' % title, '',
             '*Module `%s`.*' % module_name, '']
    if intro:
        parts.extend([render_docstring(intro), ''])
    if not entries:
        parts.append('No public classes or functions.\n')
    parts.extend(render_entry(entry) for entry in entries)
    return '\n'.join(parts)


def render_index(pages):
    parts = ['# API reference', '',
             'Generated from the docstrings of the code at build time '
             '(`scripts/api_reference.py`).', '']
    for page, (title, module_name, entries) in pages.items():
        parts.append('- [%s](%s.md) (`%s`, %d names)'
                     % (title, page, module_name, len(entries)))
    return '\n'.join(parts) + '\n'


def render_all(pages=None):
    """`{path relative to docs/: markdown}` for the whole reference."""
    pages = collect() if pages is None else pages
    rendered = {API_DIR + '/index.md': render_index(pages)}
    for page, (title, module_name, entries) in pages.items():
        rendered['%s/%s.md' % (API_DIR, page)] = render_page(
            title, module_name, entries)
    return rendered


def nav(pages):
    """The *API reference* navigation: the index, then pages by group."""
    items = [{'Overview': API_DIR + '/index.md'}]
    groups = {}
    for page, (title, _, _) in pages.items():
        item = {title: '%s/%s.md' % (API_DIR, page)}
        group = page.split('/')[0] if '/' in page else None
        if group in ('layers', 'datasets', 'caffe'):
            if group not in groups:
                groups[group] = []
                items.append({group.capitalize(): groups[group]})
            groups[group].append(item)
        else:
            items.append(item)
    return items


# ------------------------------------------------------------ MkDocs hook

_STATE = {}


def on_config(config):
    """Fills the *API reference* entry of the navigation."""
    if ROOT not in sys.path:
        sys.path.insert(0, ROOT)
    pages = collect()
    _STATE['pages'] = pages
    for item in config['nav'] or []:
        if isinstance(item, dict) and 'API reference' in item:
            item['API reference'] = nav(pages)
    return config


def on_files(files, config):
    """Adds the generated pages; warns once per missing docstring."""
    from mkdocs.structure.files import File
    pages = _STATE.get('pages') or collect()
    for path, text in render_all(pages).items():
        files.append(File.generated(config, path, content=text))
    for name in missing_docstrings(pages):
        log.warning('public name without a docstring: %s', name)
    return files


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--missing', action='store_true',
                        help='list the public names without a docstring; '
                             'exit 1 if there are any')
    parser.add_argument('--out', help='write the Markdown pages here')
    args = parser.parse_args(argv)
    if ROOT not in sys.path:
        sys.path.insert(0, ROOT)
    pages = collect()
    if args.out:
        for path, text in render_all(pages).items():
            target = os.path.join(args.out, path)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, 'w') as f:
                f.write(text)
    total = sum(len(e) for _, _, e in pages.values())
    print('%d pages, %d documented names' % (len(pages), total))
    if args.missing:
        missing = missing_docstrings(pages)
        for name in missing:
            print('missing docstring: %s' % name)
        print('%d public names without a docstring' % len(missing))
        return 1 if missing else 0
    return 0


if __name__ == '__main__':
    sys.exit(main())
