"""Organizations from the command line: add, edit, list, show and archive."""

from __future__ import annotations

import json
from datetime import date

import pytest

from outreach_tui.cli import EXIT_OK, EXIT_REFUSED, main
from store import Actor, Repository
from tests.boards import on_disk
from tests.cli.helpers import WITHOUT_TRAINING, new_org


def test_org_add_with_every_field_and_its_card(board, capsys):
    org_id = new_org(
        capsys,
        "Casa del Migrante Belén",
        "--alias",
        "CMB",
        "--alias",
        "Belén",
        "--type",
        "migrant-services",
        "--country",
        "México",
        "--state",
        "Coahuila",
        "--municipality",
        "Saltillo",
        "--legal",
        "cooperating-attorneys",
        "--outreach",
        "regional",
        "--education",
        "yes",
        "--education-note",
        "Talleres mensuales",
        "--migrants",
        "yes",
        "--language",
        "es",
        "--language",
        "en",
        "--workers",
        "1200",
        "--workers-basis",
        "Atenciones 2025",
        "--tag",
        "frontera",
        "--notes",
        "Línea 1\nLínea 2",
        "--contact",
        "Hna. Rosa;Dirección;555-1234;rosa@example.org",
        "--contact",
        "Pedro",
        "--stage",
        "Trained",
        *WITHOUT_TRAINING,
        "--owner",
        "luis",
        "--follow-up",
        "2026-12-05",
    )
    repo = Repository.open(board)
    org = repo.organization(org_id)
    assert org.aliases == ["CMB", "Belén"] and org.type == "migrant_services"
    assert (org.place.country, org.place.state, org.place.municipality) == ("México", "Coahuila", "Saltillo")
    assert (org.legal_capacity, org.outreach_capacity) == ("cooperating_attorneys", "regional")
    assert (org.education_program, org.education_note, org.works_with_migrants) == ("yes", "Talleres mensuales", "yes")
    assert org.languages == ["es", "en"] and org.tags == ["frontera"] and org.notes == "Línea 1\nLínea 2"
    assert (org.workers_reached.estimate, org.workers_reached.basis) == (1200, "Atenciones 2025")
    assert [(c.name, c.role, c.phone, c.email) for c in org.contacts] == [
        ("Hna. Rosa", "Dirección", "555-1234", "rosa@example.org"),
        ("Pedro", "", "", ""),
    ]
    placement = repo.placement(org_id, repo.default_campaign().id)
    assert (placement.stage, placement.owner, placement.next_follow_up) == ("trained", "luis", date(2026, 12, 5))


def test_org_add_without_a_card_and_on_another_campaign(board, capsys):
    repo = Repository.open(board)
    other = next(c for c in repo.campaigns() if c.id != repo.default_campaign().id)
    floating = new_org(capsys, "Sin tablero", "--no-card")
    elsewhere = new_org(capsys, "En otra campaña", "--campaign", other.name)
    repo = Repository.open(board)
    assert repo.placements_of(floating) == []
    assert [p.campaign_id for p in repo.placements_of(elsewhere)] == [other.id]


def test_a_card_option_without_any_campaign_is_refused_and_nothing_is_added(tmp_path, capsys):
    path = tmp_path / "empty.json"
    assert main(["--db", str(path), "init"]) == EXIT_OK
    assert main(["--db", str(path), "org", "add", "Colectivo", "--stage", "trained"]) == EXIT_REFUSED
    assert "no campaign to put it on" in capsys.readouterr().err
    assert Repository.open(path).organizations() == []
    assert main(["--db", str(path), "org", "add", "Colectivo"]) == EXIT_OK
    assert "not on any campaign's board" in capsys.readouterr().err


def test_org_edit_changes_only_what_is_given(board, capsys):
    org_id = new_org(
        capsys,
        "Red Comunitaria",
        "--state",
        "Oaxaca",
        "--municipality",
        "Juchitán",
        "--tag",
        "istmo",
        "--tag",
        "salud",
        "--follow-up",
        "2026-12-01",
    )
    assert main(["org", "edit", org_id, "--municipality", "Salina Cruz", "--notes", "Dos abogadas"]) == EXIT_OK
    org = Repository.open(board).organization(org_id)
    assert (org.place.state, org.place.municipality, org.notes) == ("Oaxaca", "Salina Cruz", "Dos abogadas")
    assert org.tags == ["istmo", "salud"] and org.name == "Red Comunitaria" and org.version == 2
    # A repeated option replaces the list; an empty one clears it.
    assert main(["org", "edit", org_id, "--tag", "maquila"]) == EXIT_OK
    assert Repository.open(board).organization(org_id).tags == ["maquila"]
    assert main(["org", "edit", org_id, "--tag", "", "--name", "Red Comunitaria del Istmo"]) == EXIT_OK
    org = Repository.open(board).organization(org_id)
    assert org.tags == [] and org.name == "Red Comunitaria del Istmo"


def test_org_edit_changes_the_card_owner_and_follow_up(board, capsys):
    org_id = new_org(capsys, "Colectiva de Mujeres", "--follow-up", "2026-12-01")
    campaign_id = Repository.open(board).default_campaign().id
    assert main(["org", "edit", "Colectiva de Mujeres", "--owner", "maria", "--follow-up", "2027-01-15"]) == EXIT_OK
    placement = Repository.open(board).placement(org_id, campaign_id)
    assert (placement.owner, placement.next_follow_up) == ("maria", date(2027, 1, 15))
    assert main(["org", "edit", org_id, "--follow-up", "none"]) == EXIT_OK
    assert Repository.open(board).placement(org_id, campaign_id).next_follow_up is None


def test_org_edit_reports_a_card_change_made_meanwhile_instead_of_overwriting_it(board, capsys, monkeypatch):
    org_id = new_org(capsys, "Colectiva de Mujeres")
    campaign_id = Repository.open(board).default_campaign().id
    real_edit_card = Repository.edit_card

    def someone_else_first(self, *args, **kwargs):
        # Between this command reading the card and writing it, another shell changes its owner.
        real_edit_card(
            Repository.open(board, actor=Actor("lucia")), org_id, campaign_id=campaign_id, changes={"owner": "lucia"}
        )
        return real_edit_card(self, *args, **kwargs)

    monkeypatch.setattr(Repository, "edit_card", someone_else_first)
    assert main(["org", "edit", org_id, "--owner", "maria"]) == EXIT_REFUSED
    assert "lucia" in capsys.readouterr().err
    assert Repository.open(board).placement(org_id, campaign_id).owner == "lucia"


def test_org_list_filters_by_stage_label_and_accent_insensitive_search(board, capsys):
    repo = Repository.open(board)
    campaign = repo.default_campaign()
    active = repo.board(campaign.id).column("active").cards
    assert main(["org", "list", "--stage", "active partner"]) == EXIT_OK
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == [card.id for card in active]
    assert all("  Active partner   " in line for line in lines)
    target = new_org(capsys, "Centro Pénjamo", "--municipality", "Tuxtla Gutiérrez")
    assert main(["org", "list", "--search", "PENJAMO"]) == EXIT_OK
    assert [line.split()[0] for line in capsys.readouterr().out.splitlines()] == [target]
    assert main(["org", "list", "--search", "tuxtla gutierrez"]) == EXIT_OK
    assert target in capsys.readouterr().out


def test_org_list_as_json_has_all_fields_and_the_card(board, capsys):
    assert main(["org", "list", "--stage", "trained", "--json"]) == EXIT_OK
    listed = json.loads(capsys.readouterr().out)
    repo = Repository.open(board)
    trained = repo.board(repo.default_campaign().id).column("trained").cards
    assert [item["id"] for item in listed] == [card.id for card in trained]
    assert set(listed[0]) == set(trained[0].organization.model_dump()) | {"card"}
    assert set(listed[0]["card"]) == {
        "id",
        "stage",
        "off_board",
        "stage_since",
        "owner",
        "next_follow_up",
        "version",
        "updated_at",
        "updated_by",
    }


def test_archive_hides_an_organization_from_the_board(board, capsys):
    org_id = new_org(capsys, "Duplicado", "--alias", "DUP")
    assert main(["org", "archive", "DUP", "--reason", "Duplicate of CMB"]) == EXIT_OK
    capsys.readouterr()
    assert Repository.open(board).organization(org_id).archived
    assert main(["org", "list", "--search", "duplicado"]) == EXIT_OK
    assert capsys.readouterr().out == ""
    # Still findable by id, with its history.
    assert main(["org", "show", org_id]) == EXIT_OK
    assert "ARCHIVED" in capsys.readouterr().out


def test_org_show_has_fields_contacts_cards_visits_trainings_and_history(board, capsys):
    repo = Repository.open(board)
    other = next(c for c in repo.campaigns() if c.id != repo.default_campaign().id)
    org_id = new_org(
        capsys,
        "Clínica Jurídica Raíces",
        "--alias",
        "CJR",
        "--type",
        "legal_clinic",
        "--workers",
        "800",
        "--contact",
        "Lic. Ana;Abogada",
        "--follow-up",
        "2026-12-10",
    )
    assert (
        main(
            [
                "visit",
                "add",
                "CJR",
                "--date",
                "2026-11-20",
                "--fit",
                "5",
                "--visitor",
                "ana",
                "--met",
                "Lic. Ana",
                "--findings",
                "Equipo de dos\nabogadas",
                "--next-follow-up",
                "2026-12-12",
            ]
        )
        == 0
    )
    assert main(["training", "add", "--date", "2026-11-21", "--org", "CJR:2", "--topic", "Derechos laborales"]) == 0
    capsys.readouterr()
    assert main(["org", "show", "cjr"]) == EXIT_OK
    text = capsys.readouterr().out
    for expected in (
        f"Clínica Jurídica Raíces  ({org_id})",
        "  Also known as: CJR",
        "  Type: Legal clinic",
        "  Workers reached: 800 workers",
        "    Lic. Ana · Abogada",
        f"  {repo.default_campaign().name}: Trained since ",
        "next follow-up Dec 12, 2026",
        "Visits (1)",
        "  Nov 20, 2026  fit 5/5 · ana",
        "    Met: Lic. Ana",
        "    Equipo de dos",
        "    abogadas",
        "Trainings (1)",
        "  Nov 21, 2026 · Derechos laborales · 2 attendees",
        "Recent history",
        "moved Clínica Jurídica Raíces from Contacted to Trained",
    ):
        assert expected in text, expected
    # Restricted to another campaign: no card there, no visits, no trainings.
    assert main(["org", "show", org_id, "--campaign", other.name]) == EXIT_OK
    text = capsys.readouterr().out
    assert "not on this campaign's board" in text and "Visits" not in text and "Trainings" not in text


def test_org_show_as_json(board, capsys):
    org_id = new_org(capsys, "Colectivo Semilla del Norte")
    assert main(["visit", "add", org_id, "--date", "2026-11-20", "--fit", "3"]) == EXIT_OK
    capsys.readouterr()
    assert main(["org", "show", org_id, "--json"]) == EXIT_OK
    shown = json.loads(capsys.readouterr().out)
    assert shown["id"] == org_id and shown["name"] == "Colectivo Semilla del Norte"
    assert [card["stage"] for card in shown["cards"]] == ["contacted"]
    assert [visit["fit"] for visit in shown["visits"]] == [3]
    assert shown["trainings"] == []
    assert [event["kind"] for event in shown["history"]] == ["visit_logged", "placed", "organization_added"]


@pytest.mark.parametrize(
    "option, typed, field, stored",
    [
        ("--type", "human-rights-center", "type", "human_rights_center"),
        ("--legal", "in_house", "legal_capacity", "in_house"),
        ("--outreach", "National", "outreach_capacity", "national"),
        ("--migrants", "YES", "works_with_migrants", "yes"),
    ],
)
def test_choices_accept_dashes_underscores_and_any_case(board, capsys, option, typed, field, stored):
    org_id = new_org(capsys, "Centro", option, typed)
    assert getattr(Repository.open(board).organization(org_id), field) == stored


def test_org_add_refuses_a_likely_duplicate_unless_allowed(board, capsys):
    first = new_org(capsys, "Casa del Migrante Belén Tapachula", "--alias", "CMBT", "--municipality", "Tapachula")
    before = on_disk(board)
    for argv in (["casa del migrante belen tapachula, A. C."], ["Otra Casa", "--alias", "cmbt"]):
        assert main(["org", "add", *argv]) == EXIT_REFUSED
        refusal = capsys.readouterr().err
        assert f"Casa del Migrante Belén Tapachula ({first}, Tapachula;" in refusal
        assert "pass --allow-duplicate" in refusal
        assert on_disk(board) == before
    second = new_org(capsys, "casa del migrante belen tapachula", "--allow-duplicate")
    assert second != first
    assert main(["org", "edit", second, "--name", "Casa del Migrante Belén Tapachula, A.C."]) == EXIT_OK


def test_org_merge_makes_one_organization_and_undo_separates_them(board, capsys):
    keep = new_org(capsys, "Casa del Migrante Belén Tapachula", "--alias", "CMBT")
    other = new_org(capsys, "Casa del Migrante Belen, A.C.", "--alias", "CMB-T", "--allow-duplicate")
    assert main(["visit", "add", other, "--date", "2026-11-20", "--fit", "3"]) == EXIT_OK
    capsys.readouterr()
    assert main(["org", "merge", keep, other]) == EXIT_OK
    printed = capsys.readouterr()
    assert printed.out.strip() == keep
    assert "Merged Casa del Migrante Belen, A.C. into Casa del Migrante Belén Tapachula" in printed.err
    assert "1 visit" in printed.err and "outreach-tui undo" in printed.err
    repo = Repository.open(board)
    assert repo.find_organization("CMB-T").id == keep
    assert [visit.organization_id for visit in repo.visits(organization_id=keep)] == [keep]
    assert main(["history", "--org", keep, "--limit", "20"]) == EXIT_OK
    assert "logged a visit to Casa del Migrante Belen, A.C." in capsys.readouterr().out
    assert main(["undo"]) == EXIT_OK
    assert "Undone: merged Casa del Migrante Belen, A.C. into" in capsys.readouterr().out
    assert Repository.open(board).organization(other).aliases == ["CMB-T"]


def test_org_merge_refuses_two_cards_in_different_stages_naming_them(board, capsys):
    keep = new_org(capsys, "Colectivo Tierra Nueva del Sur")
    other = new_org(
        capsys,
        "Colectivo Tierra Nueva del Sur A.C.",
        *("--stage", "trained", "--without-training", "--reason", "Trained by the network", "--allow-duplicate"),
    )
    before = on_disk(board)
    assert main(["org", "merge", keep, other]) == EXIT_REFUSED
    refusal = capsys.readouterr().err
    assert "Colectivo Tierra Nueva del Sur (Contacted) and Colectivo Tierra Nueva del Sur A.C. (Trained)" in refusal
    assert "Nothing was merged." in refusal
    assert on_disk(board) == before
