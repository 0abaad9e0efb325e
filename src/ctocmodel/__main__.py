"""``python -m ctocmodel``: the same as the ``ctocmodel`` command."""

import sys

from .cli import main

sys.exit(main())
