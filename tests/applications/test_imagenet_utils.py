"""preprocess_input (caffe / tf / torch, NumPy and symbolic) and
decode_predictions on a local class index (no network)."""
import json
import os

import numpy as np
import pytest

from keras import backend as K
from keras.applications import (densenet, imagenet_utils, inception_v3,
                                resnet, vgg16)

MEAN_BGR = np.array([103.939, 116.779, 123.68])
TORCH_MEAN = np.array([0.485, 0.456, 0.406])
TORCH_STD = np.array([0.229, 0.224, 0.225])


def _images(shape=(2, 4, 5, 3)):
    return np.random.RandomState(0).uniform(0, 255, shape).astype('float32')


def _expected(x, mode):
    x = x.astype('float64')
    if mode == 'caffe':
        return x[..., ::-1] - MEAN_BGR
    if mode == 'tf':
        return x / 127.5 - 1.
    return (x / 255. - TORCH_MEAN) / TORCH_STD


@pytest.mark.parametrize('mode', ['caffe', 'tf', 'torch'])
def test_preprocess_numpy_channels_last(mode):
    x = _images()
    out = imagenet_utils.preprocess_input(x.copy(), mode=mode,
                                          data_format='channels_last')
    np.testing.assert_allclose(out, _expected(x, mode), rtol=1e-5, atol=1e-4)
    # 3D input and integer input (converted to floatx).
    out3 = imagenet_utils.preprocess_input(x[0].copy(), mode=mode,
                                           data_format='channels_last')
    np.testing.assert_allclose(out3, _expected(x[0], mode), rtol=1e-5,
                               atol=1e-4)
    ints = x.astype('int32')
    out_int = imagenet_utils.preprocess_input(ints, mode=mode,
                                              data_format='channels_last')
    assert out_int.dtype == np.dtype(K.floatx())
    np.testing.assert_allclose(out_int, _expected(ints, mode), rtol=1e-5,
                               atol=1e-4)


@pytest.mark.parametrize('mode', ['caffe', 'tf', 'torch'])
def test_preprocess_numpy_channels_first(mode):
    x = _images()
    xf = np.transpose(x, (0, 3, 1, 2)).copy()
    out = imagenet_utils.preprocess_input(xf.copy(), mode=mode,
                                          data_format='channels_first')
    np.testing.assert_allclose(np.transpose(out, (0, 2, 3, 1)),
                               _expected(x, mode), rtol=1e-5, atol=1e-4)
    out3 = imagenet_utils.preprocess_input(xf[0].copy(), mode=mode,
                                           data_format='channels_first')
    np.testing.assert_allclose(np.transpose(out3, (1, 2, 0)),
                               _expected(x[0], mode), rtol=1e-5, atol=1e-4)


@pytest.mark.parametrize('mode', ['caffe', 'tf', 'torch'])
def test_preprocess_symbolic(mode):
    x = _images()
    inp = K.placeholder(shape=(None, 4, 5, 3))
    out = imagenet_utils.preprocess_input(inp, mode=mode,
                                          data_format='channels_last')
    value = K.function([inp], [out])([x])[0]
    np.testing.assert_allclose(value, _expected(x, mode), rtol=1e-5,
                               atol=1e-4)


def test_model_specific_modes():
    x = _images()
    np.testing.assert_allclose(vgg16.preprocess_input(x.copy()),
                               _expected(x, 'caffe'), rtol=1e-5, atol=1e-4)
    np.testing.assert_allclose(resnet.preprocess_input(x.copy()),
                               _expected(x, 'caffe'), rtol=1e-5, atol=1e-4)
    np.testing.assert_allclose(inception_v3.preprocess_input(x.copy()),
                               _expected(x, 'tf'), rtol=1e-5, atol=1e-4)
    np.testing.assert_allclose(densenet.preprocess_input(x.copy()),
                               _expected(x, 'torch'), rtol=1e-5, atol=1e-4)


def test_preprocess_errors():
    with pytest.raises(ValueError, match='data_format'):
        imagenet_utils.preprocess_input(_images(), data_format='nhwc')
    with pytest.raises(ValueError, match='mode'):
        imagenet_utils.preprocess_input(_images(), mode='caffe2')


@pytest.fixture
def class_index(tmp_path, monkeypatch):
    """A fake imagenet_class_index.json in a private KERAS_HOME cache."""
    models = tmp_path / 'models'
    models.mkdir()
    index = {str(i): ['n%08d' % i, 'class_%d' % i] for i in range(1000)}
    (models / 'imagenet_class_index.json').write_text(json.dumps(index))
    monkeypatch.setenv('KERAS_HOME', str(tmp_path))
    monkeypatch.setattr(imagenet_utils, 'CLASS_INDEX_HASH', None)
    monkeypatch.setattr(imagenet_utils, 'CLASS_INDEX', None)
    return index


def test_decode_predictions(class_index):
    preds = np.random.RandomState(1).rand(2, 1000)
    results = vgg16.decode_predictions(preds, top=3)
    assert len(results) == 2
    for pred, result in zip(preds, results):
        top = np.argsort(pred)[::-1][:3]
        assert [r[0] for r in result] == ['n%08d' % i for i in top]
        assert [r[1] for r in result] == ['class_%d' % i for i in top]
        np.testing.assert_allclose([r[2] for r in result], pred[top])


def test_decode_predictions_bad_shape():
    with pytest.raises(ValueError, match=r'\(samples, 1000\)'):
        imagenet_utils.decode_predictions(np.zeros((2, 10)))
    with pytest.raises(ValueError, match='1000'):
        imagenet_utils.decode_predictions(np.zeros((1000,)))


def test_obtain_input_shape_defaults():
    f = imagenet_utils._obtain_input_shape
    assert f(None, 224, 32, 'channels_last', True) == (224, 224, 3)
    assert f(None, 224, 32, 'channels_first', False) == (3, None, None)
    assert f((64, 64, 3), 224, 32, 'channels_last', False) == (64, 64, 3)
    assert f(None, 299, 75, 'channels_last', True, 'imagenet') == \
        (299, 299, 3)
    with pytest.warns(UserWarning, match='1 or 3 input channels'):
        assert f((64, 64, 5), 224, 32, 'channels_last', False) == (64, 64, 5)
    assert os.path.basename(imagenet_utils.CLASS_INDEX_PATH) == \
        'imagenet_class_index.json'
