"""Layer types, phase rules, input sizes, the layer graph and prototxt
preprocessing."""
import warnings

import pytest

from keras.caffe import caffe_pb2, caffe_utils as cu
from keras.caffe._files import parse_net_text, quote_layer_types
from keras.caffe.convert import preprocessPrototxt, rot90

from caffe_nets import NetBuilder

import numpy as np


def _layers():
    net = NetBuilder('graph')
    net.add('Data', 'data', top=['data', 'label'],
            include=[{'phase': 0}])
    net.add('Convolution', 'conv', 'data')
    net.add('ReLU', 'relu', 'conv', 'conv')          # in place
    net.add('Pooling', 'pool', 'conv')
    net.add('Dropout', 'drop', 'pool', 'pool')       # in place
    net.add('InnerProduct', 'fc', 'pool')
    net.add('SoftmaxWithLoss', 'loss', ['fc', 'label'])
    net.add('Accuracy', 'acc', ['fc', 'label'], include=[{'phase': 1}])
    return list(net.net.layer)


def test_layer_type_of_both_formats():
    v1 = caffe_pb2.V1LayerParameter(type=caffe_pb2.V1LayerParameter.
                                    INNER_PRODUCT)
    v2 = caffe_pb2.LayerParameter(type='InnerProduct')
    assert cu.layer_type(v1) == cu.layer_type(v2) == 'innerproduct'
    assert cu.layer_num_to_name[21] == 'SOFTMAXWITHLOSS'
    assert len(cu.layer_num_to_name) == 40
    assert cu.is_data_input(caffe_pb2.LayerParameter(type='ImageData'))
    assert not cu.is_data_input(caffe_pb2.LayerParameter(type='Input'))


def test_parse_network_resolves_in_place_layers():
    layers = _layers()
    train = cu.parse_network(layers, 0)
    assert train == {0: [1, 6], 1: [2], 2: [3], 3: [4], 4: [5], 5: [6],
                     6: []}
    test = cu.parse_network(layers, 'test')
    assert 0 not in test and test[5] == [6, 7]
    assert cu.get_inputs(train) == [0] and cu.get_outputs(train) == [6]
    assert cu.reverse(train)[6] == [0, 5]
    pruned = cu.remove_label_paths(layers, train, cu.get_inputs(train),
                                   cu.get_outputs(train))
    assert pruned[0] == [1]


def test_acyclic_keeps_readers_before_an_in_place_layer():
    graph = {'caffe_layer_0': ['x'], 'x': ['caffe_layer_1', 'caffe_layer_2',
                                           'caffe_layer_3'],
             'caffe_layer_1': ['a'], 'caffe_layer_2': ['x'],
             'caffe_layer_3': ['b'], 'a': [], 'b': []}
    dag = cu.acyclic(graph)
    assert dag['x'] == ['caffe_layer_1', 'caffe_layer_2']
    assert dag['caffe_layer_2'] == ['x_1'] and dag['x_1'] == ['caffe_layer_3']
    assert cu.merge_layer_blob(dag) == {0: [1, 2], 1: [], 2: [3], 3: []}
    assert cu.is_caffe_layer('caffe_layer_2') and not cu.is_caffe_layer('x')
    assert cu.sanitize('caffe_layer_12') == 12
    with pytest.raises(ValueError):
        cu.sanitize('x')


def test_phase_rules():
    layer = caffe_pb2.LayerParameter()
    assert cu.layer_included(layer, 0) and cu.layer_included(layer, 1)
    layer.exclude.add(phase=caffe_pb2.TEST)
    assert cu.layer_included(layer, 0) and not cu.layer_included(layer, 1)
    staged = caffe_pb2.LayerParameter()
    staged.include.add(stage=['deploy'])
    assert not cu.layer_included(staged, 1)
    assert cu.layer_included(staged, 1, stages=('deploy',))
    leveled = caffe_pb2.LayerParameter()
    leveled.include.add(min_level=1)
    assert not cu.layer_included(leveled, 0)
    assert cu.normalize_phase('TRAIN') == 0 and cu.normalize_phase(1) == 1
    with pytest.raises(ValueError):
        cu.normalize_phase(True)


def test_get_data_dim():
    data = caffe_pb2.LayerParameter(type='Data')
    assert cu.get_data_dim(data) == []
    data.transform_param.crop_size = 227
    assert cu.get_data_dim(data) == [3, 227, 227]
    data.transform_param.force_gray = True
    assert cu.get_data_dim(data) == [1, 227, 227]
    image = caffe_pb2.LayerParameter(type='ImageData')
    image.image_data_param.new_height = 20
    image.image_data_param.new_width = 30
    image.image_data_param.is_color = False
    assert cu.get_data_dim(image) == [1, 20, 30]
    memory = caffe_pb2.LayerParameter(type='MemoryData')
    memory.memory_data_param.channels = 2
    memory.memory_data_param.height = 5
    memory.memory_data_param.width = 6
    assert cu.get_data_dim(memory) == [2, 5, 6]


def test_unquoted_types_are_quoted_but_not_v1_enums(tmp_path):
    text = ('name: "x"  # type: comment\nlayer { name: "c" type: Convolution '
            'convolution_param { num_output: 2 weight_filler { type: xavier '
            '} } }\nlayers { name: "r" type: RELU }\n')
    fixed = quote_layer_types(text)
    assert 'type: "Convolution"' in fixed and 'type: "xavier"' in fixed
    assert 'type: RELU' in fixed and '# type: comment' in fixed
    path = tmp_path / 'n.prototxt'
    path.write_text('layer { name: "a" type: ReLU }')
    assert preprocessPrototxt(str(path)) == 'layer { name: "a" type: "ReLU" }'


def test_unknown_fields_of_forks_are_skipped_with_a_warning():
    text = 'layer { name: "a" type: "ReLU" relu_param { fork_only: 3 } }'
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter('always')
        net = parse_net_text(text, 'fork.prototxt')
    assert net.layer[0].name == 'a'
    assert any('fork.prototxt' in str(w.message) for w in caught)


def test_rot90_rotates_each_filter_by_180_degrees():
    w = np.arange(2 * 3 * 2 * 3).reshape(2, 3, 2, 3)
    rotated = rot90(w)
    for i in range(2):
        for j in range(3):
            np.testing.assert_array_equal(rotated[i, j], np.rot90(w[i, j], 2))
