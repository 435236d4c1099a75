"""The checked-in caffe_pb2 module is the compiled caffe.proto, with BVLC
Caffe's field numbers."""
import importlib.util
import os
import re

import pytest

from keras.caffe import _generate_pb2, caffe_pb2

# (message, field, number) from BVLC Caffe's caffe.proto.
BVLC_NUMBERS = [
    ('NetParameter', 'layer', 100), ('NetParameter', 'layers', 2),
    ('NetParameter', 'input', 3), ('NetParameter', 'input_dim', 4),
    ('NetParameter', 'input_shape', 8), ('BlobProto', 'data', 5),
    ('BlobProto', 'shape', 7), ('BlobProto', 'num', 1),
    ('BlobProto', 'width', 4), ('LayerParameter', 'blobs', 7),
    ('LayerParameter', 'include', 8), ('LayerParameter', 'convolution_param',
                                       106),
    ('LayerParameter', 'inner_product_param', 117),
    ('LayerParameter', 'batch_norm_param', 139),
    ('LayerParameter', 'scale_param', 142),
    ('LayerParameter', 'input_param', 143),
    ('LayerParameter', 'crop_param', 144),
    ('PoolingParameter', 'round_mode', 13),
    ('PoolingParameter', 'global_pooling', 12),
    ('ConvolutionParameter', 'dilation', 18),
    ('V1LayerParameter', 'type', 5), ('V1LayerParameter', 'blobs', 6),
    ('V1LayerParameter', 'convolution_param', 10),
    ('V1LayerParameter', 'inner_product_param', 17),
    ('V1LayerParameter', 'include', 32),
]


@pytest.mark.parametrize('message,field,number', BVLC_NUMBERS)
def test_bvlc_field_numbers(message, field, number):
    descriptor = getattr(caffe_pb2, message).DESCRIPTOR
    assert descriptor.fields_by_name[field].number == number


def test_v1_type_enum_and_packed_blobs():
    assert caffe_pb2.V1LayerParameter.INNER_PRODUCT == 14
    assert caffe_pb2.V1LayerParameter.DECONVOLUTION == 39
    assert caffe_pb2.TRAIN == 0 and caffe_pb2.TEST == 1
    blob = caffe_pb2.BlobProto()
    blob.data.extend([1., 2.])
    # packed: tag 0x2a, length 8, two little-endian floats
    assert blob.SerializeToString() == (b'\x2a\x08' + b'\x00\x00\x80\x3f' +
                                        b'\x00\x00\x00\x40')


def _proto_fields(text):
    """(message path, field name, number) of every field in the .proto."""
    fields, stack = set(), []
    for line in text.splitlines():
        line = line.split('//')[0].strip()
        opened = re.match(r'(message|enum)\s+(\w+)\s*\{', line)
        if opened:
            stack.append((opened.group(1), opened.group(2)))
            continue
        if line.startswith('}'):
            stack.pop()
            continue
        field = re.match(r'(optional|repeated|required)\s+[\w.]+\s+(\w+)\s*='
                         r'\s*(\d+)', line)
        if field and stack and stack[-1][0] == 'message':
            path = '.'.join(name for _, name in stack)
            fields.add((path, field.group(2), int(field.group(3))))
    return fields


def _descriptor_fields(descriptor, prefix=''):
    fields = set()
    path = prefix + descriptor.name
    for field in descriptor.fields:
        fields.add((path, field.name, field.number))
    for nested in descriptor.nested_types:
        fields |= _descriptor_fields(nested, path + '.')
    return fields


def test_module_has_every_field_of_the_proto():
    """Independent of protoc: every field written in caffe.proto is in the
    generated module with the same number, and nothing else is."""
    with open(_generate_pb2.PROTO_PATH) as f:
        expected = _proto_fields(f.read())
    actual = set()
    for message in caffe_pb2.DESCRIPTOR.message_types_by_name.values():
        actual |= _descriptor_fields(message)
    assert len(expected) > 350
    assert actual == expected


@pytest.mark.skipif(importlib.util.find_spec('grpc_tools') is None,
                    reason='grpcio-tools (protoc) is not installed')
def test_generated_module_is_in_sync_with_the_proto():
    """Compiling caffe.proto with protoc gives the checked-in module."""
    text = _generate_pb2.render_module(_generate_pb2.compile_proto())
    with open(_generate_pb2.MODULE_PATH) as f:
        assert f.read() == text, ('caffe_pb2.py is stale: run python -m '
                                  'keras.caffe._generate_pb2')


def test_proto_ships_with_the_package():
    assert os.path.exists(_generate_pb2.PROTO_PATH)
