"""The lab report agrees with itself: summary, participation tables, chart data and workbook give the
same figures; attendance not recorded reads "nicht erfasst", never 0 %; every heading German; a
recommendation made from a topic carries that topic's cards and their dots into PDF and Excel."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from quartierslabor_app.core import attendance
from quartierslabor_app.core import recommendations as rx
from quartierslabor_app.core.labs import create_lab
from quartierslabor_app.core.reports import build_lab_report, write_lab_pdf, write_lab_xlsx
from quartierslabor_app.core.reports.lab_data import NOT_RECORDED
from quartierslabor_app.core.storage.models import Card, Cluster, Invitee, Lab, ParticipationAggregate

BANDS = {"16–24": 9000, "25–44": 21000, "45–64": 17000, "65+": 11000}
GENDERS = {"weiblich": 29000, "männlich": 28500}   # as the draw stores them
SUBDISTRICTS = {"Eving I": 30000, "Eving II": 28000}


def _lab(s, *, attend: bool):
    lab = create_lab(s, "Übereinstimmung Eving" + ("" if attend else " ohne Anwesenheit"), "Eving")
    for dimension, cats in (("age_band", BANDS), ("gender", GENDERS), ("subdistrict", SUBDISTRICTS),
                            ("district", {"Eving": 58000})):
        for cat, pop in cats.items():
            s.add(ParticipationAggregate(lab_id=lab.id, dimension=dimension, category=cat, population=pop,
                                         invited=0, accepted=0, participants=0))
    invitees = []
    for i in range(24):
        inv = Invitee(lab_id=lab.id, draw_order=i + 1, age_band=list(BANDS)[i % 4], gender="wm"[i % 2],
                      district="Eving", subdistrict=list(SUBDISTRICTS)[i % 2], family_name=f"N{i}",
                      given_names="V", street="S", postcode="44339", city="Dortmund")
        s.add(inv)
        invitees.append(inv)
    s.flush()
    marks = [attendance.Mark("reply", tuple(i.id for i in invitees[:14]), "zugesagt"),
             attendance.Mark("reply", tuple(i.id for i in invitees[14:18]), "abgesagt")]
    if attend:
        marks.append(attendance.Mark("attended", tuple(i.id for i in invitees[:11]), True))
    attendance.apply_marks(s, lab.id, marks)
    if attend:
        attendance.set_walk_ins(s, lab.id, 3)
    clusters = []
    for pos, (key, name) in enumerate((("laerm", "Lärm"), ("muell", "Sauberkeit/Müll"), ("licht", "Beleuchtung"))):
        cluster = Cluster(lab_id=lab.id, key=key, name=name, position=pos, votes=pos)
        s.add(cluster)
        clusters.append(cluster)
    s.flush()
    for i in range(15):
        s.add(Card(lab_id=lab.id, cluster_id=clusters[i % 3].id, text=f"Anliegen Nummer {i + 1}", votes=(i * 7) % 11))
    s.flush()
    recs = [rx.create_recommendation(s, lab, f"Empfehlung zu {c.name}", cluster=c, actor="Ordnungsamt")
            for c in clusters[:2]]
    recs.append(rx.create_recommendation(s, lab, "Übergreifend", actor="Bezirksvertretung"))
    return lab, clusters, recs


def _flat(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def _pdf_text(path: Path) -> str:
    return _flat("\n".join(page.extract_text() for page in PdfReader(str(path)).pages))


def _write(db, tmp_path, attend: bool):
    with db.session() as s:
        lab, clusters, recs = _lab(s, attend=attend)
        data = build_lab_report(s, s.get(Lab, lab.id))
        cluster_cards = {c.id: sorted(((card.votes, card.id) for card in s.query(Card).filter(
            Card.cluster_id == c.id)), key=lambda t: (-t[0], t[1])) for c in clusters}
        rec_clusters = [r.cluster_id for r in recs]
    pdf = write_lab_pdf(tmp_path / "bericht.pdf", data)
    xlsx = write_lab_xlsx(tmp_path / "bericht.xlsx", data)
    return data, _pdf_text(pdf), openpyxl.load_workbook(xlsx), cluster_cards, rec_clusters


def test_every_figure_agrees_in_pdf_and_workbook(db, tmp_path):
    data, text, wb, cluster_cards, rec_clusters = _write(db, tmp_path, attend=True)
    s = data.summary
    assert s.participants == 11 + 3 and s.walk_ins == 3 and s.attendance_recorded
    assert s.invited == 24 and s.accepted == 14 and s.cards == 15 and s.clusters == 3
    # summary of the PDF
    assert "Teilnehmende 14" in text and "davon ohne Einladung gekommen 3" in text
    assert "Zusagen 14" in text and f"Anliegen (Karten) {s.cards}" in text and f"Themen {s.clusters}" in text
    assert f"Klebepunkte (Stimmen) {s.votes}" in text
    # every participation table sums to the same participants, walk-ins in a row of their own
    sums = re.findall(r"Summe ([\d.]+) 100,0 % (\d+) (\d+) (\d+) 100,0 %", text)
    assert len(sums) == len(data.participation) == 4
    assert all((int(inv), int(acc), int(part)) == (24, 14, 14) for _pop, inv, acc, part in sums), sums
    assert text.count("ohne Einladung gekommen 0 0 3") == 4 or text.count("ohne Einladung gekommen nicht erfasst") >= 4
    # German headings only
    assert "district" not in text and "Stadtbezirk Bevölkerung" in text
    # the same figures in the workbook
    info = {row[0]: row[1] for row in wb["Info"].iter_rows(min_row=2, values_only=True)}
    assert (info["Teilnehmende"], info["davon ohne Einladung gekommen"], info["Eingeladen"], info["Zusagen"]) == (
        14, 3, 24, 14)
    assert (info["Anliegen"], info["Themen"], info["Klebepunkte"], info["Handlungsempfehlungen"]) == (
        s.cards, s.clusters, s.votes, 3)
    part = list(wb["Teilnahme"].iter_rows(values_only=True))
    header, rows = part[0], part[1:]
    assert "district" not in {r[0] for r in rows} and "Stadtbezirk" in {r[0] for r in rows}
    col = header.index("Teilnehmende")
    for merkmal in {r[0] for r in rows}:
        assert sum(r[col] for r in rows if r[0] == merkmal) == 14, merkmal
        assert sum(r[header.index("Zusagen")] for r in rows if r[0] == merkmal) == 14
    # the topic sheet and the card sheet give the summary's dots and cards
    topics = list(wb["Themen"].iter_rows(values_only=True))
    assert sum(r[topics[0].index("Punkte gesamt")] for r in topics[1:]) == s.votes
    assert sum(r[topics[0].index("Anliegen")] for r in topics[1:]) == s.cards == wb["Anliegen"].max_row - 1
    # the concerns chart is drawn from the same sections (bars = card count and dots per topic)
    assert sorted((c.card_count, c.total_votes) for c in data.clusters) == sorted(
        (r[topics[0].index("Anliegen")], r[topics[0].index("Punkte gesamt")]) for r in topics[1:])
    # recommendations made from a topic link its cards: Excel columns and the PDF carry them
    recs = list(wb["Empfehlungen"].iter_rows(values_only=True))
    h = recs[0]
    by_title = {r[h.index("Titel")]: r for r in recs[1:]}
    for cluster_id, title in zip(rec_clusters[:2], ("Empfehlung zu Lärm", "Empfehlung zu Sauberkeit/Müll")):
        cards = cluster_cards[cluster_id]
        row = by_title[title]
        assert row[h.index("Anliegen (Nr.)")] == "; ".join(str(i) for _v, i in cards)
        assert row[h.index("Punkte der Anliegen")] == sum(v for v, _i in cards) > 0
        assert f"Anliegen ({sum(v for v, _i in cards)} Punkte)" in text
    assert by_title["Übergreifend"][h.index("Anliegen (Nr.)")] in (None, "")


def test_attendance_not_recorded_says_so_never_zero_percent(db, tmp_path):
    data, text, wb, _cards, _recs = _write(db, tmp_path, attend=False)
    assert data.summary.participants is None and not data.summary.attendance_recorded
    assert f"Teilnehmende {NOT_RECORDED}" in text
    participation = text[text.index("Teilnehmende Die Tabellen"):text.index("Anliegen nach Themen Anzahl")]
    assert not re.search(r"(?<!\d)0,0 %", participation)      # 100,0 % of the population is fine
    assert "Anwesenheit am Workshoptag wurde nicht erfasst" in participation
    assert participation.count(f"{NOT_RECORDED} {NOT_RECORDED}") >= 4
    info = {row[0]: row[1] for row in wb["Info"].iter_rows(min_row=2, values_only=True)}
    assert info["Teilnehmende"] == NOT_RECORDED and info["Zusagen"] == 14
    part = list(wb["Teilnahme"].iter_rows(values_only=True))
    col = part[0].index("Teilnehmende")
    assert {r[col] for r in part[1:]} == {NOT_RECORDED}
    assert {r[part[0].index("Anteil Teilnehmende")] for r in part[1:]} == {NOT_RECORDED}


def test_a_typed_count_without_attendance_is_the_summary_only(db, tmp_path):
    with db.session() as s:
        lab, _c, _r = _lab(s, attend=False)
        s.get(Lab, lab.id).participants_count = 20
        data = build_lab_report(s, s.get(Lab, lab.id))
    assert data.summary.participants == 20 and not data.summary.attendance_recorded
    assert all(t.total_participants is None for t in data.participation)


@pytest.mark.parametrize("linked", [None, []])
def test_recommendation_from_a_topic_links_its_cards_unless_told_otherwise(db, linked):
    with db.session() as s:
        lab, clusters, _recs = _lab(s, attend=False)
        rec = rx.create_recommendation(s, lab, "Noch eine", cluster=clusters[2], linked_card_ids=linked)
        expected = [] if linked == [] else rx.service.cluster_card_ids(s, clusters[2])
        assert rx.service.parse_card_ids(rec.linked_card_ids) == expected
        assert (len(expected) == 5) == (linked is None)
