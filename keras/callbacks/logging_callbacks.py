"""Callbacks that report epoch results outside the model: to a CSV file
(`CSVLogger`), to a server (`RemoteMonitor`), or to user functions
(`LambdaCallback`)."""
from __future__ import absolute_import
from __future__ import division
from __future__ import print_function

import collections.abc
import csv
import io
import json
import os
import warnings
from urllib.error import URLError
from urllib.parse import urlencode
from urllib.request import Request, urlopen

import numpy as np
import six

from ..utils.atomic_io import atomic_open
from .callback_base import Callback


def _to_python(value):
    if isinstance(value, (np.ndarray, np.generic)):
        return value.item() if value.size == 1 else value.tolist()
    return value


class RemoteMonitor(Callback):
    """Callback used to stream events to a server.

    The events are sent to `root + path` as HTTP POST requests, one at the
    end of each epoch, with the epoch index and the logs. By default the
    data is form-encoded in the field `field` as a JSON string; with
    `send_as_json=True` the body is the JSON object itself
    (content type `application/json`).

    # Arguments
        root: String; root url of the target server.
        path: String; path relative to `root` to which the events will be sent.
        field: String; JSON field under which the data will be stored.
            The field is used only if the payload is sent within a form
            (i.e. send_as_json is set to False).
        headers: Dictionary; optional custom HTTP headers.
        send_as_json: Boolean; whether the request should be
            sent as application/json.
    """

    def __init__(self,
                 root='http://localhost:9000',
                 path='/publish/epoch/end/',
                 field='data',
                 headers=None,
                 send_as_json=False):
        super(RemoteMonitor, self).__init__()
        self.root = root
        self.path = path
        self.field = field
        self.headers = headers
        self.send_as_json = send_as_json

    def on_epoch_end(self, epoch, logs=None):
        send = {'epoch': epoch}
        for k, v in (logs or {}).items():
            send[k] = _to_python(v)
        headers = dict(self.headers or {})
        if self.send_as_json:
            body = json.dumps(send).encode('utf8')
            headers.setdefault('Content-Type', 'application/json')
        else:
            body = urlencode({self.field: json.dumps(send)}).encode('utf8')
            headers.setdefault('Content-Type',
                               'application/x-www-form-urlencoded')
        request = Request(self.root + self.path, data=body, headers=headers,
                          method='POST')
        try:
            urlopen(request, timeout=10).close()
        except (URLError, OSError, ValueError):
            warnings.warn('Warning: could not reach RemoteMonitor '
                          'root server at ' + str(self.root))


def _csv_value(value):
    if isinstance(value, six.string_types):
        return value
    if isinstance(value, np.ndarray) and value.ndim == 0:
        return value
    if isinstance(value, collections.abc.Iterable):
        return '"[%s]"' % (', '.join(map(str, value)))
    return value


class CSVLogger(Callback):
    """Callback that streams epoch results to a csv file.

    Supports all values that can be represented as a string,
    including 1D iterables such as np.ndarray.

    # Example

    ```python
    csv_logger = CSVLogger('training.log')
    model.fit(X_train, Y_train, callbacks=[csv_logger])
    ```

    # Arguments
        filename: filename of the csv file, e.g. 'run/log.csv'.
        separator: string used to separate elements in the csv file.
        append: True: append if file exists (useful for continuing
            training). False: overwrite existing file,
    """

    def __init__(self, filename, separator=',', append=False):
        super(CSVLogger, self).__init__()
        self.sep = separator
        self.filename = filename
        self.append = append
        self.writer = None
        self.keys = None
        self.append_header = True
        self.csv_file = None

    def on_train_begin(self, logs=None):
        previous = ''
        if self.append and os.path.exists(self.filename):
            with io.open(self.filename, 'r', newline='') as f:
                previous = f.read()
            self.append_header = not previous
        # Rows go to a buffer; every epoch rewrites the file atomically
        # (previous content + rows), so a crash never leaves half a row.
        self._previous = previous
        self.csv_file = io.StringIO(newline='')
        self._write_file()

    def _write_file(self):
        with atomic_open(self.filename, 'w', newline='') as f:
            f.write(self._previous + self.csv_file.getvalue())

    def on_epoch_end(self, epoch, logs=None):
        logs = logs or {}
        if self.keys is None:
            self.keys = sorted(logs.keys())
        if getattr(self.model, 'stop_training', False):
            # We set NA so that csv parsers do not fail for this last epoch.
            logs = dict((k, logs[k] if k in logs else 'NA')
                        for k in self.keys)
        if not self.writer:
            class CustomDialect(csv.excel):
                delimiter = self.sep
            self.writer = csv.DictWriter(self.csv_file,
                                         fieldnames=['epoch'] + self.keys,
                                         dialect=CustomDialect)
            if self.append_header:
                self.writer.writeheader()
        row_dict = collections.OrderedDict({'epoch': epoch})
        row_dict.update((key, _csv_value(logs[key])) for key in self.keys)
        self.writer.writerow(row_dict)
        self._write_file()

    def on_train_end(self, logs=None):
        if self.csv_file is not None and not self.csv_file.closed:
            self.csv_file.close()
        self.writer = None


_LAMBDA_HOOKS = ('on_epoch_begin', 'on_epoch_end', 'on_batch_begin',
                 'on_batch_end', 'on_train_begin', 'on_train_end')


class LambdaCallback(Callback):
    r"""Callback for creating simple, custom callbacks on-the-fly.

    This callback is constructed with anonymous functions that will be called
    at the appropriate time. Note that the callbacks expects positional
    arguments, as:

     - `on_epoch_begin` and `on_epoch_end` expect two positional arguments:
        `epoch`, `logs`
     - `on_batch_begin` and `on_batch_end` expect two positional arguments:
        `batch`, `logs`
     - `on_train_begin` and `on_train_end` expect one positional argument:
        `logs`

    # Arguments
        on_epoch_begin: called at the beginning of every epoch.
        on_epoch_end: called at the end of every epoch.
        on_batch_begin: called at the beginning of every batch.
        on_batch_end: called at the end of every batch.
        on_train_begin: called at the beginning of model training.
        on_train_end: called at the end of model training.
        **kwargs: other attributes to set on the callback (e.g. more hooks
            such as `on_test_batch_end`).

    # Example

    ```python
    # Print the batch number at the beginning of every batch.
    batch_print_callback = LambdaCallback(
        on_batch_begin=lambda batch,logs: print(batch))
    ```
    """

    def __init__(self,
                 on_epoch_begin=None,
                 on_epoch_end=None,
                 on_batch_begin=None,
                 on_batch_end=None,
                 on_train_begin=None,
                 on_train_end=None,
                 **kwargs):
        super(LambdaCallback, self).__init__()
        self.__dict__.update(kwargs)
        given = {'on_epoch_begin': on_epoch_begin,
                 'on_epoch_end': on_epoch_end,
                 'on_batch_begin': on_batch_begin,
                 'on_batch_end': on_batch_end,
                 'on_train_begin': on_train_begin,
                 'on_train_end': on_train_end}
        for hook in _LAMBDA_HOOKS:
            if given[hook] is not None:
                setattr(self, hook, given[hook])
            elif hook in ('on_train_begin', 'on_train_end'):
                setattr(self, hook, lambda logs: None)
            else:
                setattr(self, hook, lambda step, logs: None)
