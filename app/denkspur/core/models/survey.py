"""This machine and the catalog at a glance: hardware, every entry's fit, and the recommendation.

Probing the hardware and reading the catalog touch the disk (and the GPU driver), so
the app gathers all of it in one background step and shows the result at once.
"""

from __future__ import annotations

from dataclasses import dataclass

from denkspur.core.models.catalog import CatalogEntry, group_by_model, load_catalog
from denkspur.core.models.fit import Fit, fit_entry, preferred_quantization, recommend
from denkspur.core.models.hardware import Hardware, probe


@dataclass(frozen=True)
class Survey:
    hardware: Hardware
    entries: list[CatalogEntry]
    fits: dict[str, Fit]  # by entry id
    recommended: CatalogEntry | None
    #: By model name: its files (coarsest quantization first) and the one to offer first here.
    groups: dict[str, list[CatalogEntry]]
    preferred: dict[str, CatalogEntry]


def survey(n_ctx: int, *, gpu_offload: bool | None = None) -> Survey:
    hardware = probe(gpu_offload=gpu_offload)
    entries = load_catalog()
    fits = {entry.id: fit_entry(entry, n_ctx, hardware) for entry in entries}
    groups = group_by_model(entries)
    preferred = {name: preferred_quantization(group, n_ctx, hardware) for name, group in groups.items()}
    return Survey(hardware, entries, fits, recommend(entries, n_ctx, hardware), groups, preferred)
