"""A synthetic example lab (no real people) for tests, screenshots and the benchmark."""
from __future__ import annotations

import datetime as dt
from typing import Optional

import numpy as np
from sqlalchemy.orm import Session

from ..card_reasons import IMPORTED, stored_reason
from ..clustering.model import Reason
from ..labs import create_lab
from ..storage.models import Card, Cluster, Lab, ParticipationAggregate, Recommendation

EXAMPLE_CLUSTERS = (
    ("muell", "Müll und Sauberkeit", "#8bc34a", "2.3;2.3.2"),
    ("licht", "Beleuchtung und Angsträume", "#ffc107", "1.2.3"),
    ("laerm", "Lärm", "#ff7043", "2.1"),
    ("verkehr", "Verkehr und Parken", "#42a5f5", "1.2.2"),
    ("drogen", "Alkohol und Drogen", "#ab47bc", "2.4"),
    ("jugend", "Angebote für Jugendliche", "#26a69a", "1.1.2"),
    ("gruen", "Grünflächen und Spielplätze", "#66bb6a", "1.2.1"),
    ("polizei", "Präsenz von Polizei und Ordnungsamt", "#5c6bc0", "2.1;2.2"),
    ("nachbarschaft", "Nachbarschaft und Zusammenhalt", "#ec407a", "1.3.1"),
    ("wohnen", "Wohnen und Leerstand", "#8d6e63", "1.2.1"),
    ("video", "Videoüberwachung", "#78909c", "2.5"),
    ("senioren", "Sicherheit für Ältere", "#d4e157", "1.4.7"),
)
EXAMPLE_TEXTS = (
    "Am Nordmarkt liegt jeden Morgen Müll neben den vollen Papierkörben.",
    "Der Weg durch den Park ist abends zu dunkel, ich gehe dort nicht mehr allein.",
    "Nachts laute Musik aus Autos an der Münsterstraße.",
    "Zugeparkte Gehwege, mit dem Kinderwagen kommt man nicht durch.",
    "Spritzen auf dem Spielplatz hinter der Schule.",
    "Es fehlt ein Jugendtreff, die Jugendlichen hängen an der Haltestelle.",
    "Die Grünfläche am Blücherpark wird nicht gepflegt.",
    "Man sieht nie eine Streife vom Ordnungsamt.",
    "Wir kennen unsere Nachbarn kaum, ein Straßenfest wäre schön.",
    "Leerstehende Häuser verfallen, die Fenster sind eingeschlagen.",
    "Kameras am Bahnhof würden helfen.",
    "Als ältere Frau fühle ich mich in der U-Bahn unsicher.",
)
TRICKY_TEXTS = (
    "=SUMME(A1:A9)",
    "+49 170 1234567 anrufen wegen Sperrmüll",
    "-Müll überall",
    "@alle bitte mehr Mülleimer",
    "<b>fett</b> & Co. <script>",
    "Çöpler her gün toplanmalı, ağaçların altı çok kirli – İyi akşamlar, ışık yok",
    "Na placu zabaw leżą śmieci, źle oświetlona ulica łączy szkołę",
    "النظافة في الحديقة سيئة جدا",
    "Zu wenig Licht 😀🚮 und 👩‍👩‍👧 Familien haben Angst 🦩",
)


def _imported_reason(cluster_name: str) -> dict[str, str]:
    reason, data = stored_reason(Reason(IMPORTED, cluster_name))
    return {"reason": reason, "reason_data": data}


def create_example_lab(session: Session, name: str = "Beispiel Nordstadt", district: str = "Innenstadt-Nord",
                       date: Optional[dt.date] = dt.date(2026, 3, 14), *, cards: int = 60, clusters: int = 12,
                       recommendations: int = 12, seed: int = 20260314, tricky: bool = True,
                       long_card: bool = True) -> Lab:
    """Create a lab with clusters, cards, votes, recommendations and participation aggregates."""
    rng = np.random.default_rng(seed)
    lab = create_lab(session, name, district, date, venue="Dietrich-Keuning-Haus, Leopoldstraße 50")
    lab.participants_count = 27
    chosen = [EXAMPLE_CLUSTERS[i % len(EXAMPLE_CLUSTERS)] for i in range(clusters)]
    cluster_rows = []
    for i, (key, cname, color, codes) in enumerate(chosen):
        suffix = "" if i < len(EXAMPLE_CLUSTERS) else f"-{i}"
        row = Cluster(lab_id=lab.id, key=key + suffix, name=cname + (f" {i}" if suffix else ""), color=color,
                      position=i, handlungsfeld_codes=codes, origin="taxonomy", votes=int(rng.integers(0, 3)))
        cluster_rows.append(row)
    session.add_all(cluster_rows)
    session.flush()
    weights = rng.dirichlet(np.ones(len(cluster_rows)) * 1.5)
    card_rows = []
    texts = list(TRICKY_TEXTS) if tricky else []
    if long_card:
        texts.append(("Sehr langes Anliegen über den Zustand des Quartiers. " * 40)[:2000])
    while len(texts) < cards:
        base = EXAMPLE_TEXTS[int(rng.integers(len(EXAMPLE_TEXTS)))]
        texts.append(f"{base} (Tisch {int(rng.integers(1, 6))}, Hinweis {len(texts) + 1})")
    for i, text in enumerate(texts[:cards]):
        cluster = cluster_rows[int(rng.choice(len(cluster_rows), p=weights))]
        card_rows.append(Card(lab_id=lab.id, cluster_id=cluster.id, text=text, place=["Nordmarkt", "Borsigplatz",
                              "", "Hafen"][i % 4], table_tag=str(i % 5 + 1), votes=int(rng.poisson(1.5)),
                              assigned_by="import", **_imported_reason(cluster.name)))
    session.add_all(card_rows)
    session.flush()
    actors = ["Ordnungsamt", "EDG (Entsorgung Dortmund)", "Stadtplanung", "Polizei", "Jugendamt",
              "Quartiersmanagement"]
    statuses = ["offen", "in Arbeit", "umgesetzt", "verworfen"]
    for i in range(recommendations):
        cluster = cluster_rows[i % len(cluster_rows)]
        linked = [c.id for c in card_rows if c.cluster_id == cluster.id][:3]
        session.add(Recommendation(
            lab_id=lab.id, cluster_id=cluster.id, title=f"Empfehlung {i + 1}: {cluster.name} angehen",
            text="Die Teilnehmenden schlagen vor, das Thema gemeinsam mit den zuständigen Stellen anzugehen "
                 "und nach drei Monaten zu berichten.",
            handlungsfeld_codes=cluster.handlungsfeld_codes, actor=actors[i % len(actors)],
            priority=["hoch", "mittel", "niedrig"][i % 3],
            horizon=["sofort", "kurzfristig", "mittelfristig", "langfristig"][i % 4],
            place="Nordmarkt" if i % 2 else "", status=statuses[i % 4],
            status_note="Gespräch mit dem Amt geführt" if i % 4 == 1 else "",
            linked_card_ids=";".join(str(x) for x in linked)))
    bands = [("16–24", 9000, 12, 5, 4), ("25–44", 21000, 30, 12, 9), ("45–64", 17000, 25, 10, 8),
             ("65+", 11000, 20, 7, 6)]
    for cat, pop, inv, acc, part in bands:
        session.add(ParticipationAggregate(lab_id=lab.id, dimension="age_band", category=cat, population=pop,
                                           invited=inv, accepted=acc, participants=part))
    for cat, pop, inv, acc, part in [("w", 29000, 44, 18, 14), ("m", 28500, 42, 15, 12), ("d", 500, 1, 1, 1)]:
        session.add(ParticipationAggregate(lab_id=lab.id, dimension="gender", category=cat, population=pop,
                                           invited=inv, accepted=acc, participants=part))
    for cat, pop, inv, acc, part in [("Nordmarkt", 20000, 30, 12, 10), ("Borsigplatz", 19000, 29, 11, 9),
                                     ("Hafen", 19000, 28, 11, 8)]:
        session.add(ParticipationAggregate(lab_id=lab.id, dimension="subdistrict", category=cat, population=pop,
                                           invited=inv, accepted=acc, participants=part))
    session.flush()
    return lab
