"""Bad files and unsupported nets: clear errors naming what is wrong."""
import os
import warnings

import numpy as np
import pytest

from keras.caffe.convert import caffe_to_keras, convert_weights, load_weights

from caffe_nets import NetBuilder, lenet


def _written(tmp_path, net=None):
    return (net or lenet()).write(tmp_path)


def test_unsupported_layer_names_layer_type_and_supported(tmp_path):
    net = lenet()
    net.add('ROIPooling', 'roi/pool', 'prob')
    prototxt, caffemodel = _written(tmp_path, net)
    with pytest.raises(ValueError) as e:
        caffe_to_keras(prototxt, caffemodel)
    message = str(e.value)
    assert '"roi/pool"' in message and '"ROIPooling"' in message
    assert 'Convolution' in message and 'InnerProduct' in message


@pytest.mark.parametrize('cut', [0.5, 0.9])
def test_truncated_caffemodel(tmp_path, cut):
    prototxt, caffemodel = _written(tmp_path)
    with open(caffemodel, 'rb') as f:
        data = f.read()
    with open(caffemodel, 'wb') as f:
        f.write(data[:int(len(data) * cut)])
    with pytest.raises(ValueError, match='not a valid caffemodel'):
        caffe_to_keras(prototxt, caffemodel)


def test_corrupt_and_empty_caffemodel(tmp_path):
    prototxt, caffemodel = _written(tmp_path)
    with open(caffemodel, 'wb') as f:
        f.write(b'\xff' * 64)
    with pytest.raises(ValueError, match='not a valid caffemodel'):
        caffe_to_keras(prototxt, caffemodel)
    with open(caffemodel, 'wb') as f:
        f.write(b'')
    with pytest.raises(ValueError, match='holds no layers'):
        caffe_to_keras(prototxt, caffemodel)


def test_bad_prototxt(tmp_path):
    prototxt, caffemodel = _written(tmp_path)
    with open(prototxt) as f:
        text = f.read()
    with open(prototxt, 'w') as f:
        f.write(text[:len(text) // 2])
    with pytest.raises(ValueError, match='not a valid Caffe prototxt'):
        caffe_to_keras(prototxt, caffemodel)
    with pytest.raises(ValueError, match='not a text prototxt'):
        caffe_to_keras(caffemodel, caffemodel)


def test_blob_shape_mismatch_names_layer_and_shapes(tmp_path):
    net = lenet()
    net.weights['ip2'][0] = net.random(5, 11)
    prototxt, caffemodel = _written(tmp_path, net)
    with pytest.raises(ValueError) as e:
        caffe_to_keras(prototxt, caffemodel)
    assert '"ip2"' in str(e.value)
    assert '(5, 11)' in str(e.value) and '(5, 10)' in str(e.value)


def test_blob_with_wrong_number_of_values(tmp_path):
    net = lenet()
    model = net.caffemodel()
    del model.layer[1].blobs[0].data[-1]
    with pytest.raises(ValueError, match='"conv1".*holds 35 values'):
        convert_weights(model.layer, 'V2')


def test_missing_weights_warn_and_extra_ones_are_ignored(tmp_path):
    net = lenet()
    model = caffe_to_keras(*_written(tmp_path, net), phase='test')
    weights = convert_weights(net.caffemodel().layer, 'V2')
    del weights['ip2']
    weights['unused'] = [np.zeros(3)]
    before = model.get_layer('ip2').get_weights()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter('always')
        load_weights(model, weights)
    assert any('ip2' in str(w.message) for w in caught)
    for a, b in zip(before, model.get_layer('ip2').get_weights()):
        np.testing.assert_array_equal(a, b)


def test_unknown_input_shape_and_input_dim(tmp_path):
    net = NetBuilder('nodims')
    net.add('Data', 'data', top=['data', 'label'],
            data_param={'source': 'db'})
    net.add('InnerProduct', 'fc', 'data', blobs=[net.random(2, 12),
                                                 net.random(2)],
            inner_product_param={'num_output': 2})
    prototxt, caffemodel = _written(tmp_path, net)
    with pytest.raises(ValueError, match='shape of the input blob "data"'):
        caffe_to_keras(prototxt, caffemodel)
    model = caffe_to_keras(prototxt, caffemodel, input_dim=(3, 2, 2),
                           data_format='channels_first')
    assert model.input_shape == (None, 3, 2, 2)


def test_input_layer_without_shape_takes_input_dim(tmp_path):
    net = lenet()
    net.net.layer[0].input_param.ClearField('shape')
    prototxt, caffemodel = _written(tmp_path, net)
    with pytest.raises(ValueError, match='shape of the input blob "data"'):
        caffe_to_keras(prototxt, caffemodel)
    model = caffe_to_keras(prototxt, caffemodel, input_dim=(1, 12, 12),
                           data_format='channels_last')
    assert model.input_shape == (None, 12, 12, 1)


def test_undefined_bottom_and_bad_phase(tmp_path):
    net = lenet()
    net.net.layer[3].bottom[0] = 'nowhere'
    prototxt, caffemodel = _written(tmp_path, net)
    with pytest.raises(ValueError, match='"conv2".*"nowhere"'):
        caffe_to_keras(prototxt, caffemodel)
    with pytest.raises(ValueError, match='phase'):
        caffe_to_keras(prototxt, caffemodel, phase='deploy')


def test_layer_reading_a_label_is_an_error(tmp_path):
    net = NetBuilder('labels')
    net.add('Data', 'data', top=['data', 'label'],
            transform_param={'crop_size': 2})
    net.add('Concat', 'cat', ['data', 'label'])
    with pytest.raises(ValueError, match='label blob "label"'):
        caffe_to_keras(*_written(tmp_path, net))


def test_missing_file(tmp_path):
    with pytest.raises(OSError):
        caffe_to_keras(os.path.join(str(tmp_path), 'none.prototxt'), None)
