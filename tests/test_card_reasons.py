"""The reason for a card's place is stored as data and rendered in one place (core.card_reasons): every kind
in German, as JSON and back, older cards from their German text; the board and the import store both."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from quartierslabor_app.core import card_reasons
from quartierslabor_app.core.card_reasons import (KINDS, card_reason_message, legacy_reason_message, reason_from_json,
                                                  reason_json, reason_message)
from reason_samples import sample

CORE = Path(card_reasons.__file__).parent


#: every kind with the German text it gives for :func:`sample`
GERMAN = {
    "cues": "Alpha – erkannt an: wort1, wort2",
    "similar": "Alpha – ähnlich wie: ‚probe karte‘",
    "learned": "Alpha – ähnlich wie die hier eingeordnete Karte ‚probe karte‘",
    "weak": "Alpha – schwache Übereinstimmung",
    "nothing": "Alpha – passt zu keinem Thema gut (am ehesten Beta)",
    "new_cluster": "Neues Thema „Alpha“ vorgeschlagen – gemeinsam: wort1, wort2 "
                   "(zusammengefasst aus „Delta“, „Epsilon“ – gemeinsames Wort: wort3)",
    "split": "Teilthema von „Gamma“ – als eigenes Thema „Alpha“ vorgeschlagen, gemeinsam: wort1, wort2",
    "manual": "Alpha – von Hand zugeordnet",
    "merged": "Alpha – zusammengeführt aus „Gamma“",
    "correction": "Alpha – so hat die Moderation dieselbe Karte zuvor zugeordnet",
    "imported": "Alpha – Thema aus der Importdatei",
    "waiting": "Alpha – wird gleich eingeordnet …",
}


def test_every_kind_has_its_german_text():
    assert set(GERMAN) == set(KINDS)
    for kind in KINDS:
        assert str(reason_message(sample(kind))) == GERMAN[kind]


def test_every_reason_the_core_makes_is_a_known_kind():
    """A new kind in the clusterer or the board must get its own text (else it would read 'schwache …')."""
    made = set()
    sources = [*(CORE / "clustering").glob("*.py"), *(CORE / "board").glob("*.py"), CORE / "cards_import.py"]
    for path in sources:
        source = path.read_text(encoding="utf-8")
        made |= set(re.findall(r'\bReason\(\s*"(\w+)"', source))
        made |= {getattr(card_reasons, name) for name in re.findall(r'\bReason\(\s*([A-Z_]+)\b', source)}
        made |= set(re.findall(r'kind = "(\w+)" if .* else "\w+"', source))
        made |= set(re.findall(r'kind = "\w+" if .* else "(\w+)"', source))
    assert {"cues", "nothing", "learned", "similar", "weak", "manual", "merged", "correction"} <= made
    assert made <= set(KINDS)


def test_cue_words_of_another_language_name_the_language():
    reason = sample("cues", words=("gürültü",), language="tr")
    assert str(reason_message(reason)) == "Alpha – erkannt (Türkisch): gürültü"
    assert str(reason_message(reason, "en")) == "Alpha – erkannt (Turkish): gürültü"   # template: GUI translates


def test_without_alternative_and_long_example():
    assert str(reason_message(sample("nothing", alternative=""))) == "Alpha – passt zu keinem Thema gut"
    long = "Autos parken jeden Morgen auf dem Gehweg vor der Grundschule"
    assert str(reason_message(sample("similar", example=long))) == \
        "Alpha – ähnlich wie: ‚Autos parken jeden Morgen auf dem Gehweg …‘"


@pytest.mark.parametrize("kind", KINDS)
def test_json_round_trip(kind):
    reason = sample(kind, language="ar")
    stored = reason_json(reason)
    back = reason_from_json(stored)
    assert str(reason_message(back)) == str(reason_message(reason))
    assert (back.kind, back.words, back.example, back.language) == (kind, reason.words, reason.example, "ar")
    assert '"learned":' not in stored     # a count that changes with every card, not part of what the text says


def test_unreadable_or_missing_data_falls_back_to_the_german_text():
    for data in ("", None, "{", '{"cluster": "x"}', "[1, 2]"):
        assert reason_from_json(data) is None
        assert str(card_reason_message("Lärm – erkannt an: laut", data)) == "Lärm – erkannt an: laut"
    # data wins over the text when both are there
    assert str(card_reason_message("alt", reason_json(sample("manual")))) == "Alpha – von Hand zugeordnet"


def test_kind_of_a_newer_version_is_still_shown():
    assert str(card_reason_message("", '{"kind": "future", "cluster": "Alpha"}')) == "Alpha – schwache Übereinstimmung"


LEGACY = [   # texts older versions stored, and what they read as now
    ("Lärm – erkannt (Türkisch): gürültü", "Lärm – erkannt (Türkisch): gürültü"),
    ("Lärm — von Hand zugeordnet", "Lärm – von Hand zugeordnet"),
    ("Lärm — zusammengeführt aus „Krach“", "Lärm – zusammengeführt aus „Krach“"),
    ("Parken – so hat die Moderation dieselbe Karte zuvor zugeordnet",
     "Parken – so hat die Moderation dieselbe Karte zuvor zugeordnet"),
    ("Cluster aus der Importdatei", "Thema aus der Importdatei"),
    ("Irgendein anderer Grund", "Irgendein anderer Grund"),
]


@pytest.mark.parametrize("stored, shown", LEGACY)
def test_older_cards_are_read_from_their_text(stored, shown):
    assert str(legacy_reason_message(stored)) == shown


def test_legacy_language_name_follows_the_ui_language():
    message = legacy_reason_message("Lärm – erkannt (Türkisch): gürültü", "en")
    assert message.args["language"] == "Turkish"
