"""The fair final panel: leximin against brute force, quotas, draw, replacements, infeasible quotas."""
from __future__ import annotations

import itertools

import highspy
import numpy as np
import pytest

from quartierslabor_app.core.errors import UserError
from quartierslabor_app.core.selection.panel import (Category, Respondent, compute_distribution, default_quotas,
                                                     draw_from)
from quartierslabor_app.core.selection.panel.service import PanelRequest, select_panel


def random_pool(rng: np.random.Generator, n: int) -> list[Respondent]:
    out = []
    for i in range(n):
        out.append(Respondent(f"r{i:02d}", {"age": str(rng.choice(["jung", "mittel", "alt"], p=[0.2, 0.3, 0.5])),
                                            "gender": str(rng.choice(["w", "m"], p=[0.65, 0.35])),
                                            "area": str(rng.choice(["N", "S"], p=[0.6, 0.4]))}))
    return out


def pool_quotas(seats: int) -> list[Category]:
    return default_quotas({"age": {"jung": 1, "mittel": 1, "alt": 1}, "gender": {"w": 1, "m": 1},
                           "area": {"N": 1, "S": 1}}, seats, slack=1)


def feasible_panels(pool: list[Respondent], cats: list[Category], seats: int) -> list[tuple[int, ...]]:
    out = []
    for panel in itertools.combinations(range(len(pool)), seats):
        if all(c.min <= sum(1 for i in panel if pool[i].features[c.feature] == c.value) <= c.max for c in cats):
            out.append(panel)
    return out


def _all_panels_lp(n: int, panels: list[tuple[int, ...]]):
    """An LP with one weight per feasible panel (summing to 1) and each agent's probability as an expression."""
    h = highspy.Highs()
    h.silent()
    lam = [h.addVariable(lb=0) for _ in panels]
    h.addConstr(sum(lam) == 1)
    cover: list[list] = [[] for _ in range(n)]
    for j, panel in enumerate(panels):
        for i in panel:
            cover[i].append(lam[j])
    return h, [sum(c) if c else None for c in cover]


def brute_force_leximin(pool: list[Respondent], panels: list[tuple[int, ...]]) -> np.ndarray:
    """Leximin probabilities by LPs over *all* feasible panels, agent by agent (no grouping, no duals):
    maximise the smallest free probability; fix every free agent who cannot get more than it."""
    n = len(pool)
    fixed: dict[int, float] = {}
    while len(fixed) < n:
        h, prob = _all_panels_lp(n, panels)
        z = h.addVariable(lb=-1, ub=1)
        for i in range(n):
            if i in fixed:
                h.addConstr(prob[i] >= fixed[i] - 1e-9)
            elif prob[i] is None:
                h.addConstr(z <= 0)
            else:
                h.addConstr(prob[i] - z >= 0)
        h.maximize(z)
        value = h.getInfo().objective_function_value
        newly = []
        for i in range(n):
            if i in fixed:
                continue
            if prob[i] is None:
                newly.append(i)
                continue
            h2, prob2 = _all_panels_lp(n, panels)
            for k in range(n):
                if prob2[k] is not None:
                    h2.addConstr(prob2[k] >= fixed.get(k, value) - 1e-9)
            h2.maximize(prob2[i])
            if h2.getInfo().objective_function_value <= value + 1e-7:
                newly.append(i)
        for i in newly:
            fixed[i] = value
    return np.array([fixed[i] for i in range(n)])


@pytest.mark.parametrize("seed,n,seats", [(1, 9, 4), (2, 10, 4), (3, 10, 5), (4, 11, 4), (5, 9, 3), (6, 12, 5),
                                          (8, 10, 3)])
def test_maximin_and_leximin_match_brute_force(seed, n, seats):
    rng = np.random.default_rng(seed)
    pool = random_pool(rng, n)
    cats = pool_quotas(seats)
    panels = feasible_panels(pool, cats, seats)
    if not panels:        # the solver must agree that no panel exists
        with pytest.raises(UserError):
            compute_distribution(pool, cats, seats)
        return
    expected = brute_force_leximin(pool, panels)
    result = compute_distribution(pool, cats, seats)
    got = np.array([result.probabilities[p.id] for p in pool])
    assert abs(result.maximin - expected.min()) < 1e-6
    assert abs(got.min() - expected.min()) < 1e-6
    assert np.allclose(np.sort(got), np.sort(expected), atol=1e-6)
    assert np.allclose(got, expected, atol=1e-6)      # leximin probabilities are unique
    assert abs(got.sum() - seats) < 1e-9


def test_every_composition_meets_the_quotas_and_probabilities_sum_to_seats():
    rng = np.random.default_rng(7)
    pool = random_pool(rng, 80)
    cats = pool_quotas(20)
    result = compute_distribution(pool, cats, 20)
    dist, types = result.distribution, result.types
    assert abs(dist.weights.sum() - 1) < 1e-12 and (dist.weights > 0).all()
    index = {f: i for i, f in enumerate(types.features)}
    for comp in dist.compositions:
        assert comp.sum() == 20 and (comp <= np.asarray(types.counts)).all() and (comp >= 0).all()
        for c in cats:
            got = sum(int(comp[t]) for t, key in enumerate(types.keys) if key[index[c.feature]] == c.value)
            assert c.min <= got <= c.max
    assert abs(sum(result.probabilities.values()) - 20) < 1e-9
    # fairer than the old fixed-seats-per-cell method: nobody is left out
    assert min(result.probabilities.values()) > 0


def test_draw_is_reproducible_independent_of_input_order_and_meets_quotas():
    rng = np.random.default_rng(11)
    pool = random_pool(rng, 40)
    cats = pool_quotas(12)
    a = select_panel(PanelRequest(pool, cats, 12, "Lotto 1 2 3"))
    b = select_panel(PanelRequest(list(reversed(pool)), cats, 12, "  Lotto 1 2 3 "))
    c = select_panel(PanelRequest(pool, cats, 12, "Lotto 4 5 6"))
    assert a.selected == b.selected and len(a.selected) == 12
    assert a.selected != c.selected
    by_id = {p.id: p for p in pool}
    for cat in cats:
        got = sum(1 for pid in a.selected if by_id[pid].features[cat.feature] == cat.value)
        assert cat.min <= got <= cat.max


def test_draw_frequencies_match_the_computed_probabilities():   # about 2 s: stays in the inner loop
    rng = np.random.default_rng(5)
    pool = random_pool(rng, 24)
    cats = pool_quotas(8)
    result = compute_distribution(pool, cats, 8)
    runs = 4000
    counts = {p.id: 0 for p in pool}
    for r in range(runs):
        for pid in draw_from(result.types, result.distribution, f"Würfel {r}").selected:
            counts[pid] += 1
    worst = 0.0
    for p in pool:
        prob = result.probabilities[p.id]
        sd = np.sqrt(runs * prob * (1 - prob)) or 1e-9
        worst = max(worst, abs(counts[p.id] - runs * prob) / sd)
    assert worst < 4.0     # 24 people, two-sided: a false alarm has probability < 0.2 %


def test_replacement_keeps_members_and_quotas():
    rng = np.random.default_rng(3)
    pool = random_pool(rng, 40)
    cats = pool_quotas(12)
    first = select_panel(PanelRequest(pool, cats, 12, "erste Auslosung"))
    dropouts = first.selected[:2]
    second = select_panel(PanelRequest(pool, cats, 12, "Nachrücken 1", first.selected, dropouts))
    assert len(second.selected) == 12
    assert set(first.selected) - set(dropouts) <= set(second.selected)
    assert not set(dropouts) & set(second.selected)
    assert len(second.draw.selected) == 2
    by_id = {p.id: p for p in pool}
    for cat in cats:
        got = sum(1 for pid in second.selected if by_id[pid].features[cat.feature] == cat.value)
        assert cat.min <= got <= cat.max
    probs = second.probabilities
    assert all(probs[pid] == 1.0 for pid in second.stay) and all(probs[d] == 0.0 for d in dropouts)
    assert abs(sum(second.computation.probabilities.values()) - 2) < 1e-9


def test_default_quotas_round_down_and_up_with_slack():
    cats = default_quotas({"Geschlecht": {"weiblich": 510, "männlich": 490}}, 25, slack=1)
    assert [(c.value, c.min, c.max) for c in cats] == [("weiblich", 11, 14), ("männlich", 11, 14)]
    exact = default_quotas({"Geschlecht": {"w": 1, "m": 1}}, 10)
    assert [(c.min, c.max) for c in exact] == [(5, 5), (5, 5)]


def _people(spec: list[tuple[str, str]]) -> list[Respondent]:
    return [Respondent(f"p{i}", {"Geschlecht": g, "Altersgruppe": a}) for i, (g, a) in enumerate(spec)]


def test_infeasible_quotas_name_the_category_and_the_shortfall():
    pool = _people([("weiblich", "jung")] * 6 + [("männlich", "alt")] * 2)
    cats = [Category("Geschlecht", "weiblich", 0, 4), Category("Geschlecht", "männlich", 3, 4),
            Category("Altersgruppe", "jung", 0, 6), Category("Altersgruppe", "alt", 0, 6)]
    with pytest.raises(UserError) as exc:
        compute_distribution(pool, cats, 6)
    assert "„Geschlecht = männlich“" in str(exc.value) and "nur 2 Zusagen – 1 Person zu wenig" in str(exc.value)

    cats = [Category("Geschlecht", "weiblich", 4, 6), Category("Geschlecht", "männlich", 2, 2),
            Category("Altersgruppe", "jung", 0, 6), Category("Altersgruppe", "alt", 0, 6)]
    with pytest.raises(UserError) as exc:
        compute_distribution(pool, cats, 5)
    assert "„Geschlecht“ ergeben zusammen 6 Personen" in str(exc.value) and "1 Person zu viel" in str(exc.value)
    with pytest.raises(UserError) as exc:
        compute_distribution(pool, cats, 9)
    assert "nur 8 Zusagen – 1 Person zu wenig" in str(exc.value)
    with pytest.raises(UserError) as exc:
        compute_distribution(_people([("divers", "jung")] * 8), cats, 6)
    assert "„divers“" in str(exc.value) and "keine Quote" in str(exc.value)


def test_jointly_infeasible_quotas_name_a_category_and_how_many():
    # every quota alone can be met, together not: at least 3 men, but only one young and one old man,
    # and at most 1 young person
    pool = _people([("weiblich", "jung")] * 3 + [("weiblich", "alt")] * 3 + [("männlich", "jung")] * 3
                   + [("männlich", "alt")])
    cats = [Category("Geschlecht", "weiblich", 0, 4), Category("Geschlecht", "männlich", 3, 4),
            Category("Altersgruppe", "jung", 0, 1), Category("Altersgruppe", "alt", 0, 4)]
    with pytest.raises(UserError) as exc:
        compute_distribution(pool, cats, 4)
    text = str(exc.value)
    assert text.startswith("Die Quoten lassen sich nicht gleichzeitig erfüllen")
    assert ("„Geschlecht = männlich“ bleibt unter dem Minimum 3, mindestens 1 Person zu wenig" in text
            or "„Altersgruppe = jung“ überschreitet das Maximum 1, mindestens 1 Person zu viel" in text)


def test_replacement_that_no_remaining_respondent_can_fill_says_so():
    pool = _people([("weiblich", "jung")] + [("männlich", "alt")] * 3)
    cats = [Category("Geschlecht", "weiblich", 1, 1), Category("Geschlecht", "männlich", 1, 1),
            Category("Altersgruppe", "jung", 0, 2), Category("Altersgruppe", "alt", 0, 2)]
    first = select_panel(PanelRequest(pool, cats, 2, "erste"))
    assert "p0" in first.selected
    with pytest.raises(UserError) as exc:
        select_panel(PanelRequest(pool, cats, 2, "zweite", first.selected, ["p0"]))
    text = str(exc.value)
    assert text.startswith("Für p0 lässt sich unter den übrigen Zusagen niemand nachlosen")
    assert "„Geschlecht = weiblich“" in text and "1 Person zu wenig" in text
