"""The protocols' plain-language summaries say "1 Person wurde ..." and "2 Personen wurden ...":
every counted noun and the verb that goes with it agree with the number."""
from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from quartierslabor_app.core.draw.protocol import summary_paragraphs
from quartierslabor_app.core.selection.panel.protocol import summary_text


def _draw(n: int, *, replacements: int = 0, min_age: int = 16, max_age=None):
    settings = SimpleNamespace(min_age=min_age, max_age=max_age, districts=[], strata=(), household_rule=True)
    result = SimpleNamespace(settings=settings, created_at=dt.datetime(2026, 11, 1, 10, 0), main_list=[object()] * n,
                             replacement_list=[object()] * replacements, rows_read=n, rows_eligible=n,
                             rows_excluded=n, seed_text="4 8 15")
    register = SimpleNamespace(table=SimpleNamespace(file_name="auszug.csv", sha256="ab" * 32))
    return dict(summary_paragraphs(register, result))


def test_draw_summary_in_the_singular():
    text = _draw(1, min_age=1, max_age=1)
    assert text["Was wurde gezogen?"] == ("Aus dem Auszug des Melderegisters „auszug.csv“ mit 1 Person, von denen 1 "
                                          "teilnehmen darf, wurde am 01.11.2026 um 10:00 Uhr 1 Person zufällig für "
                                          "eine Einladung ausgewählt.")
    how = text["Wie wurde ausgewählt?"]
    assert "Teilnehmen dürfen Menschen ab 1 Jahr und höchstens 1 Jahr alt." in how
    assert "1 Person, die schon früher eingeladen war, wurde nicht erneut gezogen." in how


def test_draw_summary_in_the_plural():
    text = _draw(1234, replacements=2, max_age=80)
    assert text["Was wurde gezogen?"] == ("Aus dem Auszug des Melderegisters „auszug.csv“ mit 1.234 Personen, von "
                                          "denen 1.234 teilnehmen dürfen, wurden am 01.11.2026 um 10:00 Uhr 1.234 "
                                          "Personen zufällig für eine Einladung ausgewählt, dazu 2 Nachrücker für "
                                          "Absagen oder unzustellbare Briefe.")
    how = text["Wie wurde ausgewählt?"]
    assert "Teilnehmen dürfen Menschen ab 16 Jahren und höchstens 80 Jahre alt." in how
    assert "1.234 Personen, die schon früher eingeladen waren, wurden nicht erneut gezogen." in how


def _panel(*, dropouts: int, drawn: int, stay: int, candidates: int, seats: int = 1):
    computation = SimpleNamespace(respondents=[object()] * candidates, maximin=0.5,
                                  probabilities={"a": 0.5, "b": 0.75})
    request = SimpleNamespace(dropouts={f"d{i}" for i in range(dropouts)}, respondents=[object()] * candidates,
                              seats=seats)
    return SimpleNamespace(is_replacement=dropouts > 0, request=request, computation=computation,
                           draw=SimpleNamespace(selected=[f"n{i}" for i in range(drawn)]),
                           stay=[f"s{i}" for i in range(stay)])


@pytest.mark.parametrize("n, expected", [
    (1, "1 Mitglied des Panels hat abgesagt. Das übrige Mitglied bleibt; für den freien Platz wurde unter der "
        "einen Zusage, die noch nicht im Panel war, fair nachgelost."),
    (2, "2 Mitglieder des Panels haben abgesagt. Die übrigen 2 bleiben; für die 2 freien Plätze wurde unter den "
        "2 Zusagen, die noch nicht im Panel waren, fair nachgelost.")])
def test_panel_replacement_summary_agrees_with_its_numbers(n, expected):
    assert summary_text(_panel(dropouts=n, drawn=n, stay=n, candidates=n)).startswith(expected)


def test_panel_summary_for_one_acceptance_and_one_seat():
    assert summary_text(_panel(dropouts=0, drawn=1, stay=0, candidates=1)).startswith(
        "Aus 1 Zusage wurde 1 teilnehmende Person ausgelost. Das Verfahren")
    assert summary_text(_panel(dropouts=0, drawn=2, stay=0, candidates=3, seats=2)).startswith(
        "Aus 3 Zusagen wurden 2 Teilnehmende ausgelost. Das Verfahren")
