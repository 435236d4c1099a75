"""Private helpers shared by the attention layers: input checks that name
the layer, masks derived from all-zero rows, and head splitting."""
from ... import backend as K
from .._utils import layer_error, to_shape_tuple


def as_shape_list(layer, input_shape, counts, what):
    """`input_shape` as a list of shape tuples, checking how many inputs
    came (`counts`: the accepted numbers) and naming them in errors."""
    if not isinstance(input_shape, list) or \
            (input_shape and not isinstance(input_shape[0], (tuple, list))
             and not hasattr(input_shape[0], 'as_list')):
        raise layer_error(layer, 'expected a list of %s input tensors (%s), '
                          'got a single input of shape %s.'
                          % (' or '.join(str(c) for c in counts), what,
                             to_shape_tuple(input_shape)))
    shapes = [to_shape_tuple(s) for s in input_shape]
    if len(shapes) not in counts:
        raise layer_error(layer, 'expected a list of %s input tensors (%s), '
                          'got %d.' % (' or '.join(str(c) for c in counts),
                                       what, len(shapes)))
    return shapes


def check_ranks(layer, shapes, ranks, names):
    """Raises a ValueError naming the input whose rank differs."""
    for shape, rank, name in zip(shapes, ranks, names):
        if len(shape) != rank:
            raise layer_error(layer, 'expected the %s input of rank %d '
                              '(batch axis included), got shape %s.'
                              % (name, rank, shape))


def check_equal(layer, shapes, axis, names, what):
    """Raises a ValueError if the known sizes of `axis` differ."""
    sizes = [s[axis] for s in shapes]
    known = [d for d in sizes if d is not None]
    if len(set(known)) > 1:
        raise layer_error(layer, 'the %s inputs must have the same %s; got '
                          'shapes %s.' % (' and '.join(names), what,
                                          ', '.join(str(s) for s in shapes)))


def check_known_dim(layer, shape, axis, name):
    """Size of `axis` of the named input; ValueError if it is unknown."""
    if shape[axis] is None:
        raise layer_error(layer, 'the last dimension of the %s input must be '
                          'known, got shape %s.' % (name, shape))
    return int(shape[axis])


def nonzero_rows(x):
    """1.0 where a row of `x` (last axis) has a non-zero entry, else 0.0."""
    return K.cast(K.not_equal(K.sum(K.abs(x), axis=-1), 0), K.dtype(x))


def masked_rows(x, mask):
    """`x` multiplied by its Keras `mask` (when given), and 1.0 for its rows
    that are then not all zero. Without a mask the rows of zeros are the
    masked ones, so `x` is returned as is."""
    if mask is not None:
        x = x * K.expand_dims(K.cast(mask, K.dtype(x)))
    return x, nonzero_rows(x)


def split_heads(x, n_heads, head_dim):
    """(batch, steps, n_heads * head_dim) -> (batch * n_heads, steps,
    head_dim), head `i` being the feature slice `[i*head_dim, (i+1)*head_dim)`
    (rows batch-major: `b * n_heads + i`)."""
    shape = K.shape(x)
    x = K.reshape(x, (shape[0], shape[1], n_heads, head_dim))
    x = K.permute_dimensions(x, (0, 2, 1, 3))
    return K.reshape(x, (-1, shape[1], head_dim))


def merge_heads(x, n_heads, head_dim):
    """Inverse of `split_heads`: heads concatenated along the features."""
    shape = K.shape(x)
    x = K.reshape(x, (-1, n_heads, shape[1], head_dim))
    x = K.permute_dimensions(x, (0, 2, 1, 3))
    return K.reshape(x, (-1, shape[1], n_heads * head_dim))


def repeat_for_heads(x, n_heads):
    """(batch, ...) -> (batch * n_heads, ...), each row repeated `n_heads`
    times in a row (the order of `split_heads`)."""
    return K.repeat_elements(x, n_heads, axis=0)


def mask_at(mask, index):
    """Entry `index` of a list of masks (None when there is no list)."""
    if isinstance(mask, (list, tuple)) and index < len(mask):
        return mask[index]
    return None


class ForkLayerMethods:
    """The Keras 1 method names the fork's attention layers had."""

    def get_output_shape_for(self, input_shape):
        """The fork's (Keras 1) name of `compute_output_shape`."""
        return self.compute_output_shape(input_shape)

    def preprocess_input(self, x):
        """The input as the fork's attention step received it (as is)."""
        return x
