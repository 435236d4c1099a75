"""Embedding layer."""
from __future__ import absolute_import
from __future__ import division
from __future__ import print_function

from .. import backend as K
from .. import initializers
from .. import regularizers
from .. import constraints
from ..engine.base_layer import Layer
from ..legacy import interfaces
from ._utils import layer_error, to_shape_tuple

__all__ = ['Embedding']


class Embedding(Layer):
    """Turns positive integers (indexes) into dense vectors of fixed size,
    e.g. `[[4], [20]] -> [[0.25, 0.1], [0.6, -0.2]]`.

    It can only be used as the first layer in a model, or after a layer
    producing integer indexes.

    # Example
    ```python
      model = Sequential()
      model.add(Embedding(1000, 64, input_length=10))
      # input: integer matrix of shape (batch, 10), values < 1000;
      # model.output_shape == (None, 10, 64)
    ```

    # Arguments
        input_dim: int > 0. Size of the vocabulary (maximum index + 1).
        output_dim: int >= 0. Dimension of the dense embedding.
        embeddings_initializer: Initializer for the `embeddings` matrix.
        embeddings_regularizer: Regularizer function applied to the
            `embeddings` matrix.
        activity_regularizer: Regularizer function applied to the output.
        embeddings_constraint: Constraint function applied to the
            `embeddings` matrix.
        mask_zero: Whether index 0 is padding to be masked out. Then
            index 0 cannot be used in the vocabulary (input_dim should be
            vocabulary size + 1).
        input_length: Length of input sequences, when it is constant (an
            integer, or a tuple for inputs of rank > 2). Required to
            connect `Flatten` then `Dense` layers downstream.

    # Input shape
        2D tensor with shape: `(batch_size, sequence_length)`.

    # Output shape
        3D tensor with shape: `(batch_size, sequence_length, output_dim)`.

    # Raises
        ValueError: non-positive `input_dim`, or an input whose length
            disagrees with `input_length`.
    """

    @interfaces.legacy_embedding_support
    def __init__(self, input_dim, output_dim,
                 embeddings_initializer='uniform',
                 embeddings_regularizer=None,
                 activity_regularizer=None,
                 embeddings_constraint=None,
                 mask_zero=False,
                 input_length=None,
                 **kwargs):
        if 'input_shape' not in kwargs and 'batch_input_shape' not in kwargs:
            if input_length:
                if isinstance(input_length, (list, tuple)):
                    kwargs['input_shape'] = tuple(input_length)
                else:
                    kwargs['input_shape'] = (input_length,)
            else:
                kwargs['input_shape'] = (None,)
        super(Embedding, self).__init__(**kwargs)
        if int(input_dim) <= 0 or int(output_dim) < 0:
            raise layer_error(self, '`input_dim` must be > 0 and `output_dim` '
                              '>= 0, got input_dim=%r, output_dim=%r.'
                              % (input_dim, output_dim))
        self.input_dim = int(input_dim)
        self.output_dim = int(output_dim)
        self.embeddings_initializer = initializers.get(embeddings_initializer)
        self.embeddings_regularizer = regularizers.get(embeddings_regularizer)
        self.activity_regularizer = regularizers.get(activity_regularizer)
        self.embeddings_constraint = constraints.get(embeddings_constraint)
        self.supports_masking = mask_zero
        self.mask_zero = mask_zero
        self.input_length = input_length

    def build(self, input_shape):
        self.embeddings = self.add_weight(
            shape=(self.input_dim, self.output_dim),
            initializer=self.embeddings_initializer,
            name='embeddings',
            regularizer=self.embeddings_regularizer,
            constraint=self.embeddings_constraint)
        self.built = True

    def compute_mask(self, inputs, mask=None):
        if not self.mask_zero:
            return None
        return K.not_equal(inputs, 0)

    def compute_output_shape(self, input_shape):
        input_shape = to_shape_tuple(input_shape)
        if self.input_length is None:
            return input_shape + (self.output_dim,)
        if isinstance(self.input_length, (list, tuple)):
            lengths = list(self.input_length)
        else:
            lengths = [self.input_length]
        if len(lengths) != len(input_shape) - 1:
            raise layer_error(self, '`input_length` is %s, but the input has '
                              'shape %s.' % (self.input_length, input_shape))
        for i, (expected, actual) in enumerate(zip(lengths, input_shape[1:])):
            if expected is not None and actual is not None and \
                    expected != actual:
                raise layer_error(self, '`input_length` is %s, but the input '
                                  'has shape %s.' % (self.input_length,
                                                     input_shape))
            if expected is None:
                lengths[i] = actual
        return (input_shape[0],) + tuple(lengths) + (self.output_dim,)

    def call(self, inputs):
        if K.dtype(inputs) != 'int32':
            inputs = K.cast(inputs, 'int32')
        return K.gather(self.embeddings, inputs)

    def get_config(self):
        config = dict(super(Embedding, self).get_config())
        config.update({
            'input_dim': self.input_dim,
            'output_dim': self.output_dim,
            'embeddings_initializer': initializers.serialize(
                self.embeddings_initializer),
            'embeddings_regularizer': regularizers.serialize(
                self.embeddings_regularizer),
            'activity_regularizer': regularizers.serialize(
                self.activity_regularizer),
            'embeddings_constraint': constraints.serialize(
                self.embeddings_constraint),
            'mask_zero': self.mask_zero,
            'input_length': self.input_length})
        return config
