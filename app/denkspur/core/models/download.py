"""Download catalog models from the Hugging Face Hub with ``huggingface_hub``.

The Hub's file metadata gives each file's exact size and sha256 (the LFS etag).
Bytes go to ``NAME.part`` through ``huggingface_hub``'s own HTTP download (which
retries a dropped connection with a Range request); because the ``.part`` file
stays when the app is cancelled or killed, the next attempt resumes where it
stopped. Only after the sha256 matched is the file renamed and the model
registered, so a partial file is never offered or loaded.

``HF_TOKEN``, ``HF_ENDPOINT`` and ``HF_HUB_OFFLINE`` are honoured; a file already
in the Hugging Face cache is used from there instead of downloaded again.
"""

from __future__ import annotations

import errno
import hashlib
import logging
import os
import re
import shutil
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from denkspur.core.models.catalog import CatalogEntry
from denkspur.core.models.registry import InstalledModel, ModelRegistry

log = logging.getLogger("denkspur.core")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
SPACE_MARGIN = 64 * 1024 * 1024


class DownloadError(RuntimeError):
    """A download cannot go on; the message says why and what to do."""


class DownloadCancelled(DownloadError):
    """The user cancelled; the partial file stays for a later resume."""


@dataclass(frozen=True)
class Progress:
    file: str
    done: int  # bytes of all files of the model
    total: int
    speed: float  # bytes per second, recent
    eta: float | None  # seconds

    @property
    def fraction(self) -> float:
        return self.done / self.total if self.total else 0.0


@dataclass(frozen=True)
class RemoteFile:
    name: str
    url: str
    size: int
    sha256: str | None


ProgressCallback = Callable[[Progress], None]


def partial_path(target: Path) -> Path:
    """Where the bytes of ``target`` collect until verified (never offered or loaded)."""
    return target.with_name(target.name + ".part")


def _endpoint() -> str | None:
    return os.environ.get("HF_ENDPOINT") or None


def remote_files(entry: CatalogEntry) -> list[RemoteFile]:
    """Size and sha256 of every file of ``entry``, from the Hub's metadata."""
    if os.environ.get("HF_HUB_OFFLINE", "").lower() in ("1", "true", "yes", "on"):
        raise DownloadError("offline mode is on (HF_HUB_OFFLINE): cannot download; "
                            "import a GGUF file you already have instead")
    from huggingface_hub import get_hf_file_metadata, hf_hub_url
    from huggingface_hub.errors import (
        EntryNotFoundError,
        GatedRepoError,
        HfHubHTTPError,
        RepositoryNotFoundError,
    )

    files = []
    for name in entry.files:
        url = hf_hub_url(entry.repo, name, endpoint=_endpoint())
        try:
            meta = get_hf_file_metadata(url, endpoint=_endpoint())
        except GatedRepoError as error:
            raise DownloadError(f"{entry.repo} needs a Hugging Face token: set HF_TOKEN") from error
        except (RepositoryNotFoundError, EntryNotFoundError) as error:
            raise DownloadError(f"{entry.repo} has no file {name} (was it renamed?)") from error
        except HfHubHTTPError as error:
            raise DownloadError(f"the Hub refused {name}: {error}") from error
        except OSError as error:
            raise DownloadError(f"cannot reach the Hugging Face Hub: {error}") from error
        if meta.size is None:
            raise DownloadError(f"the Hub gave no size for {name}")
        etag = (meta.etag or "").strip('"').lower()
        files.append(RemoteFile(name, meta.location or url, int(meta.size),
                                etag if _SHA256.match(etag) else None))
    return files


def sha256_of(path: Path, chunk: int = 8 * 1024 * 1024) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(chunk):
            digest.update(block)
    return digest.hexdigest()


class _Tracker:
    """Takes huggingface_hub's progress updates; raises to cancel."""

    def __init__(self, file: str, base: int, total: int, on_progress: ProgressCallback | None,
                 cancel: threading.Event) -> None:
        self.file, self.base, self.total = file, base, total
        self.on_progress, self.cancel = on_progress, cancel
        self.n = 0
        self._window: list[tuple[float, int]] = [(time.monotonic(), 0)]

    def factory(self, *_args: Any, **kwargs: Any) -> _Tracker:
        """Used as ``tqdm_class``: huggingface_hub instantiates it with tqdm's arguments."""
        self.n = int(kwargs.get("initial") or 0)
        return self

    def __enter__(self) -> _Tracker:
        return self

    def __exit__(self, *_exc: object) -> None:
        return None

    def close(self) -> None:
        return None

    def update(self, count: int = 1) -> None:
        if self.cancel.is_set():
            raise DownloadCancelled("download cancelled; it resumes where it stopped next time")
        self.n += count
        now = time.monotonic()
        self._window = [(t, n) for t, n in self._window if now - t < 5.0] + [(now, self.n)]
        elapsed = now - self._window[0][0]
        speed = (self.n - self._window[0][1]) / elapsed if elapsed > 0 else 0.0
        done = self.base + self.n
        eta = (self.total - done) / speed if speed > 0 else None
        if self.on_progress is not None:
            self.on_progress(Progress(self.file, done, self.total, speed, eta))


def _check_space(folder: Path, needed: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    free = shutil.disk_usage(folder).free
    if needed + SPACE_MARGIN > free:
        raise DownloadError(
            f"not enough disk space in {folder}: the download needs {needed / 1e9:.2f} GB more, "
            f"{free / 1e9:.2f} GB are free. Free some space or choose another model folder."
        )


def _cached(entry: CatalogEntry, name: str) -> Path | None:
    from huggingface_hub import try_to_load_from_cache

    found = try_to_load_from_cache(entry.repo, name)
    return Path(found) if isinstance(found, str) else None


def _fetch(remote: RemoteFile, target: Path, tracker: _Tracker) -> None:
    from huggingface_hub.file_download import http_get
    from huggingface_hub.utils import build_hf_headers

    partial = partial_path(target)
    partial.parent.mkdir(parents=True, exist_ok=True)
    try:
        with partial.open("ab") as handle:
            resume = handle.tell()
            if resume > remote.size:  # not ours to trust: start over
                handle.truncate(0)
                resume = 0
            tracker.n = resume
            http_get(remote.url, handle, resume_size=resume, headers=build_hf_headers(),
                     expected_size=remote.size, displayed_filename=remote.name,
                     tqdm_class=tracker.factory)  # type: ignore[arg-type]
    except DownloadError:
        raise
    except OSError as error:
        if getattr(error, "errno", None) == errno.ENOSPC:
            raise DownloadError(f"the disk filled up while downloading {remote.name}; "
                                "free some space and download again to resume") from error
        raise DownloadError(f"downloading {remote.name} failed: {error}") from error
    except Exception as error:  # network errors after huggingface_hub's own retries
        raise DownloadError(f"downloading {remote.name} failed ({type(error).__name__}: {error}); "
                            "download again to resume") from error
    if remote.sha256 is not None:
        actual = sha256_of(partial)
        if actual != remote.sha256:
            partial.unlink(missing_ok=True)
            raise DownloadError(
                f"{remote.name} is damaged: its sha256 is {actual[:12]}… but the Hub says "
                f"{remote.sha256[:12]}…. The file was deleted; download it again."
            )
    partial.replace(target)


def download_entry(
    entry: CatalogEntry,
    folder: Path,
    registry: ModelRegistry,
    *,
    on_progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
) -> InstalledModel:
    """Download (or resume) every file of ``entry`` into ``folder``; register it when verified."""
    cancel = cancel or threading.Event()
    remotes = remote_files(entry)
    total = sum(r.size for r in remotes)
    targets = [folder / r.name for r in remotes]
    cached = [_cached(entry, r.name) for r in remotes]
    have = 0
    for target, cache, remote in zip(targets, cached, remotes, strict=True):
        if cache is not None or target.exists():
            have += remote.size
        else:
            part = partial_path(target)
            have += part.stat().st_size if part.exists() else 0
    _check_space(folder, total - have)

    paths: list[str] = []
    done = 0
    for target, cache, remote in zip(targets, cached, remotes, strict=True):
        if cache is not None:
            paths.append(str(cache))
        elif not target.exists():
            _fetch(remote, target, _Tracker(remote.name, done, total, on_progress, cancel))
            paths.append(str(target))
        else:
            paths.append(str(target))
        done += remote.size
        if on_progress is not None:
            on_progress(Progress(remote.name, done, total, 0.0, None))
    installed = InstalledModel(
        id=entry.id, name=entry.name, paths=paths, size_bytes=total, source="download",
        quantization=entry.quantization, sha256=[r.sha256 or "" for r in remotes],
        owned=all(cache is None for cache in cached),  # never delete files of the shared HF cache
    )
    registry.add(installed)
    log.info("installed %s (%d files, %.2f GB)", entry.id, len(paths), total / 1e9)
    return installed
