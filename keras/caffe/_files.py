"""Reading Caffe files: text net definitions (prototxt) through
`google.protobuf.text_format`, binary caffemodels through `ParseFromString`,
and the upgrade of V1 layers to the current layer format."""
import os
import re
import warnings

from google.protobuf import message as protobuf_message
from google.protobuf import text_format

from . import caffe_pb2
from .caffe_utils import V1_TYPE_NAMES
from ._weights import canonical_blobs

_TOKENS = re.compile(r'''
    (?P<comment>\#[^\n]*)
  | (?P<string>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<word>[A-Za-z0-9_.+\-]+)
  | (?P<open>[{<])
  | (?P<close>[}>])
  | (?P<other>\s+|.)
''', re.VERBOSE | re.DOTALL)


def quote_layer_types(text):
    """Quotes the unquoted values of `type:` fields (`type: Convolution` ->
    `type: "Convolution"`), which Caffe's own parser rejects too but some
    published prototxts contain. The `type` of V1 layers (`layers { ... }`)
    is an enum and stays unquoted."""
    pieces, blocks, last_word = [], [], None
    pending_type = False   # just read `type` `:` outside a V1 layer
    saw_type = False
    for match in _TOKENS.finditer(text):
        kind, token = match.lastgroup, match.group()
        if kind == 'word':
            if pending_type:
                token = '"%s"' % token
                pending_type = False
            saw_type = token == 'type'
            last_word = token
        elif kind == 'other' and token == ':' and saw_type:
            pending_type = not (blocks and blocks[-1] == 'layers')
            saw_type = False
        elif kind == 'open':
            blocks.append(last_word)
            saw_type = pending_type = False
        elif kind == 'close':
            if blocks:
                blocks.pop()
            saw_type = pending_type = False
        elif kind in ('string',) or (kind == 'other' and
                                     not token.isspace()):
            saw_type = pending_type = False
        pieces.append(token)
    return ''.join(pieces)


def read_text(path):
    """The text of a prototxt file.

    # Raises
        ValueError: the file is not UTF-8 text (a binary caffemodel?).
    """
    with open(path, 'rb') as f:
        data = f.read()
    try:
        return data.decode('utf-8')
    except UnicodeDecodeError as e:
        raise ValueError('%s is not a text prototxt (not UTF-8 text: %s); '
                         'was a binary caffemodel given instead?' % (path, e))


def parse_net_text(text, source='<prototxt>'):
    """A `NetParameter` from prototxt text.

    Fields unknown to BVLC Caffe's schema (those of Caffe forks) are
    skipped with a warning.

    # Raises
        ValueError: the text is not a valid net definition.
    """
    net = caffe_pb2.NetParameter()
    try:
        text_format.Merge(text, net)
        return net
    except text_format.ParseError as e:
        if 'has no field named' not in str(e):
            raise ValueError('%s is not a valid Caffe prototxt: %s'
                             % (source, e))
        first_error = e
    net = caffe_pb2.NetParameter()
    try:
        text_format.Merge(text, net, allow_unknown_field=True)
    except text_format.ParseError as e:
        raise ValueError('%s is not a valid Caffe prototxt: %s' % (source, e))
    warnings.warn('%s has fields unknown to BVLC Caffe\'s schema; they are '
                  'ignored (first: %s).' % (source, first_error))
    return net


def _read_varint(f, path):
    value, shift = 0, 0
    while True:
        byte = f.read(1)
        if not byte or shift > 63:
            raise ValueError('%s is not a valid caffemodel (a corrupt or '
                             'truncated file?): bad varint at byte %d.'
                             % (path, f.tell()))
        value |= (byte[0] & 0x7f) << shift
        if byte[0] < 0x80:
            return value
        shift += 7


def _top_level_fields(f, size, path):
    """(field number, start, length) of the length-delimited top-level
    fields of the serialized message in file `f` (read by seeking: the
    payloads are not read); other fields are skipped."""
    while f.tell() < size:
        key = _read_varint(f, path)
        field, wire = key >> 3, key & 7
        if wire == 2:
            length = _read_varint(f, path)
            start = f.tell()
            if start + length > size:
                raise ValueError('%s is not a valid caffemodel (a truncated '
                                 'file?): field %d runs past the end.'
                                 % (path, field))
            yield field, start, length
            f.seek(start + length)
        elif wire == 0:
            _read_varint(f, path)
        elif wire in (1, 5):
            f.seek(8 if wire == 1 else 4, os.SEEK_CUR)
        else:
            raise ValueError('%s is not a valid caffemodel (a corrupt '
                             'file?): wire type %d at byte %d.'
                             % (path, wire, f.tell()))
    if f.tell() > size:
        raise ValueError('%s is not a valid caffemodel (a truncated file?).'
                         % (path,))


def iter_caffemodel_weights(path):
    """Yields `(layer name, holder)` for every layer of a caffemodel that
    has blobs; `holder` is a list holding the layer's arrays
    (`_weights.canonical_blobs`): `holder.pop()` takes them, so that no
    other reference keeps them alive.

    The layers are read and parsed (`ParseFromString`) one at a time and
    each layer's bytes and message are released before the next is read,
    so the memory needed is about twice the largest layer rather than
    twice the file.

    # Raises
        ValueError: a corrupt or truncated file, or one without layers.
    """
    found = False
    with open(path, 'rb') as f:
        size = os.fstat(f.fileno()).st_size
        for field, start, length in _top_level_fields(f, size, path):
            if field not in (100, 2):     # NetParameter.layer / .layers
                continue
            message = caffe_pb2.LayerParameter() if field == 100 else \
                caffe_pb2.V1LayerParameter()
            data = f.read(length)
            try:
                message.ParseFromString(data)
            except (protobuf_message.DecodeError, RuntimeError,
                    ValueError) as e:
                raise ValueError('%s is not a valid caffemodel (a corrupt or '
                                 'truncated file?): %s' % (path, e))
            del data
            found = True
            name = message.name
            arrays = canonical_blobs(message) if len(message.blobs) else []
            del message
            holder = [arrays] if arrays else None
            del arrays
            if holder:
                yield name, holder
            del holder
    if not found:
        raise ValueError('%s holds no layers: not a caffemodel of trained '
                         'weights.' % (path,))


def upgrade_v1_layer(v1_layer):
    """The current-format `LayerParameter` equivalent to a V1 layer: type
    name, connections, phase rules, blobs and per-type parameters.

    # Raises
        ValueError: a V0 layer nested in the V1 layer (the oldest format).
    """
    if v1_layer.HasField('layer'):
        raise ValueError('Layer "%s" is in Caffe\'s V0 format; convert the '
                         'file with Caffe\'s upgrade_net_proto_text / '
                         'upgrade_net_proto_binary tools first.'
                         % (v1_layer.name or v1_layer.layer.name,))
    layer = caffe_pb2.LayerParameter()
    layer.name = v1_layer.name
    layer.type = V1_TYPE_NAMES.get(v1_layer.type, str(v1_layer.type))
    layer.bottom.extend(v1_layer.bottom)
    layer.top.extend(v1_layer.top)
    layer.include.extend(v1_layer.include)
    layer.exclude.extend(v1_layer.exclude)
    layer.loss_weight.extend(v1_layer.loss_weight)
    layer.blobs.extend(v1_layer.blobs)
    for field, value in v1_layer.ListFields():
        if field.name.endswith('_param') and field.message_type is not None:
            getattr(layer, field.name).CopyFrom(value)
    return layer


def net_layers(net, source='<net>'):
    """The layers of a `NetParameter` in the current format (V1 layers
    upgraded) and the format found, `'V1'` or `'V2'`.

    # Raises
        ValueError: no layers, or layers of both formats.
    """
    if len(net.layer) and len(net.layers):
        raise ValueError('%s mixes the current (`layer`) and the V1 '
                         '(`layers`) formats.' % (source,))
    if len(net.layers):
        return [upgrade_v1_layer(layer) for layer in net.layers], 'V1'
    if len(net.layer):
        return list(net.layer), 'V2'
    raise ValueError('%s defines no layers.' % (source,))
