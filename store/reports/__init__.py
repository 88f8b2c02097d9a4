"""What a network reports about a campaign: the funnel, goals, trainings, visits, time in stage and cohorts.

UI-free: the metrics screen, ``outreach-tui report`` and the exports all read one ``CampaignReport``.

Each name's module is imported when the name is first used (``store.lazy``).
"""

from typing import TYPE_CHECKING

from ..lazy import exports_of, lazy_exports

if TYPE_CHECKING:
    from .figures import CampaignReport, Cohort, MonthFigures, StageFigures, StageTime, StalledCard
    from .report import campaign_report
else:
    __getattr__, __dir__ = lazy_exports(
        __name__,
        exports_of(
            {
                ".figures": ("CampaignReport", "Cohort", "MonthFigures", "StageFigures", "StageTime", "StalledCard"),
                ".report": ("campaign_report",),
            }
        ),
    )

__all__ = [
    "CampaignReport",
    "Cohort",
    "MonthFigures",
    "StageFigures",
    "StageTime",
    "StalledCard",
    "campaign_report",
]
