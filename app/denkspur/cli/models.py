"""``denkspur models …``: catalog, hardware fit, download, import, remove.

JSON shapes (a contract; extend, do not rename):

* ``models list --json``: ``[{"id", "name", "repo", "files", "quantization",
  "parameters_billion", "size_bytes", "context_length", "license", "description",
  "installed", "path", "source", "verified"}]`` (catalog entries, then imported files;
  ``verified`` is false when the Hub gave no checksum, null when not installed)
* ``models fit --json``: ``{"ctx", "hardware": {...}, "recommended": id | null,
  "models": [{"id", "name", "quantization", "size_bytes", "verdict",
  "memory_bytes", "weights_bytes", "kv_cache_bytes", "gpu_layers"}]}``
  with verdict one of ``gpu``, ``partial``, ``cpu``, ``too-big``
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
from pathlib import Path

from denkspur.cli.exit_codes import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE
from denkspur.core.models.catalog import CatalogError, find_entry, load_catalog
from denkspur.core.models.download import DownloadCancelled, DownloadError, Progress, download_entry
from denkspur.core.models.files import import_gguf, remove_model
from denkspur.core.models.fit import fit_entry, recommend
from denkspur.core.models.gguf_info import GGUFError
from denkspur.core.models.hardware import probe
from denkspur.core.models.registry import ModelRegistry
from denkspur.core.settings import Settings, data_dir
from denkspur.core.text.terminal import strip_terminal_controls


def registry() -> ModelRegistry:
    return ModelRegistry.in_data_dir(data_dir())


def model_folder(settings: Settings | None = None) -> Path:
    return (settings or Settings.load()).model_folder(data_dir())


def resolve_model(value: Path) -> Path:
    """A path as given, or the file of an installed model with that id."""
    if value.exists() or value.suffix == ".gguf":
        return value
    installed = registry().get(str(value))
    return Path(installed.path) if installed else value


def _fail(message: str) -> int:
    print(f"denkspur: {message}", file=sys.stderr)
    return EXIT_FAILED


def run_models(args: argparse.Namespace) -> int:
    try:
        handler = {"list": _list, "fit": _fit, "download": _download, "import": _import,
                   "rm": _remove}[args.models_command]
        return handler(args)
    except (CatalogError, DownloadError, GGUFError) as error:
        return _fail(str(error))
    except OSError as error:  # the model list or folder cannot be written (a file where a folder goes …)
        where = f" {error.filename}" if error.filename else ""
        return _fail(f"cannot use{where}: {error.strerror or error}")


def _list(args: argparse.Namespace) -> int:
    installed = {m.id: m for m in registry().all()}
    rows = []
    for entry in load_catalog():
        model = installed.pop(entry.id, None)
        rows.append({**entry.to_dict(), "installed": model is not None,
                     "path": model.path if model else None, "source": "catalog",
                     "verified": model.verified if model else None})
    for model in installed.values():
        rows.append({"id": model.id, "name": model.name, "repo": None, "files": model.paths,
                     "quantization": model.quantization, "parameters_billion": None,
                     "size_bytes": model.size_bytes, "context_length": None, "license": None,
                     "description": "imported GGUF file", "installed": True, "path": model.path,
                     "source": model.source, "verified": model.verified})
    if args.json:
        print(json.dumps(rows, ensure_ascii=False))
        return EXIT_OK
    for row in rows:
        mark = "✔" if row["installed"] else " "
        size = f"{int(row['size_bytes']) / 1e9:6.2f} GB"  # type: ignore[call-overload]
        unchecked = row["verified"] is False and row["source"] in ("catalog", "download")
        note = "  (no checksum from the Hub)" if unchecked else ""
        name = " ".join(strip_terminal_controls(str(row["name"])).split())  # metadata: one inert line
        print(f"{mark} {row['id']:<34} {row['quantization']:<7} {size}  {name}{note}")
    return EXIT_OK


def _fit(args: argparse.Namespace) -> int:
    hardware = probe()
    entries = load_catalog()
    best = recommend(entries, args.ctx, hardware)
    rows = [{"id": e.id, "name": e.name, "quantization": e.quantization, "size_bytes": e.size_bytes,
             **fit_entry(e, args.ctx, hardware).to_dict()} for e in entries]
    if args.json:
        print(json.dumps({"ctx": args.ctx, "hardware": hardware.to_dict(),
                          "recommended": best.id if best else None, "models": rows}))
        return EXIT_OK
    gpu = ", ".join(f"{g.name} ({g.memory_free / 1e9:.1f} GB free)" for g in hardware.gpus) or "none"
    print(f"RAM {hardware.ram_total / 1e9:.1f} GB · GPU {gpu} · "
          f"llama.cpp GPU offload: {'yes' if hardware.gpu_offload else 'no'} · context {args.ctx}")
    for row in rows:
        star = "★" if best and row["id"] == best.id else " "
        need = int(row["memory_bytes"]) / 1e9  # type: ignore[call-overload]
        print(f"{star} {row['id']:<34} {row['verdict']:<8} needs ~{need:5.1f} GB")
    print(f"recommended: {best.id if best else 'none fits this machine; use a remote server'}")
    return EXIT_OK


def _download(args: argparse.Namespace) -> int:
    entry = find_entry(load_catalog(), args.id)
    folder = args.dir or model_folder()
    cancel = threading.Event()

    def show(progress: Progress) -> None:
        eta = f", {progress.eta:.0f} s left" if progress.eta is not None else ""
        print(f"\r{progress.file}: {progress.done / 1e6:,.1f} of {progress.total / 1e6:,.1f} MB "
              f"({progress.fraction:.0%}, {progress.speed / 1e6:.1f} MB/s{eta})   ",
              end="", file=sys.stderr, flush=True)

    try:
        model = download_entry(entry, folder, registry(), on_progress=show, cancel=cancel)
    except KeyboardInterrupt:
        print("\ncancelled: run the same command again to resume", file=sys.stderr)
        return EXIT_INTERRUPTED
    except DownloadCancelled as error:
        return _fail(str(error))
    print(file=sys.stderr)
    print(model.path)
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    model, warnings = import_gguf(args.path, registry())
    for warning in warnings:
        print(f"note: {warning}", file=sys.stderr)
    print(model.id)
    return EXIT_OK


def _remove(args: argparse.Namespace) -> int:
    installed = registry().get(args.id)
    if installed is None:
        return _fail(f"no installed model {args.id!r} (see 'denkspur models list')")
    if not args.yes:
        if not sys.stdin.isatty():
            return _fail("removing needs confirmation: add --yes")
        action = "delete" if installed.owned else "forget (the file stays)"
        answer = input(f"{action} {installed.name} ({installed.size_bytes / 1e9:.2f} GB)? [y/N] ")
        if answer.strip().lower() not in ("y", "yes", "j", "ja"):
            return EXIT_USAGE
    model, freed = remove_model(args.id, registry())
    print(f"removed {model.id}" + (f", {freed / 1e9:.2f} GB freed" if freed else ""), file=sys.stderr)
    return EXIT_OK
