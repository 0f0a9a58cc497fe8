"""Cards in the residents' languages (issue 10): language identification, folding, cue matching, quality floor."""
from __future__ import annotations

import csv
import json
from collections import Counter
from dataclasses import replace

import pytest

from conftest import TEST_DATA
from quartierslabor_app.core.clustering import Clusterer, ClusterDef, default_taxonomy
from quartierslabor_app.core.clustering.language import detect_language, normalise_word
from quartierslabor_app.core.clustering.language_data import language_name, load_language_file, parse_cues
from quartierslabor_app.core.clustering.lexicon import Lexicon
from quartierslabor_app.core.errors import UserError

LANGS = ("tr", "ar", "pl", "ru", "bg", "ro", "en")
#: per-language accuracy floor on the development set (measured 100 % each, see
#: benchmarks/bench_clustering_languages.py); German cards reach about 97 % on their sets
MIN_DEV_ACCURACY = 0.9


def _rows(name):
    with open(TEST_DATA / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def clusterer():
    return Clusterer()


@pytest.mark.parametrize("text, code", [
    ("Parkta her gece gürültü var", "tr"),
    ("KÖPEKLER BÜTÜN GÜN HAVLIYOR", "tr"),
    ("الجيران يشغلون الموسيقى بصوت عالٍ", "ar"),
    ("Sąsiad puszcza głośno muzykę w nocy", "pl"),
    ("Соседи громко слушают музыку по ночам", "ru"),
    ("Машины стоят у подъезда", "ru"),
    ("Съседите пускат силна музика", "bg"),
    ("Vecinii ascultă muzică foarte tare", "ro"),
    ("Loud music from the flat upstairs every weekend", "en"),
    ("Krach!", "de"),
    ("POLIZEI!!!", "de"),
    ("Ordnungsamt kommt nie", "de"),
    ("Öffentliche Toiletten fehlen", "de"),
    ("Parkdruck durch Pendler", "de"),
    ("Lärm", "de"),
    ("", "de"),
])
def test_language_is_recognised_from_script_letters_and_function_words(text, code):
    assert detect_language(text).code == code


@pytest.mark.parametrize("text, code, cluster", [
    ("gürültü", "tr", "laerm"),
    ("Parkta gurultu", "tr", "laerm"),
    ("noise", "en", "laerm"),
    ("Speed bumps needed", "en", "verkehr"),
    ("zgomot", "ro", "laerm"),
    ("мусор", "ru", "sauberkeit"),
    ("Messerstecherei", "de", "kriminalitaet"),
    ("Alkohol", "de", "alkohol_drogen"),
    ("Party", "de", "laerm"),
    ("Hundekot", "de", "sauberkeit"),
])
def test_short_cards_are_read_in_the_language_whose_words_they_hold(clusterer, text, code, cluster):
    assigned = clusterer.assign(text)
    assert (assigned.language, assigned.cluster_key) == (code, cluster)


def test_script_and_diacritics_are_folded_per_language():
    assert normalise_word("gürültü", "tr") == normalise_word("gurultu", "tr") == "gurultu"
    assert normalise_word("IŞIK", "tr") == "isik"           # dotless I lowers to ı, then folds
    assert normalise_word("İzmarit", "tr") == "izmarit"
    assert normalise_word("ضَجِيـــجٌ", "ar") == "ضجيج"      # vowel marks and tatweel removed
    assert normalise_word("إزعاج", "ar") == normalise_word("ازعاج", "ar")
    assert normalise_word("hałas", "pl") == "halas"
    assert normalise_word("mașini", "ro") == normalise_word("maşini", "ro") == "masini"   # comma and cedilla
    assert normalise_word("Ёлка", "ru") == "елка"


def test_turkish_noise_card_in_the_park_goes_to_noise_and_says_what_was_recognised(clusterer):
    a = clusterer.assign("Parkta her akşam gürültü var, gece yarısına kadar bağırıyorlar")
    assert a.cluster_key == "laerm"
    assert a.language == "tr"
    assert "gürültü" in a.matched
    assert a.reason.startswith("Lärm – erkannt (Türkisch): ")
    assert "gürültü" in a.reason


def test_arabic_words_in_the_reason_keep_their_place_in_the_german_sentence(clusterer):
    a = clusterer.assign("الشارع مظلم جداً في الليل، لا توجد إنارة")
    assert a.cluster_key == "angstraeume" and a.language == "ar"
    assert a.matched == ("مظلم", "إنارة")
    assert a.reason.endswith("erkannt (Arabisch): \u2068مظلم\u2069, \u2068إنارة\u2069")


def test_german_tolerant_matching_does_not_fire_on_foreign_words():
    lexicon = Clusterer()._lexicon
    # on its own, the German matching reads "Parkta" as parking (compound/prefix "park…") ...
    assert any(cluster == "parken" for cluster, *_ in lexicon._word_matches("parkta"))
    # ... but in a Turkish card it is a Turkish word: no German cue, no parking
    match = lexicon.match("Parkta oturuyoruz, çocuklar oynuyor")
    assert match.language == "tr"
    assert "parken" not in match.scores
    assert "parken" not in Clusterer()._lexicon.match("Dzieci bawią się w parku").scores


def test_a_german_word_written_into_a_foreign_card_counts_as_a_whole_word(clusterer):
    a = clusterer.assign("Полиции и Ordnungsamt в районе не видно")
    assert a.cluster_key == "praesenz"
    assert "Ordnungsamt" in a.matched


def test_two_word_cue_needs_both_words_and_the_first_one_whole():
    lexicon = Lexicon()
    lexicon.add_language_terms("tr", parse_cues("parken", ["park ed", "kaldırım:0.5"], "tr"))
    assert lexicon.match("Arabalar sürekli park ediyor").scores["parken"] == pytest.approx(1.0, abs=0.2)
    assert "parken" not in lexicon.match("Parkta etrafta çocuklar var").scores


def test_turkish_cues_also_match_their_softened_stems():
    lexicon = Lexicon()
    lexicon.add_language_terms("tr", parse_cues("angstraeume", ["ışık", "karanlık"], "tr"))
    match = lexicon.match("Sokağın ışığı yok, her yer karanlığa gömülü")
    assert [e.word for e in match.evidence["angstraeume"]] == ["ışığı", "karanlığa"]


def test_merging_clusters_keeps_foreign_cues_and_removing_drops_them():
    c = Clusterer()
    c.merge_clusters("laerm", "nachbarschaft")
    assert c.assign("Üst kattaki komşu gece çok gürültü yapıyor").cluster_key == "nachbarschaft"
    c.remove_cluster("nachbarschaft")
    assert "nachbarschaft" not in c._lexicon.match("Üst kattaki komşu gece çok gürültü yapıyor").scores


def test_a_city_adds_cue_words_in_a_language_through_the_taxonomy():
    card = "Yolda büyük çukurlar var"
    assert Clusterer().assign(card).cluster_key != "verkehr"
    taxonomy = default_taxonomy()
    for i, cluster in enumerate(taxonomy):
        if cluster.key == "verkehr":
            languages = {code: dict(parts) for code, parts in cluster.languages.items()}
            languages["tr"]["cues"] = tuple(languages["tr"]["cues"]) + ("çukur",)
            taxonomy[i] = replace(cluster, languages=languages)
    assigned = Clusterer(taxonomy).assign(card)
    assert assigned.cluster_key == "verkehr"
    assert assigned.matched == ("çukurlar",)


def test_learning_works_on_cyrillic_and_arabic_cards():
    c = Clusterer()
    c.add_cluster(ClusterDef(key="apotheke", name="Apotheke"))
    for text in ("Аптека закрыта по выходным", "Аптеки рядом нет", "الصيدلية مغلقة يوم السبت"):
        c.learn(text, "apotheke")
    assert c.assign("Аптека опять закрыта").cluster_key == "apotheke"
    assert c.assign("الصيدلية مغلقة دائما").cluster_key == "apotheke"


def test_language_names_for_the_reason():
    assert language_name("tr") == "Türkisch"
    assert language_name("ar", "en") == "Arabic"
    assert language_name("xx") == "xx"


def test_a_malformed_language_file_names_the_file(tmp_path):
    path = tmp_path / "ku.json"
    path.write_text(json.dumps({"code": "ku", "script": "runic"}), encoding="utf-8")
    with pytest.raises(UserError) as info:
        load_language_file(path)
    assert "runic" in str(info.value) and "ku.json" in str(info.value)
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(UserError, match="nicht lesbar"):
        load_language_file(path)


def test_multilingual_sets_are_well_formed():
    keys = {c.key for c in default_taxonomy()}
    dev, blind = _rows("concerns_multilingual_dev.csv"), _rows("concerns_multilingual_blind.csv")
    for rows, minimum in ((dev, 25), (blind, 10)):
        counts = Counter(r["lang"] for r in rows)
        assert set(counts) == set(LANGS)
        assert min(counts.values()) >= minimum
        assert {r["cluster"] for r in rows} <= keys
        assert all(r["text"].strip() for r in rows)
    assert not {r["text"].lower() for r in dev} & {r["text"].lower() for r in blind}


def test_dev_set_quality_floor_per_language(clusterer):
    rows = _rows("concerns_multilingual_dev.csv")
    for lang in LANGS:
        mine = [r for r in rows if r["lang"] == lang]
        placed = sum(clusterer.assign(r["text"]).cluster_key == r["cluster"] for r in mine)
        recognised = sum(detect_language(r["text"]).code == lang for r in mine)
        assert placed / len(mine) >= MIN_DEV_ACCURACY, lang
        assert recognised / len(mine) >= MIN_DEV_ACCURACY, lang


def test_german_cards_are_read_as_german(clusterer):
    for name in ("concerns_dev.csv", "concerns_holdout.csv", "concerns_independent.csv"):
        foreign = [r["text"] for r in _rows(name) if clusterer._lexicon.language_of(r["text"]) != "de"]
        assert not foreign, (name, foreign[:5])
