"""Download catalog models from the Hugging Face Hub with ``huggingface_hub``.

The Hub's file metadata (one HEAD request per file through ``huggingface_hub``)
gives each file's exact size and sha256 (the LFS etag). Bytes go to ``NAME.part``
through one bounded GET (:mod:`denkspur.core.models.hub_transfer`: never more than
the announced size, resumed after a dropped connection); because the ``.part``
file stays when the app is cancelled or killed, the next attempt resumes where
it stopped. Every file is hashed before the model is registered, also one that
was already there or in the Hugging Face cache; when the Hub gave no sha256 the
entry says so (``verified: false``) instead of claiming a check.

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

from denkspur.core.models.catalog import CatalogEntry
from denkspur.core.models.hub_transfer import (
    DownloadError,
    TooManyBytes,
    fetch_into,
    is_network_failure,
    network_failure,
)
from denkspur.core.models.registry import InstalledModel, ModelRegistry

log = logging.getLogger("denkspur.core")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
SPACE_MARGIN = 64 * 1024 * 1024


__all__ = ["DownloadCancelled", "DownloadError", "Progress", "download_entry", "partial_path"]


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
            status = error.response.status_code if error.response is not None else "?"
            raise DownloadError(f"the Hub refused {name} (HTTP {status})") from error
        except Exception as error:  # httpx2 network errors, OSError, …: nothing escapes unexplained
            if is_network_failure(error) or isinstance(error, OSError):
                raise network_failure(error, "cannot reach the Hugging Face Hub") from error
            raise DownloadError(f"the Hub's answer for {name} is unusable "
                                f"({type(error).__name__}: {error})") from error
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
    """Takes the transfer's byte counts, reports progress; raises to cancel."""

    def __init__(self, file: str, base: int, total: int, on_progress: ProgressCallback | None,
                 cancel: threading.Event) -> None:
        self.file, self.base, self.total = file, base, total
        self.on_progress, self.cancel = on_progress, cancel
        self.n = 0
        self._window: list[tuple[float, int]] = [(time.monotonic(), 0)]

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


def _fetch(remote: RemoteFile, target: Path, tracker: _Tracker) -> str:
    """Download (or resume) ``remote`` to ``target``; returns its sha256 (checked when known)."""
    import huggingface_hub.constants
    from huggingface_hub.utils import build_hf_headers

    partial = partial_path(target)
    partial.parent.mkdir(parents=True, exist_ok=True)
    try:
        with partial.open("ab") as handle:
            if handle.tell() > remote.size:  # not ours to trust: start over
                handle.truncate(0)
                handle.seek(0)
            tracker.n = handle.tell()
            fetch_into(remote.url, handle, name=remote.name, size=remote.size,
                       headers=build_hf_headers(), on_bytes=tracker.update,
                       chunk_size=huggingface_hub.constants.DOWNLOAD_CHUNK_SIZE,
                       timeout=float(huggingface_hub.constants.HF_HUB_DOWNLOAD_TIMEOUT))
    except TooManyBytes:
        partial.unlink(missing_ok=True)
        raise
    except DownloadError:
        raise
    except OSError as error:
        if getattr(error, "errno", None) == errno.ENOSPC:
            raise DownloadError(f"the disk filled up while downloading {remote.name}; "
                                "free some space and download again to resume") from error
        raise DownloadError(f"downloading {remote.name} failed: {error}") from error
    try:
        digest = _verified_digest(partial, remote, "was downloaded damaged")
    except DownloadError:
        partial.unlink(missing_ok=True)
        raise
    partial.replace(target)
    return digest


def _verified_digest(path: Path, remote: RemoteFile, damaged: str) -> str:
    """The sha256 of ``path``, refused when it differs from the Hub's size or checksum."""
    try:
        size = path.stat().st_size
        digest = sha256_of(path) if size == remote.size else ""
    except OSError as error:
        raise DownloadError(f"cannot read {path}: {error.strerror or error}") from error
    if size != remote.size:
        raise DownloadError(f"{path.name} {damaged}: it has {size:,} bytes but the Hub says "
                            f"{remote.size:,}")
    if remote.sha256 is not None and digest != remote.sha256:
        raise DownloadError(
            f"{path.name} {damaged}: its sha256 is {digest[:12]}… but the Hub says "
            f"{remote.sha256[:12]}…"
        )
    return digest


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
    digests: list[str] = []
    done = 0
    for target, cache, remote in zip(targets, cached, remotes, strict=True):
        if cache is not None:
            digests.append(_verified_digest(cache, remote, "in the Hugging Face cache is damaged"))
            paths.append(str(cache))
        elif not target.exists():
            digests.append(_fetch(remote, target, _Tracker(remote.name, done, total, on_progress, cancel)))
            paths.append(str(target))
        else:  # already there: trusted only once hashed
            digests.append(_verified_digest(
                target, remote, "is already in the model folder but is not the Hub's file "
                "(remove it and download again)"))
            paths.append(str(target))
        done += remote.size
        if on_progress is not None:
            on_progress(Progress(remote.name, done, total, 0.0, None))
    installed = InstalledModel(
        id=entry.id, name=entry.name, paths=paths, size_bytes=total, source="download",
        quantization=entry.quantization, sha256=digests,
        owned=all(cache is None for cache in cached),  # never delete files of the shared HF cache
        verified=all(r.sha256 is not None for r in remotes),
    )
    registry.add(installed)
    log.info("installed %s (%d files, %.2f GB)", entry.id, len(paths), total / 1e9)
    return installed
