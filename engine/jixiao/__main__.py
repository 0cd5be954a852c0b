"""`python -m jixiao …`, the same as the `jixiao` command."""

import sys

from .cli import main

sys.exit(main())
