"""Small standard datasets, downloaded on first use and cached under
`~/.keras/datasets` (or `$KERAS_HOME/datasets`)."""
from __future__ import absolute_import

from . import mnist  # noqa: F401
from . import imdb  # noqa: F401
from . import reuters  # noqa: F401
from . import cifar10  # noqa: F401
from . import cifar100  # noqa: F401
from . import boston_housing  # noqa: F401
from . import fashion_mnist  # noqa: F401
