"""A real, tiny filesystem to fill up: disk-full tests without simulating the write call.

A tmpfs of a few MB is mounted on a fresh folder (this needs root, as on the CI
machine; elsewhere the tests that need it are skipped) and filled with a filler
file until the kernel says ENOSPC; freeing the filler gives the space back.
"""

from __future__ import annotations

import contextlib
import errno
import os
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest


class SmallDisk:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.filler = path / "filler"

    def fill(self) -> None:
        """Write until the filesystem is full."""
        block = b"\0" * 4096
        descriptor = os.open(self.filler, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
        try:
            while True:
                os.write(descriptor, block)
        except OSError as error:
            if error.errno != errno.ENOSPC:
                raise
        finally:
            os.close(descriptor)

    def free(self) -> None:
        self.filler.unlink(missing_ok=True)


@contextlib.contextmanager
def small_disk(size_kb: int = 8192) -> Iterator[SmallDisk]:
    folder = tempfile.mkdtemp(prefix="denkspur-small-disk-")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", folder],
                             capture_output=True, check=False) if os.name == "posix" else None
    if mounted is None or mounted.returncode != 0:
        os.rmdir(folder)
        pytest.skip("a real full disk needs a tmpfs mount (root on Linux)")
    try:
        yield SmallDisk(Path(folder))
    finally:
        subprocess.run(["umount", "-l", folder], capture_output=True, check=False)
        with contextlib.suppress(OSError):
            os.rmdir(folder)
