"""`InputLayer` and `Input()`: the entry points of a functional model."""
from __future__ import absolute_import

from .. import backend as K
from .argument_checks import check_shape_tuple
from ..legacy import interfaces
from .base_layer import Layer, Node, graph_scope, _normalize_dtype
from .base_layer_utils import lift_eager_tensor

__all__ = ['InputLayer', 'Input']


class InputLayer(Layer):
    """Layer to be used as an entry point into a model.

    It can either wrap an existing tensor (pass an `input_tensor` argument)
    or create its a placeholder tensor (pass arguments `input_shape`
    or `batch_input_shape` as well as `dtype`).

    # Arguments
        input_shape: Shape tuple, not including the batch axis.
        batch_size: Optional input batch size (integer or None).
        batch_input_shape: Shape tuple, including the batch axis.
        dtype: Datatype of the input (the old name `input_dtype` works too).
        input_tensor: Optional tensor to use as layer input
            instead of creating a placeholder.
        sparse: Boolean, whether the placeholder created
            is meant to be sparse.
        name: Name of the layer (string).
    """

    @interfaces.legacy_input_support
    def __init__(self, input_shape=None, batch_size=None,
                 batch_input_shape=None, dtype=None, input_tensor=None,
                 sparse=False, name=None, **kwargs):
        for key in ('ragged', 'optional'):  # written by later Keras 2
            kwargs.pop(key, None)
        if kwargs:
            raise TypeError('InputLayer: unexpected keyword argument(s) %s.'
                            % sorted(kwargs))
        if not name:
            prefix = 'input'
            name = prefix + '_' + str(K.get_uid(prefix))
        super(InputLayer, self).__init__(dtype=_normalize_dtype(dtype),
                                         name=name)
        self.trainable = False
        self.built = True
        self.sparse = sparse
        self.supports_masking = False

        if input_shape is not None and batch_input_shape is not None:
            raise ValueError('InputLayer %s: only provide the input_shape '
                             'OR batch_input_shape argument, not both.'
                             % name)
        if input_tensor is not None:
            input_tensor = lift_eager_tensor(input_tensor)
        if input_tensor is not None and batch_input_shape is None:
            try:
                batch_input_shape = K.int_shape(input_tensor)
            except TypeError:
                if input_shape is None:
                    raise ValueError('InputLayer %s was provided an '
                                     'input_tensor argument, but its input '
                                     'shape cannot be automatically '
                                     'inferred. You should pass an '
                                     'input_shape or batch_input_shape '
                                     'argument.' % name)
        if batch_input_shape is None:
            if input_shape is None:
                raise ValueError('InputLayer %s: an input_shape or '
                                 'batch_input_shape argument is required.'
                                 % name)
            batch_input_shape = (batch_size,) + check_shape_tuple(
                input_shape, 'input_shape', 'InputLayer')
        batch_input_shape = check_shape_tuple(
            batch_input_shape, 'batch_input_shape', 'InputLayer')
        self.batch_input_shape = batch_input_shape

        if input_tensor is None:
            self.is_placeholder = True
            with graph_scope():
                input_tensor = K.placeholder(shape=batch_input_shape,
                                            dtype=self.dtype,
                                            sparse=self.sparse,
                                            name=self.name)
        else:
            self.is_placeholder = False
        input_tensor._keras_shape = batch_input_shape
        input_tensor._uses_learning_phase = False
        input_tensor._keras_history = (self, 0, 0)
        Node(self, inbound_layers=[], node_indices=[], tensor_indices=[],
             input_tensors=[input_tensor], output_tensors=[input_tensor],
             input_masks=[None], output_masks=[None],
             input_shapes=[batch_input_shape],
             output_shapes=[batch_input_shape])

    def get_config(self):
        """The config: `batch_input_shape`, `dtype`, `sparse`, `name`."""
        return {'batch_input_shape': self.batch_input_shape,
                'dtype': self.dtype,
                'sparse': self.sparse,
                'name': self.name}


def Input(shape=None, batch_shape=None, name=None, dtype=None, sparse=False,
          tensor=None):
    """`Input()` is used to instantiate a Keras tensor.

    A Keras tensor is a tensor object from the underlying backend
    (Theano or TensorFlow), which we augment with certain
    attributes that allow us to build a Keras model
    just by knowing the inputs and outputs of the model.

    # Arguments
        shape: A shape tuple (integer), not including the batch size.
            For instance, `shape=(32,)` indicates that the expected input
            will be batches of 32-dimensional vectors.
        batch_shape: A shape tuple (integer), including the batch size.
        name: An optional name string for the layer.
            Should be unique in a model (do not reuse the same name twice).
            It will be autogenerated if it isn't provided.
        dtype: The data type expected by the input, as a string
            (`float32`, `float64`, `int32`...)
        sparse: A boolean specifying whether the placeholder
            to be created is sparse.
        tensor: Optional existing tensor to wrap into the `Input` layer.
            If set, the layer will not create a placeholder tensor.

    # Returns
        A tensor.

    # Example

    ```python
    # this is a logistic regression in Keras
    x = Input(shape=(32,))
    y = Dense(16, activation='softmax')(x)
    model = Model(x, y)
    ```
    """
    if batch_shape is None and tensor is None and shape is None:
        raise ValueError('Please provide to Input either a `shape` or a '
                         '`batch_shape` argument. Note that `shape` does not '
                         'include the batch dimension.')
    if shape is not None and batch_shape is None:
        batch_shape = (None,) + check_shape_tuple(shape, 'shape', 'Input')
    elif batch_shape is not None:
        batch_shape = check_shape_tuple(batch_shape, 'batch_shape', 'Input')
    if not dtype:
        dtype = K.floatx() if tensor is None else K.dtype(tensor)
    input_layer = InputLayer(batch_input_shape=batch_shape, name=name,
                             dtype=dtype, sparse=sparse, input_tensor=tensor)
    outputs = input_layer._inbound_nodes[0].output_tensors
    return outputs[0] if len(outputs) == 1 else outputs
