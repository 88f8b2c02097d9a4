"""Board settings: the default language and the time zone, who may set them, and the start-up peek."""

from __future__ import annotations

import pytest

from store import Actor, ConflictError, PermissionDenied, StoreFileError, ValidationFailed, peek_settings
from store.i18n import set_language
from store.storage import BoardFile
from tests.boards import on_disk, open_board


def test_a_new_board_has_no_language_and_the_servers_time_zone(repo):
    settings = repo.settings()
    assert (settings.language, settings.time_zone, settings.version) == (None, None, 1)


def test_a_coordinator_sets_the_board_language_and_it_is_kept_in_the_file(repo):
    settings = repo.set_board_language("es")
    assert (settings.language, settings.version) == ("es", 2)
    assert open_board(repo.path).settings().language == "es"
    assert repo.set_board_language(None).language is None
    assert open_board(repo.path).settings().language is None


@pytest.mark.parametrize("typed", ["ES", " es ", "es_MX", "es-MX"])
def test_a_language_is_named_by_its_code_in_any_case_or_with_a_region(repo, typed):
    assert repo.set_board_language(typed).language == "es"


def test_an_unknown_language_is_refused_listing_the_choices_and_nothing_is_written(repo):
    before = on_disk(repo.path)
    with pytest.raises(
        ValidationFailed, match=r"no 'fr' language; a board's language can be: en \(English\), es \(Español\)"
    ):
        repo.set_board_language("fr")
    assert on_disk(repo.path) == before


def test_the_refusal_and_the_history_speak_the_current_language(repo):
    set_language("es")
    with pytest.raises(
        ValidationFailed, match=r"^No existe el idioma 'fr'; el idioma de un tablero puede ser: en \(English\)"
    ):
        repo.set_board_language("fr")
    with pytest.raises(ValidationFailed, match=r"^No existe la zona horaria 'Mexico'; .* como America/Mexico_City"):
        repo.set_time_zone("Mexico")
    repo.set_time_zone("America/Mexico_City")
    assert (
        repo.describe(repo.history(limit=1)[0])
        == "cambió la zona horaria del tablero: la del servidor → America/Mexico_City"
    )


def test_a_time_zone_is_an_iana_name_and_unset_means_the_servers(repo):
    assert repo.set_time_zone("America/Mexico_City").time_zone == "America/Mexico_City"
    assert open_board(repo.path).settings().time_zone == "America/Mexico_City"
    assert repo.set_time_zone(None).time_zone is None


@pytest.mark.parametrize(
    "name", ["Mexico City", "Mars/Olympus_Mons", "../../etc/passwd", "/etc/localtime", "localtime", ""]
)
def test_an_unknown_time_zone_is_refused_with_examples(repo, name):
    before = on_disk(repo.path)
    with pytest.raises(ValidationFailed, match=r"such as America/Mexico_City"):
        repo.set_time_zone(name)
    assert on_disk(repo.path) == before


def test_a_time_zone_typed_in_the_wrong_case_is_refused_naming_the_one_meant(repo):
    with pytest.raises(ValidationFailed, match=r"did you mean America/Mexico_City\?"):
        repo.set_time_zone("america/mexico_city")


def test_setting_what_is_already_set_writes_nothing(repo):
    repo.set_time_zone("America/Tijuana")
    before = on_disk(repo.path)
    assert repo.set_time_zone("America/Tijuana").version == 2
    assert on_disk(repo.path) == before


def test_only_coordinators_change_the_settings(repo):
    repo.set_user("ana", "coordinator")
    repo.set_user("luis", "trainer")
    luis = open_board(repo.path, Actor("luis"))
    with pytest.raises(PermissionDenied, match="Not allowed to change the board settings: luis is a trainer"):
        luis.set_board_language("es")
    with pytest.raises(PermissionDenied):
        luis.set_time_zone("America/Tijuana")
    assert open_board(repo.path).settings().version == 1


def test_a_change_made_on_stale_settings_is_refused_naming_who_changed_them(repo):
    seen = repo.settings().version
    open_board(repo.path, Actor("luis")).set_time_zone("America/Tijuana")
    with pytest.raises(ConflictError, match=r"The board configuration was changed by luis .*set the board time zone"):
        repo.set_board_language("es", expected_version=seen)
    assert open_board(repo.path).settings().language is None


def test_the_history_describes_the_change(repo):
    repo.set_board_language("es")
    repo.set_time_zone("America/Mexico_City")
    described = [repo.describe(event) for event in repo.history(limit=2)]
    assert described == [
        "set the board time zone: the server's → America/Mexico_City",
        "set the board language: none → es (Español)",
    ]


def test_undo_puts_the_settings_back(repo):
    repo.set_board_language("es")
    repo.set_board_language("en")
    result = repo.undo()
    assert result.description == "set the board language: es (Español) → en (English)"
    assert repo.settings().language == "es"
    repo.undo()
    assert open_board(repo.path).settings().language is None


def test_undo_of_a_settings_change_is_refused_once_someone_changed_them_since(repo):
    repo.set_board_language("es")
    open_board(repo.path, Actor("luis")).set_time_zone("America/Tijuana")
    with pytest.raises(ConflictError, match="Cannot undo: the board configuration was changed by luis"):
        repo.undo()


def test_the_peek_reads_the_settings_without_waiting_for_the_lock(repo):
    repo.set_board_language("es")
    with repo.file.lock():
        settings = peek_settings(repo.path)
    assert settings is not None and settings.language == "es"


def test_the_peek_of_a_board_that_never_set_them_gives_the_defaults(repo):
    assert peek_settings(repo.path) == repo.settings()


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"{not json",
        b'{"users": {}}',
        b'{"meta": {"1": {"format": "outreach-tui", "schema_version": 99, "created_at": "2026-01-01T00:00:00Z"}}}',
        b'{"meta": {"1": {"format": "outreach-tui", "schema_version": 2, "created_at": "2026-01-01T00:00:00Z"}},'
        b' "settings": {"1": {"language": "es; rm -rf /"}}}',
    ],
    ids=["empty", "corrupt", "foreign", "newer", "invalid-settings"],
)
def test_the_peek_gives_none_for_a_file_it_cannot_read_and_leaves_it_alone(tmp_path, content):
    path = tmp_path / "board.json"
    path.write_bytes(content)
    assert peek_settings(path) is None
    assert path.read_bytes() == content


def test_the_peek_gives_none_for_a_missing_file_and_creates_nothing(tmp_path):
    assert peek_settings(tmp_path / "nowhere.json") is None
    assert list(tmp_path.iterdir()) == []


def test_the_peek_parses_only_the_start_of_a_file_this_program_wrote(repo):
    """Damage further on is for the real opening to report; the peek still finds the language."""
    repo.set_board_language("es")
    data = repo.path.read_bytes()
    repo.path.write_bytes(data[: len(data) // 2])
    settings = peek_settings(repo.path)
    assert settings is not None and settings.language == "es"
    with pytest.raises(StoreFileError, match="is not valid JSON"):
        open_board(repo.path)


def test_the_peek_reads_only_the_start_of_a_file_this_program_wrote(repo, monkeypatch):
    repo.set_board_language("es")
    repo.compact()  # the language in the board file itself, not only in its journal

    def read_in_full(self):
        raise AssertionError("the whole board file was read")

    monkeypatch.setattr(BoardFile, "read_bytes", read_in_full)
    settings = peek_settings(repo.path)
    assert settings is not None and settings.language == "es"


def test_the_peek_reads_a_file_laid_out_otherwise_in_full(tmp_path):
    path = tmp_path / "board.json"
    path.write_bytes(
        b'{"meta": {"1": {"format": "outreach-tui", "schema_version": 2, "created_at": "2026-01-01T00:00:00Z"}},'
        b' "campaigns": {}, "settings": {"1": {"language": "es", "version": 2}}}'
    )
    settings = peek_settings(path)
    assert settings is not None and (settings.language, settings.version) == ("es", 2)
