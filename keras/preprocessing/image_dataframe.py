"""`DataFrameIterator`: batches of images listed in a pandas DataFrame
(pandas is optional: an `ImportError` names it when missing)."""
from __future__ import absolute_import
from __future__ import division
from __future__ import print_function

import collections
import os
import warnings

import numpy as np

from .. import backend as K
from .image_iterators import BatchFromFilesMixin
from .image_iterators import Iterator
from .image_iterators import _check_class_mode
from .image_utils import validate_filename


def _import_pandas():
    try:
        import pandas
    except ImportError:
        raise ImportError('DataFrameIterator / flow_from_dataframe require '
                          'pandas: install it with `pip install pandas`.')
    return pandas


class DataFrameIterator(BatchFromFilesMixin, Iterator):
    """Iterator capable of reading images from a directory on disk
        through a dataframe.

    # Arguments
        dataframe: Pandas dataframe containing the filenames of the
            images in a string column. It should include other column/s
            depending on the `class_mode`:
            - if `class_mode` is `"categorical"` (default value) it must
                include the `y_col` column with the class/es of each image.
                Values in column can be string/list/tuple if a single class
                or list/tuple if multiple classes.
            - if `class_mode` is `"binary"` or `"sparse"` it must include
                the given `y_col` column with class values as strings.
            - if `class_mode` is `"raw"` or `"multi_output"` it should
                contain the columns specified in `y_col`.
            - if `class_mode` is `"input"` or `None` no extra column is
                needed.
        directory: string, path to the directory to read images from. If
            `None`, data in `x_col` column should be absolute paths.
        image_data_generator: Instance of `ImageDataGenerator` to use for
            random transformations and normalization. If None, no
            transformations and normalizations are made.
        x_col: string, column in `dataframe` that contains the filenames
            (or absolute paths if `directory` is set to `None`).
        y_col: string or list, column/s in `dataframe` that has the target
            data.
        weight_col: string, column in `dataframe` that contains the sample
            weights.
        target_size: tuple of integers, dimensions to resize input images to.
        color_mode: One of `"rgb"`, `"rgba"`, `"grayscale"`.
            Color mode to read images.
        classes: Optional list of strings, classes to use (e.g.
            `["dogs", "cats"]`). If None, all classes in `y_col` will be
            used.
        class_mode: one of "binary", "categorical", "input", "multi_output",
            "raw", "sparse" or None.
        batch_size: Integer, size of a batch.
        shuffle: Boolean, whether to shuffle the data between epochs.
        seed: Random seed for data shuffling.
        data_format: String, one of `channels_first`, `channels_last`.
        save_to_dir: Optional directory where to save the pictures
            being yielded, in a viewable format.
        save_prefix: String prefix to use for saving sample
            images (if `save_to_dir` is set).
        save_format: Format to use for saving sample images
            (if `save_to_dir` is set).
        subset: Subset of data (`"training"` or `"validation"`) if
            validation_split is set in ImageDataGenerator.
        interpolation: Interpolation method used to resample the image if the
            target size is different from that of the loaded image.
        dtype: Dtype to use for the generated arrays.
        validate_filenames: Boolean, whether to validate image filenames in
            `x_col`. If `True`, invalid images will be ignored.

    # Raises
        ImportError: if pandas is not installed.
    """
    allowed_class_modes = {
        'binary', 'categorical', 'input', 'multi_output', 'raw', 'sparse',
        None
    }
    _no_class_modes = ('input', 'multi_output', 'raw', None)

    def __init__(self, dataframe,
                 directory=None,
                 image_data_generator=None,
                 x_col='filename',
                 y_col='class',
                 weight_col=None,
                 target_size=(256, 256),
                 color_mode='rgb',
                 classes=None,
                 class_mode='categorical',
                 batch_size=32,
                 shuffle=True,
                 seed=None,
                 data_format='channels_last',
                 save_to_dir=None,
                 save_prefix='',
                 save_format='png',
                 subset=None,
                 interpolation='nearest',
                 dtype='float32',
                 validate_filenames=True):
        _import_pandas()
        self.set_processing_attrs(image_data_generator, target_size,
                                  color_mode, data_format, save_to_dir,
                                  save_prefix, save_format, subset,
                                  interpolation)
        df = dataframe.copy()
        self.directory = directory or ''
        self.class_mode = class_mode
        self.dtype = dtype or K.floatx()
        self._check_params(df, x_col, y_col, weight_col, classes)
        if validate_filenames:
            df = self._filter_valid_filepaths(df, x_col)
        with_classes = class_mode not in self._no_class_modes
        if with_classes:
            df, classes = self._filter_classes(df, y_col, classes)
            self.class_indices = dict(zip(classes, range(len(classes))))
        if self.split:
            num_files = len(df)
            start = int(self.split[0] * num_files)
            stop = int(self.split[1] * num_files)
            df = df.iloc[start:stop, :]
        if with_classes:
            self.classes = self.get_classes(df, y_col)
        self.filenames = df[x_col].tolist()
        self._sample_weight = df[weight_col].values if weight_col else None
        if class_mode == 'multi_output':
            self._targets = [np.array(df[col].tolist()) for col in y_col]
        if class_mode == 'raw':
            self._targets = df[y_col].values
        self.samples = len(self.filenames)
        checked = 'validated' if validate_filenames else 'non-validated'
        if with_classes:
            print('Found {} {} image filenames belonging to {} classes.'
                  .format(self.samples, checked, len(classes)))
        else:
            print('Found {} {} image filenames.'.format(self.samples,
                                                        checked))
        self._filepaths = [os.path.join(self.directory, fname)
                           for fname in self.filenames]
        super(DataFrameIterator, self).__init__(self.samples, batch_size,
                                                shuffle, seed)

    def _check_params(self, df, x_col, y_col, weight_col, classes):
        mode = self.class_mode
        _check_class_mode(mode, self.allowed_class_modes)
        if mode == 'multi_output' and not isinstance(y_col, list):
            raise TypeError('If class_mode="{}", y_col must be a list. '
                            'Received {}.'.format(mode,
                                                  type(y_col).__name__))
        if not all(isinstance(v, str) for v in df[x_col]):
            raise TypeError('All values in column x_col={} must be strings.'
                            .format(x_col))
        if mode in {'binary', 'sparse'}:
            if not all(isinstance(v, str) for v in df[y_col]):
                raise TypeError('If class_mode="{}", y_col="{}" column '
                                'values must be strings.'.format(mode, y_col))
        if mode == 'binary':
            found = len(set(classes)) if classes else df[y_col].nunique()
            if found != 2:
                raise ValueError('If class_mode="binary" there must be 2 '
                                 'classes. Found {} classes.'.format(found))
        if mode == 'categorical':
            if not all(isinstance(v, (str, list, tuple)) for v in df[y_col]):
                raise TypeError('If class_mode="{}", y_col="{}" column '
                                'values must be type string, list or tuple.'
                                .format(mode, y_col))
        if classes and mode in self._no_class_modes:
            warnings.warn('`classes` will be ignored given the class_mode="{}"'
                          .format(mode))
        if weight_col and not issubclass(df[weight_col].dtype.type,
                                         np.number):
            raise TypeError('Column weight_col={} must be numeric.'
                            .format(weight_col))

    def get_classes(self, df, y_col):
        labels = []
        for label in df[y_col]:
            if isinstance(label, (list, tuple)):
                labels.append([self.class_indices[lbl] for lbl in label])
            else:
                labels.append(self.class_indices[label])
        return labels

    @staticmethod
    def _filter_classes(df, y_col, classes):
        df = df.copy()

        def remove_classes(labels, classes):
            if isinstance(labels, (list, tuple)):
                labels = [cls for cls in labels if cls in classes]
                return labels or None
            if isinstance(labels, str):
                return labels if labels in classes else None
            raise TypeError('Expect string, list or tuple but found {} in {} '
                            'column '.format(type(labels), y_col))

        if classes:
            # Unique, in the order given.
            classes = list(collections.OrderedDict.fromkeys(classes).keys())
            df[y_col] = df[y_col].apply(lambda x: remove_classes(x, classes))
        else:
            found = set()
            for v in df[y_col]:
                if isinstance(v, (list, tuple)):
                    found.update(v)
                else:
                    found.add(v)
            classes = sorted(found)
        return df.dropna(subset=[y_col]), classes

    def _filter_valid_filepaths(self, df, x_col):
        """Keeps only the rows with valid image filenames in `x_col`.

        # Arguments
            df: Pandas dataframe containing filenames in a column
            x_col: string, column in `df` that contains the filenames or
                filepaths

        # Returns
            absolute paths to image files
        """
        filepaths = df[x_col].map(
            lambda fname: os.path.join(self.directory, fname))
        mask = filepaths.apply(validate_filename,
                               args=(self.white_list_formats,))
        n_invalid = int((~mask).sum())
        if n_invalid:
            warnings.warn('Found {} invalid image filename(s) in x_col="{}". '
                          'These filename(s) will be ignored.'
                          .format(n_invalid, x_col))
        return df[mask]

    @property
    def filepaths(self):
        return self._filepaths

    @property
    def labels(self):
        if self.class_mode in {'multi_output', 'raw'}:
            return self._targets
        return self.classes

    @property
    def sample_weight(self):
        return self._sample_weight
