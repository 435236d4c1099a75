"""The PyTensor (Theano) engine of the Keras backend API.

Importing this package configures PyTensor (float type, BLAS, see
`config`) and exposes every backend function; `keras.backend.theano_backend`
re-exports it under the Keras 2 module name.
"""
import pytensor as _pytensor

from ..engine_versions import check_engine_version as _check_version

_check_version('PyTensor', _pytensor.__version__)

from . import config as _config  # noqa: E402

_config.configure(_pytensor.config)

from ..common import (epsilon, set_epsilon, floatx, set_floatx,  # noqa: E402
                      cast_to_floatx, image_data_format,
                      set_image_data_format, normalize_data_format,
                      image_dim_ordering, set_image_dim_ordering)
from .graph import (get_graph, name_scope, get_uid, reset_uids,  # noqa: E402
                    learning_phase, set_learning_phase, clear_session,
                    get_session, set_session, manual_variable_initialization)
from .variables import (is_sparse, to_dense, variable, is_variable,  # noqa
                        constant, is_tensor, is_keras_tensor, placeholder,
                        is_placeholder, shape, int_shape, ndim, dtype, eval,
                        zeros, ones, zeros_symbolic, eye, zeros_like,
                        ones_like, identity, random_uniform_variable,
                        random_normal_variable, count_params, cast, update,
                        update_add, update_sub, moving_average_update,
                        get_value, batch_get_value, set_value,
                        batch_set_value, get_variable_shape, print_tensor,
                        as_tensor_variable, pattern_broadcast, set_subtensor,
                        inc_subtensor)
from .function import (Function, function, gradients, stop_gradient,  # noqa
                       control_dependencies, symbolic, eager)
from .math import (dot, dot_product, batch_dot, transpose, gather,  # noqa
                   max, min, sum, prod, cumsum, cumprod, mean, var, std, any,
                   all, argmax, argmin, square, abs, sqrt, exp, log, log2,
                   logsumexp, round, sign, pow, clip, equal, not_equal,
                   greater, greater_equal, less, less_equal, maximum, minimum,
                   sin, cos, ceil, floor, real, fft, ifft, tril)
from .shapes import (concatenate, reshape, permute_dimensions,  # noqa: E402
                    repeat_elements, resize_images, resize_volumes, repeat,
                    repeatRdim, arange, tile, flatten, batch_flatten,
                    expand_dims, squeeze, temporal_padding,
                    spatial_2d_padding, spatial_3d_padding, stack, one_hot,
                    reverse, slice, size, equal_dimensions, funequal)
from .nn import (relu, elu, softmax, softmax_3d, softplus, softsign,  # noqa
                 sigmoid, hard_sigmoid, tanh, categorical_crossentropy,
                 sparse_categorical_crossentropy, binary_crossentropy,
                 dropout, l2_normalize, l1_normalize, in_top_k,
                 batch_normalization, normalize_batch_in_training, bias_add)
from .random import (random_normal, random_uniform, random_binomial,  # noqa
                     truncated_normal, random_multinomial)
from .control import (rnn, switch, in_train_phase, in_test_phase,  # noqa
                      map_fn, foldl, foldr)
from .conv import (conv1d, conv2d, conv3d, conv2d_transpose,  # noqa: E402
                   conv3d_transpose, depthwise_conv2d, separable_conv1d,
                   separable_conv2d, pool2d, pool3d, local_conv1d,
                   local_conv2d, conv_input_length, scan_conv1d, count_sketch)
from .ctc import (ctc_batch_cost, ctc_decode, ctc_label_dense_to_sparse,  # noqa
                  ctc_cost, ctc_create_skip_idxs, ctc_interleave_blanks,
                  ctc_path_probs, ctc_update_log_p)


def backend():
    """Returns the name of this backend: `'theano'`."""
    return 'theano'


__all__ = [name for name in dir() if not name.startswith('_')
           and name not in ('config', 'graph', 'variables', 'function',
                            'math', 'shapes', 'nn', 'random', 'control',
                            'conv', 'ctc')]
# `function` is both a submodule and the K.function API: keep the API.
__all__.append('function')
