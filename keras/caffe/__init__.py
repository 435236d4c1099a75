"""Caffe model conversion: a Caffe net definition (prototxt) and its trained
weights (caffemodel) become a Keras model computing the same outputs.

- `keras.caffe.convert`: `caffe_to_keras(prototext, caffemodel, phase)` and
  its steps (`create_model`, `convert_weights`, `load_weights`).
- `keras.caffe.caffe2keras`: the command-line tool
  (`python -m keras.caffe.caffe2keras -load_path DIR -prototxt F
  -caffemodel F`).
- `keras.caffe.caffe_pb2`: the protobuf classes of Caffe's schema
  (`caffe.proto`, BVLC field numbers).
- `keras.caffe.caffe_utils`: layer types, phase rules and graph helpers.
- `keras.caffe.extra_layers`: the Keras layers for Caffe operations without
  a Keras 2 equivalent (`LRN2D`, Caffe's pooling, ...), registered as custom
  objects so that saved converted models load after `import keras.caffe`.
"""
from . import caffe_pb2  # noqa: F401
from . import caffe_utils  # noqa: F401
from . import extra_layers  # noqa: F401
from . import convert  # noqa: F401
from .convert import caffe_to_keras  # noqa: F401
