"""Demo boards."""

from __future__ import annotations


def test_demo_is_deterministic(tmp_path):
    from tests.boards import demo_board

    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    one = demo_board(tmp_path / "a", organizations=50, seed=9)
    two = demo_board(tmp_path / "b", organizations=50, seed=9)
    boards = [r.board(r.default_campaign().id) for r in (one, two)]
    assert [[c.organization.name for c in col.cards] for col in boards[0].columns] == [
        [c.organization.name for c in col.cards] for col in boards[1].columns
    ]
    assert all(col.cards for col in boards[0].columns)
    assert len(one.history()) >= 2 * 50 and one.trainings() and one.visits()
