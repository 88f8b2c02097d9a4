"""Several shells changing one board at once lose nothing."""

from __future__ import annotations

import subprocess

from store import Repository
from tests.cli.helpers import CLI


def test_several_shells_moving_and_adding_at_once_lose_nothing(board):
    repo = Repository.open(board)
    campaign = repo.default_campaign()
    cards = [card.id for card in repo.board(campaign.id).columns[0].cards[:12]]
    events_before = len(repo.history())
    versions_before = {org_id: repo.placement(org_id, campaign.id).version for org_id in cards}
    # Six shells, each moving its two cards twice and adding an organization, all at the same time.
    scripts = []
    for shell in range(6):
        mine = cards[2 * shell : 2 * shell + 2]
        steps = [f'"{CLI}" org move {org_id} --to trained --without-training --reason before' for org_id in mine]
        steps += [f'"{CLI}" org move {org_id} --to active --reason "shell {shell}"' for org_id in mine]
        steps.append(f'"{CLI}" org add "Colectivo del shell {shell}" >/dev/null')
        scripts.append(" && ".join(steps))
    shells = [
        subprocess.Popen(["sh", "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for script in scripts
    ]
    results = [(*shell.communicate(timeout=180), shell.returncode) for shell in shells]
    assert [returncode for _out, _err, returncode in results] == [0] * 6, [err for _out, err, _rc in results]
    repo = Repository.open(board)
    for org_id in cards:
        placement = repo.placement(org_id, campaign.id)
        assert placement.stage == "active"
        assert placement.version == versions_before[org_id] + 2
    added = [org.name for org in repo.search("Colectivo del shell")]
    assert sorted(added) == [f"Colectivo del shell {n}" for n in range(6)]
    new_events = repo.history()[: len(repo.history()) - events_before]
    assert sorted(e.kind for e in new_events) == sorted(["moved"] * 24 + ["organization_added"] * 6 + ["placed"] * 6)
    repo.finish_loading()
