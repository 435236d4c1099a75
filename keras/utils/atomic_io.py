"""Atomic file writes: a crash (even SIGKILL) leaves either the previous
file or the new one, never a truncated mix.

The data goes to a temporary file in the target's folder (same file
system, so the final rename is atomic), which is flushed and fsynced, then
renamed over the target with `os.replace`; the folder is fsynced so that
the rename itself survives a power loss. A failed write removes the
temporary file and leaves the target untouched. A process killed during
the write can leave a hidden `.<name>.*.tmp` file next to the target; it is
never read by Keras and can be deleted.
"""
import contextlib
import os
import tempfile

__all__ = ['atomic_path', 'atomic_open', 'fsync_path']


def _default_mode():
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


_FILE_MODE = _default_mode()


def fsync_path(path, directory=False):
    """Flushes the file (or folder) at `path` to disk (best effort for
    folders, which some systems cannot open)."""
    flags = os.O_RDONLY
    if directory:
        flags |= getattr(os, 'O_DIRECTORY', 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        if directory:
            return
        raise
    try:
        os.fsync(fd)
    except OSError:
        if not directory:
            raise
    finally:
        os.close(fd)


@contextlib.contextmanager
def atomic_path(filepath):
    """Yields a temporary path to write; on success it replaces `filepath`.

    # Arguments
        filepath: the final path.

    # Example

    ```python
        with atomic_path('model.h5') as tmp:
            with h5py.File(tmp, 'w') as f:
                ...
    ```
    """
    filepath = os.fspath(filepath)
    directory = os.path.dirname(os.path.abspath(filepath))
    fd, tmp = tempfile.mkstemp(prefix='.%s.' % os.path.basename(filepath),
                               suffix='.tmp', dir=directory)
    os.close(fd)
    try:
        mode = os.stat(filepath).st_mode & 0o777
    except OSError:
        mode = _FILE_MODE
    try:
        yield tmp
        os.chmod(tmp, mode)
        fsync_path(tmp)
        os.replace(tmp, filepath)
    except BaseException:
        if os.path.exists(tmp):
            os.remove(tmp)
        raise
    fsync_path(directory, directory=True)


@contextlib.contextmanager
def atomic_open(filepath, mode='w', **kwargs):
    """`open()` for writing, made atomic with `atomic_path`.

    # Arguments
        filepath: the final path.
        mode: `'w'`, `'wb'` (or with `'t'`); appending is done by writing
            the old content first.
        **kwargs: passed to `open` (`encoding`, `newline`...).
    """
    if 'w' not in mode or any(c in mode for c in 'ax+r'):
        raise ValueError('atomic_open writes whole files: mode must be "w" '
                         'or "wb", got %r.' % (mode,))
    with atomic_path(filepath) as tmp:
        with open(tmp, mode, **kwargs) as f:
            yield f
            f.flush()
