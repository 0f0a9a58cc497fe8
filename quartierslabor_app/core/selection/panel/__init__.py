"""The fair final panel: leximin selection probabilities over quota-satisfying panels, drawn with a public seed."""
from .lottery import (DRAW_RULE_TEXT, METHOD_TEXT, REPLACEMENT_RULE_TEXT, PanelComputation, PanelDraw, PanelTypes,
                      compute_distribution, draw_from, group_types, replacement_problem)
from .quotas import Category, Respondent, default_quotas, features_of

__all__ = [
    "DRAW_RULE_TEXT", "METHOD_TEXT", "REPLACEMENT_RULE_TEXT", "Category", "PanelComputation", "PanelDraw",
    "PanelTypes", "Respondent", "compute_distribution", "default_quotas", "draw_from", "features_of",
    "group_types", "replacement_problem",
]
