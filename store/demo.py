"""Realistic demo boards: organizations typical of the field, visits, trainings and history.

Deterministic for a seed and a reference day, so tests and snapshots can rely on it.
The organizations are invented; no real group or person is named.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from random import Random
from typing import Any

from . import i18n
from .demo_data import (
    ACRONYM_SKIP,
    COORDINATORS,
    FINDINGS,
    INDUSTRIES,
    LANGUAGES,
    OFF_BOARD_REASONS,
    PLACES,
    RECOMMENDATIONS,
    SAINTS,
    TAGS,
    TEMPLATES,
    TOPICS,
    TRAINERS,
    TYPE_WEIGHTS,
    TYPES,
    WORDS,
)
from .history import new_event
from .ids import IdFactory
from .models import (
    DEFAULT_STAGES,
    Campaign,
    Event,
    Organization,
    Placement,
    Training,
    Visit,
)
from .repository import Repository

MAX_DEMO_ORGANIZATIONS = 20_000
"""The largest demo board ``build_demo`` is asked to make (the command line checks it)."""

STAGE_WEIGHTS = [50, 30, 20]
"""How a demo board's cards spread over contacted, trained and active."""


def _acronym(name: str) -> str:
    letters = [w[0] for w in name.replace("'", " ").split() if w.lower() not in ACRONYM_SKIP and w[0].isalpha()]
    return "".join(letters).upper()[:8]


class _Demo:
    """The records of one demo board, built in a fixed order so a seed always gives the same board."""

    def __init__(self, organizations: int, seed: int, today: date) -> None:
        self.size = organizations
        self.rng = Random(seed)
        self.ids = IdFactory(Random(seed + 1))
        self.today = today
        self.base = datetime.combine(today, time(15, 0), tzinfo=UTC)
        self.events: list[Event] = []
        self.orgs: list[Organization] = []
        self.placements: list[Placement] = []
        self.visits: list[Visit] = []
        self.trainings: list[Training] = []
        self.trained_pool: list[tuple[Organization, Placement]] = []
        self.used_names: dict[str, int] = {}
        self.main, self.second = self._campaigns()

    def at(self, days_ago: float) -> datetime:
        return (self.base - timedelta(days=days_ago)).replace(microsecond=0)

    def event(self, kind: str, entity: str, entity_id: str, when: datetime, actor: str, **fields: Any) -> None:
        self.events.append(new_event(self.ids, kind, entity, entity_id, at=when, actor=actor, **fields))

    def _campaigns(self) -> tuple[Campaign, Campaign]:
        main = self._campaign(
            "Derechos laborales: Chiapas y la frontera 2026",
            "Identify, visit and train human-rights and migrant-service organizations "
            "so they can take labor cases and educate workers.",
            {"active_partners": max(5, self.size // 6), "workers_reached": max(5000, self.size * 400)},
            "active",
            300,
        )
        second = self._campaign(
            "Maquiladora justice tour 2027",
            "Border tour with member groups on both sides.",
            {"active_partners": 10},
            "planning",
            40,
        )
        for campaign, actor in ((main, "ana"), (second, "sam")):
            self.event(
                "campaign_created",
                "campaign",
                campaign.id,
                campaign.created_at,
                actor,
                campaign_id=campaign.id,
                version_after=1,
            )
        return main, second

    def _campaign(self, name: str, description: str, goals: dict[str, int], status: str, age: int) -> Campaign:
        data = {"id": self.ids.new("cmp"), "name": name, "description": description, "goals": goals, "status": status}
        stages = [stage.model_dump() for stage in DEFAULT_STAGES]
        return Campaign.model_validate(
            {**data, "stages": stages, "created_at": self.at(age), "updated_at": self.at(age)}
        )

    # -- one organization ------------------------------------------------------------------

    def add_organization(self, index: int) -> None:
        org = self._organization()
        coordinator = self.rng.choice(COORDINATORS)
        self.orgs.append(org)
        self.event(
            "organization_added",
            "organization",
            org.id,
            org.created_at,
            coordinator,
            organization_id=org.id,
            version_after=1,
        )
        placement = self._card_with_history(org, coordinator)
        if self.rng.random() < 0.4:
            self._visit(org, placement, coordinator)
        if index < self.size // 10 and index % 2 == 0:
            self._second_campaign_card(org)

    def _name(self, kind: str, city: str) -> str:
        rng = self.rng
        name = rng.choice(TEMPLATES[kind]).format(
            word=rng.choice(WORDS), city=city, saint=rng.choice(SAINTS), industry=rng.choice(INDUSTRIES)
        )
        count = self.used_names.get(name, 0)
        self.used_names[name] = count + 1
        if count == 1:
            return f"{name} ({city})"
        if count > 1:
            return f"{name} ({city}, {count})"
        return name

    def _organization(self) -> Organization:
        rng = self.rng
        kind = rng.choices(TYPES, TYPE_WEIGHTS)[0]
        country, state, cities = rng.choice(PLACES)
        city = rng.choice(cities)
        name = self._name(kind, city)
        created = self.at(rng.uniform(30, 290))
        legal = rng.choices(["in_house", "cooperating_attorneys", "none", "unknown"], [25, 30, 30, 15])[0]
        if kind == "legal_clinic":
            legal = "in_house"
        migrants = "yes" if kind == "migrant_services" else rng.choices(["yes", "no", "unknown"], [35, 40, 25])[0]
        workers = rng.choice([80, 150, 300, 500, 800, 1200, 2500, 4000])
        return Organization.model_validate(
            {
                "id": self.ids.new("org"),
                "name": name,
                "aliases": [_acronym(name)] if rng.random() < 0.6 else [],
                "type": kind,
                "place": {"country": country, "state": state, "municipality": city},
                "legal_capacity": legal,
                "outreach_capacity": rng.choices(
                    ["local", "regional", "national", "none", "unknown"], [40, 30, 8, 7, 15]
                )[0],
                "education_program": rng.choices(["yes", "no", "unknown"], [45, 35, 20])[0],
                "works_with_migrants": migrants,
                "languages": rng.choice(LANGUAGES),
                "workers_reached": {
                    "estimate": workers,
                    "basis": "self-reported at first contact",
                    "as_of": created.date(),
                },
                "tags": rng.sample(TAGS, rng.randint(0, 2)),
                "notes": "",
                "contacts": [{"name": f"Coordinación {city}", "role": "coordinación", "email": ""}]
                if rng.random() < 0.3
                else [],
                "created_at": created,
                "updated_at": created,
            }
        )

    def _off_board(self) -> dict[str, str] | None:
        """One card in twenty is off the board, as not a fit or paused, with a reason."""
        if self.rng.random() >= 0.05:
            return None
        state = self.rng.choice(["not_a_fit", "paused"])
        return {"state": state, "reason": self.rng.choice(OFF_BOARD_REASONS[state])}

    def _card_with_history(self, org: Organization, coordinator: str) -> Placement:
        rng = self.rng
        stage = rng.choices(["contacted", "trained", "active"], STAGE_WEIGHTS)[0]
        since = self.at(rng.uniform(1, (self.base - org.created_at).days or 1))
        version = 1 if stage == "contacted" else (2 if stage == "trained" else 3)
        follow_up = self.today + timedelta(days=rng.randint(-20, 45)) if rng.random() < 0.7 else None
        off_board = self._off_board()
        if off_board is not None:
            version += 1
            follow_up = None
        placement = Placement.model_validate(
            {
                "id": self.ids.new("card"),
                "organization_id": org.id,
                "campaign_id": self.main.id,
                "stage": stage,
                "off_board": off_board,
                "stage_since": since,
                "owner": coordinator,
                "next_follow_up": follow_up,
                "version": version,
                "updated_at": since,
                "updated_by": coordinator,
            }
        )
        self.placements.append(placement)
        self._card_history(org, placement, coordinator)
        return placement

    def card_event(self, kind: str, placement: Placement, when: datetime, actor: str, **fields: Any) -> None:
        where = {"organization_id": placement.organization_id, "campaign_id": placement.campaign_id}
        self.event(kind, "placement", placement.id, when, actor, **where, **fields)

    def _card_history(self, org: Organization, placement: Placement, coordinator: str) -> None:
        self.card_event("placed", placement, org.created_at, coordinator, to_stage="contacted", version_after=1)
        stage, since, off_board = placement.stage, placement.stage_since, placement.off_board
        if stage != "contacted":
            self.trained_pool.append((org, placement))
            before = "contacted" if stage == "trained" else "trained"
            version = placement.version if off_board is None else placement.version - 1
            self.card_event(
                "moved",
                placement,
                since,
                self.rng.choice(TRAINERS),
                from_stage=before,
                to_stage=stage,
                changes={"stage": [before, stage]},
                version_after=version,
            )
        if off_board is not None:
            self.card_event(
                "off_board",
                placement,
                since,
                coordinator,
                from_stage=stage,
                reason=off_board.reason,
                version_after=placement.version,
            )

    def _visit(self, org: Organization, placement: Placement, coordinator: str) -> None:
        rng = self.rng
        visit_day = placement.stage_since.date() - timedelta(days=rng.randint(3, 20))
        legal = org.legal_capacity
        self.visits.append(
            Visit.model_validate(
                {
                    "id": self.ids.new("vis"),
                    "organization_id": org.id,
                    "campaign_id": self.main.id,
                    "date": visit_day,
                    "visitors": [coordinator, rng.choice(TRAINERS)],
                    "people_met": ["Dirección", "Área jurídica"] if legal == "in_house" else ["Coordinación"],
                    "findings": rng.choice(FINDINGS),
                    "fit": rng.randint(2, 5),
                    "recommendation": rng.choice(RECOMMENDATIONS),
                    "next_follow_up": placement.next_follow_up,
                    "created_at": self.at((self.base.date() - visit_day).days),
                    "created_by": coordinator,
                }
            )
        )

    def _second_campaign_card(self, org: Organization) -> None:
        self.placements.append(
            Placement.model_validate(
                {
                    "id": self.ids.new("card"),
                    "organization_id": org.id,
                    "campaign_id": self.second.id,
                    "stage": "contacted",
                    "stage_since": self.at(self.rng.uniform(1, 39)),
                    "owner": "sam",
                    "updated_at": self.at(1),
                    "updated_by": "sam",
                }
            )
        )

    # -- after every organization ------------------------------------------------------------

    def add_trainings(self) -> None:
        """Trained and active organizations attended trainings, twelve at a time."""
        for start in range(0, len(self.trained_pool), 12):
            training = self._training(
                [org for org, _card in self.trained_pool[start : start + 12]],
                min(card.stage_since for _org, card in self.trained_pool[start : start + 12]),
            )
            self.trainings.append(training)
            self.event(
                "training_recorded",
                "training",
                training.id,
                training.created_at,
                training.created_by,
                campaign_id=self.main.id,
                version_after=1,
            )

    def _training(self, attendees: list[Organization], when: datetime) -> Training:
        rng = self.rng
        return Training.model_validate(
            {
                "id": self.ids.new("trn"),
                "campaign_id": self.main.id,
                "date": when.date(),
                "place": attendees[0].place.label(),
                "trainers": rng.sample(TRAINERS, 2),
                "topic": rng.choice(TOPICS),
                "attendance": [{"organization_id": o.id, "attendees": rng.randint(1, 4)} for o in attendees],
                "created_at": when,
                "created_by": rng.choice(TRAINERS),
            }
        )

    def add_visit_history(self) -> None:
        for visit in self.visits:
            self.event(
                "visit_logged",
                "visit",
                visit.id,
                visit.created_at,
                visit.created_by,
                organization_id=visit.organization_id,
                campaign_id=self.main.id,
                version_after=1,
            )
        self.events.sort(key=lambda e: e.at)

    def write(self, repo: Repository) -> None:
        with repo.bulk() as tx:
            tables: list[tuple[str, list[Any]]] = [
                ("campaigns", [self.main, self.second]),
                ("organizations", self.orgs),
                ("placements", self.placements),
                ("visits", self.visits),
                ("trainings", self.trainings),
                ("events", self.events),
            ]
            for table, records in tables:
                for record in records:
                    tx.put(table, record)


def build_demo(
    repo: Repository,
    *,
    organizations: int = 60,
    seed: int = 7,
    today: date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Campaign:
    """Fill ``repo`` with a demo network in one write; returns the main campaign.

    About three history events per organization; a second campaign shares some
    organizations with the first, as real networks do.
    """
    demo = _Demo(organizations, seed, today or i18n.today())
    step = max(1, organizations // 100)
    for index in range(organizations):
        demo.add_organization(index)
        if progress is not None and (index + 1) % step == 0:
            progress(index + 1, organizations)
    demo.add_trainings()
    demo.add_visit_history()
    demo.write(repo)
    if progress is not None:
        progress(organizations, organizations)
    return demo.main
