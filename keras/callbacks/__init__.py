"""Callbacks: objects called at given points of training (epoch and batch
begin/end) to log, save, schedule or stop."""
from __future__ import absolute_import

from .callbacks import Callback  # noqa: F401
from .callbacks import CallbackList  # noqa: F401
from .callbacks import BaseLogger  # noqa: F401
from .callbacks import TerminateOnNaN  # noqa: F401
from .callbacks import ProgbarLogger  # noqa: F401
from .callbacks import History  # noqa: F401
from .callbacks import ModelCheckpoint  # noqa: F401
from .callbacks import EarlyStopping  # noqa: F401
from .callbacks import RemoteMonitor  # noqa: F401
from .callbacks import LearningRateScheduler  # noqa: F401
from .callbacks import ReduceLROnPlateau  # noqa: F401
from .callbacks import CSVLogger  # noqa: F401
from .callbacks import LambdaCallback  # noqa: F401
from .tensorboard_v2 import TensorBoard  # noqa: F401
