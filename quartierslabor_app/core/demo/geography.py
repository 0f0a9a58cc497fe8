"""Synthetic but plausible geography of Dortmund for the demo register.

The twelve Stadtbezirke with their approximate population, statistical sub-districts
named after real Dortmund quarters, postcodes 44xxx, and streets per sub-district (a few
real main roads, the rest invented from common German street-name patterns). Some long
streets cross a sub-district border: they appear with house-number ranges, which is what
a street directory (Straßenverzeichnis) records.

The geography is fixed (its own constant seed), so registers generated with different
seeds share one street directory.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ..labs import DORTMUND_DISTRICTS

#: approximate population per Stadtbezirk (order of DORTMUND_DISTRICTS)
DISTRICT_POPULATION = {
    "Innenstadt-West": 54_000, "Innenstadt-Nord": 60_000, "Innenstadt-Ost": 57_000, "Eving": 39_000,
    "Scharnhorst": 46_000, "Brackel": 56_000, "Aplerbeck": 57_000, "Hörde": 56_000, "Hombruch": 57_000,
    "Lütgendortmund": 49_000, "Huckarde": 37_000, "Mengede": 40_000,
}

#: statistical sub-districts per Stadtbezirk, each with its postcode
SUBDISTRICTS: dict[str, tuple[tuple[str, str], ...]] = {
    "Innenstadt-West": (("City", "44137"), ("Westfalenhalle", "44139"), ("Dorstfelder Brücke", "44147"),
                        ("Dorstfeld", "44149"), ("Kreuzviertel", "44139"), ("Union", "44137")),
    "Innenstadt-Nord": (("Hafen", "44147"), ("Nordmarkt", "44145"), ("Borsigplatz", "44145")),
    "Innenstadt-Ost": (("Westfalendamm", "44141"), ("Ruhrallee", "44139"), ("Kaiserbrunnen", "44135"),
                       ("Gartenstadt", "44141"), ("Körne", "44143")),
    "Eving": (("Eving", "44339"), ("Lindenhorst", "44339"), ("Kemminghausen", "44339"), ("Brechten", "44339"),
              ("Holthausen", "44339")),
    "Scharnhorst": (("Alt-Scharnhorst", "44328"), ("Scharnhorst-Ost", "44328"), ("Derne", "44329"),
                    ("Hostedde", "44329"), ("Kirchderne", "44329"), ("Grevel", "44329"), ("Lanstrop", "44329"),
                    ("Kurl-Husen", "44319")),
    "Brackel": (("Brackel", "44309"), ("Asseln", "44319"), ("Wambel", "44143"), ("Wickede", "44319"),
                ("Neuasseln", "44309")),
    "Aplerbeck": (("Aplerbeck", "44287"), ("Aplerbecker Mark", "44287"), ("Berghofen", "44269"),
                  ("Schüren", "44269"), ("Sölde", "44289"), ("Sölderholz", "44289"), ("Lichtendorf", "44289")),
    "Hörde": (("Hörde", "44263"), ("Benninghofen", "44267"), ("Hacheney", "44265"), ("Holzen", "44267"),
              ("Syburg", "44265"), ("Wellinghofen", "44265"), ("Wichlinghofen", "44265"), ("Phoenix-See", "44263")),
    "Hombruch": (("Hombruch", "44225"), ("Barop", "44225"), ("Eichlinghofen", "44227"), ("Kirchhörde", "44229"),
                 ("Löttringhausen", "44229"), ("Lücklemberg", "44229"), ("Menglinghausen", "44227"),
                 ("Persebeck-Kruckel-Schnee", "44227"), ("Brünninghausen", "44225"), ("Bittermark", "44229")),
    "Lütgendortmund": (("Lütgendortmund", "44388"), ("Bövinghausen", "44388"), ("Kley", "44149"),
                       ("Marten", "44379"), ("Oespel", "44149"), ("Westrich", "44388"), ("Somborn", "44388")),
    "Huckarde": (("Huckarde", "44369"), ("Deusen", "44369"), ("Jungferntal-Rahm", "44369"),
                 ("Kirchlinde", "44379"), ("Wischlingen", "44369")),
    "Mengede": (("Mengede", "44359"), ("Bodelschwingh", "44357"), ("Nette", "44359"), ("Oestrich", "44357"),
                ("Westerfilde", "44357"), ("Groppenbruch", "44359"), ("Schwieringhausen", "44359")),
}

#: real main roads per Stadtbezirk (placed in the district's first sub-districts)
REAL_STREETS: dict[str, tuple[str, ...]] = {
    "Innenstadt-West": ("Rheinische Straße", "Hohe Straße", "Kreuzstraße", "Lindemannstraße", "Möllerstraße",
                        "Westenhellweg", "Hoher Wall", "Große Heimstraße"),
    "Innenstadt-Nord": ("Münsterstraße", "Mallinckrodtstraße", "Schützenstraße", "Borsigstraße",
                        "Oesterholzstraße", "Nordstraße", "Heroldstraße", "Uhlandstraße"),
    "Innenstadt-Ost": ("Ruhrallee", "Kaiserstraße", "Westfalendamm", "Hamburger Straße", "Körner Hellweg",
                       "Saarlandstraße", "Lange Straße"),
    "Eving": ("Evinger Straße", "Deutsche Straße", "Bergstraße", "Brechtener Straße", "Lindenhorster Straße"),
    "Scharnhorst": ("Gleiwitzstraße", "Buschei", "Flughafenstraße", "Altenderner Straße", "Kurler Straße"),
    "Brackel": ("Brackeler Hellweg", "Asselner Hellweg", "Wickeder Hellweg", "Oberdorfstraße"),
    "Aplerbeck": ("Köln-Berliner Straße", "Schweizer Allee", "Aplerbecker Marktplatz", "Ruinenstraße"),
    "Hörde": ("Hermannstraße", "Alfred-Trappen-Straße", "Faßstraße", "Wellinghofer Straße", "Benninghofer Straße"),
    "Hombruch": ("Harkortstraße", "Stockumer Straße", "Baroper Straße", "Kirchhörder Straße"),
    "Lütgendortmund": ("Limbecker Straße", "Provinzialstraße", "Werner Straße", "Martener Straße"),
    "Huckarde": ("Parsevalstraße", "Rahmer Straße", "Huckarder Straße", "Kirchlinder Straße"),
    "Mengede": ("Siegburgstraße", "Mengeder Straße", "Bodelschwingher Straße", "Westerfilder Straße"),
}

_BASES = tuple("""
Ahorn Amsel Birken Buchen Eichen Eschen Fichten Linden Tannen Ulmen Erlen Holunder Kastanien Rosen Tulpen
Nelken Flieder Lerchen Finken Meisen Drossel Falken Schwalben Kiebitz Goethe Schiller Lessing Heine Uhland
Mörike Eichendorff Fontane Brahms Bach Händel Mozart Beethoven Schubert Haydn Kant Hegel Humboldt Kolping
Stein Hardenberg Bismarck Blücher Gneisenau Scharnhorst Ebert Rathenau Stresemann Adenauer Heuss Brandt Schumacher
Barbara Hedwig Elisabeth Katharina Agnes Mathilde Luisen Victoria Marien Wilhelm Friedrich Karl Heinrich
Berliner Kölner Münsteraner Bochumer Hagener Essener Hammer Unnaer Schwerter Lüner Castroper Wittener Herner
Sauerland Münsterland Emscher Ruhr Lippe Hellweg Zechen Schacht Hütten Kokerei Gruben Stollen Hafen Kanal Mühlen
Kirch Schul Markt Dorf Feld Wiesen Acker Garten Berg Tal Bach Brunnen Weiher Kamp Heide Busch Hof Burg Schloss
Sonnen Mond Stern Regenbogen Frühling Sommer Herbst Winter Morgen Abend Glück Friedens Freiheits
""".split())
_PATTERNS = ("{}straße", "{}weg", "{}allee", "{}ring", "{}pfad", "{}gasse", "{}platz", "{}winkel", "{}steig",
             "{}kamp", "{}feld", "{}hof", "{}grund", "{}höhe")

#: streets per sub-district (invented + real)
STREETS_PER_SUBDISTRICT = 22
GEOGRAPHY_SEED = 44_137


@dataclass(frozen=True)
class StreetSection:
    street: str
    low: int                # first house number of the section
    high: int               # last house number of the section
    district: str
    subdistrict: str
    postcode: str
    split: bool             # True: the street continues in another sub-district


@dataclass(frozen=True)
class Geography:
    districts: tuple[str, ...]
    subdistrict_names: tuple[str, ...]        # flat over all districts
    subdistrict_district: np.ndarray          # index into districts per sub-district
    subdistrict_postcode: tuple[str, ...]
    subdistrict_weight: np.ndarray            # share of the city's population
    sections: tuple[StreetSection, ...]
    section_offsets: np.ndarray               # sections of sub-district i: offsets[i]:offsets[i+1]


@lru_cache(maxsize=1)
def geography() -> Geography:
    rng = np.random.default_rng(GEOGRAPHY_SEED)
    districts = tuple(DORTMUND_DISTRICTS)
    names: list[str] = []
    owner: list[int] = []
    postcodes: list[str] = []
    weights: list[float] = []
    for d_idx, district in enumerate(districts):
        subs = SUBDISTRICTS[district]
        raw = rng.uniform(0.6, 1.4, len(subs))
        raw = raw / raw.sum() * DISTRICT_POPULATION[district]
        for (sub, plz), w in zip(subs, raw):
            names.append(sub)
            owner.append(d_idx)
            postcodes.append(plz)
            weights.append(float(w))
    weight_arr = np.array(weights)
    weight_arr /= weight_arr.sum()

    used: set[str] = set()
    per_sub: list[list[tuple[str, int, int, bool]]] = [[] for _ in names]
    # real main roads: long, crossing from the district's first sub-district into its second
    for d_idx, district in enumerate(districts):
        subs_idx = [i for i, o in enumerate(owner) if o == d_idx]
        for k, street in enumerate(REAL_STREETS[district]):
            used.add(street)
            first = subs_idx[k % len(subs_idx)]
            if k % 3 == 0 and len(subs_idx) > 1:
                second = subs_idx[(k + 1) % len(subs_idx)]
                per_sub[first].append((street, 1, 99, True))
                per_sub[second].append((street, 100, 240, True))
            else:
                per_sub[first].append((street, 1, int(rng.integers(40, 180)), False))
    # invented residential streets
    candidates = [p.format(b) for b in _BASES for p in _PATTERNS]
    candidates = [c for c in dict.fromkeys(candidates) if c not in used]
    order = rng.permutation(len(candidates))
    pos = 0
    for s_idx in range(len(names)):
        while len(per_sub[s_idx]) < STREETS_PER_SUBDISTRICT:
            street = candidates[int(order[pos])]
            pos += 1
            per_sub[s_idx].append((street, 1, int(rng.integers(20, 160)), False))
    sections: list[StreetSection] = []
    offsets = [0]
    for s_idx, items in enumerate(per_sub):
        for street, low, high, split in items:
            sections.append(StreetSection(street, low, high, districts[owner[s_idx]], names[s_idx],
                                          postcodes[s_idx], split))
        offsets.append(len(sections))
    return Geography(districts=districts, subdistrict_names=tuple(names),
                     subdistrict_district=np.array(owner, dtype=np.int64),
                     subdistrict_postcode=tuple(postcodes), subdistrict_weight=weight_arr,
                     sections=tuple(sections), section_offsets=np.array(offsets, dtype=np.int64))
