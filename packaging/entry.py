"""PyInstaller entry point: the same ``main`` as ``python -m denkspur``."""

import sys

from denkspur.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
