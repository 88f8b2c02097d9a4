"""Stage lookup by key or label, and stage labels."""

from __future__ import annotations

import pytest

from store import NotFoundError, resolve_stage, stage_label
from store.models import Campaign
from tests.boards import fixed_clock
from tests.store.helpers import campaign_id, org


def campaign() -> Campaign:
    return Campaign(id="cmp-aaaaaa", name="Chiapas", created_at=fixed_clock(), updated_at=fixed_clock())


@pytest.mark.parametrize("wanted", ["active", "Active partner", "ACTIVE PARTNER", "actíve partner"])
def test_a_stage_is_found_by_key_or_by_label_ignoring_case_and_accents(wanted):
    assert resolve_stage(campaign(), wanted).key == "active"


def test_an_unknown_stage_lists_the_stages():
    with pytest.raises(NotFoundError, match=r"has no stage 'done'; its stages are: contacted \(Contacted\), trained"):
        resolve_stage(campaign(), "done")


def test_a_label_is_the_stages_label_or_the_key_itself():
    assert stage_label(campaign(), "active") == "Active partner"
    assert stage_label(campaign(), "gone") == "gone"
    assert stage_label(None, "gone") == "gone"


def test_unknown_stage_lists_the_stages(repo):
    with pytest.raises(NotFoundError, match="contacted \\(Contacted\\)"):
        repo.move(org(repo, "Clínica Jurídica Obrera").id, "done", campaign_id=campaign_id(repo))
