"""A campaign's stages: added, renamed, reordered and retired by coordinators, each one undoable change."""

from __future__ import annotations

import pytest

from store import Actor, ConflictError, NotFoundError, PermissionDenied, ValidationFailed
from store.i18n import set_language
from store.templates import SCOUTING_STAGES, copied_from, template
from tests.boards import board_json, on_disk, open_board
from tests.store.helpers import WITHOUT_TRAINING, campaign_id, org

PENJAMO = "Centro de Derechos Humanos Pénjamo"
BELEN = "Casa del Migrante Belén"


def keys(repo):
    return [stage.key for stage in repo.campaign(campaign_id(repo)).stages]


def last_line(repo):
    return repo.describe(repo.history(limit=1)[0])


def test_a_stage_is_added_where_asked_with_its_spanish_label(repo):
    cid = campaign_id(repo)
    campaign = repo.add_stage(cid, "visited", "Visited", labels={"es": "Visitada"}, position=1)
    assert keys(repo) == ["contacted", "visited", "trained", "active"]
    assert campaign.stage("visited").labels == {"es": "Visitada"}
    assert last_line(repo) == "added stage Visited to Chiapas 2026"
    set_language("es")
    assert last_line(repo) == "agregó la etapa Visitada a Chiapas 2026"


def test_a_stage_without_position_goes_last(repo):
    repo.add_stage(campaign_id(repo), "allied", "Formally allied")
    assert keys(repo)[-1] == "allied"


@pytest.mark.parametrize(
    ("key", "label", "message"),
    [
        ("trained", "Again", "already has a stage 'trained'"),
        ("Visited", "Visited", "cannot be a stage key"),
        ("2nd", "Second", "cannot be a stage key"),
        ("visited", "Visit\x1b[2Jed", r"control or format characters \(U\+001B\)"),
        ("visited", "   ", "needs a label"),
    ],
)
def test_a_bad_stage_is_refused_and_nothing_is_written(repo, key, label, message):
    before = on_disk(repo.path)
    with pytest.raises(ValidationFailed, match=message):
        repo.add_stage(campaign_id(repo), key, label)
    assert on_disk(repo.path) == before


def test_a_spanish_label_with_control_characters_is_refused(repo):
    with pytest.raises(ValidationFailed, match="control or format characters"):
        repo.add_stage(campaign_id(repo), "visited", "Visited", labels={"es": "Visi\u202etada"})


def test_renaming_changes_one_language_and_keeps_the_key(repo):
    cid = campaign_id(repo)
    target = org(repo, PENJAMO)
    repo.move(target.id, "trained", campaign_id=cid, **WITHOUT_TRAINING)
    repo.rename_stage(cid, "trained", label="Trained in labor rights", labels={"es": "Formada"})
    stage = repo.campaign(cid).stage("trained")
    assert (stage.label, stage.labels) == ("Trained in labor rights", {"es": "Formada"})
    assert repo.placement(target.id, cid).stage == "trained"
    assert last_line(repo) == "renamed stage Trained to Trained in labor rights in Chiapas 2026"
    with pytest.raises(ValidationFailed, match="control or format characters"):
        repo.rename_stage(cid, "trained", labels={"es": "For\x07mada"})


def test_moving_a_stage_reorders_the_board_and_says_where_it_went(repo):
    cid = campaign_id(repo)
    repo.move_stage(cid, "active", 0)
    assert keys(repo) == ["active", "contacted", "trained"]
    assert last_line(repo) == "moved stage Active partner to position 1 of Chiapas 2026"
    assert [column.stage.key for column in repo.board(cid).columns] == ["active", "contacted", "trained"]


def test_a_stage_holding_cards_is_not_removed_and_the_refusal_says_how_many(repo):
    cid = campaign_id(repo)
    repo.add_stage(cid, "visited", "Visited", position=1)
    for name in (PENJAMO, BELEN):
        repo.move(org(repo, name).id, "visited", campaign_id=cid)
    repo.set_off_board(org(repo, BELEN).id, campaign_id=cid, state="paused", reason="later")
    before = on_disk(repo.path)
    with pytest.raises(ValidationFailed, match=r"Stage Visited of campaign Chiapas 2026 still holds 2 cards"):
        repo.remove_stage(cid, "visited")
    assert on_disk(repo.path) == before


def test_removing_a_stage_can_move_its_cards_in_the_same_write_and_undo_puts_both_back(repo):
    cid = campaign_id(repo)
    repo.add_stage(cid, "visited", "Visited", labels={"es": "Visitada"}, position=1)
    target = org(repo, PENJAMO)
    repo.move(target.id, "visited", campaign_id=cid)
    campaign = repo.remove_stage(cid, "visited", move_cards_to="contacted")
    assert keys(repo) == ["contacted", "trained", "active"]
    assert [stage.key for stage in campaign.retired_stages] == ["visited"]
    assert repo.placement(target.id, cid).stage == "contacted"
    # The history that names the retired stage still reads with its label.
    assert [repo.describe(e) for e in repo.history(limit=3)] == [
        "removed stage Visited from Chiapas 2026",
        f"moved {PENJAMO} from Visited to Contacted",
        f"moved {PENJAMO} from Contacted to Visited",
    ]
    repo.undo()
    assert keys(repo) == ["contacted", "visited", "trained", "active"]
    assert repo.placement(target.id, cid).stage == "visited"
    assert repo.campaign(cid).retired_stages == []


def test_cards_are_not_moved_past_the_training_stage_when_their_stage_goes(repo):
    cid = campaign_id(repo)
    repo.add_stage(cid, "visited", "Visited", position=1)
    repo.move(org(repo, PENJAMO).id, "visited", campaign_id=cid)
    with pytest.raises(ValidationFailed, match="without a training"):
        repo.remove_stage(cid, "visited", move_cards_to="active")
    with pytest.raises(ValidationFailed, match="must go to another stage"):
        repo.remove_stage(cid, "visited", move_cards_to="visited")
    with pytest.raises(NotFoundError, match="no stage 'nowhere'"):
        repo.remove_stage(cid, "visited", move_cards_to="nowhere")


def test_the_last_the_training_and_the_active_stage_are_not_removed(repo):
    cid = campaign_id(repo)
    with pytest.raises(ValidationFailed, match="is the training stage"):
        repo.remove_stage(cid, "trained")
    with pytest.raises(ValidationFailed, match="is the active-partner stage"):
        repo.remove_stage(cid, "active")
    solo = repo.create_campaign("Solo", stages=[SCOUTING_STAGES[0]])
    with pytest.raises(ValidationFailed, match="is the only stage of campaign Solo"):
        repo.remove_stage(solo.id, "contacted")


def test_an_empty_stage_is_removed_and_can_come_back(repo):
    cid = campaign_id(repo)
    repo.add_stage(cid, "visited", "Visited")
    repo.remove_stage(cid, "visited")
    assert "visited" not in keys(repo)
    repo.add_stage(cid, "visited", "Visited again", position=1)
    assert keys(repo)[1] == "visited" and repo.campaign(cid).retired_stages == []


def test_the_training_and_active_partner_stages_are_chosen_and_described(repo):
    cid = campaign_id(repo)
    repo.add_stage(cid, "allied", "Formally allied")
    repo.set_active_stage(cid, "allied")
    assert last_line(repo) == "made Formally allied the active-partner stage of Chiapas 2026"
    repo.set_training_stage(cid, "active")
    assert last_line(repo) == "made Active partner the training stage of Chiapas 2026"
    campaign = repo.campaign(cid)
    assert (campaign.training_stage, campaign.active_stage) == ("active", "allied")
    with pytest.raises(NotFoundError, match="no stage 'gone'"):
        repo.set_active_stage(cid, "gone")


@pytest.mark.parametrize(
    "change",
    [
        lambda repo, cid: repo.add_stage(cid, "visited", "Visited", position=0),
        lambda repo, cid: repo.rename_stage(cid, "contacted", label="First contact", labels={"es": "Primer contacto"}),
        lambda repo, cid: repo.move_stage(cid, "trained", 2),
        lambda repo, cid: repo.set_training_stage(cid, "active"),
        lambda repo, cid: repo.set_active_stage(cid, "trained"),
    ],
)
def test_every_stage_change_is_undone(repo, change):
    cid = campaign_id(repo)
    before = repo.campaign(cid)
    change(repo, cid)
    assert repo.campaign(cid) != before
    described = last_line(repo)
    result = repo.undo()
    after = repo.campaign(cid)
    assert (after.stages, after.training_stage, after.active_stage) == (
        before.stages,
        before.training_stage,
        before.active_stage,
    )
    assert result.description == described
    assert last_line(repo) == f"undid: {described}"


def test_a_stale_campaign_version_is_refused(repo):
    cid = campaign_id(repo)
    seen = repo.campaign(cid).version
    repo.add_stage(cid, "visited", "Visited")
    with pytest.raises(ConflictError, match="after you loaded it"):
        repo.rename_stage(cid, "visited", label="Seen", expected_version=seen)


def test_only_coordinators_change_stages(repo):
    repo.set_user("ana", "coordinator")
    repo.set_user("luis", "trainer")
    trainer = open_board(repo.path, Actor(login="luis"))
    with pytest.raises(PermissionDenied, match="change a campaign's stages"):
        trainer.add_stage(campaign_id(repo), "visited", "Visited")


def test_a_training_goes_to_the_training_stage_after_it_is_renamed_and_moved(repo):
    cid = campaign_id(repo)
    repo.add_stage(cid, "visited", "Visited", position=1)
    repo.rename_stage(cid, "trained", label="Workshop done", labels={"es": "Taller hecho"})
    repo.move_stage(cid, "trained", 3)
    repo.move_stage(cid, "active", 2)
    assert keys(repo) == ["contacted", "visited", "active", "trained"]
    target = org(repo, PENJAMO)
    repo.record_training(
        {"campaign_id": cid, "date": "2026-11-20", "topic": "Derechos", "attendance": [{"organization_id": target.id}]}
    )
    assert repo.placement(target.id, cid).stage == "trained"
    moved = next(event for event in repo.history() if event.kind == "moved")
    assert repo.describe(moved).startswith(f"moved {PENJAMO} from Contacted to Workshop done")


def test_stage_cards_counts_cards_on_and_off_the_board(repo):
    cid = campaign_id(repo)
    repo.set_off_board(org(repo, BELEN).id, campaign_id=cid, state="paused", reason="later")
    assert repo.stage_cards(cid) == {"contacted": 3, "trained": 0, "active": 0}


def test_templates_and_copies_give_a_new_campaign_its_stages(repo):
    scouting = template("scouting")
    campaign = repo.create_campaign(
        "Chiapas 2027",
        stages=list(scouting.stages),
        training_stage=scouting.training_stage,
        active_stage=scouting.active_stage,
    )
    assert [s.label_in("es") for s in campaign.stages] == [
        "Contactada",
        "Identificada",
        "Visitada",
        "Capacitada",
        "Aliada activa",
    ]
    assert (campaign.training_stage, campaign.active_stage) == ("trained", "active")
    repo.set_training_stage(campaign.id, "visited")
    copy = copied_from(repo.campaign(campaign.id))
    twin = repo.create_campaign(
        "Oaxaca 2027", stages=list(copy.stages), training_stage=copy.training_stage, active_stage=copy.active_stage
    )
    assert twin.stages == repo.campaign(campaign.id).stages and twin.training_stage == "visited"
    assert [s.key for s in template("default").stages] == ["contacted", "trained", "active"]
    with pytest.raises(NotFoundError, match="templates are: default, scouting"):
        template("kanban")


def test_campaign_dates_are_stored_and_the_end_is_not_before_the_start(repo):
    from datetime import date

    campaign = repo.create_campaign("Dated", starts_on=date(2027, 1, 10), ends_on=date(2027, 6, 30))
    assert (campaign.starts_on, campaign.ends_on) == (date(2027, 1, 10), date(2027, 6, 30))
    with pytest.raises(ValidationFailed, match="cannot end before it starts"):
        repo.edit_campaign(campaign.id, {"ends_on": date(2026, 12, 31)})
    written = board_json(repo.path)
    stored = next(c for c in written["campaigns"].values() if c["name"] == "Dated")
    assert (stored["starts_on"], stored["ends_on"], stored["active_stage"]) == ("2027-01-10", "2027-06-30", "active")


def test_a_new_order_or_training_stage_does_not_count_untrained_cards_as_trained(repo):
    cid = campaign_id(repo)
    before = on_disk(repo.path)
    with pytest.raises(
        ValidationFailed, match=r"3 cards in Contacted have no training and would then count as trained"
    ):
        repo.move_stage(cid, "contacted", 2)
    with pytest.raises(ValidationFailed, match=r"\(Contacted or past it\)"):
        repo.set_training_stage(cid, "contacted")
    assert on_disk(repo.path) == before
    for name in ("Casa del Migrante Belén", "Clínica Jurídica Obrera"):
        repo.move(org(repo, name).id, "active", campaign_id=cid, **WITHOUT_TRAINING)
    trained = org(repo, PENJAMO)
    repo.record_training(
        {
            "campaign_id": cid,
            "date": "2026-11-20",
            "topic": "Derechos laborales",
            "attendance": [{"organization_id": trained.id}],
        }
    )
    repo.move(trained.id, "contacted", campaign_id=cid, reason="the training did not take")
    # Its card attended a training, and the others were past the training stage already.
    assert [s.key for s in repo.move_stage(cid, "contacted", 2).stages] == ["trained", "active", "contacted"]
