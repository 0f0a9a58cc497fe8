"""Respondents and quotas of the final panel, and the German messages when quotas cannot be met.

Quotas use the Sortition Foundation's layout (``categories.csv``: ``feature, value, min, max``):
every respondent has one value per feature, and for each value the panel holds at least ``min``
and at most ``max`` people with it.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Mapping, Sequence

from ... import count_texts
from ...errors import UserError
from ...messages import QT_TRANSLATE_NOOP, Message


@dataclass(frozen=True)
class Respondent:
    """A person who accepted: ``id`` and one value per feature; ``row`` in the source file (1 = header)."""
    id: str
    features: Mapping[str, str]
    row: int = 0


@dataclass(frozen=True)
class Category:
    feature: str
    value: str
    min: int
    max: int

    @property
    def label(self) -> str:
        return f"{self.feature} = {self.value}"


def features_of(categories: Sequence[Category]) -> list[str]:
    """Feature names in the order they first appear."""
    return list(dict.fromkeys(c.feature for c in categories))


def default_quotas(population: Mapping[str, Mapping[str, float]], seats: int, slack: int = 0) -> list[Category]:
    """Quotas from population counts or shares: share × seats rounded down and up, widened by ``slack``."""
    out = []
    for feature, values in population.items():
        total = float(sum(max(0.0, float(v)) for v in values.values()))
        if total <= 0:
            continue
        for value, count in values.items():
            exact = max(0.0, float(count)) / total * seats
            lo, hi = math.floor(exact + 1e-9), math.ceil(exact - 1e-9)
            out.append(Category(feature, str(value), max(0, lo - slack), min(seats, hi + slack)))
    return out


def check_simple(respondents: Sequence[Respondent], categories: Sequence[Category], seats: int) -> None:
    """Quota problems that show without solving: clear German messages (``UserError``)."""
    if seats < 1:
        raise UserError(Message(QT_TRANSLATE_NOOP("Panel", "Die Zahl der Plätze muss mindestens 1 sein.")))
    if not categories:
        raise UserError(Message(QT_TRANSLATE_NOOP("Panel", "Es sind keine Quoten angegeben.")),
                        hint=Message(QT_TRANSLATE_NOOP("Panel", "Geben Sie eine Datei mit den Spalten feature, value, "
                                                                "min, max an.")))
    if len(respondents) < seats:
        raise UserError(Message(QT_TRANSLATE_NOOP(
            "Panel", "Es gibt {seats} Plätze, aber nur {people} – {missing} zu wenig."),
            seats=seats, people=count_texts.acceptances(len(respondents)), missing=count_texts.people(seats - len(respondents))))
    for cat in categories:
        if cat.min > cat.max:
            raise UserError(Message(QT_TRANSLATE_NOOP(
                "Panel", "Quote „{category}“: das Minimum {min} ist größer als das Maximum {max}."),
                category=cat.label, min=cat.min, max=cat.max))
        have = sum(1 for r in respondents if r.features.get(cat.feature) == cat.value)
        if cat.min > have:
            raise UserError(Message(QT_TRANSLATE_NOOP(
                "Panel", "Quote „{category}“ ist nicht erfüllbar: mindestens {min} verlangt, aber nur {have} – "
                         "{missing} zu wenig."),
                category=cat.label, min=cat.min, have=count_texts.acceptances(have), missing=count_texts.people(cat.min - have)),
                hint=_lower_hint())
    for feature in features_of(categories):
        cats = [c for c in categories if c.feature == feature]
        low = sum(c.min for c in cats)
        if low > seats:
            raise UserError(Message(QT_TRANSLATE_NOOP(
                "Panel", "Die Mindestzahlen für „{feature}“ ergeben zusammen {low}, es gibt aber nur "
                         "{seats} Plätze – {excess} zu viel."),
                feature=feature, low=count_texts.people(low), seats=seats, excess=count_texts.people(low - seats)),
                hint=_lower_hint())
        reachable = sum(min(c.max, sum(1 for r in respondents if r.features.get(feature) == c.value)) for c in cats)
        if reachable < seats:
            raise UserError(Message(QT_TRANSLATE_NOOP(
                "Panel", "Die Höchstzahlen für „{feature}“ (und die Zusagen je Wert) füllen nur {reachable} von "
                         "{seats} Plätzen – {missing} zu wenig."),
                feature=feature, reachable=reachable, seats=seats, missing=count_texts.people(seats - reachable)),
                hint=_raise_hint())


def violation_error(category: Category, short: int, excess: int) -> UserError:
    """The message for a quota the solver found cannot be met together with the others."""
    if short:
        return UserError(Message(QT_TRANSLATE_NOOP(
            "Panel", "Die Quoten lassen sich nicht gleichzeitig erfüllen: „{category}“ bleibt unter dem Minimum "
                     "{min}, mindestens {missing} zu wenig."),
            category=category.label, missing=count_texts.people(short), min=category.min), hint=_lower_hint())
    return UserError(Message(QT_TRANSLATE_NOOP(
        "Panel", "Die Quoten lassen sich nicht gleichzeitig erfüllen: „{category}“ überschreitet das Maximum {max}, "
                 "mindestens {excess} zu viel."),
        category=category.label, excess=count_texts.people(excess), max=category.max), hint=_raise_hint())


def _lower_hint() -> Message:
    return Message(QT_TRANSLATE_NOOP("Panel", "Senken Sie dieses Minimum, erhöhen Sie den Spielraum der Quoten "
                                              "oder verringern Sie die Zahl der Plätze."))


def _raise_hint() -> Message:
    return Message(QT_TRANSLATE_NOOP("Panel", "Erhöhen Sie dieses Maximum oder den Spielraum der Quoten, oder "
                                              "verringern Sie die Zahl der Plätze."))
