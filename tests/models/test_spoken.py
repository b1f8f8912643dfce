"""Indonesian words for queue calls, and the sound/announcement settings."""

from __future__ import annotations

import pytest

from desktop.models.queue.spoken import (
    DEFAULT_ANNOUNCEMENT,
    SoundOptions,
    announcement,
    call_text,
    number_words,
    save_announcement,
    save_sound_options,
    sound_options,
    ticket_words,
)
from tests.identities import admin_actor


@pytest.mark.parametrize(("n", "words"), [
    (0, "nol"), (1, "satu"), (2, "dua"), (9, "sembilan"), (10, "sepuluh"), (11, "sebelas"),
    (12, "dua belas"), (19, "sembilan belas"), (20, "dua puluh"), (21, "dua puluh satu"),
    (99, "sembilan puluh sembilan"), (100, "seratus"), (101, "seratus satu"), (110, "seratus sepuluh"),
    (115, "seratus lima belas"), (250, "dua ratus lima puluh"), (1000, "seribu"),
    (1001, "seribu satu"), (2024, "dua ribu dua puluh empat"), (11000, "sebelas ribu"),
    (1_000_000, "satu juta"), (2_500_000, "dua juta lima ratus ribu"),
])
def test_number_words(n, words):
    assert number_words(n) == words


def test_ticket_number_is_read_digit_by_digit():
    assert ticket_words("A-003") == "A nol nol tiga"
    assert ticket_words("b-120") == "B satu dua nol"
    assert ticket_words("017") == "nol satu tujuh"


def test_call_sentence():
    assert call_text("A-003", 2) == "Nomor antrian A nol nol tiga, silakan ke loket dua"
    assert call_text("C-010", 12) == "Nomor antrian C nol satu nol, silakan ke loket dua belas"


def test_sound_options_default_to_chime_only_and_can_be_silenced(services):
    assert sound_options(services.settings) == SoundOptions(chime=True, speech=False)
    save_sound_options(services.settings, SoundOptions(chime=False, speech=False), admin_actor(services))
    options = sound_options(services.settings)
    assert options.silent and not options.chime


def test_announcement_is_stored_with_whitespace_collapsed(services):
    assert announcement(services.settings) == DEFAULT_ANNOUNCEMENT
    save_announcement(services.settings, "  Jam layanan\n08.00 – 15.00  ", admin_actor(services))
    assert announcement(services.settings) == "Jam layanan 08.00 – 15.00"
    save_announcement(services.settings, "", admin_actor(services))
    assert announcement(services.settings) == ""
