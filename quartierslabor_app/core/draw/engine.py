"""The stratified invitation draw (vectorised with numpy; no per-person Python loops in the sampling).

Procedure (also printed in the audit protocol, so a third party can repeat it):

1. **Eligible** are valid register rows with ``min_age <= age`` (and ``age <= max_age`` when set)
   and, when districts are chosen, a Stadtbezirk among them. This is the *population* of a stratum.
2. **Excluded** are eligible people whose person key is in the exclusion list (earlier invitees).
3. **Household rule** (on by default): among the eligible, not excluded members of each household
   (same normalised address = same ``household_key``; with ``household_by="address_family_name"``
   also the same normalised family name, which keeps flats of one building apart) one representative is chosen uniformly at
   random: every such person gets a number ``rng.random()`` (register order), the smallest number
   in the household wins. Only representatives are *candidates*. A person's chance of an invitation
   is therefore ``1/m × k_s / H_s`` (m = eligible, not excluded members of the household, k_s =
   invitations of the stratum, H_s = candidates in the stratum), instead of ``k_s / N_s`` without
   the rule: every household is equally likely, people in larger households less likely.
4. **Allocation** of the size to strata by largest remainder (see ``allocation.py``), weights =
   population × oversampling factor, capped by the candidates; then the Nachrücker (replacements)
   with the same rule, capped by the candidates left.
5. **Sampling**: the candidates of each stratum are listed in register order; for each stratum in
   table order with ``t = quota + Nachrücker > 0``, ``rng.choice(N, t, replace=False)`` picks t of
   its N candidates (simple random sampling without replacement, in random order): the first
   *quota* are invited, the others are that stratum's Nachrücker.
6. **Order**: the invitations (collected stratum by stratum) are put in random order with
   ``rng.permutation`` — that is the Ziehungsnummer; the Nachrücker follow, ordered by a second
   ``rng.permutation``.

The generator comes from :func:`derive_generator` and is used only in this fixed sequence of
calls, so the same register (same rows in the same order), settings and seed give the same
invitees in the same order.
"""
from __future__ import annotations

import datetime as dt
import time
from fractions import Fraction
from typing import Iterable, Optional

import numpy as np

from .. import count_texts
from ..errors import UserError
from ..messages import QT_TRANSLATE_NOOP, Message, german_text
from ..progress import CancelToken, ProgressCallback, report
from ..register.model import GENDER_CODES, GENDER_LABELS, Field, ValidatedRegister
from .allocation import allocate, largest_remainder
from .model import (DIMENSION_LABELS, HOUSEHOLD_DEFINITIONS, DrawnPerson, DrawResult, DrawSettings,
                    StratumSummary)
from .seed import derive_generator
from .strata import (UNKNOWN_VALUE, age_bands, assign_strata, factorize_coded, factorize_text,
                     normalise_dimensions, oversampling_factors, stratum_label_message)

# German in the protocol; the draw wizard shows it in the UI language (localized)
HOUSEHOLD_RULE_TEXT = german_text(Message(QT_TRANSLATE_NOOP(
    "DrawRules",
    "Je Haushalt (gleiche normalisierte Anschrift, bei der Einstellung „Anschrift und Familienname“ zusätzlich "
    "gleicher normalisierter Familienname) wird höchstens eine Person eingeladen. "
    "Dazu wird zuerst unter den teilnahmeberechtigten, nicht ausgeschlossenen Mitgliedern jedes Haushalts "
    "eine Person gleich wahrscheinlich ausgelost (jede Person erhält in Registerreihenfolge eine Zufallszahl "
    "rng.random(), die kleinste gewinnt); nur diese Person kann gezogen werden. Die Chance einer Person ist "
    "dadurch 1/m × k/H (m = teilnahmeberechtigte Mitglieder ihres Haushalts, k = Einladungen ihrer Schicht, "
    "H = ziehbare Personen ihrer Schicht): Jeder Haushalt hat die gleiche Chance, Personen aus großen "
    "Haushalten haben eine kleinere Chance als Alleinlebende.")))
NO_HOUSEHOLD_RULE_TEXT = (
    "Die Haushaltsregel ist ausgeschaltet: Jede teilnahmeberechtigte Person einer Schicht hat die gleiche Chance "
    "k/N (k = Einladungen der Schicht, N = ziehbare Personen der Schicht); mehrere Personen eines Haushalts "
    "können eingeladen werden."
)
SAMPLING_RULE_TEXT = (
    "Die ziehbaren Personen jeder Schicht werden in Registerreihenfolge aufgelistet. Für jede Schicht in der "
    "Reihenfolge der Tabelle, der Einladungen oder Nachrücker zustehen (t = Quote + Nachrücker), wählt "
    "rng.choice(N, t, replace=False) t der N ziehbaren Personen zufällig und ohne Zurücklegen aus (einfache "
    "Zufallsauswahl; jede Person der Schicht hat dieselbe Chance): die ersten (Anzahl = Quote) werden "
    "eingeladen, die übrigen sind die Nachrücker der Schicht. Die Einladungen werden danach mit "
    "rng.permutation in zufällige Reihenfolge gebracht (= Ziehungsnummer); die Nachrücker folgen, ebenso mit "
    "rng.permutation gemischt. Reihenfolge der Aufrufe des Generators: (1) Haushaltsregel (nur wenn "
    "eingeschaltet: rng.random() für alle teilnahmeberechtigten, nicht ausgeschlossenen Personen in "
    "Registerreihenfolge), (2) rng.choice je Schicht, (3) Reihenfolge der Einladungen, (4) Reihenfolge der "
    "Nachrücker."
)


def _check_settings(settings: DrawSettings) -> tuple[str, ...]:
    if int(settings.size) < 1:
        raise UserError(Message(QT_TRANSLATE_NOOP("DrawEngine", "Die Zahl der Einladungen muss mindestens 1 sein.")))
    if int(settings.replacements) < 0:
        raise UserError(Message(QT_TRANSLATE_NOOP("DrawEngine", "Die Zahl der Nachrücker darf nicht negativ sein.")))
    if settings.household_by not in HOUSEHOLD_DEFINITIONS:
        raise UserError(Message(QT_TRANSLATE_NOOP("DrawEngine", "Unbekannte Haushaltsdefinition „{name}“."),
                                name=settings.household_by),
                        hint=Message(QT_TRANSLATE_NOOP("DrawEngine", "Möglich sind: {names}"),
                                     names=", ".join(HOUSEHOLD_DEFINITIONS)))
    if settings.min_age < 0:
        raise UserError(Message(QT_TRANSLATE_NOOP("DrawEngine", "Das Mindestalter darf nicht negativ sein.")))
    if settings.max_age is not None and settings.max_age < settings.min_age:
        raise UserError(Message(QT_TRANSLATE_NOOP("DrawEngine", "Das Höchstalter ({max_age}) liegt unter dem "
                                                                "Mindestalter ({min_age})."),
                                max_age=settings.max_age, min_age=settings.min_age))
    return normalise_dimensions(settings.strata)


def _check_dimension_data(register: ValidatedRegister, dims: Iterable[str]) -> None:
    column_of = {"district": Field.DISTRICT, "subdistrict": Field.SUBDISTRICT, "gender": Field.GENDER}
    for dim in dims:
        if dim == "age":
            continue
        field = column_of[dim]
        values = getattr(register, dim)
        has_data = any(str(v).strip() for v in values.tolist())
        if dim == "gender":
            has_data = field in register.mapping
        if not has_data:
            header = ""
            idx = register.mapping.get(field)
            if idx is not None and 0 <= idx < len(register.table.headers):
                header = register.table.headers[idx]
            where = (Message(QT_TRANSLATE_NOOP("DrawEngine", "Die Spalte „{column}“ ist leer"), column=header)
                     if header else Message(QT_TRANSLATE_NOOP("DrawEngine", "Dem Register fehlt diese Spalte")))
            hint = (Message(QT_TRANSLATE_NOOP("DrawEngine", "Laden Sie ein Straßenverzeichnis, das die Bezirke "
                                                            "zuordnet, oder schichten Sie ohne dieses Merkmal."))
                    if dim in ("district", "subdistrict")
                    else Message(QT_TRANSLATE_NOOP("DrawEngine", "Ordnen Sie die Spalte Geschlecht zu oder "
                                                                 "schichten Sie ohne dieses Merkmal.")))
            raise UserError(Message(QT_TRANSLATE_NOOP("DrawEngine", "Nach {dimension} kann nicht geschichtet "
                                                                    "werden: {where}."),
                                    dimension=Message(DIMENSION_LABELS[dim]), where=where),
                            file=register.table.file_name, column=header or None, hint=hint)


def _eligible_mask(register: ValidatedRegister, settings: DrawSettings) -> np.ndarray:
    age = np.asarray(register.age)
    mask = age >= settings.min_age
    if settings.max_age is not None:
        mask &= age <= settings.max_age
    if settings.districts:
        wanted = [d.strip() for d in settings.districts if d.strip()]
        present = {str(v).strip() for v in np.unique(register.district.astype(str))}
        unknown = [d for d in wanted if d not in present]
        if unknown:
            raise UserError(Message(QT_TRANSLATE_NOOP("DrawEngine", "Den Stadtbezirk „{district}“ gibt es im "
                                                                    "Register nicht."), district=unknown[0]),
                            file=register.table.file_name,
                            hint=Message(QT_TRANSLATE_NOOP("DrawEngine", "Vorhanden: {values}"),
                                         values=", ".join(sorted(p for p in present if p)[:30])))
        stripped = np.char.strip(register.district.astype(str))
        mask &= np.isin(stripped, np.asarray(wanted, dtype=stripped.dtype))
    return mask


def eligibility_counts(register: ValidatedRegister, settings: DrawSettings) -> tuple[int, int]:
    """People and households meeting the age and district rules (before exclusions), as the draw counts them."""
    mask = _eligible_mask(register, settings)
    if settings.household_by == "address":
        hh_all, n_hh = _register_codes(register)["household"]
    else:
        hh_all, n_hh = _name_household_codes(register)
    households = int(np.count_nonzero(np.bincount(hh_all[mask], minlength=n_hh))) if mask.any() else 0
    return int(mask.sum()), households


def _aggregates(factorized: dict[str, tuple[np.ndarray, list[str]]], invited_mask: np.ndarray,
                order_of: dict[str, list[str]]) -> dict[str, list[tuple[str, int, int]]]:
    out: dict[str, list[tuple[str, int, int]]] = {}
    for dim, (codes, labels) in factorized.items():
        pop = np.bincount(codes, minlength=len(labels))
        inv = np.bincount(codes[invited_mask], minlength=len(labels))
        rows = [(labels[i], int(pop[i]), int(inv[i])) for i in range(len(labels)) if pop[i] > 0]
        if dim in order_of:
            rank = {label: i for i, label in enumerate(order_of[dim])}
            rows.sort(key=lambda r: rank.get(r[0], len(rank)))
        out[dim] = rows
    return out


def run_draw(register: ValidatedRegister, settings: DrawSettings, seed_text: str, *,
             excluded_person_keys: Iterable[str] = frozenset(),
             progress: Optional[ProgressCallback] = None,
             cancel: Optional[CancelToken] = None) -> DrawResult:
    """Draw ``settings.size`` invitees (plus ``settings.replacements`` Nachrücker); see module doc."""
    started = time.perf_counter()
    created = dt.datetime.now().replace(microsecond=0)
    dims = _check_settings(settings)
    rng, digest = derive_generator(seed_text)
    report(progress, 0.02, Message(QT_TRANSLATE_NOOP("Progress", "Prüfe die Einstellungen …")), cancel)
    _check_dimension_data(register, dims)
    bands = age_bands(settings.age_edges, settings.min_age, settings.max_age)

    eligible = _eligible_mask(register, settings)
    elig_pos = np.flatnonzero(eligible)
    n_elig = int(len(elig_pos))
    if n_elig == 0:
        conditions = [Message(QT_TRANSLATE_NOOP("DrawEngine", "Mindestalter {age}"), age=settings.min_age)]
        if settings.max_age is not None:
            conditions.append(Message(QT_TRANSLATE_NOOP("DrawEngine", "Höchstalter {age}"), age=settings.max_age))
        if settings.districts:
            conditions.append(Message(QT_TRANSLATE_NOOP("DrawEngine", "Stadtbezirk {districts}"),
                                      districts=", ".join(settings.districts)))
        raise UserError(Message(QT_TRANSLATE_NOOP("DrawEngine", "Im Register ist niemand teilnahmeberechtigt "
                                                                "({conditions})."),
                                conditions=Message.join(", ", conditions)), file=register.table.file_name)
    report(progress, 0.15, Message(QT_TRANSLATE_NOOP("Progress", "Bilde die Schichten …")), cancel)
    codes = _register_codes(register)
    age_e = np.asarray(register.age)[elig_pos]
    district_e = np.asarray(register.district, dtype=object)[elig_pos]
    subdistrict_e = np.asarray(register.subdistrict, dtype=object)[elig_pos]
    gender_e = np.asarray(register.gender)[elig_pos]
    factorized = {dim: (codes[dim][0][elig_pos], codes[dim][1]) for dim in ("district", "subdistrict", "gender")}
    strata = assign_strata(dims, district=district_e, subdistrict=subdistrict_e, age=age_e,
                           gender=gender_e, bands=bands, factorized=factorized)
    sid = strata.stratum_id
    n_strata = len(strata.labels)
    population = np.bincount(sid, minlength=n_strata)

    report(progress, 0.35, Message(QT_TRANSLATE_NOOP("Progress", "Schließe frühere Eingeladene aus …")), cancel)
    excluded_keys = excluded_person_keys if isinstance(excluded_person_keys, (set, frozenset)) \
        else frozenset(excluded_person_keys)
    if excluded_keys:
        person_key_e = np.asarray(register.person_key, dtype=object)[elig_pos]
        excluded = np.fromiter(map(excluded_keys.__contains__, person_key_e.tolist()), dtype=bool, count=n_elig)
    else:
        excluded = np.zeros(n_elig, dtype=bool)
    n_excluded = int(excluded.sum())

    report(progress, 0.45, Message(QT_TRANSLATE_NOOP("Progress", "Wende die Haushaltsregel an …")), cancel)
    if settings.household_by == "address":
        hh_all, n_hh_all = codes["household"]
    else:
        hh_all, n_hh_all = _name_household_codes(register)
    hh_codes = hh_all[elig_pos]
    n_households = int(np.count_nonzero(np.bincount(hh_codes, minlength=n_hh_all))) if n_elig else 0
    open_pos = np.flatnonzero(~excluded)            # positions within the eligible arrays
    if settings.household_rule and len(open_pos):
        u_h = rng.random(len(open_pos))                                 # RNG call (1)
        hh = hh_codes[open_pos]
        smallest = np.full(n_hh_all, 2.0)
        np.minimum.at(smallest, hh, u_h)
        winner = np.flatnonzero(u_h == smallest[hh])                    # register order
        if len(winner) != np.count_nonzero(np.bincount(hh, minlength=n_hh_all)):  # tie: first in register order
            _, first = np.unique(hh[winner], return_index=True)
            winner = np.sort(winner[first])
        cand = open_pos[winner]
    else:
        cand = open_pos
    cand_sid = sid[cand]
    cand_count = np.bincount(cand_sid, minlength=n_strata)
    n_cand = int(len(cand))

    size = int(settings.size)
    n_rep = int(settings.replacements)
    if size > n_cand:
        raise UserError(_too_many_message(size, n_elig, n_excluded, n_cand, settings.household_rule),
                        file=register.table.file_name,
                        hint=Message(QT_TRANSLATE_NOOP("DrawEngine", "Verringern Sie die Zahl der Einladungen oder "
                                                                     "erweitern Sie die Auswahl.")))
    if size + n_rep > n_cand:
        raise UserError(Message(QT_TRANSLATE_NOOP("DrawEngine", "{size} und {replacements} sind zusammen mehr als "
                                                                "{candidates}."),
                                size=count_texts.invitations(size), replacements=count_texts.replacements(n_rep),
                                candidates=count_texts.drawable_people(n_cand)), file=register.table.file_name,
                        hint=count_texts.replacements_possible(n_cand - size))

    report(progress, 0.6, Message(QT_TRANSLATE_NOOP("Progress", "Verteile die Einladungen auf die Schichten …")),
           cancel)
    factors = oversampling_factors(settings.oversampling, strata)
    weights = [int(population[i]) * Fraction(factors[i]) for i in range(n_strata)]
    quotas = allocate(size, weights, [int(c) for c in cand_count])
    rep_quotas = allocate(n_rep, weights, [int(c) - q for c, q in zip(cand_count, quotas)])

    report(progress, 0.7, Message(QT_TRANSLATE_NOOP("Progress", "Ziehe die Personen …")), cancel)
    # candidates grouped by stratum, register order inside each stratum (stable sort)
    sid_small = cand_sid.astype(np.int16 if n_strata < 32_000 else np.int64)
    by_stratum = np.argsort(sid_small, kind="stable")
    starts = np.concatenate(([0], np.cumsum(cand_count)[:-1]))
    main_parts: list[np.ndarray] = []
    rep_parts: list[np.ndarray] = []
    for i in range(n_strata):                                           # RNG call (2), per stratum
        take = quotas[i] + rep_quotas[i]
        if take == 0:
            continue
        picked = rng.choice(int(cand_count[i]), size=take, replace=False)
        members = by_stratum[starts[i] + picked]                        # indices into cand
        main_parts.append(members[:quotas[i]])
        rep_parts.append(members[quotas[i]:])
    main_sel = np.concatenate(main_parts) if main_parts else np.zeros(0, dtype=np.int64)
    rep_sel = np.concatenate(rep_parts) if rep_parts else np.zeros(0, dtype=np.int64)
    main_sel = main_sel[rng.permutation(len(main_sel))]                 # RNG call (3)
    rep_sel = rep_sel[rng.permutation(len(rep_sel))]                    # RNG call (4)

    report(progress, 0.85, Message(QT_TRANSLATE_NOOP("Progress", "Stelle das Ergebnis zusammen …")), cancel)
    valid_index = np.asarray(register.valid_index)
    band_idx_e = bands.index(age_e)
    invitees: list[DrawnPerson] = []
    for number, (sel, is_rep) in enumerate(
            [(int(c), False) for c in main_sel] + [(int(c), True) for c in rep_sel], start=1):
        epos = int(cand[sel])
        vpos = int(elig_pos[epos])
        b = int(band_idx_e[epos])
        invitees.append(DrawnPerson(order=number, row_index=int(valid_index[vpos]),
                                    stratum=strata.labels[int(sid[epos])], is_replacement=is_rep,
                                    valid_pos=vpos, age_band=bands.labels[b] if b >= 0 else ""))
    drawn = np.bincount(cand_sid[main_sel], minlength=n_strata)
    drawn_rep = np.bincount(cand_sid[rep_sel], minlength=n_strata)
    summaries = [StratumSummary(label=strata.labels[i], population=int(population[i]),
                                eligible=int(cand_count[i]), quota=int(quotas[i]), drawn=int(drawn[i]),
                                replacements=int(drawn_rep[i])) for i in range(n_strata)]

    invited_e = np.zeros(n_elig, dtype=bool)
    invited_e[cand[main_sel]] = True
    factorized["age_band"] = (band_idx_e, list(bands.labels))
    aggregates = _aggregates(factorized, invited_e, {"age_band": list(bands.labels),
                                                     "gender": [GENDER_LABELS[c] for c in GENDER_CODES]})
    if aggregates.get("subdistrict") and [r[0] for r in aggregates["subdistrict"]] == [UNKNOWN_VALUE]:
        aggregates.pop("subdistrict")

    # German str (MessageText) for the protocol, the CLI and the stored settings; the GUI shows them localized
    notes: list[str] = []
    factors_used = {strata.labels[i]: factors[i] for i in range(n_strata) if factors[i] != 1.0}
    if factors_used:
        notes.append(german_text(Message(QT_TRANSLATE_NOOP("DrawNotes", "Übergewichtung in {strata} angewandt."),
                                         strata=count_texts.strata(len(factors_used)))))
    uncapped = largest_remainder(size, weights)
    capped = [strata.labels[i] for i in range(n_strata) if uncapped[i] > cand_count[i]]
    if capped:
        notes.append(german_text(Message(
            QT_TRANSLATE_NOOP("DrawNotes", "Schichten mit zu wenigen ziehbaren Personen (alle gezogen, Rest anderen "
                                           "Schichten zugeteilt): {strata}{more}"),
            strata=Message.join("; ", [stratum_label_message(label) for label in capped[:20]]),
            more=" …" if len(capped) > 20 else "")))
    if UNKNOWN_VALUE in strata.labels or any(UNKNOWN_VALUE in label for label in strata.labels):
        notes.append(german_text(Message(QT_TRANSLATE_NOOP("DrawNotes", "„{unknown}“ fasst Personen ohne Eintrag im "
                                                                        "jeweiligen Merkmal zusammen."),
                                         unknown=stratum_label_message(UNKNOWN_VALUE))))
    report(progress, 1.0, Message(QT_TRANSLATE_NOOP("Progress", "Ziehung abgeschlossen.")), cancel)
    return DrawResult(
        seed_text=seed_text, seed_digest=digest, settings=settings, invitees=invitees, strata=summaries,
        rows_read=register.rows_read, rows_valid=register.rows_valid, rows_eligible=n_elig,
        rows_excluded=n_excluded, households=n_households, notes=notes, candidates=n_cand,
        age_band_labels=tuple(bands.labels), aggregates=aggregates, created_at=created,
        duration_seconds=time.perf_counter() - started)


def _gender_codes(gender: np.ndarray, file_name: str) -> tuple[np.ndarray, list[str]]:
    """Codes in GENDER_CODES order (m, w, d, x) and their German labels."""
    values = gender.astype(str) if gender.dtype == object else gender
    uniq, inverse = np.unique(values, return_inverse=True)
    lookup = {c: i for i, c in enumerate(GENDER_CODES)}
    unknown = [str(u) for u in uniq.tolist() if str(u) not in lookup]
    if unknown:
        raise UserError(Message(QT_TRANSLATE_NOOP("Strata", "Unbekannter Geschlechtscode „{code}“ im geprüften "
                                                            "Register."), code=unknown[0]), file=file_name)
    code_map = np.asarray([lookup[str(u)] for u in uniq.tolist()], dtype=np.int64)
    return code_map[inverse.reshape(-1)], [GENDER_LABELS[c] for c in GENDER_CODES]


def _household_codes(keys: np.ndarray) -> tuple[np.ndarray, int]:
    """Integer code per household key and the number of codes (only equality of codes is used)."""
    items = keys.tolist()
    lookup = {k: i for i, k in enumerate(dict.fromkeys(items))}
    return np.fromiter(map(lookup.__getitem__, items), dtype=np.int64, count=len(items)), len(lookup)


_CACHE_ATTR = "_draw_codes_cache"


def _register_codes(register: ValidatedRegister) -> dict:
    """Integer codes of district, sub-district, gender and household over all valid rows.

    Computed once per register and kept on the object (a register is not changed after
    validation), so repeated draws with other settings are fast. Codes of district and
    sub-district are ranks in sorted text order; nothing depends on dict or set order.
    """
    key = (id(register.district), id(register.subdistrict), id(register.gender), id(register.household_key),
           len(register.valid_index))
    cached = register.__dict__.get(_CACHE_ATTR)
    if cached is not None and cached[0] == key:
        return cached[1]
    coded = register.coded   # the validator's integer codes where it had them: no text re-coded
    codes = {dim: factorize_coded(*coded[dim]) if dim in coded else
             factorize_text(np.asarray(getattr(register, dim), dtype=object)) for dim in ("district", "subdistrict")}
    codes["gender"] = _gender_codes(np.asarray(register.gender), register.table.file_name)
    codes["household"] = (coded["household"] if "household" in coded else
                          _household_codes(np.asarray(register.household_key, dtype=object)))
    register.__dict__[_CACHE_ATTR] = (key, codes)
    return codes


def _name_household_codes(register: ValidatedRegister) -> tuple[np.ndarray, int]:
    """Household codes for "same address and same family name" (cached like the others)."""
    cached = register.__dict__.get(_CACHE_ATTR + "_name")
    if cached is not None and cached[0] == id(register.household_key):
        return cached[1]
    from ..register.normalize import normalise_name
    col = register.mapping.get(Field.FAMILY_NAME)
    table = register.table
    names = (table.column_texts(col, register.valid_index) if col is not None and col < len(table.headers)
             else [""] * len(register.valid_index))
    folded = {n: normalise_name(n) for n in set(names)}
    keys = np.empty(len(names), dtype=object)
    keys[:] = [f"{h}|{folded[n]}" for h, n in zip(register.household_key.tolist(), names)]
    codes = _household_codes(keys)
    register.__dict__[_CACHE_ATTR + "_name"] = (id(register.household_key), codes)
    return codes


def _too_many_message(size: int, n_elig: int, n_excluded: int, n_cand: int, household_rule: bool) -> Message:
    extra = []
    if n_excluded:
        extra.append(count_texts.invited_before_of_them(n_excluded))
    if household_rule and n_cand < n_elig - n_excluded:
        extra.append(Message.plural(n_cand, QT_TRANSLATE_NOOP("DrawEngine", "mit der Haushaltsregel, also höchstens "
                                                                            "einer Person je Haushalt, bleibt {n}"),
                                    QT_TRANSLATE_NOOP("DrawEngine", "mit der Haushaltsregel, also höchstens einer "
                                                                    "Person je Haushalt, bleiben {n}")))
    elif n_excluded:
        extra.append(Message.plural(n_cand, QT_TRANSLATE_NOOP("DrawEngine", "es bleibt {n}"),
                                    QT_TRANSLATE_NOOP("DrawEngine", "es bleiben {n}")))
    if extra:
        return Message(QT_TRANSLATE_NOOP("DrawEngine", "{size}, aber {eligible} ({details})."),
                       size=count_texts.people_to_invite(size), eligible=count_texts.only_eligible(n_elig),
                       details=Message.join("; ", extra))
    return Message(QT_TRANSLATE_NOOP("DrawEngine", "{size}, aber {eligible}."),
                   size=count_texts.people_to_invite(size), eligible=count_texts.only_eligible(n_elig))
