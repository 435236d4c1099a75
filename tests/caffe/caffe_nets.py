"""Small Caffe models built with the project's protobuf classes (seeded
random weights), written as prototxt + caffemodel files for the tests."""
import os

import numpy as np
from google.protobuf import text_format

from keras.caffe import caffe_pb2


def fill(message, values):
    """Sets the fields of a protobuf message from a dict (lists for
    repeated fields, dicts for messages, lists of dicts for repeated
    messages)."""
    for key, value in values.items():
        field = getattr(message, key)
        if isinstance(value, dict):
            fill(field, value)
        elif isinstance(value, (list, tuple)):
            for item in value:
                if isinstance(item, dict):
                    fill(field.add(), item)
                else:
                    field.append(item)
        else:
            setattr(message, key, value)
    return message


def set_blob(blob, array, legacy=False):
    """Stores `array` in a BlobProto (legacy: the 4-D num/channels/height/
    width fields, padded with leading ones)."""
    array = np.asarray(array, np.float32)
    if legacy:
        dims = (1,) * (4 - array.ndim) + array.shape
        blob.num, blob.channels, blob.height, blob.width = dims
    else:
        blob.shape.dim.extend(array.shape)
    # The packed `data` field (number 5) in wire format: fast for big blobs.
    payload = array.astype('<f4').tobytes()
    size, length = len(payload), bytearray()
    while True:
        length.append((size & 0x7f) | (0x80 if size > 0x7f else 0))
        size >>= 7
        if not size:
            break
    blob.MergeFromString(b'\x2a' + bytes(length) + payload)


class NetBuilder(object):
    """Builds a net layer by layer; `blobs` given to `add` become the
    weights of the caffemodel (not of the prototxt)."""

    def __init__(self, name='net', seed=0, v1=False):
        self.net = caffe_pb2.NetParameter(name=name)
        self.rng = np.random.RandomState(seed)
        self.v1 = v1
        self.weights = {}

    def random(self, *shape, scale=0.5):
        return (self.rng.standard_normal(shape) * scale).astype(np.float32)

    def add(self, kind, name, bottom=(), top=None, blobs=(), **params):
        layer = self.net.layers.add() if self.v1 else self.net.layer.add()
        layer.name = name
        layer.type = getattr(caffe_pb2.V1LayerParameter, kind) if self.v1 \
            else kind
        layer.bottom.extend([bottom] if isinstance(bottom, str) else bottom)
        top = name if top is None else top
        layer.top.extend([top] if isinstance(top, str) else top)
        fill(layer, params)
        if blobs:
            self.weights[name] = [np.asarray(b, np.float32) for b in blobs]
        return layer

    def input(self, name, shape):
        return self.add('Input', name, top=name,
                        input_param={'shape': [{'dim': list(shape)}]})

    def caffemodel(self, legacy=None):
        """The NetParameter of trained weights: the layers with blobs."""
        legacy = self.v1 if legacy is None else legacy
        model = caffe_pb2.NetParameter()
        model.CopyFrom(self.net)
        for layer in (model.layers if self.v1 else model.layer):
            for array in self.weights.get(layer.name, []):
                set_blob(layer.blobs.add(), array, legacy)
        return model

    def write(self, folder, stem='net', caffemodel=None):
        """Writes `stem.prototxt` and `stem.caffemodel`; returns both
        paths."""
        prototxt = os.path.join(str(folder), stem + '.prototxt')
        weights = os.path.join(str(folder), stem + '.caffemodel')
        with open(prototxt, 'w') as f:
            f.write(text_format.MessageToString(self.net))
        model = caffemodel if caffemodel is not None else self.caffemodel()
        with open(weights, 'wb') as f:
            f.write(model.SerializeToString())
        return prototxt, weights


def conv_blobs(net, out, inp, kh, kw=None, group=1, bias=True):
    kw = kh if kw is None else kw
    blobs = [net.random(out, inp // group, kh, kw)]
    return blobs + [net.random(out)] if bias else blobs


def lenet(v1=False, seed=1):
    """Conv-pool-conv-relu-fc-relu-fc-softmax on (2, 1, 12, 12)."""
    net = NetBuilder('lenet', seed, v1=v1)
    if v1:
        net.net.input.append('data')
        net.net.input_dim.extend([2, 1, 12, 12])
        t = dict(CONV='CONVOLUTION', POOL='POOLING', IP='INNER_PRODUCT',
                 RELU='RELU', SOFTMAX='SOFTMAX')
    else:
        net.input('data', (2, 1, 12, 12))
        t = dict(CONV='Convolution', POOL='Pooling', IP='InnerProduct',
                 RELU='ReLU', SOFTMAX='Softmax')
    net.add(t['CONV'], 'conv1', 'data', blobs=conv_blobs(net, 4, 1, 3),
            convolution_param={'num_output': 4, 'kernel_size': [3]})
    net.add(t['POOL'], 'pool1', 'conv1',
            pooling_param={'pool': 0, 'kernel_size': 2, 'stride': 2})
    net.add(t['CONV'], 'conv2', 'pool1', blobs=conv_blobs(net, 6, 4, 3),
            convolution_param={'num_output': 6, 'kernel_size': [3]})
    net.add(t['RELU'], 'relu2', 'conv2', 'conv2')
    net.add(t['IP'], 'ip1', 'conv2', blobs=[net.random(10, 6 * 3 * 3),
                                            net.random(10)],
            inner_product_param={'num_output': 10})
    net.add(t['RELU'], 'relu3', 'ip1', 'ip1')
    net.add(t['IP'], 'ip2', 'ip1', blobs=[net.random(5, 10), net.random(5)],
            inner_product_param={'num_output': 5})
    net.add(t['SOFTMAX'], 'prob', 'ip2')
    return net


def vgg16(seed=0):
    """VGG-16 (138M parameters, 224 x 224 inputs) with random weights."""
    net = NetBuilder('VGG_ILSVRC_16_layers', seed)
    net.input('data', (1, 3, 224, 224))
    bottom, channels = 'data', 3
    for block, (width, convs) in enumerate([(64, 2), (128, 2), (256, 3),
                                            (512, 3), (512, 3)]):
        for i in range(convs):
            name = 'conv%d_%d' % (block + 1, i + 1)
            net.add('Convolution', name, bottom,
                    blobs=conv_blobs(net, width, channels, 3),
                    convolution_param={'num_output': width, 'pad': [1],
                                       'kernel_size': [3]})
            net.add('ReLU', 'relu%d_%d' % (block + 1, i + 1), name, name)
            bottom, channels = name, width
        net.add('Pooling', 'pool%d' % (block + 1), bottom,
                pooling_param={'pool': 0, 'kernel_size': 2, 'stride': 2})
        bottom = 'pool%d' % (block + 1)
    inputs = 512 * 7 * 7
    for name, outputs in (('fc6', 4096), ('fc7', 4096), ('fc8', 1000)):
        net.add('InnerProduct', name, bottom,
                blobs=[net.random(outputs, inputs, scale=0.01),
                       net.random(outputs)],
                inner_product_param={'num_output': outputs})
        if name != 'fc8':
            net.add('ReLU', 'relu' + name[2:], name, name)
            net.add('Dropout', 'drop' + name[2:], name, name)
        bottom, inputs = name, outputs
    net.add('Softmax', 'prob', 'fc8')
    return net
