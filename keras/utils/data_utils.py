"""Utilities for file download and caching, and for feeding data to
models from `Sequence` objects and generators in worker threads or
processes."""
from __future__ import absolute_import
from __future__ import division
from __future__ import print_function

import hashlib
import itertools
import multiprocessing
import os
import queue
import random
import shutil
import sys
import tarfile
import threading
import time
import warnings
import zipfile
from abc import abstractmethod
from contextlib import closing
from multiprocessing.pool import ThreadPool
from urllib.error import HTTPError
from urllib.error import URLError
from urllib.request import urlopen

import numpy as np
import six

from .atomic_io import atomic_path
from .generic_utils import Progbar


def urlretrieve(url, filename, reporthook=None, data=None):
    """Copies the resource at `url` into the file `filename`.

    # Arguments
        url: the URL to retrieve (`http(s)://`, `ftp://` or `file://`).
        filename: where to write the data.
        reporthook: called as `reporthook(block_count, block_size,
            total_size)` after every block read (`total_size` is -1 when the
            server does not say).
        data: optional bytes to send (an HTTP POST).
    """
    block_size = 8192
    with closing(urlopen(url, data)) as response:
        total_size = int(response.info().get('Content-Length', '-1').strip())
        with open(filename, 'wb') as fd:
            for count in itertools.count(1):
                chunk = response.read(block_size)
                if not chunk:
                    break
                fd.write(chunk)
                if reporthook is not None:
                    reporthook(count, block_size, total_size)


def _archive_opener(file_path, archive_format):
    """Returns `(open_fn, is_match_fn)` for the first of the formats that
    fits the file, or None."""
    if archive_format == 'auto':
        archive_format = ['tar', 'zip']
    if isinstance(archive_format, six.string_types):
        archive_format = [archive_format]
    openers = {'tar': (tarfile.open, tarfile.is_tarfile),
               'zip': (zipfile.ZipFile, zipfile.is_zipfile)}
    for name in archive_format or []:
        if name not in openers:
            raise ValueError('Unknown archive_format %r: expected "tar", '
                             '"zip", "auto" or a list of these.' % (name,))
        open_fn, is_match_fn = openers[name]
        if is_match_fn(file_path):
            return open_fn
    return None


def _extract_archive(file_path, path='.', archive_format='auto'):
    """Extracts an archive if it matches tar, tar.gz, tar.bz, or zip formats.

    # Arguments
        file_path: path to the archive file
        path: path to extract the archive file
        archive_format: Archive format to try for extracting the file.
            Options are 'auto', 'tar', 'zip', and None.
            'tar' includes tar, tar.gz, and tar.bz files.
            The default 'auto' is ['tar', 'zip'].
            None or an empty list will return no matches found.

    # Returns
        True if a match was found and an archive extraction was completed,
        False otherwise.
    """
    open_fn = _archive_opener(file_path, archive_format)
    if open_fn is None:
        return False
    with open_fn(file_path) as archive:
        try:
            if (isinstance(archive, tarfile.TarFile) and
                    hasattr(tarfile, 'data_filter')):
                archive.extractall(path, filter='data')
            else:
                archive.extractall(path)
        except (tarfile.TarError, RuntimeError, KeyboardInterrupt):
            if os.path.exists(path):
                if os.path.isfile(path):
                    os.remove(path)
                else:
                    shutil.rmtree(path)
            raise
    return True


def _cache_root(cache_dir):
    if cache_dir is None:
        cache_dir = os.environ.get('KERAS_HOME',
                                   os.path.join(os.path.expanduser('~'),
                                                '.keras'))
    root = os.path.expanduser(cache_dir)
    if os.path.isdir(root) and not os.access(root, os.W_OK):
        root = os.path.join('/tmp', '.keras')
    return root


def _download(origin, fpath):
    """Downloads `origin` to `fpath` with a progress bar, atomically (a
    temporary file renamed over `fpath` once complete)."""
    print('Downloading data from', origin)
    state = {'progbar': None}

    def show_progress(count, block_size, total_size):
        if state['progbar'] is None:
            state['progbar'] = Progbar(total_size if total_size != -1
                                       else None)
        downloaded = count * block_size
        if total_size != -1:
            downloaded = min(downloaded, total_size)
        state['progbar'].update(downloaded)

    error_msg = 'URL fetch failure on {}: {} -- {}'
    # Atomic: a failed or killed download never leaves a partial `fpath`.
    with atomic_path(fpath) as tmp:
        try:
            urlretrieve(origin, tmp, show_progress)
        except HTTPError as e:
            raise Exception(error_msg.format(origin, e.code, e.msg))
        except URLError as e:
            raise Exception(error_msg.format(origin, e.errno, e.reason))


def get_file(fname,
             origin,
             untar=False,
             md5_hash=None,
             file_hash=None,
             cache_subdir='datasets',
             hash_algorithm='auto',
             extract=False,
             archive_format='auto',
             cache_dir=None):
    """Downloads a file from a URL if it not already in the cache.

    By default the file at the url `origin` is downloaded to the
    cache_dir `~/.keras` (or `$KERAS_HOME`), placed in the cache_subdir
    `datasets`, and given the filename `fname`. The final location of a
    file `example.txt` would therefore be `~/.keras/datasets/example.txt`.

    Files in tar, tar.gz, tar.bz, and zip formats can also be extracted.
    Passing a hash will verify the file after download (and a cached file
    whose hash differs is downloaded again).

    # Arguments
        fname: Name of the file. If an absolute path `/path/to/file.txt` is
            specified the file will be saved at that location.
        origin: Original URL of the file.
        untar: Deprecated in favor of 'extract'.
            boolean, whether the file should be decompressed
        md5_hash: Deprecated in favor of 'file_hash'.
            md5 hash of the file for verification
        file_hash: The expected hash string of the file after download.
            The sha256 and md5 hash algorithms are both supported.
        cache_subdir: Subdirectory under the Keras cache dir where the file is
            saved. If an absolute path `/path/to/folder` is
            specified the file will be saved at that location.
        hash_algorithm: Select the hash algorithm to verify the file.
            options are 'md5', 'sha256', and 'auto'.
            The default 'auto' detects the hash algorithm in use.
        extract: True tries extracting the file as an Archive, like tar or zip.
        archive_format: Archive format to try for extracting the file.
            Options are 'auto', 'tar', 'zip', and None.
            'tar' includes tar, tar.gz, and tar.bz files.
            The default 'auto' is ['tar', 'zip'].
            None or an empty list will return no matches found.
        cache_dir: Location to store cached files, when None it
            defaults to `$KERAS_HOME`, else `~/.keras`.

    # Returns
        Path to the downloaded file (for `untar`, the extracted folder).

    # Raises
        Exception: when the download fails (URL and reason in the message).
        ValueError: when the downloaded file does not match `file_hash`.
    """
    if md5_hash is not None and file_hash is None:
        file_hash = md5_hash
        hash_algorithm = 'md5'
    datadir = os.path.join(_cache_root(cache_dir), cache_subdir)
    if not os.path.exists(datadir):
        os.makedirs(datadir)

    if untar:
        untar_fpath = os.path.join(datadir, fname)
        fpath = untar_fpath + '.tar.gz'
    else:
        fpath = os.path.join(datadir, fname)

    download = True
    if os.path.exists(fpath):
        download = False
        if file_hash is not None and not validate_file(
                fpath, file_hash, algorithm=hash_algorithm):
            print('A local file was found, but it seems to be incomplete or '
                  'outdated because the ' + hash_algorithm + ' file hash '
                  'does not match the original value of ' + file_hash +
                  ' so we will re-download the data.')
            download = True

    if download:
        _download(origin, fpath)
        if file_hash is not None and not validate_file(
                fpath, file_hash, algorithm=hash_algorithm):
            os.remove(fpath)
            raise ValueError('The file downloaded from %s does not match the '
                             'expected %s hash %s: it is incomplete or '
                             'corrupted.' % (origin, hash_algorithm,
                                             file_hash))

    if untar:
        if not os.path.exists(untar_fpath):
            _extract_archive(fpath, datadir, archive_format='tar')
        return untar_fpath
    if extract:
        _extract_archive(fpath, datadir, archive_format)
    return fpath


def _hash_file(fpath, algorithm='sha256', chunk_size=65535):
    """Calculates a file sha256 or md5 hash.

    # Example

    ```python
        >>> from keras.utils.data_utils import _hash_file
        >>> _hash_file('/path/to/file.zip')
        'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
    ```

    # Arguments
        fpath: path to the file being validated
        algorithm: hash algorithm, one of 'auto', 'sha256', or 'md5'.
            The default 'auto' is sha256.
        chunk_size: Bytes to read at a time, important for large files.

    # Returns
        The file hash
    """
    if algorithm in ('sha256', 'auto'):
        hasher = hashlib.sha256()
    elif algorithm == 'md5':
        hasher = hashlib.md5()
    else:
        raise ValueError('Unknown hash algorithm %r: expected "md5", '
                         '"sha256" or "auto".' % (algorithm,))
    with open(fpath, 'rb') as fpath_file:
        for chunk in iter(lambda: fpath_file.read(chunk_size), b''):
            hasher.update(chunk)
    return hasher.hexdigest()


def validate_file(fpath, file_hash, algorithm='auto', chunk_size=65535):
    """Validates a file against a sha256 or md5 hash.

    # Arguments
        fpath: path to the file being validated
        file_hash:  The expected hash string of the file.
            The sha256 and md5 hash algorithms are both supported.
        algorithm: Hash algorithm, one of 'auto', 'sha256', or 'md5'.
            The default 'auto' detects the hash algorithm in use
            (64 hex digits: sha256, else md5).
        chunk_size: Bytes to read at a time, important for large files.

    # Returns
        Whether the file is valid
    """
    file_hash = str(file_hash)
    if algorithm == 'sha256' or (algorithm == 'auto' and
                                 len(file_hash) == 64):
        hasher = 'sha256'
    else:
        hasher = 'md5'
    return _hash_file(fpath, hasher, chunk_size) == file_hash


class Sequence(object):
    """Base object for fitting to a sequence of data, such as a dataset.

    Every `Sequence` must implement the `__getitem__` and the `__len__`
    methods. If you want to modify your dataset between epochs you may
    implement `on_epoch_end`. The method `__getitem__` should return a
    complete batch.

    # Notes

    `Sequence` are a safer way to do multiprocessing. This structure
    guarantees that the network will only train once on each sample per
    epoch which is not the case with generators.

    # Examples

    ```python
        class CIFAR10Sequence(Sequence):

            def __init__(self, x_set, y_set, batch_size):
                self.x, self.y = x_set, y_set
                self.batch_size = batch_size

            def __len__(self):
                return int(np.ceil(len(self.x) / float(self.batch_size)))

            def __getitem__(self, idx):
                batch_x = self.x[idx * self.batch_size:
                                 (idx + 1) * self.batch_size]
                batch_y = self.y[idx * self.batch_size:
                                 (idx + 1) * self.batch_size]
                return np.array(batch_x), np.array(batch_y)
    ```
    """

    @abstractmethod
    def __getitem__(self, index):
        """Gets batch at position `index`.

        # Arguments
            index: position of the batch in the Sequence.

        # Returns
            A batch
        """
        raise NotImplementedError

    @abstractmethod
    def __len__(self):
        """Number of batch in the Sequence.

        # Returns
            The number of batches in the Sequence.
        """
        raise NotImplementedError

    def on_epoch_end(self):
        """Method called at the end of every epoch.
        """
        pass

    def __iter__(self):
        """Create a generator that iterate over the Sequence."""
        for i in range(len(self)):
            yield self[i]


# Data shared with the workers, keyed by the enqueuer's uid. Worker
# processes receive it through their pool initializer.
_SHARED_SEQUENCES = {}
_UID_COUNTER = itertools.count()
_UID_LOCK = threading.Lock()


def init_pool(seqs):
    """Pool initializer: installs the shared sequences in a worker."""
    global _SHARED_SEQUENCES
    _SHARED_SEQUENCES = seqs


def get_index(uid, i):
    """Get the value from the Sequence `uid` at index `i`.

    To allow multiple Sequences to be used at the same time, we use `uid` to
    get a specific one. A single Sequence would cause the validation to
    overwrite the training Sequence.

    # Arguments
        uid: int, Sequence identifier
        i: index

    # Returns
        The value at index `i`.
    """
    return _SHARED_SEQUENCES[uid][i]


def init_pool_generator(gens, random_seed=None):
    """Pool initializer for generators: installs them in the worker and
    seeds NumPy differently in every worker when `random_seed` is given."""
    global _SHARED_SEQUENCES
    _SHARED_SEQUENCES = gens
    if random_seed is not None:
        ident = multiprocessing.current_process().ident
        np.random.seed((random_seed + ident) % (2 ** 32))


def next_sample(uid):
    """Gets the next value from the generator `uid`.

    To allow multiple generators to be used at the same time, we use `uid` to
    get a specific one. A single generator would cause the validation to
    overwrite the training generator.

    # Arguments
        uid: int, generator identifier

    # Returns
        The next value of generator `uid`.
    """
    return six.next(_SHARED_SEQUENCES[uid])


class SequenceEnqueuer(object):
    """Base class to enqueue inputs.

    The task of an Enqueuer is to use parallelism to speed up preprocessing.
    This is done with processes or threads.

    # Examples

    ```python
        enqueuer = SequenceEnqueuer(...)
        enqueuer.start()
        datas = enqueuer.get()
        for data in datas:
            # Use the inputs; training, evaluating, predicting.
            # ... stop sometime.
        enqueuer.stop()
    ```

    The `enqueuer.get()` should be an infinite stream of datas.
    """

    def __init__(self, sequence, use_multiprocessing=False):
        self.sequence = sequence
        self.use_multiprocessing = use_multiprocessing
        with _UID_LOCK:
            self.uid = next(_UID_COUNTER)
        self.workers = 0
        self.executor_fn = None
        self.queue = None
        self.run_thread = None
        self.stop_signal = None

    def is_running(self):
        return self.stop_signal is not None and not self.stop_signal.is_set()

    def start(self, workers=1, max_queue_size=10):
        """Start the handler's workers.

        # Arguments
            workers: number of worker threads
            max_queue_size: queue size
                (when full, workers could block on `put()`)
        """
        if self.use_multiprocessing:
            self.executor_fn = self._get_executor_init(workers)
        else:
            # `workers` threads share the data of the main process
            self.executor_fn = lambda _: ThreadPool(workers)
        self.workers = workers
        self.queue = queue.Queue(max_queue_size)
        self.stop_signal = threading.Event()
        self.run_thread = threading.Thread(target=self._run)
        self.run_thread.daemon = True
        self.run_thread.start()

    def _send_sequence(self):
        """Send current Iterable to all workers."""
        # For new processes that may spawn
        _SHARED_SEQUENCES[self.uid] = self.sequence

    def stop(self, timeout=None):
        """Stops running threads and wait for them to exit, if necessary.

        Should be called by the same thread which called `start()`.

        # Arguments
            timeout: maximum time to wait on `thread.join()`
        """
        self.stop_signal.set()
        with self.queue.mutex:
            self.queue.queue.clear()
            self.queue.unfinished_tasks = 0
            self.queue.not_full.notify()
        self.run_thread.join(timeout)
        _SHARED_SEQUENCES.pop(self.uid, None)

    def _next_result(self):
        """Waits for the oldest queued request and returns its result
        (re-raising what the worker raised)."""
        inputs = self.queue.get(block=True).get()
        self.queue.task_done()
        return inputs

    @abstractmethod
    def _run(self):
        """Submits request to the executor and queue the `Future` objects."""
        raise NotImplementedError

    @abstractmethod
    def _get_executor_init(self, workers):
        """Get the Pool initializer for multiprocessing.

        # Returns
            Function, a Function to initialize the pool
        """
        raise NotImplementedError

    @abstractmethod
    def get(self):
        """Creates a generator to extract data from the queue.

        Skip the data if it is `None`.

        # Returns
            Generator yielding tuples `(inputs, targets)`
                or `(inputs, targets, sample_weights)`.
        """
        raise NotImplementedError


class OrderedEnqueuer(SequenceEnqueuer):
    """Builds a Enqueuer from a Sequence.

    Used in `fit_generator`, `evaluate_generator`, `predict_generator`.
    Batches come out in the order of the (possibly shuffled) indices,
    epoch after epoch, without end; `on_epoch_end` of the sequence is
    called between epochs.

    # Arguments
        sequence: A `keras.utils.data_utils.Sequence` object.
        use_multiprocessing: use multiprocessing if True, otherwise threading
        shuffle: whether to shuffle the data at the beginning of each epoch
    """

    def __init__(self, sequence, use_multiprocessing=False, shuffle=False):
        super(OrderedEnqueuer, self).__init__(sequence, use_multiprocessing)
        self.shuffle = shuffle
        self.end_of_epoch_signal = threading.Event()

    def _get_executor_init(self, workers):
        def pool_fn(seqs):
            return multiprocessing.Pool(workers, initializer=init_pool,
                                        initargs=(seqs,))
        return pool_fn

    def _wait_queue(self):
        """Wait for the queue to be empty."""
        while True:
            time.sleep(0.01)
            if self.queue.unfinished_tasks == 0 or self.stop_signal.is_set():
                return

    def _run(self):
        """Submits request to the executor and queue the `Future` objects."""
        self._send_sequence()  # Share the initial sequence
        while True:
            # The length is read each epoch: `on_epoch_end` may change it.
            indices = list(range(len(self.sequence)))
            if self.shuffle:
                random.shuffle(indices)
            with closing(self.executor_fn(_SHARED_SEQUENCES)) as executor:
                for i in indices:
                    if self.stop_signal.is_set():
                        return
                    self.queue.put(
                        executor.apply_async(get_index, (self.uid, i)),
                        block=True)
                # Done with the current epoch, waiting for the final batches
                self._wait_queue()
                if self.stop_signal.is_set():
                    # We're done
                    return
            # Call the internal on epoch end.
            self.sequence.on_epoch_end()
            self._send_sequence()  # Update the pool
            self.end_of_epoch_signal.set()

    def join_end_of_epoch(self, timeout=30):
        """Waits until the workers have finished an epoch and the
        sequence's `on_epoch_end` has been called (at most `timeout`
        seconds), then resets the signal for the next epoch."""
        self.end_of_epoch_signal.wait(timeout=timeout)
        self.end_of_epoch_signal.clear()

    def get(self):
        """Creates a generator to extract data from the queue.

        Skip the data if it is `None`.

        # Yields
            The next element in the queue, i.e. a tuple
            `(inputs, targets)` or
            `(inputs, targets, sample_weights)`.
        """
        try:
            while self.is_running():
                inputs = self._next_result()
                if inputs is not None:
                    yield inputs
        except Exception:
            self.stop()
            six.reraise(*sys.exc_info())


class GeneratorEnqueuer(SequenceEnqueuer):
    """Builds a queue out of a data generator.

    The provided generator can be finite in which case the class will throw
    a `StopIteration` exception.

    Used in `fit_generator`, `evaluate_generator`, `predict_generator`.

    # Arguments
        sequence: a generator function which yields data
        use_multiprocessing: use multiprocessing if True, otherwise threading
        wait_time: time to sleep in-between calls to `put()` (deprecated,
            unused)
        random_seed: Initial seed for workers,
            will be incremented by one for each worker.
    """

    def __init__(self, sequence, use_multiprocessing=False, wait_time=None,
                 random_seed=None):
        super(GeneratorEnqueuer, self).__init__(sequence, use_multiprocessing)
        self.random_seed = random_seed
        if wait_time is not None:
            warnings.warn('`wait_time` is not used anymore.', stacklevel=2)

    def _get_executor_init(self, workers):
        def pool_fn(seqs):
            return multiprocessing.Pool(
                workers, initializer=init_pool_generator,
                initargs=(seqs, self.random_seed))
        return pool_fn

    def _run(self):
        """Submits request to the executor and queue the `Future` objects."""
        self._send_sequence()  # Share the initial generator
        with closing(self.executor_fn(_SHARED_SEQUENCES)) as executor:
            while True:
                if self.stop_signal.is_set():
                    return
                self.queue.put(
                    executor.apply_async(next_sample, (self.uid,)),
                    block=True)

    def _drain_finished(self):
        """After a finite generator ends: the results already computed."""
        last_ones = []
        while self.queue.qsize() > 0:
            last_ones.append(self.queue.get(block=True))
        for future in last_ones:
            future.wait()
        return [future.get() for future in last_ones if future.successful()]

    def get(self):
        """Creates a generator to extract data from the queue.

        Skip the data if it is `None`.

        # Yields
            The next element in the queue, i.e. a tuple
            `(inputs, targets)` or
            `(inputs, targets, sample_weights)`.
        """
        try:
            while self.is_running():
                inputs = self._next_result()
                if inputs is not None:
                    yield inputs
        except StopIteration:
            # Special case for finite generators
            for inputs in self._drain_finished():
                if inputs is not None:
                    yield inputs
            self.stop()
        except Exception as e:
            self.stop()
            if 'generator already executing' in str(e):
                raise RuntimeError(
                    'Your generator is NOT thread-safe. '
                    'Keras requires a thread-safe generator when '
                    '`use_multiprocessing=False, workers > 1`. ')
            six.reraise(*sys.exc_info())
