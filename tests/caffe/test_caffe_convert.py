"""Converted Caffe models against an independent NumPy forward pass of
Caffe (tests/caffe/caffe_reference.py), in both image data formats."""
import numpy as np
import pytest
from numpy.testing import assert_allclose

from keras.caffe import caffe_pb2
from keras.caffe.convert import caffe_to_keras, create_model

from caffe_nets import NetBuilder, conv_blobs, lenet
from caffe_reference import forward

FORMATS = ['channels_first', 'channels_last']


def _keras_input(x, data_format):
    x = np.asarray(x, np.float32)
    if data_format == 'channels_last' and x.ndim == 4:
        return x.transpose(0, 2, 3, 1)
    return x


def _caffe_output(y, data_format):
    if data_format == 'channels_last' and y.ndim == 4:
        return y.transpose(0, 3, 1, 2)
    return y


def _upgraded(net):
    """The net in the current format (V1 layers upgraded), for the
    reference."""
    from keras.caffe._files import net_layers
    current = caffe_pb2.NetParameter()
    current.layer.extend(net_layers(net)[0])
    return current


def check_conversion(tmp_path, net, inputs, outputs, data_format,
                     reference_net=None, weights=None, phase='test',
                     prototxt_net=None):
    """Converts `net` (or `prototxt_net` with `net`'s weights) and checks
    every output blob (sorted by name) against the reference."""
    source = prototxt_net or net
    prototxt, caffemodel = source.write(
        tmp_path, caffemodel=weights if weights is not None
        else net.caffemodel())
    model = caffe_to_keras(prototxt, caffemodel, phase=phase,
                           data_format=data_format)
    reference = forward(_upgraded(reference_net or source.net),
                        weights if weights is not None
                        else net.caffemodel(), inputs)
    result = model.predict([_keras_input(inputs[k], data_format)
                            for k in sorted(inputs, key=list(inputs).index)])
    result = result if isinstance(result, list) else [result]
    assert len(result) == len(outputs)
    for name, value in zip(outputs, result):
        expected = reference[name]
        value = _caffe_output(value, data_format)
        assert value.shape == expected.shape, name
        scale = np.abs(expected).max() + 1e-12
        assert_allclose(value, expected, rtol=1e-4, atol=1e-5 * scale,
                        err_msg=name)
    return model


def _data(shape, seed=0):
    return np.random.RandomState(seed).standard_normal(shape)


@pytest.mark.parametrize('data_format', FORMATS)
def test_lenet(tmp_path, data_format):
    net = lenet()
    net.net.layer[-1].type = 'ReLU'       # outputs before a softmax
    model = check_conversion(tmp_path, net, {'data': _data((2, 1, 12, 12))},
                             ['prob'], data_format)
    assert [l.__class__.__name__ for l in model.layers] == [
        'InputLayer', 'Conv2D', 'MaxPooling2D', 'Conv2D', 'Activation',
        'Flatten', 'Dense', 'Activation', 'Dense', 'Activation']


@pytest.mark.parametrize('data_format', FORMATS)
def test_lenet_v1_format(tmp_path, data_format):
    """V1 `layers` with enum types, input_dim header, legacy 4-D blobs."""
    net = lenet(v1=True)
    net.net.layers[-1].type = caffe_pb2.V1LayerParameter.TANH
    model = check_conversion(tmp_path, net, {'data': _data((2, 1, 12, 12))},
                             ['prob'], data_format)
    assert model.get_layer('ip1').get_weights()[0].shape == (54, 10)


def _windows_net():
    net = NetBuilder('windows', seed=2)
    net.input('data', (2, 4, 15, 15))
    net.add('Convolution', 'conv1', 'data',
            blobs=conv_blobs(net, 8, 4, 3, group=2),
            convolution_param={'num_output': 8, 'kernel_size': [3],
                               'stride': [2], 'pad': [1], 'group': 2})
    net.add('ReLU', 'relu1', 'conv1', 'conv1',
            relu_param={'negative_slope': 0.1})
    net.add('LRN', 'norm1', 'conv1',
            lrn_param={'local_size': 3, 'alpha': 0.5, 'beta': 0.75, 'k': 2.})
    net.add('Pooling', 'pool1', 'norm1',
            pooling_param={'pool': 0, 'kernel_size': 3, 'stride': 2})
    net.add('Convolution', 'conv2', 'pool1',
            blobs=[net.random(6, 8, 3, 2), net.random(6)],
            convolution_param={'num_output': 6, 'kernel_h': 3, 'kernel_w': 2,
                               'pad_h': 1, 'pad_w': 0})
    net.add('Pooling', 'pool2', 'conv2',
            pooling_param={'pool': 1, 'kernel_size': 3, 'stride': 2,
                           'pad': 1})
    net.add('LRN', 'norm2', 'pool2',
            lrn_param={'local_size': 3, 'alpha': 0.3, 'beta': 0.6,
                       'norm_region': 1})
    net.add('InnerProduct', 'ip', 'norm2',
            blobs=[net.random(7, 6 * 3 * 2), net.random(7)],
            inner_product_param={'num_output': 7})
    net.add('Convolution', 'convd', 'conv1',
            blobs=conv_blobs(net, 4, 8, 3, bias=False),
            convolution_param={'num_output': 4, 'kernel_size': [3],
                               'dilation': [2], 'stride': [2], 'pad': [1],
                               'bias_term': False})
    net.add('Pooling', 'pool3', 'convd',
            pooling_param={'pool': 0, 'kernel_size': 2, 'stride': 2,
                           'round_mode': 1})
    net.add('Pooling', 'pool4', 'convd',
            pooling_param={'pool': 1, 'kernel_size': 2, 'stride': 2})
    return net


@pytest.mark.parametrize('data_format', FORMATS)
def test_padding_strides_groups_lrn_ceil_pooling(tmp_path, data_format):
    net = _windows_net()
    model = check_conversion(tmp_path, net, {'data': _data((2, 4, 15, 15))},
                             ['ip', 'pool3', 'pool4'], data_format)
    kinds = {l.name: l.__class__.__name__ for l in model.layers}
    assert kinds['pool1'] == 'CaffePooling2D'      # ceil mode: 4, not 3
    assert kinds['pool2'] == 'CaffePooling2D'      # padded average
    assert kinds['pool3'] == 'MaxPooling2D'        # floor == valid
    assert kinds['norm1'] == kinds['norm2'] == 'LRN2D'
    assert kinds['relu1'] == 'LeakyReLU'
    assert model.get_layer('pool1').output_shape[1:] == (
        (8, 4, 4) if data_format == 'channels_first' else (4, 4, 8))


def _inception_net():
    net = NetBuilder('inception', seed=3)
    net.input('data', (2, 3, 9, 9))
    net.add('Convolution', 'inc/1x1', 'data', blobs=conv_blobs(net, 4, 3, 1),
            convolution_param={'num_output': 4, 'kernel_size': [1]})
    net.add('ReLU', 'inc/relu_1x1', 'inc/1x1', 'inc/1x1')
    net.add('Convolution', 'inc/3x3_reduce', 'data',
            blobs=conv_blobs(net, 3, 3, 1),
            convolution_param={'num_output': 3, 'kernel_size': [1]})
    net.add('Convolution', 'inc/3x3', 'inc/3x3_reduce',
            blobs=conv_blobs(net, 4, 3, 3),
            convolution_param={'num_output': 4, 'kernel_size': [3],
                               'pad': [1]})
    net.add('Pooling', 'inc/pool', 'data',
            pooling_param={'pool': 0, 'kernel_size': 3, 'stride': 1,
                           'pad': 1})
    net.add('Convolution', 'inc/pool_proj', 'inc/pool',
            blobs=conv_blobs(net, 2, 3, 1),
            convolution_param={'num_output': 2, 'kernel_size': [1]})
    net.add('Concat', 'inc/output', ['inc/1x1', 'inc/3x3', 'inc/pool_proj'])
    factor = 2.5
    net.add('BatchNorm', 'inc/bn', 'inc/output', 'inc/output',
            blobs=[net.random(10) * factor,
                   (net.rng.rand(10) + 0.5) * factor, [factor]],
            batch_norm_param={'eps': 1e-3})
    net.add('Scale', 'inc/scale', 'inc/output', 'inc/output',
            blobs=[net.random(10), net.random(10)],
            scale_param={'bias_term': True})
    net.add('Convolution', 'res/proj', 'data',
            blobs=conv_blobs(net, 10, 3, 1),
            convolution_param={'num_output': 10, 'kernel_size': [1]})
    net.add('Eltwise', 'res/sum', ['inc/output', 'res/proj'],
            eltwise_param={'operation': 1, 'coeff': [1., -0.5]})
    net.add('Pooling', 'pool/global', 'res/sum',
            pooling_param={'pool': 1, 'global_pooling': True})
    net.add('Pooling', 'pool/whole', 'res/sum',
            pooling_param={'pool': 0, 'kernel_size': 9, 'stride': 1})
    net.add('Eltwise', 'pool/both', ['pool/global', 'pool/whole'])
    net.add('InnerProduct', 'fc', 'pool/both',
            blobs=[net.random(3, 10), net.random(3)],
            inner_product_param={'num_output': 3})
    return net


@pytest.mark.parametrize('data_format', FORMATS)
def test_inception_block(tmp_path, data_format):
    """Concat, BatchNorm (scale factor), Scale, weighted Eltwise, global
    pooling, names with '/' and in-place layers."""
    model = check_conversion(tmp_path, _inception_net(),
                             {'data': _data((2, 3, 9, 9))}, ['fc'],
                             data_format)
    assert model.caffe_layer_names['inc/3x3'] == 'inc_3x3'
    assert model.get_layer('inc_scale').__class__.__name__ == 'Scale'
    assert model.get_layer('pool_whole').__class__.__name__ == \
        'GlobalMaxPooling2D'


def test_converted_model_fine_tunes(tmp_path):
    """Gradients reach every converted weight: one training step changes
    all of them and gives a finite loss."""
    net = lenet()
    for layer in net.net.layer:
        if layer.type == 'ReLU':
            layer.type = 'TanH'          # no unit without gradient
    model = caffe_to_keras(*net.write(tmp_path), phase='test',
                           data_format='channels_first')
    before = [w.copy() for w in model.get_weights()]
    model.compile('sgd', 'categorical_crossentropy')
    x = _data((2, 1, 12, 12)).astype('float32')
    y = np.eye(5, dtype='float32')[[1, 3]]
    loss = model.train_on_batch(x, y)
    assert np.isfinite(loss)
    for old, new in zip(before, model.get_weights()):
        assert np.any(old != new)


def test_header_inputs_with_input_shape(tmp_path):
    """`input` + `input_shape` declare the inputs, in declaration order."""
    net = NetBuilder('two_inputs')
    net.net.input.extend(['b', 'a'])
    for dims in ((2, 3), (2, 3)):
        net.net.input_shape.add().dim.extend(dims)
    net.add('Eltwise', 'diff', ['a', 'b'],
            eltwise_param={'operation': 1, 'coeff': [1., -1.]})
    prototxt, caffemodel = net.write(tmp_path)
    model = caffe_to_keras(prototxt, None)
    assert [t.name.split(':')[0].split('/')[0] for t in model.inputs] == \
        ['b', 'a']
    b, a = _data((2, 3), 1), _data((2, 3), 2)
    assert_allclose(model.predict([b, a]), a - b, rtol=1e-6, atol=1e-6)


def _train_and_deploy():
    train = NetBuilder('train', seed=4)
    for phase in (0, 1):
        train.add('Data', 'data%d' % phase, top=['data', 'label'],
                  include=[{'phase': phase}],
                  transform_param={'crop_size': 8, 'mirror': phase == 0},
                  data_param={'source': 'db', 'batch_size': 2})
    deploy = NetBuilder('deploy', seed=4)
    deploy.input('data', (2, 3, 8, 8))
    for net in (train, deploy):
        net.add('Convolution', 'conv1', 'data',
                blobs=conv_blobs(train, 4, 3, 3),
                convolution_param={'num_output': 4, 'kernel_size': [3]})
        net.add('ReLU', 'relu1', 'conv1', 'conv1')
        net.add('Pooling', 'pool1', 'conv1',
                pooling_param={'pool': 0, 'kernel_size': 2, 'stride': 2})
        net.add('InnerProduct', 'fc', 'pool1',
                blobs=[train.random(3, 36), train.random(3)],
                inner_product_param={'num_output': 3})
    train.add('SoftmaxWithLoss', 'loss', ['fc', 'label'])
    train.add('Accuracy', 'accuracy', ['fc', 'label'],
              include=[{'phase': 1}])
    deploy.add('Softmax', 'prob', 'fc')
    deploy.weights = {}
    return train, deploy


@pytest.mark.parametrize('data_format', FORMATS)
def test_train_snapshot_into_deploy_prototxt(tmp_path, data_format):
    train, deploy = _train_and_deploy()
    deploy.net.layer[-1].type = 'TanH'     # compare values before a softmax
    snapshot = train.caffemodel()
    check_conversion(tmp_path, train, {'data': _data((2, 3, 8, 8))},
                     ['prob'], data_format, weights=snapshot,
                     prototxt_net=deploy)


@pytest.mark.parametrize('phase', ['train', 'test'])
def test_train_prototxt_converts_without_labels(tmp_path, phase):
    """Data layers of both phases, labels, SoftmaxWithLoss (its softmax is
    kept, its label dropped), Accuracy (dropped)."""
    train, _ = _train_and_deploy()
    model = check_conversion(tmp_path, train, {'data': _data((2, 3, 8, 8))},
                             ['loss'], 'channels_first', phase=phase)
    assert len(model.inputs) == 1
    assert model.input_shape == (None, 3, 8, 8)


def _misc_net():
    net = NetBuilder('misc', seed=5)
    net.input('data', (2, 4, 6, 6))
    net.add('PReLU', 'prelu', 'data', 'a', blobs=[net.random(4)])
    net.add('ELU', 'elu', 'data', 'b', elu_param={'alpha': 0.7})
    net.add('Sigmoid', 'sig', 'data', 'c')
    net.add('TanH', 'tanh', 'data', 'd')
    net.add('AbsVal', 'abs', 'data', 'e')
    net.add('Power', 'power', 'data', 'f',
            power_param={'power': 3., 'scale': 0.5, 'shift': 1.})
    net.add('BNLL', 'bnll', 'data', 'g')
    net.add('Dropout', 'drop', 'g', 'g', dropout_param={'dropout_ratio': .3})
    net.add('Eltwise', 'prod', ['a', 'b'], eltwise_param={'operation': 0})
    net.add('Eltwise', 'max', ['c', 'd', 'e'], eltwise_param={'operation': 2})
    net.add('Eltwise', 'sum', ['f', 'g'])
    net.add('PReLU', 'prelu2', 'sum', 'h', blobs=[net.random(1)],
            prelu_param={'channel_shared': True})
    net.add('Deconvolution', 'deconv', 'data',
            blobs=[net.random(4, 2, 3, 3), net.random(4)],
            convolution_param={'num_output': 4, 'kernel_size': [3],
                               'stride': [2], 'pad': [1], 'group': 2})
    net.add('Crop', 'crop', ['deconv', 'data'], crop_param={'offset': [1]})
    net.add('Slice', 'slice', 'crop', ['s1', 's2', 's3'],
            slice_param={'axis': 1, 'slice_point': [1, 3]})
    net.add('Split', 'split', 's2', ['s2a', 's2b'])
    net.add('Eltwise', 'sum2', ['s2a', 's2b'])
    net.add('Bias', 'bias', 's3', 's3', blobs=[net.random(1)])
    net.add('Flatten', 'flat', 'prod')
    net.add('InnerProduct', 'ipt', 'flat', blobs=[net.random(144, 5)],
            inner_product_param={'num_output': 5, 'transpose': True,
                                 'bias_term': False})
    net.add('Reshape', 'reshape', 'max',
            reshape_param={'shape': {'dim': [0, 4, -1]}})
    net.add('Softmax', 'sm', 'reshape', softmax_param={'axis': 2})
    net.add('Concat', 'cat', ['s1', 'sum2', 's3'])
    net.add('Scale', 'scale2', 'h', 'i', blobs=[net.random(4)])
    return net


@pytest.mark.parametrize('data_format', FORMATS)
def test_less_common_layers(tmp_path, data_format):
    net = _misc_net()
    model = check_conversion(tmp_path, net, {'data': _data((2, 4, 6, 6))},
                             ['cat', 'i', 'ipt', 'sm'], data_format)
    kinds = {l.__class__.__name__ for l in model.layers}
    assert {'PReLU', 'ELU', 'CaffeAbsVal', 'CaffePower', 'Multiply',
            'Maximum', 'Add', 'Conv2DTranspose', 'Cropping2D', 'CaffeSlice',
            'Scale', 'Reshape', 'Softmax', 'Dropout'} <= kinds


def test_create_model_from_layer_list_uses_input_dim():
    """The fork's create_model(layers, phase, input_dim): the blob read
    before any layer writes it is the input, of size input_dim."""
    net = lenet()
    layers = list(net.net.layer)[1:]           # without the Input layer
    model = create_model(layers, 1, (1, 12, 12),
                         data_format='channels_first')
    assert model.input_shape == (None, 1, 12, 12)
    assert model.output_shape == (None, 5)
