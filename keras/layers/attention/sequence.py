"""Sequence-wise (global, Luong-style) attention of
keras-utility-layer-collection."""
from ... import backend as K
from ... import initializers
from ...engine.base_layer import Layer
from ...utils.generic_utils import get_custom_objects
from .._utils import layer_error
from ._common import (as_shape_list, check_ranks, check_equal,
                      check_known_dim, mask_at)
from .scoring import masked_softmax

SIMILARITIES = ('additive', 'multiplicative')


class SequenceAttention(Layer):
    """Attention of every step of a query sequence over a source sequence.

    For each query step `i`, weights over the source steps `j` are the
    softmax of a similarity `e[i, j]`, and the output at `i` is the
    weighted sum of the source vectors:

        additive:       e[i, j] = v_a . tanh([source_j; query_i] . w_a)
        multiplicative: e[i, j] = (query_i . w_a) . source_j
        output_i = sum_j softmax_j(e[i, :]) source_j

    A callable `similarity(source, query)` returning the scores `(batch,
    query_steps, source_steps)` may be given instead; configs store its
    name, which loads back through `custom_objects`.

    This is the computation keras-utility-layer-collection describes; its
    code contracted the softmax over the wrong axis (its additive scores did
    not depend on the query at all). Names, arguments and weights are its
    own. A source mask excludes the masked source steps; the output carries
    the query's mask. The two sequences may have different lengths.

    # Arguments
        similarity: 'additive', 'multiplicative' or a callable.
        kernel_initializer: initializer of the weights.

    # Input shape
        A list `[source, query]`: `(batch, source_steps, d_source)`,
        `(batch, query_steps, d_query)`.

    # Output shape
        `(batch, query_steps, d_source)`.

    # Weights
        additive: `w_a (d_source + d_query, d_source)`, `v_a (1,
        d_source)`; multiplicative: `w_a (d_query, d_source)`.

    # Raises
        ValueError: an unknown similarity, inputs that are not a list of two
            rank-3 tensors, or different batch sizes.
    """

    def __init__(self, similarity, kernel_initializer='glorot_uniform',
                 **kwargs):
        super().__init__(**kwargs)
        if isinstance(similarity, str) and similarity not in SIMILARITIES:
            # A callable saved by name (see get_config).
            similarity = get_custom_objects().get(similarity, similarity)
        if not callable(similarity) and similarity not in SIMILARITIES:
            raise layer_error(self, '`similarity` must be a callable or one '
                              'of %s, got %r.' % (SIMILARITIES, similarity))
        self.supports_masking = True
        self.similarity = similarity
        self.kernel_initializer = initializers.get(kernel_initializer)

    def _shapes(self, input_shape):
        names = ['source', 'query']
        shapes = as_shape_list(self, input_shape, (2,), '[source, query]')
        check_ranks(self, shapes, [3, 3], names)
        check_equal(self, shapes, 0, names, 'batch size')
        return shapes

    def build(self, input_shape):
        source, query = self._shapes(input_shape)
        d_source = check_known_dim(self, source, -1, 'source')
        d_query = check_known_dim(self, query, -1, 'query')
        if self.similarity == 'additive':
            self.w_a = self.add_weight(name='w_a',
                                       shape=(d_source + d_query, d_source),
                                       initializer=self.kernel_initializer)
            self.v_a = self.add_weight(name='v_a', shape=(1, d_source),
                                       initializer=self.kernel_initializer)
        elif self.similarity == 'multiplicative':
            self.w_a = self.add_weight(name='w_a', shape=(d_query, d_source),
                                       initializer=self.kernel_initializer)
        self.d_source = d_source
        self.built = True

    def _scores(self, source, query):
        if callable(self.similarity):
            return self.similarity(source, query)
        if self.similarity == 'multiplicative':
            return K.batch_dot(K.dot(query, self.w_a), source, axes=(2, 2))
        # [source_j; query_i] . w_a = source_j . w_s + query_i . w_q
        w_s, w_q = self.w_a[:self.d_source], self.w_a[self.d_source:]
        hidden = K.tanh(K.expand_dims(K.dot(query, w_q), 2) +
                        K.expand_dims(K.dot(source, w_s), 1))
        return K.sum(hidden * self.v_a[0], axis=-1)

    def call(self, inputs, mask=None):
        source, query = inputs
        source_mask = mask_at(mask, 0)
        if source_mask is not None:
            source_mask = K.expand_dims(K.cast(source_mask, K.floatx()), 1)
        weights = masked_softmax(self._scores(source, query), source_mask)
        return K.batch_dot(weights, source, axes=(2, 1))

    def compute_output_shape(self, input_shape):
        source, query = self._shapes(input_shape)
        return (query[0], query[1], source[2])

    def compute_mask(self, inputs, mask=None):
        return mask_at(mask, 1)

    def get_config(self):
        config = super().get_config()
        similarity = self.similarity
        config['similarity'] = getattr(similarity, '__name__', similarity)
        config['kernel_initializer'] = initializers.serialize(
            self.kernel_initializer)
        return config
