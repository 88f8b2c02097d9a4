"""Computing a campaign's report from the board document, in one pass over each table."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import date

from ..document import BoardDocument
from ..models import Campaign, Event, Organization, Placement
from ..queries import campaign as find_campaign
from .figures import Breakdown, CampaignReport, Cohort, MonthFigures, StageFigures, StageTime, StalledCard
from .stays import first_reached, live_events, percentile, stays, within


def campaign_report(
    doc: BoardDocument,
    campaign_id: str,
    *,
    today: date,
    start: date | None = None,
    end: date | None = None,
    stall_days: int = 60,
) -> CampaignReport:
    """The report of one campaign; trainings, visits, stays and cohorts only within [start, end] when given.

    Stage counts, goals, stalled cards and overdue follow-ups describe the board as it is now.
    """
    campaign = find_campaign(doc, campaign_id)
    cards = list(doc.placements.in_campaign(campaign.id).values())
    orgs = {card.organization_id: org for card in cards if (org := doc.organizations.get(card.organization_id))}
    cards = [card for card in cards if card.organization_id in orgs]
    on_board = [card for card in cards if card.off_board is None and not orgs[card.organization_id].archived]
    order = {stage.key: index for index, stage in enumerate(campaign.stages)}
    active_at = order[campaign.active_stage]
    active = [card for card in on_board if order.get(card.stage, -1) >= active_at]
    events = live_events(doc.events.values())
    months = _months(doc, campaign.id, start, end)
    return CampaignReport(
        campaign_id=campaign.id,
        start=start,
        end=end,
        today=today,
        stages=_funnel(campaign, cards, on_board, orgs, order),
        off_board=dict(Counter(card.off_board.state for card in cards if card.off_board is not None)),
        active_stage=campaign.active_stage,
        active_partners=len(active),
        active_workers=sum(orgs[card.organization_id].workers for card in active),
        goal_partners=campaign.goals.active_partners,
        goal_workers=campaign.goals.workers_reached,
        months=months,
        stage_times=_stage_times(campaign, events, cards, start, end),
        stalled=_stalled(on_board, orgs, order, active_at, today, stall_days),
        overdue=_overdue(on_board, orgs, today),
        by_type=_breakdown(on_board, orgs, order, active_at, lambda org: org.type),
        by_state=_breakdown(on_board, orgs, order, active_at, lambda org: org.place.state),
        cohorts=_cohorts(doc, campaign, events, cards, order, start, end),
        stall_days=stall_days,
        trainings=sum(month.trainings for month in months),
        people_trained=sum(month.people_trained for month in months),
        visits=sum(month.visits for month in months),
    )


def _funnel(
    campaign: Campaign,
    cards: list[Placement],
    on_board: list[Placement],
    orgs: dict[str, Organization],
    order: dict[str, int],
) -> list[StageFigures]:
    here = Counter(card.stage for card in on_board)
    workers: Counter[str] = Counter()
    for card in on_board:
        workers[card.stage] += orgs[card.organization_id].workers
    at_least = Counter(order.get(card.stage, 0) for card in cards)
    figures: list[StageFigures] = []
    reached_before: int | None = None
    for index, stage in enumerate(campaign.stages):
        reached = sum(n for at, n in at_least.items() if at >= index)
        conversion = reached / reached_before if reached_before else None
        figures.append(StageFigures(stage.key, here[stage.key], workers[stage.key], reached, conversion))
        reached_before = reached
    return figures


def _months(doc: BoardDocument, campaign_id: str, start: date | None, end: date | None) -> list[MonthFigures]:
    trainings: Counter[date] = Counter()
    people: Counter[date] = Counter()
    visits: Counter[date] = Counter()
    fits: defaultdict[date, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    for training in doc.trainings.values():
        if training.campaign_id == campaign_id and within(training.date, start, end):
            month = training.date.replace(day=1)
            trainings[month] += 1
            people[month] += sum(item.attendees for item in training.attendance)
    for visit in doc.visits.values():
        if visit.campaign_id == campaign_id and within(visit.date, start, end):
            month = visit.date.replace(day=1)
            visits[month] += 1
            fits[month][visit.fit - 1] += 1
    return [
        MonthFigures(month, trainings[month], people[month], visits[month], tuple(fits[month]))  # type: ignore[arg-type]
        for month in _month_range(set(trainings) | set(visits))
    ]


def _month_range(months: set[date]) -> list[date]:
    """Every month from the first to the last, so a quiet month shows as a zero, not a gap."""
    if not months:
        return []
    first, last = min(months), max(months)
    found: list[date] = []
    month = first
    while month <= last:
        found.append(month)
        month = month.replace(year=month.year + month.month // 12, month=month.month % 12 + 1)
    return found


def _stage_times(
    campaign: Campaign, events: list[Event], cards: list[Placement], start: date | None, end: date | None
) -> list[StageTime]:
    found = stays(events, {card.id for card in cards}, start=start, end=end)
    return [
        StageTime(stage.key, len(days), percentile(days, 0.5), percentile(days, 0.75))
        for stage in campaign.stages
        for days in [found.get(stage.key, [])]
    ]


def _stalled(
    on_board: list[Placement],
    orgs: dict[str, Organization],
    order: dict[str, int],
    active_at: int,
    today: date,
    stall_days: int,
) -> list[StalledCard]:
    """Cards before the active-partner stage that have waited longer than ``stall_days`` in their stage."""
    found = [
        StalledCard(card.organization_id, orgs[card.organization_id].name, card.stage, days)
        for card in on_board
        if order.get(card.stage, 0) < active_at
        for days in [(today - card.stage_since.date()).days]
        if days > stall_days
    ]
    return sorted(found, key=lambda item: -item.days)


def _overdue(on_board: list[Placement], orgs: dict[str, Organization], today: date) -> list[StalledCard]:
    found = [
        StalledCard(
            card.organization_id, orgs[card.organization_id].name, card.stage, (today - card.next_follow_up).days
        )
        for card in on_board
        if card.next_follow_up is not None and card.next_follow_up < today
    ]
    return sorted(found, key=lambda item: -item.days)


def _breakdown(
    on_board: list[Placement],
    orgs: dict[str, Organization],
    order: dict[str, int],
    active_at: int,
    value_of: Callable[[Organization], str],
) -> list[Breakdown]:
    # One pass with running totals: at 20,000 cards, grouping first and summing each group took a quarter second.
    totals: dict[str, list[int]] = {}
    for card in on_board:
        org = orgs[card.organization_id]
        row = totals.setdefault(value_of(org), [0, 0, 0])
        row[0] += 1
        row[1] += order.get(card.stage, 0) >= active_at
        row[2] += org.workers_reached.estimate if org.workers_reached else 0
    found = [Breakdown(value, *row) for value, row in totals.items()]
    return sorted(found, key=lambda item: (-item.organizations, item.value))


def _cohorts(
    doc: BoardDocument,
    campaign: Campaign,
    events: list[Event],
    cards: list[Placement],
    order: dict[str, int],
    start: date | None,
    end: date | None,
) -> list[Cohort]:
    card_of = {card.organization_id: card.id for card in cards}
    reached = first_reached(events, set(card_of.values()), order, campaign.active_stage)
    cohorts: list[Cohort] = []
    trainings = sorted(
        (t for t in doc.trainings.values() if t.campaign_id == campaign.id and within(t.date, start, end)),
        key=lambda t: t.date,
    )
    for training in trainings:
        days = [
            (reached[card_of[item.organization_id]].date() - training.date).days
            for item in training.attendance
            if item.organization_id in card_of
            and card_of[item.organization_id] in reached
            and reached[card_of[item.organization_id]].date() >= training.date
        ]
        cohorts.append(
            Cohort(
                training.id,
                training.date,
                training.topic,
                len(training.attendance),
                sum(item.attendees for item in training.attendance),
                len(days),
                percentile([float(d) for d in days], 0.5),
            )
        )
    return cohorts
