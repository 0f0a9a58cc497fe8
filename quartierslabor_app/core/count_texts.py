"""Counted nouns with their German (and English) plurals: "1 Karte", "2 Karten", "1 Thema", "2 Themen".

Every text that puts a number before a noun uses one of these, so the singular is right in
both languages ("1 Karte in 1 Thema", "1 Empfehlung", "1 Zeile", "1 Klebepunkt"). Each function
returns a :class:`~quartierslabor_app.core.messages.Message`; ``str()`` is the German text, the GUI
shows it in the UI language through ``localized``. The number is a
:class:`~quartierslabor_app.core.messages.Count` (digit grouping per language).

A group of cards is a *Thema* (English "topic") everywhere users read it; the code says cluster.
"""
from __future__ import annotations

from typing import Callable, Sequence

from .messages import QT_TRANSLATE_NOOP, Count, Message


def _counted(n: int, one: str, many: str) -> Message:
    # German nouns that are the same in both numbers ("1 Anliegen") keep their singular in the
    # context "CountsSingular", so English can still say "1 concern" / "2 concerns"
    return Message.plural(int(n), one, many, n=Count(int(n)))


def cards(n: int) -> Message:
    return _counted(n, QT_TRANSLATE_NOOP("Counts", "{n} Karte"), QT_TRANSLATE_NOOP("Counts", "{n} Karten"))


def topics(n: int) -> Message:
    return _counted(n, QT_TRANSLATE_NOOP("Counts", "{n} Thema"), QT_TRANSLATE_NOOP("Counts", "{n} Themen"))


def concerns(n: int) -> Message:
    return _counted(n, QT_TRANSLATE_NOOP("CountsSingular", "{n} Anliegen"),
                    QT_TRANSLATE_NOOP("Counts", "{n} Anliegen"))


def recommendations(n: int) -> Message:
    return _counted(n, QT_TRANSLATE_NOOP("Counts", "{n} Empfehlung"),
                    QT_TRANSLATE_NOOP("Counts", "{n} Empfehlungen"))


def rows(n: int) -> Message:
    return _counted(n, QT_TRANSLATE_NOOP("Counts", "{n} Zeile"), QT_TRANSLATE_NOOP("Counts", "{n} Zeilen"))


def columns(n: int) -> Message:
    return _counted(n, QT_TRANSLATE_NOOP("Counts", "{n} Spalte"), QT_TRANSLATE_NOOP("Counts", "{n} Spalten"))


def invalid_rows(n: int) -> Message:
    return _counted(n, QT_TRANSLATE_NOOP("Counts", "{n} ungültige Zeile"),
                    QT_TRANSLATE_NOOP("Counts", "{n} ungültige Zeilen"))


def hints(n: int) -> Message:
    return _counted(n, QT_TRANSLATE_NOOP("Counts", "{n} Hinweis"), QT_TRANSLATE_NOOP("Counts", "{n} Hinweise"))


def dots(n: int) -> Message:
    """Klebepunkte of the dot vote."""
    return _counted(n, QT_TRANSLATE_NOOP("Counts", "{n} Klebepunkt"),
                    QT_TRANSLATE_NOOP("Counts", "{n} Klebepunkte"))


def points(n: int) -> Message:
    """Short form of :func:`dots` for tight places (card details, lists)."""
    return _counted(n, QT_TRANSLATE_NOOP("Counts", "{n} Punkt"), QT_TRANSLATE_NOOP("Counts", "{n} Punkte"))


def more_topics(n: int) -> Message:
    """The topics a full projector page could not list ("+3 weitere Themen")."""
    return _counted(n, QT_TRANSLATE_NOOP("Counts", "+{n} weiteres Thema"),
                    QT_TRANSLATE_NOOP("Counts", "+{n} weitere Themen"))


def invitees(n: int) -> Message:
    return _counted(n, QT_TRANSLATE_NOOP("CountsSingular", "{n} Eingeladene"),
                    QT_TRANSLATE_NOOP("Counts", "{n} Eingeladene"))


def labs(n: int) -> Message:
    return _counted(n, QT_TRANSLATE_NOOP("Counts", "{n} Labor"), QT_TRANSLATE_NOOP("Counts", "{n} Labore"))


def walk_ins(n: int) -> Message:
    """People who came to the workshop without an invitation."""
    return _counted(n, QT_TRANSLATE_NOOP("Counts", "{n} Person ohne Einladung"),
                    QT_TRANSLATE_NOOP("Counts", "{n} Personen ohne Einladung"))


def people(n: int) -> Message:
    return _counted(n, QT_TRANSLATE_NOOP("Counts", "{n} Person"), QT_TRANSLATE_NOOP("Counts", "{n} Personen"))


def acceptances(n: int) -> Message:
    return _counted(n, QT_TRANSLATE_NOOP("Counts", "{n} Zusage"), QT_TRANSLATE_NOOP("Counts", "{n} Zusagen"))


def present(n: int) -> Message:
    return _counted(n, QT_TRANSLATE_NOOP("CountsSingular", "{n} anwesend"),
                    QT_TRANSLATE_NOOP("Counts", "{n} anwesend"))


def more_cards(n: int) -> Message:
    """Cards the projector could not show on this page: "+1 weitere Karte", "+12 weitere Karten"."""
    return _counted(n, QT_TRANSLATE_NOOP("Counts", "+{n} weitere Karte"),
                    QT_TRANSLATE_NOOP("Counts", "+{n} weitere Karten"))


def places(n: int) -> Message:
    """Seats of a lab ("30 Plätze")."""
    return _counted(n, QT_TRANSLATE_NOOP("Counts", "{n} Platz"), QT_TRANSLATE_NOOP("Counts", "{n} Plätze"))


def free_places(n: int) -> Message:
    return _counted(n, QT_TRANSLATE_NOOP("Counts", "Noch {n} Platz frei."),
                    QT_TRANSLATE_NOOP("Counts", "Noch {n} Plätze frei."))


def acceptances_over_capacity(n: int) -> Message:
    return _counted(n, QT_TRANSLATE_NOOP("Counts", "{n} Zusage mehr als Plätze."),
                    QT_TRANSLATE_NOOP("Counts", "{n} Zusagen mehr als Plätze."))


def letters(n: int) -> Message:
    return _counted(n, QT_TRANSLATE_NOOP("Counts", "{n} Brief"), QT_TRANSLATE_NOOP("Counts", "{n} Briefe"))


def invitations(n: int) -> Message:
    return _counted(n, QT_TRANSLATE_NOOP("Counts", "{n} Einladung"), QT_TRANSLATE_NOOP("Counts", "{n} Einladungen"))


def draw_records(n: int) -> Message:
    return _counted(n, QT_TRANSLATE_NOOP("Counts", "{n} Ziehungsprotokoll"),
                    QT_TRANSLATE_NOOP("Counts", "{n} Ziehungsprotokolle"))


def invited_people(n: int) -> Message:
    return _counted(n, QT_TRANSLATE_NOOP("Counts", "{n} eingeladene Person"),
                    QT_TRANSLATE_NOOP("Counts", "{n} eingeladene Personen"))


def backup_copies(n: int) -> Message:
    return _counted(n, QT_TRANSLATE_NOOP("Counts", "{n} Sicherungskopie"),
                    QT_TRANSLATE_NOOP("Counts", "{n} Sicherungskopien"))


def database_copies(n: int) -> Message:
    return _counted(n, QT_TRANSLATE_NOOP("Counts", "{n} weitere Kopie der Datenbank"),
                    QT_TRANSLATE_NOOP("Counts", "{n} weitere Kopien der Datenbank"))


def months(n: int) -> Message:
    return _counted(n, QT_TRANSLATE_NOOP("Counts", "{n} Monat"), QT_TRANSLATE_NOOP("Counts", "{n} Monate"))


def problems(n: int) -> Message:
    return _counted(n, QT_TRANSLATE_NOOP("Counts", "{n} Problem"), QT_TRANSLATE_NOOP("Counts", "{n} Probleme"))


def more_problems(n: int) -> Message:
    return _counted(n, QT_TRANSLATE_NOOP("Counts", "{n} weiteres Problem"),
                    QT_TRANSLATE_NOOP("Counts", "{n} weitere Probleme"))


def strata(n: int) -> Message:
    """Strata of a draw (age band x gender x sub-district)."""
    return _counted(n, QT_TRANSLATE_NOOP("Counts", "{n} Schicht"), QT_TRANSLATE_NOOP("Counts", "{n} Schichten"))


def replacements(n: int) -> Message:
    """Nachrücker: invitees drawn to step in for those who decline."""
    return _counted(n, QT_TRANSLATE_NOOP("CountsSingular", "{n} Nachrücker"), QT_TRANSLATE_NOOP("Counts", "{n} Nachrücker"))


def in_households(n: int) -> Message:
    """"in 1 Haushalt", "in 3 Haushalten" (dative after "in")."""
    return _counted(n, QT_TRANSLATE_NOOP("Counts", "in {n} Haushalt"), QT_TRANSLATE_NOOP("Counts", "in {n} Haushalten"))


def members(n: int) -> Message:
    """Members of a lab's panel."""
    return _counted(n, QT_TRANSLATE_NOOP("Counts", "{n} Mitglied"), QT_TRANSLATE_NOOP("Counts", "{n} Mitglieder"))


def households(n: int) -> Message:
    return _counted(n, QT_TRANSLATE_NOOP("Counts", "{n} Haushalt"), QT_TRANSLATE_NOOP("Counts", "{n} Haushalte"))


def groups(n: int) -> Message:
    """Groups of respondents with the same features (panel selection)."""
    return _counted(n, QT_TRANSLATE_NOOP("Counts", "{n} Gruppe"), QT_TRANSLATE_NOOP("Counts", "{n} Gruppen"))


def pages(n: int) -> Message:
    return _counted(n, QT_TRANSLATE_NOOP("Counts", "{n} Seite"), QT_TRANSLATE_NOOP("Counts", "{n} Seiten"))


def from_age(n: int) -> Message:
    """"ab 16 Jahren" (the youngest who may take part)."""
    return _counted(n, QT_TRANSLATE_NOOP("Counts", "ab {n} Jahr"), QT_TRANSLATE_NOOP("Counts", "ab {n} Jahren"))


def at_most_years_old(n: int) -> Message:
    return _counted(n, QT_TRANSLATE_NOOP("Counts", "höchstens {n} Jahr alt"),
                    QT_TRANSLATE_NOOP("Counts", "höchstens {n} Jahre alt"))


def may_take_part_of_whom(n: int) -> Message:
    """"von denen 1 teilnehmen darf" / "von denen 2 teilnehmen dürfen" (after a number of people)."""
    return _counted(n, QT_TRANSLATE_NOOP("Counts", "von denen {n} teilnehmen darf"),
                    QT_TRANSLATE_NOOP("Counts", "von denen {n} teilnehmen dürfen"))


def chosen_for_invitation(n: int, when: str = "") -> Message:
    """The verb agrees with the count: "wurde 1 Person ..." / "wurden 2 Personen ...";
    ``when`` (" am 01.11.2026 um 10:00 Uhr", with its leading space) goes before the number."""
    return Message.plural(int(n), QT_TRANSLATE_NOOP("Counts", "wurde{when} {n} Person zufällig für eine Einladung "
                                                              "ausgewählt"),
                          QT_TRANSLATE_NOOP("Counts", "wurden{when} {n} Personen zufällig für eine Einladung "
                                                      "ausgewählt"), n=Count(int(n)), when=when)


def earlier_invitees_excluded(n: int) -> Message:
    return _counted(n, QT_TRANSLATE_NOOP("Counts", "{n} Person, die schon früher eingeladen war, wurde nicht "
                                                   "erneut gezogen."),
                    QT_TRANSLATE_NOOP("Counts", "{n} Personen, die schon früher eingeladen waren, wurden nicht "
                                                "erneut gezogen."))


def members_declined(n: int) -> Message:
    return _counted(n, QT_TRANSLATE_NOOP("Counts", "{n} Mitglied des Panels hat abgesagt."),
                    QT_TRANSLATE_NOOP("Counts", "{n} Mitglieder des Panels haben abgesagt."))


def others_stay(n: int) -> Message:
    return _counted(n, QT_TRANSLATE_NOOP("Counts", "Das übrige Mitglied bleibt"),
                    QT_TRANSLATE_NOOP("Counts", "Die übrigen {n} bleiben"))


def free_places_redrawn(n: int) -> Message:
    """"für den freien Platz" / "für die 2 freien Plätze" (panel replacement)."""
    return _counted(n, QT_TRANSLATE_NOOP("Counts", "für den freien Platz"),
                    QT_TRANSLATE_NOOP("Counts", "für die {n} freien Plätze"))


def among_acceptances_not_in_panel(n: int) -> Message:
    return _counted(n, QT_TRANSLATE_NOOP("Counts", "unter der einen Zusage, die noch nicht im Panel war"),
                    QT_TRANSLATE_NOOP("Counts", "unter den {n} Zusagen, die noch nicht im Panel waren"))


def among_remaining_acceptances(n: int) -> Message:
    return _counted(n, QT_TRANSLATE_NOOP("Counts", "unter {n} übrigen Zusage"),
                    QT_TRANSLATE_NOOP("Counts", "unter {n} übrigen Zusagen"))


def from_acceptances(n: int) -> Message:
    return _counted(n, QT_TRANSLATE_NOOP("Counts", "Aus {n} Zusage"), QT_TRANSLATE_NOOP("Counts", "Aus {n} Zusagen"))


def participants_drawn(n: int) -> Message:
    return _counted(n, QT_TRANSLATE_NOOP("Counts", "wurde {n} teilnehmende Person ausgelost"),
                    QT_TRANSLATE_NOOP("Counts", "wurden {n} Teilnehmende ausgelost"))


def people_to_invite(n: int) -> Message:
    return _counted(n, QT_TRANSLATE_NOOP("Counts", "Es soll {n} Person eingeladen werden"),
                    QT_TRANSLATE_NOOP("Counts", "Es sollen {n} Personen eingeladen werden"))


def only_eligible(n: int) -> Message:
    return _counted(n, QT_TRANSLATE_NOOP("Counts", "nur {n} Person ist teilnahmeberechtigt"),
                    QT_TRANSLATE_NOOP("Counts", "nur {n} Personen sind teilnahmeberechtigt"))


def invited_before_of_them(n: int) -> Message:
    return _counted(n, QT_TRANSLATE_NOOP("Counts", "{n} davon wurde schon früher eingeladen"),
                    QT_TRANSLATE_NOOP("Counts", "{n} davon wurden schon früher eingeladen"))


def drawable_people(n: int) -> Message:
    """After "mehr als": "die 1 ziehbare Person" / "die 5 ziehbaren Personen"."""
    return _counted(n, QT_TRANSLATE_NOOP("Counts", "die {n} ziehbare Person"),
                    QT_TRANSLATE_NOOP("Counts", "die {n} ziehbaren Personen"))


def replacements_possible(n: int) -> Message:
    return _counted(n, QT_TRANSLATE_NOOP("Counts", "Höchstens {n} Nachrücker ist möglich."),
                    QT_TRANSLATE_NOOP("Counts", "Höchstens {n} Nachrücker sind möglich."))


def of_places(n: int) -> Message:
    """After a number of acceptances: "von 1 Platz" / "von 30 Plätzen"."""
    return _counted(n, QT_TRANSLATE_NOOP("Counts", "von {n} Platz"), QT_TRANSLATE_NOOP("Counts", "von {n} Plätzen"))


def quarter_labs(n: int) -> Message:
    return _counted(n, QT_TRANSLATE_NOOP("Counts", "{n} Quartierslabor"),
                    QT_TRANSLATE_NOOP("Counts", "{n} Quartierslabore"))


def districts_dative(n: int) -> Message:
    """After "in": "in 1 Stadtbezirk", "in 3 Stadtbezirken"."""
    return _counted(n, QT_TRANSLATE_NOOP("Counts", "{n} Stadtbezirk"),
                    QT_TRANSLATE_NOOP("Counts", "{n} Stadtbezirken"))


def listed_rows_are(numbers: Sequence[int]) -> Message:
    """"Zeile 3 ist" / "Zeilen 3, 7 sind" with the row numbers listed (see :func:`row_numbers`)."""
    return Message.plural(len(numbers), QT_TRANSLATE_NOOP("Counts", "Zeile {rows} ist"),
                          QT_TRANSLATE_NOOP("Counts", "Zeilen {rows} sind"), rows=row_numbers(numbers))


def listed_rows(numbers: Sequence[int]) -> Message:
    """"Zeile 3" / "Zeilen 3, 7" with the row numbers listed (see :func:`row_numbers`)."""
    return Message.plural(len(numbers), QT_TRANSLATE_NOOP("Counts", "Zeile {rows}"),
                          QT_TRANSLATE_NOOP("Counts", "Zeilen {rows}"), rows=row_numbers(numbers))


#: row numbers a message lists before it says how many more there are
LISTED_ROWS = 10


def row_numbers(numbers: Sequence[int]) -> Message:
    """"3, 7, 9" or, for a long list, "3, 7, … und 12 weitere"."""
    shown = ", ".join(str(r) for r in numbers[:LISTED_ROWS])
    if len(numbers) > LISTED_ROWS:
        return Message(QT_TRANSLATE_NOOP("Counts", "{rows} und {more} weitere"), rows=shown,
                       more=Count(len(numbers) - LISTED_ROWS))
    return Message("{rows}", rows=shown)


def of_total(number: int, total: Message) -> Message:
    """Progress "3 von 10 Karten", "1 von 1 Karte": ``total`` is a counted text (``cards(10)``)."""
    return Message(QT_TRANSLATE_NOOP("Counts", "{number} von {total}"), number=Count(int(number)), total=total)


def cards_in_topics(n_cards: int, n_topics: int) -> Message:
    """"3 Karten in 2 Themen"."""
    return Message(QT_TRANSLATE_NOOP("Counts", "{cards} in {topics}"), cards=cards(n_cards), topics=topics(n_topics))


def concerns_in_topics(n_cards: int, n_topics: int) -> Message:
    """"3 Anliegen in 2 Themen" (the board's status line; the step bar counts the same)."""
    return Message(QT_TRANSLATE_NOOP("Counts", "{concerns} in {topics}"), concerns=concerns(n_cards),
                   topics=topics(n_topics))


#: every counted noun (the plural test renders each for 0, 1 and 2 in both languages)
ALL: dict[str, Callable[[int], Message]] = {
    "cards": cards, "topics": topics, "concerns": concerns, "recommendations": recommendations,
    "rows": rows, "columns": columns, "invalid_rows": invalid_rows, "hints": hints, "dots": dots, "points": points, "invitees": invitees, "labs": labs,
    "walk_ins": walk_ins, "present": present, "people": people, "acceptances": acceptances,
    "more_cards": more_cards, "places": places, "free_places": free_places,
    "acceptances_over_capacity": acceptances_over_capacity, "letters": letters, "invitations": invitations,
    "draw_records": draw_records, "invited_people": invited_people, "backup_copies": backup_copies,
    "database_copies": database_copies, "months": months, "problems": problems, "more_problems": more_problems,
    "strata": strata, "in_households": in_households, "members": members,
    "replacements": replacements, "households": households, "groups": groups, "pages": pages,
    "from_age": from_age, "at_most_years_old": at_most_years_old, "may_take_part_of_whom": may_take_part_of_whom,
    "chosen_for_invitation": chosen_for_invitation, "earlier_invitees_excluded": earlier_invitees_excluded,
    "members_declined": members_declined, "others_stay": others_stay, "free_places_redrawn": free_places_redrawn,
    "among_acceptances_not_in_panel": among_acceptances_not_in_panel,
    "among_remaining_acceptances": among_remaining_acceptances, "from_acceptances": from_acceptances,
    "participants_drawn": participants_drawn, "people_to_invite": people_to_invite, "only_eligible": only_eligible,
    "invited_before_of_them": invited_before_of_them, "drawable_people": drawable_people,
    "replacements_possible": replacements_possible, "of_places": of_places, "quarter_labs": quarter_labs,
    "districts_dative": districts_dative,
}
