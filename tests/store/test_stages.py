"""Stage lookup by key or label, and stage labels."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from store import NotFoundError, resolve_stage, shown_label, stage_label
from store.i18n import set_language
from store.models import Campaign, Stage
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


@pytest.mark.parametrize("wanted", ["Capacitada", "capacitada", "CAPACITADA", "Trained"])
def test_a_stage_is_found_by_its_label_in_any_language(wanted):
    assert resolve_stage(campaign(), wanted).key == "trained"


def test_a_label_is_shown_in_the_current_language_else_the_stored_label():
    own = campaign().model_copy(update={"stages": [Stage(key="contacted", label="Contactada"), *campaign().stages[1:]]})
    set_language("es")
    assert stage_label(campaign(), "active") == "Aliada activa"
    assert stage_label(own, "contacted") == "Contactada"
    assert shown_label(own.stages[1]) == "Capacitada"
    set_language("en")
    assert stage_label(own, "contacted") == "Contactada"
    assert stage_label(campaign(), "active") == "Active partner"


def test_an_unknown_stage_lists_the_labels_of_the_current_language():
    set_language("es")
    with pytest.raises(NotFoundError, match=r"contacted \(Contactada\), trained \(Capacitada\)"):
        resolve_stage(campaign(), "done")


def test_stage_labels_per_language_are_checked():
    with pytest.raises(ValidationError):
        Stage(key="trained", label="Trained", labels={"Spanish": "Capacitada"})
    with pytest.raises(ValidationError):
        Stage(key="trained", label="Trained", labels={"es": ""})
