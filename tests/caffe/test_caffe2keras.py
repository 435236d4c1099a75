"""The command-line converter: files written, progress lines, and the saved
model (JSON + HDF5 weights) reloaded with the same outputs."""
import os

import numpy as np
import pytest

from keras.caffe import caffe2keras
from keras.caffe.convert import caffe_to_keras
from keras.models import model_from_json

from test_caffe_convert import _windows_net


def test_cli_writes_model_that_reloads(tmp_path, capsys):
    net = _windows_net()
    prototxt, caffemodel = net.write(tmp_path, 'windows')
    out = tmp_path / 'out'
    structure, weights = caffe2keras.main([
        '-load_path', str(tmp_path), '-prototxt', os.path.basename(prototxt),
        '-caffemodel', os.path.basename(caffemodel),
        '-store_path', str(out), '-phase', 'test',
        '-data_format', 'channels_first'])
    printed = capsys.readouterr().out
    assert '[2/12] conv1 (Convolution)' in printed
    assert os.path.basename(structure) == 'Keras_model_structure.json'
    assert os.path.basename(weights) == 'Keras_model_weights.h5'
    with open(structure) as f:
        reloaded = model_from_json(f.read())
    reloaded.load_weights(weights)
    original = caffe_to_keras(prototxt, caffemodel, phase='test',
                              data_format='channels_first')
    x = np.random.RandomState(0).standard_normal((2, 4, 15, 15)).astype(
        'float32')
    for a, b in zip(original.predict(x), reloaded.predict(x)):
        np.testing.assert_allclose(a, b, rtol=1e-6, atol=1e-6)


def test_cli_reports_errors(tmp_path):
    with pytest.raises(SystemExit):
        caffe2keras.main(['-load_path', str(tmp_path)])
