"""``python -m jsinterop``: the ``jsinterop`` command."""

import sys

from jsinterop.cli import main

if __name__ == "__main__":
    sys.exit(main())
