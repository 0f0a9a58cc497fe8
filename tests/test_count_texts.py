"""Every counted text says "1 Karte" / "2 Karten" in German and "1 card" / "2 cards" in English."""
from __future__ import annotations

import pytest

from quartierslabor_app.core import count_texts
from quartierslabor_app.qt.board.counts import scope
from quartierslabor_app.qt.i18n import localized

#: counted noun -> (German for 0, 1, 2; English for 0, 1, 2)
EXPECTED = {
    "cards": (["0 Karten", "1 Karte", "2 Karten"], ["0 cards", "1 card", "2 cards"]),
    "topics": (["0 Themen", "1 Thema", "2 Themen"], ["0 topics", "1 topic", "2 topics"]),
    "concerns": (["0 Anliegen", "1 Anliegen", "2 Anliegen"], ["0 concerns", "1 concern", "2 concerns"]),
    "recommendations": (["0 Empfehlungen", "1 Empfehlung", "2 Empfehlungen"],
                        ["0 recommendations", "1 recommendation", "2 recommendations"]),
    "rows": (["0 Zeilen", "1 Zeile", "2 Zeilen"], ["0 rows", "1 row", "2 rows"]),
    "columns": (["0 Spalten", "1 Spalte", "2 Spalten"], ["0 columns", "1 column", "2 columns"]),
    "invalid_rows": (["0 ungültige Zeilen", "1 ungültige Zeile", "2 ungültige Zeilen"],
                     ["0 invalid rows", "1 invalid row", "2 invalid rows"]),
    "hints": (["0 Hinweise", "1 Hinweis", "2 Hinweise"], ["0 notes", "1 note", "2 notes"]),
    "dots": (["0 Klebepunkte", "1 Klebepunkt", "2 Klebepunkte"], ["0 dots", "1 dot", "2 dots"]),
    "points": (["0 Punkte", "1 Punkt", "2 Punkte"], ["0 dots", "1 dot", "2 dots"]),
    "invitees": (["0 Eingeladene", "1 Eingeladene", "2 Eingeladene"], ["0 invitees", "1 invitee", "2 invitees"]),
    "labs": (["0 Labore", "1 Labor", "2 Labore"], ["0 labs", "1 lab", "2 labs"]),
    "walk_ins": (["0 Personen ohne Einladung", "1 Person ohne Einladung", "2 Personen ohne Einladung"],
                 ["0 people without an invitation", "1 person without an invitation",
                  "2 people without an invitation"]),
    "present": (["0 anwesend", "1 anwesend", "2 anwesend"], ["0 present", "1 present", "2 present"]),
    "people": (["0 Personen", "1 Person", "2 Personen"], ["0 people", "1 person", "2 people"]),
    "acceptances": (["0 Zusagen", "1 Zusage", "2 Zusagen"], ["0 acceptances", "1 acceptance", "2 acceptances"]),
    "more_cards": (["+0 weitere Karten", "+1 weitere Karte", "+2 weitere Karten"],
                   ["+0 more cards", "+1 more card", "+2 more cards"]),
    "places": (["0 Plätze", "1 Platz", "2 Plätze"], ["0 places", "1 place", "2 places"]),
    "free_places": (["Noch 0 Plätze frei.", "Noch 1 Platz frei.", "Noch 2 Plätze frei."],
                    ["0 places still free.", "1 place still free.", "2 places still free."]),
    "acceptances_over_capacity": (
        ["0 Zusagen mehr als Plätze.", "1 Zusage mehr als Plätze.", "2 Zusagen mehr als Plätze."],
        ["0 more acceptances than places.", "1 more acceptance than places.", "2 more acceptances than places."]),
    "letters": (["0 Briefe", "1 Brief", "2 Briefe"], ["0 letters", "1 letter", "2 letters"]),
    "invitations": (["0 Einladungen", "1 Einladung", "2 Einladungen"],
                    ["0 invitations", "1 invitation", "2 invitations"]),
    "draw_records": (["0 Ziehungsprotokolle", "1 Ziehungsprotokoll", "2 Ziehungsprotokolle"],
                     ["0 draw records", "1 draw record", "2 draw records"]),
    "invited_people": (["0 eingeladene Personen", "1 eingeladene Person", "2 eingeladene Personen"],
                       ["0 invitees", "1 invitee", "2 invitees"]),
    "backup_copies": (["0 Sicherungskopien", "1 Sicherungskopie", "2 Sicherungskopien"],
                      ["0 backup copies", "1 backup copy", "2 backup copies"]),
    "database_copies": (["0 weitere Kopien der Datenbank", "1 weitere Kopie der Datenbank",
                         "2 weitere Kopien der Datenbank"],
                        ["0 further copies of the database", "1 further copy of the database",
                         "2 further copies of the database"]),
    "months": (["0 Monate", "1 Monat", "2 Monate"], ["0 months", "1 month", "2 months"]),
    "problems": (["0 Probleme", "1 Problem", "2 Probleme"], ["0 problems", "1 problem", "2 problems"]),
    "more_problems": (["0 weitere Probleme", "1 weiteres Problem", "2 weitere Probleme"],
                      ["0 more problems", "1 more problem", "2 more problems"]),
    "strata": (["0 Schichten", "1 Schicht", "2 Schichten"], ["0 strata", "1 stratum", "2 strata"]),
    "in_households": (["in 0 Haushalten", "in 1 Haushalt", "in 2 Haushalten"],
                      ["in 0 households", "in 1 household", "in 2 households"]),
    "members": (["0 Mitglieder", "1 Mitglied", "2 Mitglieder"], ["0 members", "1 member", "2 members"]),
    "replacements": (["0 Nachrücker", "1 Nachrücker", "2 Nachrücker"],
                     ["0 replacements", "1 replacement", "2 replacements"]),
    "households": (["0 Haushalte", "1 Haushalt", "2 Haushalte"], ["0 households", "1 household", "2 households"]),
    "groups": (["0 Gruppen", "1 Gruppe", "2 Gruppen"], ["0 groups", "1 group", "2 groups"]),
    "pages": (["0 Seiten", "1 Seite", "2 Seiten"], ["0 pages", "1 page", "2 pages"]),
    "from_age": (["ab 0 Jahren", "ab 1 Jahr", "ab 2 Jahren"],
                 ["0 years and older", "1 year and older", "2 years and older"]),
    "at_most_years_old": (["höchstens 0 Jahre alt", "höchstens 1 Jahr alt", "höchstens 2 Jahre alt"],
                          ["at most 0 years old", "at most 1 year old", "at most 2 years old"]),
    "may_take_part_of_whom": (["von denen 0 teilnehmen dürfen", "von denen 1 teilnehmen darf",
                               "von denen 2 teilnehmen dürfen"],
                              ["of whom 0 may take part", "of whom 1 may take part", "of whom 2 may take part"]),
    "chosen_for_invitation": (["wurden 0 Personen zufällig für eine Einladung ausgewählt",
                               "wurde 1 Person zufällig für eine Einladung ausgewählt",
                               "wurden 2 Personen zufällig für eine Einladung ausgewählt"],
                              ["0 people were chosen at random for an invitation",
                               "1 person was chosen at random for an invitation",
                               "2 people were chosen at random for an invitation"]),
    "earlier_invitees_excluded": (
        ["0 Personen, die schon früher eingeladen waren, wurden nicht erneut gezogen.",
         "1 Person, die schon früher eingeladen war, wurde nicht erneut gezogen.",
         "2 Personen, die schon früher eingeladen waren, wurden nicht erneut gezogen."],
        ["0 people who had been invited before were not drawn again.",
         "1 person who had been invited before was not drawn again.",
         "2 people who had been invited before were not drawn again."]),
    "members_declined": (["0 Mitglieder des Panels haben abgesagt.", "1 Mitglied des Panels hat abgesagt.",
                          "2 Mitglieder des Panels haben abgesagt."],
                         ["0 members of the panel have declined.", "1 member of the panel has declined.",
                          "2 members of the panel have declined."]),
    "others_stay": (["Die übrigen 0 bleiben", "Das übrige Mitglied bleibt", "Die übrigen 2 bleiben"],
                    ["The remaining 0 stay", "The remaining member stays", "The remaining 2 stay"]),
    "free_places_redrawn": (["für die 0 freien Plätze", "für den freien Platz", "für die 2 freien Plätze"],
                            ["for the 0 free places", "for the free place", "for the 2 free places"]),
    "among_acceptances_not_in_panel": (
        ["unter den 0 Zusagen, die noch nicht im Panel waren", "unter der einen Zusage, die noch nicht im Panel war",
         "unter den 2 Zusagen, die noch nicht im Panel waren"],
        ["among the 0 acceptances that were not yet in the panel",
         "among the one acceptance that was not yet in the panel",
         "among the 2 acceptances that were not yet in the panel"]),
    "among_remaining_acceptances": (["unter 0 übrigen Zusagen", "unter 1 übrigen Zusage", "unter 2 übrigen Zusagen"],
                                    ["among 0 remaining acceptances", "among 1 remaining acceptance",
                                     "among 2 remaining acceptances"]),
    "from_acceptances": (["Aus 0 Zusagen", "Aus 1 Zusage", "Aus 2 Zusagen"],
                         ["From 0 acceptances", "From 1 acceptance", "From 2 acceptances"]),
    "participants_drawn": (["wurden 0 Teilnehmende ausgelost", "wurde 1 teilnehmende Person ausgelost",
                            "wurden 2 Teilnehmende ausgelost"],
                           ["0 participants were drawn", "1 participant was drawn", "2 participants were drawn"]),
    "people_to_invite": (["Es sollen 0 Personen eingeladen werden", "Es soll 1 Person eingeladen werden",
                          "Es sollen 2 Personen eingeladen werden"],
                         ["0 people are to be invited", "1 person is to be invited", "2 people are to be invited"]),
    "only_eligible": (["nur 0 Personen sind teilnahmeberechtigt", "nur 1 Person ist teilnahmeberechtigt",
                       "nur 2 Personen sind teilnahmeberechtigt"],
                      ["only 0 people are eligible", "only 1 person is eligible", "only 2 people are eligible"]),
    "invited_before_of_them": (["0 davon wurden schon früher eingeladen", "1 davon wurde schon früher eingeladen",
                                "2 davon wurden schon früher eingeladen"],
                               ["0 of them were invited before", "1 of them was invited before",
                                "2 of them were invited before"]),
    "drawable_people": (["die 0 ziehbaren Personen", "die 1 ziehbare Person", "die 2 ziehbaren Personen"],
                        ["the 0 people who can be drawn", "the 1 person who can be drawn",
                         "the 2 people who can be drawn"]),
    "replacements_possible": (["Höchstens 0 Nachrücker sind möglich.", "Höchstens 1 Nachrücker ist möglich.",
                               "Höchstens 2 Nachrücker sind möglich."],
                              ["At most 0 replacements are possible.", "At most 1 replacement is possible.",
                               "At most 2 replacements are possible."]),
    "of_places": (["von 0 Plätzen", "von 1 Platz", "von 2 Plätzen"], ["of 0 places", "of 1 place", "of 2 places"]),
    "quarter_labs": (["0 Quartierslabore", "1 Quartierslabor", "2 Quartierslabore"], ["0 labs", "1 lab", "2 labs"]),
    "districts_dative": (["0 Stadtbezirken", "1 Stadtbezirk", "2 Stadtbezirken"],
                         ["0 districts", "1 district", "2 districts"]),
}

#: texts that list row numbers: how many rows -> (German, English)
LISTED = {
    1: ("Zeile 3 ist", "Zeile 3", "row 3 is", "row 3"),
    2: ("Zeilen 3, 4 sind", "Zeilen 3, 4", "rows 3, 4 are", "rows 3, 4"),
    12: ("Zeilen 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 und 2 weitere sind",
         "Zeilen 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 und 2 weitere",
         "rows 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 and 2 more are",
         "rows 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 and 2 more"),
}


def test_every_counted_noun_is_checked():
    assert set(EXPECTED) == set(count_texts.ALL)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_german_forms_for_0_1_2(name):
    german, _english = EXPECTED[name]
    assert [str(count_texts.ALL[name](n)) for n in (0, 1, 2)] == german


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_english_forms_for_0_1_2(name, english):
    _german, expected = EXPECTED[name]
    assert [localized(count_texts.ALL[name](n)) for n in (0, 1, 2)] == expected


def test_cards_in_topics_and_digit_grouping(english):
    assert localized(count_texts.cards_in_topics(1, 1)) == "1 card in 1 topic"
    assert localized(count_texts.cards_in_topics(1234, 2)) == "1,234 cards in 2 topics"


def test_cards_in_topics_german():
    assert str(count_texts.cards_in_topics(1, 1)) == "1 Karte in 1 Thema"
    assert str(count_texts.cards_in_topics(3, 2)) == "3 Karten in 2 Themen"
    assert str(count_texts.cards(1234)) == "1.234 Karten"


def test_board_scope_counts_cards_and_their_topics(qapp):
    class Card:
        def __init__(self, cluster_id):
            self.cluster_id = cluster_id

    assert scope([Card(1)]) == "1 Karte in 1 Thema"
    assert scope([Card(1), Card(2), Card(2)]) == "3 Karten in 2 Themen"


@pytest.mark.parametrize("count", sorted(LISTED))
def test_listed_rows_agree_with_their_number(count, english):
    numbers = list(range(3, 3 + count))
    de_are, de_rows, en_are, en_rows = LISTED[count]
    assert [str(count_texts.listed_rows_are(numbers)), str(count_texts.listed_rows(numbers))] == [de_are, de_rows]
    assert [localized(count_texts.listed_rows_are(numbers)), localized(count_texts.listed_rows(numbers))] == \
        [en_are, en_rows]


@pytest.mark.parametrize("number, total, german, english_text", [
    (0, 0, "0 von 0 Karten", "0 of 0 cards"), (1, 1, "1 von 1 Karte", "1 of 1 card"),
    (1, 2, "1 von 2 Karten", "1 of 2 cards"), (1234, 5000, "1.234 von 5.000 Karten", "1,234 of 5,000 cards")])
def test_progress_of_total(number, total, german, english_text, english):
    text = count_texts.of_total(number, count_texts.cards(total))
    assert str(text) == german and localized(text) == english_text


def test_chosen_for_invitation_keeps_the_time_before_the_number():
    assert str(count_texts.chosen_for_invitation(1, " am 01.11.2026 um 10:00 Uhr")) == \
        "wurde am 01.11.2026 um 10:00 Uhr 1 Person zufällig für eine Einladung ausgewählt"
