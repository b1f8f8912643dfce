"""YAML from files an admin loads (catalogues, templates, service edits), read with limits.

YAML anchors and aliases let a 300 KiB file describe gigabytes: PyYAML shares the aliased
objects, but everything that walks the result (validation, copying, JSON) expands them. Before
building any object we walk the parser's event stream once and count what the document would
be when expanded, so such a file is refused in milliseconds with a plain message.
"""

from __future__ import annotations

from typing import Any

import yaml

from desktop.models.errors import LoketError

MAX_BYTES = 4 * 1024 * 1024  # the largest bundled catalogue is ~300 KiB
MAX_ALIASES = 100
MAX_NODES = 500_000  # values in the document once every alias is expanded
MAX_DEPTH = 64

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str, where: str, error: type[LoketError]) -> Any:
    """Parse `text` (safe loader) after checking its size and expanded size; raise `error` naming `where`.

    yaml.YAMLError is left to the caller, which knows how to word a syntax error for its file.
    """
    if len(text) > MAX_BYTES or len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise error(f"{where}: berkas terlalu besar untuk YAML (lebih dari {MAX_BYTES // 2**20} MB).")
    _check_expansion(text, where, error)
    return yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader


def _check_expansion(text: str, where: str, error: type[LoketError]) -> None:
    sizes: dict[str, int] = {}  # anchor -> values it stands for (expanded)
    frames: list[list[Any]] = [[0, None]]  # open collections: [values so far, anchor]
    aliases = total = 0
    for event in yaml.parse(text, Loader=_LOADER):
        if isinstance(event, yaml.ScalarEvent):
            frames[-1][0] += 1
            if event.anchor:
                sizes[event.anchor] = 1
        elif isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            frames.append([1, event.anchor])
            if len(frames) > MAX_DEPTH:
                raise error(f"{where}: YAML bersarang terlalu dalam (lebih dari {MAX_DEPTH} tingkat).")
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            count, anchor = frames.pop()
            if anchor:
                sizes[anchor] = count
            frames[-1][0] += count
        elif isinstance(event, yaml.AliasEvent):
            aliases += 1
            frames[-1][0] += sizes.get(event.anchor, 1)
            if aliases > MAX_ALIASES:
                raise error(f"{where}: terlalu banyak alias YAML (*nama; lebih dari {MAX_ALIASES}). Berkas katalog "
                            "dan templat tidak memerlukannya; tulis isinya secara langsung.")
        else:
            continue
        total = sum(frame[0] for frame in frames)
        if total > MAX_NODES:
            raise error(f"{where}: isi YAML membengkak menjadi lebih dari {MAX_NODES:,} nilai bila alias-aliasnya "
                        "dibuka; berkas ditolak.".replace(",", "."))
