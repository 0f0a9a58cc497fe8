"""Lab report and comparison across labs: data builders plus PDF (reportlab) and Excel (openpyxl) writers.

Typical use (GUI or CLI)::

    from quartierslabor_app.core import reports
    with db.session() as s:
        data = reports.build_lab_report(s, lab)           # plain dataclasses, no ORM objects
    reports.write_lab_pdf("bericht.pdf", data, progress)  # atomic: temp file, then os.replace
    reports.write_lab_xlsx("bericht.xlsx", data)

    with db.session() as s:
        cmp = reports.build_comparison(s, district=None)
    reports.write_comparison_pdf("vergleich.pdf", cmp)
    reports.write_comparison_xlsx("vergleich.xlsx", cmp)
"""
from .atomic import atomic_write
from .comparison_data import (ComparisonData, DistrictChange, LabOverview, RecommendationStatus, ShareCell,
                              ShareRow, TopicChange, build_comparison, main_field)
from .comparison_pdf import write_comparison_pdf
from .comparison_xlsx import build_comparison_workbook, write_comparison_xlsx
from .lab_data import (CardRow, ClusterSection, HandlungsfeldGroup, LabReportData, LabSummary, ParticipationRow,
                       ParticipationTable, RecommendationRow, TopConcern, build_lab_report, group_by_handlungsfeld)
from .lab_pdf import write_lab_pdf
from .lab_xlsx import build_lab_workbook, write_lab_xlsx

__all__ = [
    "atomic_write",
    "ComparisonData", "DistrictChange", "LabOverview", "RecommendationStatus", "ShareCell", "ShareRow",
    "TopicChange", "build_comparison", "main_field", "write_comparison_pdf", "build_comparison_workbook",
    "write_comparison_xlsx",
    "CardRow", "ClusterSection", "HandlungsfeldGroup", "LabReportData", "LabSummary", "ParticipationRow",
    "ParticipationTable", "RecommendationRow", "TopConcern", "build_lab_report", "group_by_handlungsfeld",
    "write_lab_pdf", "build_lab_workbook", "write_lab_xlsx",
]
