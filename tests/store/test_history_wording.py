"""History sentences name fields by the labels the forms show, never by their names in the file,
and never the program's bookkeeping; reverting an archive reads as unarchiving."""

from __future__ import annotations

import pytest

from store.field_labels import BOOKKEEPING, FIELD_LABELS, changed_field_labels
from store.i18n import set_language
from store.models import Campaign, Organization, Placement
from tests.boards import open_board
from tests.store.helpers import campaign_id, org


def descriptions(repo, limit: int = 3) -> list[str]:
    fresh = open_board(repo.path)
    return [fresh.describe(event) for event in fresh.history(limit=limit)]


def test_a_card_edit_names_the_next_follow_up_by_its_label_and_never_updated_by(repo):
    target = org(repo, "Casa del Migrante Belén")
    repo.edit_card(target.id, campaign_id=campaign_id(repo), changes={"next_follow_up": "2026-12-20"})
    assert descriptions(repo, 1) == ["edited Next follow-up of Casa del Migrante Belén"]
    set_language("es")
    assert descriptions(repo, 1) == ["editó Próximo seguimiento de Casa del Migrante Belén"]


def test_an_organization_edit_names_the_changed_parts_of_the_place_in_form_order(repo):
    target = org(repo, "Casa del Migrante Belén")
    repo.update_organization(
        target.id, {"tags": ["albergue"], "place": {"state": "Chiapas", "municipality": "Tapachula"}, "notes": "x"}
    )
    assert descriptions(repo, 1) == ["edited State, Municipality, Tags, Notes of Casa del Migrante Belén"]


def test_a_campaign_edit_names_its_goals_as_the_campaign_form_does(repo):
    campaign = repo.campaign(campaign_id(repo))
    repo.edit_campaign(campaign.id, {"goals": {"active_partners": 12}}, expected_version=campaign.version)
    assert descriptions(repo, 1) == ["edited Target partners of Chiapas 2026"]


def test_undoing_an_archive_reads_as_unarchiving(repo):
    target = org(repo, "Clínica Jurídica Obrera")
    repo.archive_organization(target.id)
    repo.undo()
    undo_line, reverted, archived = descriptions(repo, 3)
    assert archived == "archived Clínica Jurídica Obrera"
    assert reverted == "unarchived Clínica Jurídica Obrera"
    assert undo_line == "undid: archived Clínica Jurídica Obrera"


def test_bookkeeping_alone_is_no_field_to_name():
    assert changed_field_labels("placement", {"updated_by": ["ana", "luis"], "version": [1, 2]}) == []
    changes = {"owner": ["", "ana"], "updated_by": ["ana", "luis"]}
    assert changed_field_labels("placement", changes) == ["Owner"]


@pytest.mark.parametrize(
    ("entity", "model"), [("organization", Organization), ("placement", Placement), ("campaign", Campaign)]
)
def test_every_field_a_person_can_change_has_a_label(entity, model):
    labelled = {path.split(".")[0] for path in FIELD_LABELS[entity]}
    assert set(model.model_fields) - BOOKKEEPING == labelled
