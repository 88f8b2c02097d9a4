"""A campaign report checked against a board built by hand, where every answer is known."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from store import Actor, Repository
from store.reports import CampaignReport

START = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
TODAY = date(2026, 4, 1)


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now

    def day(self, n: int) -> None:
        self.now = START + timedelta(days=n)


@pytest.fixture
def board(tmp_path: Path) -> tuple[Repository, str]:
    """Five organizations; a training, moves, an undone move, one card off the board, two visits."""
    clock = Clock()
    repo = Repository.open(tmp_path / "board.json", create=True, actor=Actor(login="ana"), clock=clock)
    campaign = repo.create_campaign("Red 2027")
    repo.edit_campaign(campaign.id, {"goals": {"active_partners": 4, "workers_reached": 1000}})
    ids = {}
    for name, workers, kind in [("A", 100, "human_rights_center"), ("B", 200, "human_rights_center"),
                                ("C", 300, "union"), ("D", 400, "union"), ("E", 500, "union")]:  # fmt: skip
        org = repo.add_organization(
            {"name": f"Organización {name}", "type": kind, "workers_reached": {"estimate": workers}},
            campaign_id=campaign.id,
        )
        ids[name] = org.id
    clock.day(4)
    repo.log_visit({"organization_id": ids["A"], "campaign_id": campaign.id, "date": "2026-01-05", "fit": 4})
    clock.day(10)
    repo.record_training(
        {
            "campaign_id": campaign.id,
            "date": "2026-01-11",
            "topic": "Derechos laborales",
            "attendance": [
                {"organization_id": ids["A"], "attendees": 3},
                {"organization_id": ids["B"], "attendees": 2},
            ],
        }
    )
    clock.day(20)
    repo.move(ids["A"], "active", campaign_id=campaign.id)
    clock.day(30)
    repo.move(ids["B"], "active", campaign_id=campaign.id)
    repo.undo()
    clock.day(33)
    repo.log_visit({"organization_id": ids["D"], "campaign_id": campaign.id, "date": "2026-02-03", "fit": 2})
    clock.day(40)
    repo.set_off_board(ids["C"], campaign_id=campaign.id, state="not_a_fit", reason="sin capacidad")
    return repo, campaign.id


def report(board: tuple[Repository, str], **options: object) -> CampaignReport:
    repo, campaign_id = board
    return repo.report(campaign_id, today=TODAY, **options)  # type: ignore[arg-type]


def test_the_funnel_counts_cards_workers_and_conversion(board):
    figures = {stage.key: stage for stage in report(board).stages}
    assert [(s.count, s.workers, s.reached) for s in figures.values()] == [(2, 900, 5), (1, 200, 2), (1, 100, 1)]
    assert figures["contacted"].conversion is None
    assert figures["trained"].conversion == pytest.approx(0.4)
    assert figures["active"].conversion == pytest.approx(0.5)


def test_goals_off_board_and_totals(board):
    result = report(board)
    assert (result.active_partners, result.active_workers) == (1, 100)
    assert (result.goal_partners, result.goal_workers) == (4, 1000)
    assert result.off_board == {"not_a_fit": 1}
    assert (result.trainings, result.people_trained, result.visits) == (1, 5, 2)


def test_trainings_and_visits_by_month_with_fit_ratings(board):
    months = {m.month: m for m in report(board).months}
    assert list(months) == [date(2026, 1, 1), date(2026, 2, 1)]
    january, february = months.values()
    assert (january.trainings, january.people_trained, january.visits, january.fit) == (1, 5, 1, (0, 0, 0, 1, 0))
    assert (february.trainings, february.visits, february.fit) == (0, 1, (0, 1, 0, 0, 0))


def test_time_in_stage_leaves_out_an_undone_move_and_ends_at_off_board(board):
    times = {t.key: t for t in report(board).stage_times}
    contacted, trained, active = times["contacted"], times["trained"], times["active"]
    # A and B left Contacted after 10 days (the training), C after 40 (taken off the board).
    assert (
        contacted.stays == 3 and contacted.median_days == pytest.approx(10) and contacted.p75_days == pytest.approx(25)
    )
    # Only A's stay: B's move on day 30 was undone, so B is still in its first stay there.
    assert trained.stays == 1 and trained.median_days == pytest.approx(10)
    assert active.stays == 0 and active.median_days is None


def test_stalled_cards_and_overdue_follow_ups(board):
    result = report(board)
    assert [(c.name, c.days) for c in result.stalled] == [
        ("Organización D", 90),
        ("Organización E", 90),
        ("Organización B", 80),
    ]
    assert [c.name for c in report(board, stall_days=85).stalled] == ["Organización D", "Organización E"]


def test_a_training_cohort_counts_who_became_active_and_how_fast(board):
    (cohort,) = report(board).cohorts
    assert (cohort.organizations, cohort.people, cohort.became_active) == (2, 5, 1)
    assert cohort.median_days_to_active == pytest.approx(10)


def test_breakdowns_by_type_and_state(board):
    by_type = {b.value: (b.organizations, b.active_partners, b.workers) for b in report(board).by_type}
    assert by_type == {"human_rights_center": (2, 1, 300), "union": (2, 0, 900)}


def test_a_date_range_limits_trainings_visits_and_stays(board):
    february = report(board, start=date(2026, 2, 1), end=date(2026, 2, 28))
    assert (february.trainings, february.visits) == (0, 1)
    assert february.cohorts == []
    times = {t.key: t.stays for t in february.stage_times}
    assert times == {"contacted": 1, "trained": 0, "active": 0}  # C's stay ended on day 40, 10 February
