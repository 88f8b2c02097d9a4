"""The figures of a campaign report, as plain values: every reader formats them in its own way."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class StageFigures:
    key: str
    count: int
    """Cards on the board in this stage now."""
    workers: int
    """Workers the organizations in this stage reach (their estimates added up)."""
    reached: int
    """Cards in this stage or a later one (off the board too, by the stage they left): how far the funnel got."""
    conversion: float | None
    """Of the cards that reached the previous stage, the share that reached this one (None for the first)."""


@dataclass(frozen=True)
class StageTime:
    key: str
    stays: int
    """Finished stays in this stage the figures come from."""
    median_days: float | None
    p75_days: float | None


@dataclass(frozen=True)
class MonthFigures:
    month: date
    """The first day of the month."""
    trainings: int = 0
    people_trained: int = 0
    visits: int = 0
    fit: tuple[int, int, int, int, int] = (0, 0, 0, 0, 0)
    """How many visits rated the fit 1, 2, 3, 4 and 5."""


@dataclass(frozen=True)
class StalledCard:
    organization_id: str
    name: str
    stage: str
    days: int
    """Days in its stage so far."""


@dataclass(frozen=True)
class Cohort:
    training_id: str
    date: date
    topic: str
    organizations: int
    people: int
    became_active: int
    """Organizations of the training that reached the active-partner stage after it."""
    median_days_to_active: float | None


@dataclass(frozen=True)
class Breakdown:
    value: str
    """An organization type key, or a state as written."""
    organizations: int
    active_partners: int
    workers: int


@dataclass(frozen=True)
class CampaignReport:
    campaign_id: str
    start: date | None
    end: date | None
    today: date
    stages: list[StageFigures]
    off_board: dict[str, int]
    """Cards off the board by state (``not_a_fit``, ``paused``)."""
    active_stage: str
    active_partners: int
    active_workers: int
    goal_partners: int | None
    goal_workers: int | None
    months: list[MonthFigures]
    stage_times: list[StageTime]
    stalled: list[StalledCard]
    overdue: list[StalledCard]
    """Cards whose next follow-up is past (``days``: how many days overdue)."""
    by_type: list[Breakdown]
    by_state: list[Breakdown]
    cohorts: list[Cohort]
    stall_days: int = 60
    trainings: int = field(default=0)
    people_trained: int = field(default=0)
    visits: int = field(default=0)
