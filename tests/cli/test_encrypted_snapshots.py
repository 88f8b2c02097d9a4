"""Encrypted snapshots: export to age keys or with a passphrase, import them back, and refuse every bad file."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from outreach_tui.cli import EXIT_OK, EXIT_REFUSED, main
from outreach_tui.keys import key_path
from store import Repository
from store.encryption import AGE_HEADER, fingerprint, new_key_pair

PASSPHRASE = "correct horse battery staple"


def organizations(board: Path) -> set[str]:
    return {org.id for org in Repository.open(board).organizations()}


@pytest.fixture
def my_key(capsys) -> str:
    """``keys new`` run once: the public key it printed."""
    assert main(["keys", "new"]) == EXIT_OK
    return capsys.readouterr().out.strip()


def test_keys_new_keeps_the_secret_key_private_and_prints_the_public_key_and_its_fingerprint(capsys):
    assert main(["keys", "new"]) == EXIT_OK
    captured = capsys.readouterr()
    public = captured.out.strip()
    assert public.startswith("age1") and len(public) == 62
    assert fingerprint(public) in captured.err
    assert stat.S_IMODE(os.stat(key_path()).st_mode) == 0o600
    assert "AGE-SECRET-KEY-1" in key_path().read_text()
    before = key_path().read_bytes()
    assert main(["keys", "new"]) == EXIT_REFUSED
    assert key_path().read_bytes() == before


def test_a_snapshot_encrypted_to_the_team_imports_with_the_own_key(board, my_key, tmp_path, capsys):
    assert main(["keys", "add", "ana", my_key]) == EXIT_OK
    assert main(["export", "--to-team", "-o", "snap.age"]) == EXIT_OK
    data = Path("snap.age").read_bytes()
    assert data.startswith(AGE_HEADER)
    some_name = next(iter(Repository.open(board).organizations())).name
    assert some_name.encode() not in data
    restored = tmp_path / "restored.json"
    assert main(["--db", str(restored), "import", "snap.age"]) == EXIT_OK
    assert organizations(restored) == organizations(board)


def test_a_snapshot_encrypted_to_a_recipient_imports_with_identity(board, tmp_path, capsys):
    pair = new_key_pair()
    identity = tmp_path / "key.txt"
    identity.write_text(pair.secret + "\n")
    assert main(["export", "--recipient", pair.public, "-o", "snap.age"]) == EXIT_OK
    restored = tmp_path / "restored.json"
    assert main(["--db", str(restored), "import", "snap.age", "--identity", str(identity)]) == EXIT_OK
    assert organizations(restored) == organizations(board)


def test_a_snapshot_with_a_passphrase_round_trips(board, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("OUTREACH_TUI_PASSPHRASE", PASSPHRASE)
    assert main(["export", "--passphrase", "-o", "snap.json.age"]) == EXIT_OK
    restored = tmp_path / "restored.json"
    assert main(["--db", str(restored), "import", "snap.json.age"]) == EXIT_OK
    assert organizations(restored) == organizations(board)
    history = Repository.open(board).history(limit=1)[0]
    assert history.kind == "exported" and history.changes["encrypted"] == [None, "passphrase"]


def assert_refused(capsys, restored: Path, *argv: str, says: str) -> None:
    assert main(["--db", str(restored), "import", *argv]) == EXIT_REFUSED
    assert says in capsys.readouterr().err
    assert not restored.exists()


def test_a_wrong_key_is_refused_and_nothing_is_imported(board, tmp_path, capsys):
    assert main(["export", "--recipient", new_key_pair().public, "-o", "snap.age"]) == EXIT_OK
    other = tmp_path / "other.txt"
    other.write_text(new_key_pair().secret)
    assert_refused(capsys, tmp_path / "r.json", "snap.age", "--identity", str(other), says="not encrypted to your key")


def test_a_key_encrypted_file_without_a_key_says_to_pass_identity(board, tmp_path, capsys):
    assert main(["export", "--recipient", new_key_pair().public, "-o", "snap.age"]) == EXIT_OK
    assert_refused(capsys, tmp_path / "r.json", "snap.age", says="--identity")


def test_a_wrong_passphrase_is_refused(board, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("OUTREACH_TUI_PASSPHRASE", PASSPHRASE)
    assert main(["export", "--passphrase", "-o", "snap.age"]) == EXIT_OK
    monkeypatch.setenv("OUTREACH_TUI_PASSPHRASE", "wrong")
    assert_refused(capsys, tmp_path / "r.json", "snap.age", says="Wrong passphrase")


@pytest.mark.parametrize("damage", ["truncated", "altered"])
def test_a_truncated_or_altered_file_is_refused(board, my_key, tmp_path, capsys, damage):
    assert main(["export", "--recipient", my_key, "-o", "snap.age"]) == EXIT_OK
    data = bytearray(Path("snap.age").read_bytes())
    if damage == "truncated":
        del data[len(data) // 2 :]
    else:
        data[len(data) // 2] ^= 0x01
    Path("snap.age").write_bytes(bytes(data))
    assert_refused(capsys, tmp_path / "r.json", "snap.age", says="damaged")


def test_keys_are_validated_and_recorded_in_the_history(board, my_key, capsys):
    assert main(["keys", "add", "ana", "age1notakey"]) == EXIT_REFUSED
    assert "not an age public key" in capsys.readouterr().err
    assert main(["keys", "add", "ana", my_key]) == EXIT_OK
    assert main(["keys", "list"]) == EXIT_OK
    assert f"ana  {my_key}  {fingerprint(my_key)}" in capsys.readouterr().out
    assert main(["history", "--limit", "1"]) == EXIT_OK
    assert f"stored the public key of ana ({fingerprint(my_key)})" in capsys.readouterr().out
    assert main(["keys", "remove", "ana"]) == EXIT_OK
    assert Repository.open(board).settings().team_keys == {}
    assert main(["keys", "remove", "ana"]) == EXIT_REFUSED


def test_only_coordinators_store_keys(board, my_key, capsys):
    me = Repository.open(board).actor.login
    assert main(["users", "add", me, "--role", "coordinator"]) == EXIT_OK
    assert main(["users", "add", "coord", "--role", "coordinator"]) == EXIT_OK
    assert main(["users", "add", me, "--role", "trainer"]) == EXIT_OK
    assert main(["keys", "add", "ana", my_key]) == EXIT_REFUSED
    assert Repository.open(board).settings().team_keys == {}


def test_required_encryption_refuses_plain_full_and_partner_exports(board, my_key, capsys):
    assert main(["settings", "require-encrypted-exports", "on"]) == EXIT_OK
    for profile in ("full", "partner"):
        assert main(["export", "--profile", profile, "-o", f"{profile}.json"]) == EXIT_REFUSED
        assert "--to-team" in capsys.readouterr().err
        assert not Path(f"{profile}.json").exists()
    assert main(["export", "--profile", "funder", "-o", "funder.json"]) == EXIT_OK
    assert main(["export", "--recipient", my_key, "-o", "full.age"]) == EXIT_OK
    assert main(["settings", "require-encrypted-exports", "off"]) == EXIT_OK
    assert main(["export", "-o", "plain.json"]) == EXIT_OK


def test_to_team_without_keys_and_passphrase_with_keys_are_refused(board, my_key, monkeypatch, capsys):
    assert main(["export", "--to-team", "-o", "a.age"]) == EXIT_REFUSED
    assert "no team keys" in capsys.readouterr().err
    monkeypatch.setenv("OUTREACH_TUI_PASSPHRASE", PASSPHRASE)
    assert main(["export", "--passphrase", "--recipient", my_key, "-o", "b.age"]) == EXIT_REFUSED
    assert not Path("a.age").exists() and not Path("b.age").exists()
