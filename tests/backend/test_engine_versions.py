"""The engine version check: supported ranges pass, others fail early with
a message naming the engine, its version and the range; the installed
engines are inside the ranges, which match requirements.txt."""
import os
import re

import pytest

from keras.backend import engine_versions
from keras.backend.engine_versions import check_engine_version

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))


@pytest.mark.parametrize('engine, version', [
    ('TensorFlow', '2.16.0'), ('TensorFlow', '2.21.0'),
    ('TensorFlow', '2.21.0rc1'), ('PyTensor', '2.20.0'),
    ('PyTensor', '3.0.7'), ('PyTensor', '2.31.7+4.gabc')])
def test_supported_versions_pass(engine, version, monkeypatch):
    monkeypatch.delenv('KERAS_SKIP_ENGINE_VERSION_CHECK', raising=False)
    check_engine_version(engine, version)


@pytest.mark.parametrize('engine, version', [
    ('TensorFlow', '2.15.1'), ('TensorFlow', '2.22.0'), ('TensorFlow', '3'),
    ('PyTensor', '2.19.9'), ('PyTensor', '3.1.0')])
def test_unsupported_versions_fail_clearly(engine, version, monkeypatch):
    monkeypatch.delenv('KERAS_SKIP_ENGINE_VERSION_CHECK', raising=False)
    with pytest.raises(ImportError) as err:
        check_engine_version(engine, version)
    message = str(err.value)
    assert engine in message and version in message
    assert 'constraints.txt' in message
    assert 'KERAS_SKIP_ENGINE_VERSION_CHECK' in message
    monkeypatch.setenv('KERAS_SKIP_ENGINE_VERSION_CHECK', '1')
    check_engine_version(engine, version)


def test_ranges_match_requirements_and_constraints():
    with open(os.path.join(ROOT, 'requirements.txt')) as f:
        requirements = f.read()
    with open(os.path.join(ROOT, 'constraints.txt')) as f:
        constraints = f.read()
    for engine, package in (('TensorFlow', 'tensorflow-cpu'),
                            ('PyTensor', 'pytensor')):
        (low, high) = engine_versions.SUPPORTED[engine]
        assert '%s>=%d.%d,<%d.%d' % ((package,) + low + high) in \
            requirements
        pinned = re.search(r'^%s==(\S+)$' % package.replace('-', '[-_]'),
                           constraints, re.M)
        assert pinned, package
        check_engine_version(engine, pinned.group(1))
