"""Live concern clustering (issue 3): taxonomy, clusterer with learning and discovery, quality metrics."""
from .clusterer import Clusterer, cluster_texts
from .model import Assignment, ClusterDef
from .taxonomy import OTHER_KEY, default_taxonomy, taxonomy_from_json, taxonomy_to_json

__all__ = ["Assignment", "ClusterDef", "Clusterer", "OTHER_KEY", "cluster_texts", "default_taxonomy",
           "taxonomy_from_json", "taxonomy_to_json"]
