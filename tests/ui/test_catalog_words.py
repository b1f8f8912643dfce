"""Every service's standard as the Katalog screen shows it: Indonesian only, no app codes."""

from __future__ import annotations

import re
from html import unescape

from desktop.models.catalog.loader import load_all
from desktop.ui.widgets.service_view import service_html
from tests.ui.screen_walk import english_in

# Printed by the decrees themselves and kept as printed: not the app speaking English.
AS_PRINTED = {"Foto Copy", "Customer Service"}


def test_every_standard_on_the_katalog_screen_reads_in_indonesian():
    found = []
    for catalog in load_all():
        for service in catalog.services:
            text = unescape(re.sub(r"<[^>]+>", " ", service_html(service)))
            for phrase in AS_PRINTED:
                text = text.replace(phrase, "")
            bad = english_in(text)
            if bad:
                found.append(f"{service.id}: {sorted(set(bad))}")
    assert not found, "\n".join(found)
