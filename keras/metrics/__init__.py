"""Built-in metrics.

Metric functions `fn(y_true, y_pred)` return one value per sample; the
training loop averages them. Stateful metrics (`Metric` subclasses) keep
their statistics in variables across batches: calling one returns the
result tensor and records the update ops in `metric.updates`;
`reset_states()` starts over.
"""
from .. import backend as K  # noqa: F401 (Keras 2.3 module attribute)
from ..losses import mean_squared_error
from ..losses import mean_absolute_error
from ..losses import mean_absolute_percentage_error
from ..losses import mean_squared_logarithmic_error
from ..losses import hinge
from ..losses import logcosh
from ..losses import squared_hinge
from ..losses import categorical_hinge
from ..losses import categorical_crossentropy
from ..losses import sparse_categorical_crossentropy
from ..losses import binary_crossentropy
from ..losses import kullback_leibler_divergence
from ..losses import poisson
from ..utils.generic_utils import deserialize_keras_object
from ..utils.generic_utils import serialize_keras_object
from .base_metric import (Metric, Reduce, Sum, Mean, MeanMetricWrapper,
                          clone_metric, clone_metrics)
from .functions import (accuracy, binary_accuracy, categorical_accuracy,
                        sparse_categorical_accuracy,
                        top_k_categorical_accuracy,
                        sparse_top_k_categorical_accuracy, cosine_proximity,
                        perplexity)
from .mean_metrics import (
    RootMeanSquaredError, Accuracy, BinaryAccuracy, CategoricalAccuracy,
    SparseCategoricalAccuracy, TopKCategoricalAccuracy,
    SparseTopKCategoricalAccuracy, MeanSquaredError, MeanAbsoluteError,
    MeanAbsolutePercentageError, MeanSquaredLogarithmicError, Hinge,
    SquaredHinge, CategoricalHinge, LogCoshError, Poisson, KLDivergence,
    CosineSimilarity, BinaryCrossentropy, CategoricalCrossentropy,
    SparseCategoricalCrossentropy)
from .confusion_metrics import (
    TruePositives, TrueNegatives, FalsePositives, FalseNegatives,
    Precision, Recall, SensitivitySpecificityBase, SensitivityAtSpecificity,
    SpecificityAtSensitivity, AUC, MeanIoU)

# Aliases

mse = MSE = mean_squared_error
mae = MAE = mean_absolute_error
mape = MAPE = mean_absolute_percentage_error
msle = MSLE = mean_squared_logarithmic_error
cosine = cosine_similarity = cosine_proximity


def serialize(metric):
    """Returns the config (or the name) of a metric function or `Metric` instance."""
    return serialize_keras_object(metric)


def deserialize(config, custom_objects=None):
    """Returns the metric function or `Metric` instance of a name or config.

    # Arguments
        config: the name of a metric function, or a `{'class_name', 'config'}`
            dict.
        custom_objects: dict of user-defined metrics, by name.

    # Raises
        ValueError: unknown name.
    """
    return deserialize_keras_object(config,
                                    module_objects=globals(),
                                    custom_objects=custom_objects,
                                    printable_module_name='metric function')


def get(identifier):
    """Gets a metric from a config dict, a name or a callable.

    # Raises
        ValueError: if `identifier` cannot be interpreted.
    """
    if isinstance(identifier, dict):
        return deserialize({'class_name': str(identifier['class_name']),
                            'config': identifier['config']})
    if isinstance(identifier, str):
        return deserialize(str(identifier))
    if callable(identifier):
        return identifier
    raise ValueError('Could not interpret metric function identifier: %r'
                     % (identifier,))
