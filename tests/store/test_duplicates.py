"""Likely duplicates: organizations by folded name or alias, trainings by campaign, date and attendees."""

from __future__ import annotations

import pytest

from store import AmbiguousReferenceError, DuplicateError
from store.duplicates import name_key
from tests.boards import on_disk
from tests.store.helpers import campaign_id, org


@pytest.mark.parametrize(
    "typed",
    [
        "casa del migrante belen",
        "CASA  DEL MIGRANTE BELÉN",
        "Casa del Migrante Belén, A.C.",
        "Casa del Migrante Belén A. C.",
        "Casa del Migrante Belén S.C.",
        "Casa del Migrante Belén, I.A.P.",
        "Casa del Migrante Belén S. de R.L. de C.V.",
        "Casa del-Migrante Belén",
    ],
)
def test_case_accents_spacing_punctuation_and_legal_suffixes_fold_away(typed):
    assert name_key(typed) == name_key("Casa del Migrante Belén")


def test_different_names_and_a_lone_suffix_stay_apart():
    assert name_key("Casa del Migrante Belén Tapachula") != name_key("Casa del Migrante Belén")
    assert name_key("Centro Isaac") != name_key("Centro")
    assert name_key("A.C.") == "ac"


def test_adding_a_likely_duplicate_is_refused_naming_the_existing_one(repo):
    existing = org(repo, "Casa del Migrante Belén")
    before = on_disk(repo.path)
    with pytest.raises(DuplicateError) as refused:
        repo.add_organization({"name": "casa del migrante belen, A.C."}, campaign_id=campaign_id(repo))
    message = str(refused.value)
    assert "Casa del Migrante Belén" in message and existing.id in message
    assert "Coahuila" in message and "Contacted in Chiapas 2026" in message
    assert refused.value.matches == [existing]
    assert refused.value.problems == [("name", "likely a duplicate")]
    assert on_disk(repo.path) == before


def test_a_new_organization_with_an_existing_alias_is_refused(repo):
    with pytest.raises(DuplicateError, match="Casa del Migrante Belén"):
        repo.add_organization({"name": "Casa Hogar", "aliases": ["cax"]})
    with pytest.raises(DuplicateError, match="Casa del Migrante Belén"):
        repo.add_organization({"name": "CAX"})


def test_allow_duplicate_insists(repo):
    added = repo.add_organization({"name": "Casa del Migrante Belén"}, allow_duplicate=True)
    assert repo.organization(added.id).name == "Casa del Migrante Belén"


def test_a_rename_into_another_organizations_name_or_alias_is_refused(repo):
    target = org(repo, "Clínica Jurídica Obrera")
    with pytest.raises(DuplicateError, match="Casa del Migrante Belén"):
        repo.update_organization(target.id, {"name": "Casa del Migrante Belén A.C."})
    with pytest.raises(DuplicateError, match="Casa del Migrante Belén"):
        repo.update_organization(target.id, {"aliases": ["CLX", "CAX"]})
    renamed = repo.update_organization(target.id, {"aliases": ["CAX"]}, allow_duplicate=True)
    assert renamed.aliases == ["CAX"]


def test_editing_what_two_alike_organizations_already_share_is_not_refused(repo):
    twin = repo.add_organization({"name": "Casa del Migrante Belén"}, allow_duplicate=True)
    edited = repo.update_organization(twin.id, {"notes": "same place, other office", "aliases": ["CMB2"]})
    assert edited.notes == "same place, other office"
    # Its own name, written another way, is not a duplicate of itself.
    assert repo.update_organization(twin.id, {"name": "casa del migrante belén"}).name == "casa del migrante belén"


def test_archived_organizations_are_named_as_archived(repo):
    target = org(repo, "Clínica Jurídica Obrera")
    repo.archive_organization(target.id)
    with pytest.raises(DuplicateError, match=r"archived, Contacted in Chiapas 2026"):
        repo.add_organization({"name": "Clinica Juridica Obrera"})


def test_an_ambiguous_reference_names_each_match_with_place_and_campaign(repo):
    first = org(repo, "Casa del Migrante Belén")
    second = repo.add_organization(
        {"name": "Casa Hogar", "aliases": ["CAX"], "place": {"municipality": "Tapachula", "state": "Chiapas"}},
        allow_duplicate=True,
    )
    with pytest.raises(AmbiguousReferenceError) as refused:
        repo.find_organization("cax")
    message = str(refused.value)
    assert "matches 2 organizations" in message
    assert f"Casa del Migrante Belén ({first.id}, Coahuila; Contacted in Chiapas 2026)" in message
    assert f"Casa Hogar ({second.id}, Tapachula, Chiapas; on no board)" in message


# -- trainings ------------------------------------------------------------------------------


def training(repo, *names, day="2026-11-21", topic="Derechos", counts=None):
    attendance = [{"organization_id": org(repo, name).id, "attendees": (counts or {}).get(name, 1)} for name in names]
    return {"campaign_id": campaign_id(repo), "date": day, "topic": topic, "attendance": attendance}


def test_a_training_with_the_same_campaign_date_and_attendees_is_refused(repo):
    first = repo.record_training(training(repo, "Casa del Migrante Belén", "Clínica Jurídica Obrera"))
    before = on_disk(repo.path)
    again = training(
        repo, "Clínica Jurídica Obrera", "Casa del Migrante Belén", topic="Otro", counts={"Casa del Migrante Belén": 4}
    )
    with pytest.raises(DuplicateError) as refused:
        repo.record_training(again)
    assert first.id in str(refused.value) and "“Derechos”" in str(refused.value)
    assert refused.value.matches == [first]
    assert on_disk(repo.path) == before
    assert repo.record_training(again, allow_duplicate=True).id != first.id
    assert len(repo.trainings()) == 2


def test_another_date_or_another_attendee_set_is_a_different_training(repo):
    repo.record_training(training(repo, "Casa del Migrante Belén", "Clínica Jurídica Obrera"))
    repo.record_training(training(repo, "Casa del Migrante Belén", "Clínica Jurídica Obrera", day="2026-11-22"))
    repo.record_training(training(repo, "Casa del Migrante Belén"))
    assert len(repo.trainings()) == 3
