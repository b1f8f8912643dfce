"""Catalogue and template YAML: alias bombs, deep nesting and junk are refused quickly, nothing loaded."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.models.catalog.loader import catalog_dir, load_catalog_file
from desktop.models.errors import CatalogError, LoketError, ValidationError
from desktop.printing.templates import save_template
from tests.identities import admin_actor, office_staff

KALIREJO = (catalog_dir() / "kalirejo.yaml").read_text(encoding="utf-8")


def _alias_bomb(aliases: int = 20_000) -> str:
    """~300 KiB: one anchored list of 100 strings, then `aliases` references to it in a catalogue file."""
    head = "format: 1\nbase: &b [" + ", ".join(f"nilai{i}" for i in range(100)) + "]\n"
    return head + KALIREJO.split("\n", 1)[1] + "\nextra:\n" + "".join("  - *b\n" for _ in range(aliases))


def _laughs(levels: int = 10) -> str:
    lines = ['a0: &a0 ["ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("text, words", [
    (_alias_bomb(), "terlalu banyak alias"),
    (_laughs(), "membengkak"),
    ("a: " + "[" * 200 + "]" * 200 + "\n", "bersarang terlalu dalam"),
    ("x: '" + "y" * (5 * 1024 * 1024) + "'\n", "terlalu besar"),
])
def test_a_catalogue_bomb_is_refused_before_it_is_built(services, tmp_path, text, words):
    path = tmp_path / "kalirejo.yaml"
    path.write_text(text, encoding="utf-8")
    before = services.db.execute("SELECT count(*), sum(version) FROM services").fetchone()
    tracemalloc.start()
    try:
        with pytest.raises(CatalogError, match=words):
            services.catalog.import_file(path, admin_actor(services))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 64 * 1024 * 1024  # the 5 MB file itself is read; nothing is expanded
    assert services.db.execute("SELECT count(*), sum(version) FROM services").fetchone() == before


def test_a_template_bomb_is_refused_and_not_written(tmp_path, services):
    path = tmp_path / "umum.yaml"
    with pytest.raises(ValidationError, match="membengkak"):
        save_template(path, _laughs() + "title: x\nopening: y\nclosing: z\n", set(), office_staff(services).admin)
    assert not path.exists()


def test_the_bundled_catalogues_still_load():
    for name in ("kalirejo", "kanigaran"):
        assert load_catalog_file(catalog_dir() / f"{name}.yaml").services


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cuts=st.lists(st.tuples(st.integers(0, len(KALIREJO)), st.integers(0, 40),
                               st.sampled_from(["", "&a ", "*a", "- ", ": ", "\n  ", "[", "{", "'", "\t", "\x00",
                                                "!!python/object:os.system ", "999", "null"])),
                     min_size=1, max_size=5))
def test_a_damaged_catalogue_is_refused_by_name_or_loads(tmp_path, cuts):
    text = KALIREJO
    for pos, length, insert in cuts:
        text = text[:pos] + insert + text[pos + length:]
    path: Path = tmp_path / "kalirejo.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        catalog = load_catalog_file(path)
    except LoketError as exc:
        assert "kalirejo.yaml" in str(exc) or "katalog" in str(exc).lower()
    else:
        assert catalog.office.id
