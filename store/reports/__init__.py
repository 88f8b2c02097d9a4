"""What a network reports about a campaign: the funnel, goals, trainings, visits, time in stage and cohorts.

UI-free: the metrics screen, ``outreach-tui report`` and the exports all read one ``CampaignReport``.
"""

from .figures import CampaignReport, Cohort, MonthFigures, StageFigures, StageTime, StalledCard
from .report import campaign_report

__all__ = [
    "CampaignReport",
    "Cohort",
    "MonthFigures",
    "StageFigures",
    "StageTime",
    "StalledCard",
    "campaign_report",
]
