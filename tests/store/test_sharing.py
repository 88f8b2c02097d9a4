"""Records read from the file share what they hold alike once the board is shown, and stay independent."""

from __future__ import annotations

from tests.boards import demo_board, open_board


def test_records_share_nested_field_sets_and_empty_containers_once_loading_is_finished(tmp_path):
    repo = demo_board(tmp_path, organizations=30)
    repo.compact()
    reader = open_board(repo.path)
    reader.finish_loading()
    orgs = list(reader._copy.document.organizations.by_id.values())
    places = {}
    for org in orgs:
        places.setdefault(frozenset(org.place.__pydantic_fields_set__), set()).add(
            id(org.place.__pydantic_fields_set__)
        )
    assert all(len(ids) == 1 for ids in places.values())
    empty = [org.contacts for org in orgs if not org.contacts]
    assert len(empty) > 1 and all(contacts is empty[0] for contacts in empty)
    events = list(reader._copy.document.events.by_id.values())
    assert len({id(event.passed_over) for event in events if not event.passed_over}) == 1


def test_a_record_changed_after_sharing_leaves_the_others_as_they_were(tmp_path):
    repo = demo_board(tmp_path, organizations=30)
    repo.compact()
    reader = open_board(repo.path)
    reader.finish_loading()
    first, second = [org for org in reader.organizations() if not org.tags][:2]
    assert first.tags is second.tags
    reader.update_organization(first.id, {"tags": ["maquila"]}, expected_version=first.version)
    assert reader.organization(first.id).tags == ["maquila"]
    assert reader.organization(second.id).tags == [] and second.tags == []
