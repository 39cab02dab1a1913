"""``python -m geo``: the same as the ``frontline`` command."""

import sys

from geo.cli import main

if __name__ == "__main__":
    sys.exit(main())
