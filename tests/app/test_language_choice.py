"""A person's choice of language is theirs alone, and a damaged choices file never stops the app."""

from __future__ import annotations

import os

import pytest

from outreach_tui.language_choice import choices_path, save_language, saved_language
from store.errors import StoreFileError
from store.identity import Actor

ANA = Actor(login="outreach", on_behalf="ana")
LUIS = Actor(login="outreach", on_behalf="luis")


def test_each_person_on_a_shared_account_keeps_their_own_choice():
    assert saved_language(ANA) is None
    save_language("es", ANA)
    save_language("en", LUIS)
    assert saved_language(ANA) == "es"
    assert saved_language(LUIS) == "en"
    assert saved_language(Actor(login="outreach")) is None
    assert os.stat(choices_path()).st_mode & 0o777 == 0o600


@pytest.mark.parametrize("content", [b"", b"{not json", b"[1, 2]", b'{"ana via outreach": "klingon"}'])
def test_a_damaged_choices_file_means_no_choice_and_is_replaced_on_the_next_save(content):
    choices_path().parent.mkdir(parents=True)
    choices_path().write_bytes(content)
    assert saved_language(ANA) is None
    save_language("es", ANA)
    assert saved_language(ANA) == "es"


def test_a_config_folder_that_cannot_be_created_is_a_clear_error(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(blocker))
    with pytest.raises(StoreFileError, match=r"Cannot save your choice of language in .*language\.json"):
        save_language("es", ANA)
