"""Realistic demo boards: organizations typical of the field, visits, trainings and history.

Deterministic for a seed and a reference day, so tests and snapshots can rely on it.
The organizations are invented; no real group or person is named.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from random import Random
from typing import Any

from .models import Campaign, Event, Organization, Placement, Stage, Training, Visit
from .repository import IdFactory, Repository

MAX_DEMO_ORGANIZATIONS = 20_000
"""The largest demo board ``build_demo`` is asked to make (the command line checks it)."""

PLACES: list[tuple[str, str, list[str]]] = [
    (
        "México",
        "Chiapas",
        ["Tapachula", "San Cristóbal de las Casas", "Tuxtla Gutiérrez", "Comitán", "Palenque", "Ocosingo"],
    ),
    ("México", "Oaxaca", ["Oaxaca de Juárez", "Juchitán", "Salina Cruz", "Ciudad Ixtepec", "Tuxtepec"]),
    ("México", "Baja California", ["Tijuana", "Mexicali", "Ensenada", "Tecate"]),
    ("México", "Chihuahua", ["Ciudad Juárez", "Chihuahua"]),
    ("México", "Tamaulipas", ["Matamoros", "Reynosa", "Nuevo Laredo"]),
    ("México", "Sonora", ["Nogales", "Agua Prieta", "San Luis Río Colorado"]),
    ("México", "Coahuila", ["Piedras Negras", "Acuña"]),
    ("México", "Tabasco", ["Tenosique", "Villahermosa"]),
    ("United States", "Texas", ["El Paso", "San Antonio", "Brownsville", "Laredo", "McAllen"]),
    ("United States", "California", ["San Diego", "Los Angeles", "Calexico"]),
    ("United States", "Arizona", ["Tucson", "Nogales"]),
]

SAINTS = [
    "San José",
    "Belén",
    "Guadalupe",
    "Santa Martha",
    "San Juan Diego",
    "Hermanos en el Camino",
    "La 72",
    "Jesús el Buen Pastor",
]
WORDS = [
    "Tierra y Libertad",
    "Nuevo Amanecer",
    "Voces del Sur",
    "Manos Unidas",
    "Semilla",
    "Raíces",
    "Caminos",
    "Esperanza Obrera",
    "Luna Nueva",
    "Xochitl",
]
INDUSTRIES = ["de la Maquila", "del Vestido", "Agrícola", "de la Industria Automotriz", "de Trabajadoras del Hogar"]

TEMPLATES: dict[str, list[str]] = {
    "human_rights_center": [
        "Centro de Derechos Humanos {word}",
        "Comité de Derechos Humanos de {city}",
        "{city} Human Rights Center",
    ],
    "migrant_services": ["Casa del Migrante {saint}", "Albergue {saint}", "Border Migrant Services of {city}"],
    "legal_clinic": ["Clínica Jurídica {word}", "Workers' Legal Clinic of {city}", "Defensoría Laboral de {city}"],
    "community_network": ["Red Comunitaria {word}", "Colectivo {word}", "{city} Community Network"],
    "faith_based": [
        "Pastoral Social de {city}",
        "Pastoral de Movilidad Humana {saint}",
        "Interfaith Worker Justice {city}",
    ],
    "union": ["Sindicato Independiente {industry}", "Workers' Center of {city}", "Coalición Obrera {word}"],
    "womens_group": [
        "Colectiva de Mujeres {word}",
        "Grupo de Mujeres Trabajadoras de {city}",
        "Mujeres Obreras {word}",
    ],
    "environmental": ["Frente Ambiental {word}", "Environmental Health Coalition of {city}"],
}
TYPES = list(TEMPLATES)
TYPE_WEIGHTS = [22, 18, 12, 16, 10, 10, 8, 4]

ACRONYM_SKIP = {"de", "del", "la", "las", "los", "y", "of", "the", "en", "el"}

COORDINATORS = ["ana", "luis", "maria", "jorge", "sam"]
TRAINERS = ["lucia", "pedro", "beatriz"]
TOPICS = [
    "Derechos laborales básicos",
    "Documentar violaciones laborales",
    "Workers' rights across the border",
    "Acompañamiento legal a trabajadores migrantes",
    "Salud y seguridad en la maquila",
]
FINDINGS = [
    "Equipo jurídico con dos abogadas; interés en capacitar promotores comunitarios.",
    "Strong outreach in the colonias; no legal staff, works with cooperating attorneys.",
    "Atienden a cientos de personas migrantes al mes; piden materiales en español y tsotsil.",
    "Small team, stretched thin; revisit after the rainy season.",
    "Programa de educación popular activo en tres municipios.",
]
RECOMMENDATIONS = [
    "Invite to next training",
    "Visitar de nuevo en un mes",
    "Propose partnership agreement",
    "Not now",
    "Connect with legal clinic",
]
LANGUAGES = [
    ["es"],
    ["es", "en"],
    ["es", "tzotzil"],
    ["es", "tzeltal"],
    ["es", "zapoteco"],
    ["en", "es"],
    ["es", "mixteco"],
]
TAGS = ["maquila", "agro", "frontera", "trabajo del hogar", "salud", "jóvenes", "indígena", "retorno"]
OFF_BOARD_REASONS = {
    "not_a_fit": [
        "Sin capacidad de acompañamiento legal por ahora",
        "Focus is housing, not labor rights",
        "Ya trabajan con otra red",
    ],
    "paused": ["Cambio de dirección; retomar en seis meses", "Funding gap until next year", "Equipo en reestructura"],
}


def _acronym(name: str) -> str:
    letters = [w[0] for w in name.replace("'", " ").split() if w.lower() not in ACRONYM_SKIP and w[0].isalpha()]
    return "".join(letters).upper()[:8]


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
    rng = Random(seed)
    ids = IdFactory(Random(seed + 1))
    today = today or date.today()
    base = datetime.combine(today, time(15, 0), tzinfo=UTC)
    events: list[Event] = []

    def at(days_ago: float) -> datetime:
        return (base - timedelta(days=days_ago)).replace(microsecond=0)

    def event(kind: str, entity: str, entity_id: str, when: datetime, actor: str, **fields: Any) -> None:
        events.append(
            Event(
                id=ids.new("ev"),
                group=ids.new("grp"),
                at=when,
                actor=actor,
                kind=kind,  # type: ignore[arg-type]
                entity=entity,  # type: ignore[arg-type]
                entity_id=entity_id,
                **fields,
            )
        )

    main = Campaign(
        id=ids.new("cmp"),
        name="Derechos laborales: Chiapas y la frontera 2026",
        description="Identify, visit and train human-rights and migrant-service organizations "
        "so they can take labor cases and educate workers.",
        goals={"active_partners": max(5, organizations // 6), "workers_reached": max(5000, organizations * 400)},
        status="active",
        created_at=at(300),
        updated_at=at(300),
    )
    second = Campaign(
        id=ids.new("cmp"),
        name="Maquiladora justice tour 2027",
        description="Border tour with member groups on both sides.",
        stages=[
            Stage(key="contacted", label="Contacted"),
            Stage(key="trained", label="Trained"),
            Stage(key="active", label="Active partner"),
        ],
        goals={"active_partners": 10},
        status="planning",
        created_at=at(40),
        updated_at=at(40),
    )
    event("campaign_created", "campaign", main.id, main.created_at, "ana", campaign_id=main.id, version_after=1)
    event("campaign_created", "campaign", second.id, second.created_at, "sam", campaign_id=second.id, version_after=1)

    orgs: list[Organization] = []
    placements: list[Placement] = []
    visits: list[Visit] = []
    trainings: list[Training] = []
    used_names: dict[str, int] = {}
    stage_weights = [50, 30, 20]
    trained_pool: list[tuple[Organization, Placement]] = []
    step = max(1, organizations // 100)

    for index in range(organizations):
        kind = rng.choices(TYPES, TYPE_WEIGHTS)[0]
        country, state, cities = rng.choice(PLACES)
        city = rng.choice(cities)
        name = rng.choice(TEMPLATES[kind]).format(
            word=rng.choice(WORDS), city=city, saint=rng.choice(SAINTS), industry=rng.choice(INDUSTRIES)
        )
        count = used_names.get(name, 0)
        used_names[name] = count + 1
        if count == 1:
            name = f"{name} ({city})"
        elif count > 1:
            name = f"{name} ({city}, {count})"
        created = at(rng.uniform(30, 290))
        legal = rng.choices(["in_house", "cooperating_attorneys", "none", "unknown"], [25, 30, 30, 15])[0]
        if kind == "legal_clinic":
            legal = "in_house"
        migrants = "yes" if kind == "migrant_services" else rng.choices(["yes", "no", "unknown"], [35, 40, 25])[0]
        workers = rng.choice([80, 150, 300, 500, 800, 1200, 2500, 4000])
        org = Organization(
            id=ids.new("org"),
            name=name,
            aliases=[_acronym(name)] if rng.random() < 0.6 else [],
            type=kind,  # type: ignore[arg-type]
            place={"country": country, "state": state, "municipality": city},
            legal_capacity=legal,  # type: ignore[arg-type]
            outreach_capacity=rng.choices(["local", "regional", "national", "none", "unknown"], [40, 30, 8, 7, 15])[0],  # type: ignore[arg-type]
            education_program=rng.choices(["yes", "no", "unknown"], [45, 35, 20])[0],  # type: ignore[arg-type]
            works_with_migrants=migrants,  # type: ignore[arg-type]
            languages=rng.choice(LANGUAGES),
            workers_reached={"estimate": workers, "basis": "self-reported at first contact", "as_of": created.date()},
            tags=rng.sample(TAGS, rng.randint(0, 2)),
            notes="",
            contacts=[{"name": f"Coordinación {city}", "role": "coordinación", "email": ""}]
            if rng.random() < 0.3
            else [],
            created_at=created,
            updated_at=created,
        )
        orgs.append(org)
        coordinator = rng.choice(COORDINATORS)
        event(
            "organization_added", "organization", org.id, created, coordinator, organization_id=org.id, version_after=1
        )

        stage = rng.choices(["contacted", "trained", "active"], stage_weights)[0]
        since = at(rng.uniform(1, (base - created).days or 1))
        version = 1 if stage == "contacted" else (2 if stage == "trained" else 3)
        follow_up = today + timedelta(days=rng.randint(-20, 45)) if rng.random() < 0.7 else None
        off_board = None
        if rng.random() < 0.05:
            state_key = rng.choice(["not_a_fit", "paused"])
            off_board = {"state": state_key, "reason": rng.choice(OFF_BOARD_REASONS[state_key])}
            version += 1
            follow_up = None
        placement = Placement(
            id=ids.new("card"),
            organization_id=org.id,
            campaign_id=main.id,
            stage=stage,
            off_board=off_board,
            stage_since=since,
            owner=coordinator,
            next_follow_up=follow_up,
            version=version,
            updated_at=since,
            updated_by=coordinator,
        )
        placements.append(placement)
        event(
            "placed",
            "placement",
            placement.id,
            created,
            coordinator,
            organization_id=org.id,
            campaign_id=main.id,
            to_stage="contacted",
            version_after=1,
        )
        if stage != "contacted":
            trained_pool.append((org, placement))
            event(
                "moved",
                "placement",
                placement.id,
                since,
                rng.choice(TRAINERS),
                organization_id=org.id,
                campaign_id=main.id,
                from_stage="contacted" if stage == "trained" else "trained",
                to_stage=stage,
                changes={"stage": ["contacted" if stage == "trained" else "trained", stage]},
                version_after=version if off_board is None else version - 1,
            )
        if off_board is not None:
            event(
                "off_board",
                "placement",
                placement.id,
                since,
                coordinator,
                organization_id=org.id,
                campaign_id=main.id,
                from_stage=stage,
                reason=off_board["reason"],
                version_after=version,
            )
        if rng.random() < 0.4:
            visit_day = since.date() - timedelta(days=rng.randint(3, 20))
            visit = Visit(
                id=ids.new("vis"),
                organization_id=org.id,
                campaign_id=main.id,
                date=visit_day,
                visitors=[coordinator, rng.choice(TRAINERS)],
                people_met=["Dirección", "Área jurídica"] if legal == "in_house" else ["Coordinación"],
                findings=rng.choice(FINDINGS),
                fit=rng.randint(2, 5),
                recommendation=rng.choice(RECOMMENDATIONS),
                next_follow_up=follow_up,
                created_at=at((base.date() - visit_day).days),
                created_by=coordinator,
            )
            visits.append(visit)
        if index < organizations // 10 and index % 2 == 0:
            extra = Placement(
                id=ids.new("card"),
                organization_id=org.id,
                campaign_id=second.id,
                stage="contacted",
                stage_since=at(rng.uniform(1, 39)),
                owner="sam",
                updated_at=at(1),
                updated_by="sam",
            )
            placements.append(extra)
        if progress is not None and (index + 1) % step == 0:
            progress(index + 1, organizations)

    for start in range(0, len(trained_pool), 12):
        group = trained_pool[start : start + 12]
        when = min(p.stage_since for _o, p in group)
        training = Training(
            id=ids.new("trn"),
            campaign_id=main.id,
            date=when.date(),
            place=group[0][0].place.label(),
            trainers=rng.sample(TRAINERS, 2),
            topic=rng.choice(TOPICS),
            attendance=[{"organization_id": o.id, "attendees": rng.randint(1, 4)} for o, _p in group],
            created_at=when,
            created_by=rng.choice(TRAINERS),
        )
        trainings.append(training)
        event(
            "training_recorded",
            "training",
            training.id,
            when,
            training.created_by,
            campaign_id=main.id,
            version_after=1,
        )

    for visit in visits:
        event(
            "visit_logged",
            "visit",
            visit.id,
            visit.created_at,
            visit.created_by,
            organization_id=visit.organization_id,
            campaign_id=main.id,
            version_after=1,
        )
    events.sort(key=lambda e: e.at)

    with repo.bulk() as tx:
        for campaign in (main, second):
            tx.put("campaigns", campaign)
        for record in orgs:
            tx.put("organizations", record)
        for record in placements:
            tx.put("placements", record)
        for record in visits:
            tx.put("visits", record)
        for record in trainings:
            tx.put("trainings", record)
        for record in events:
            tx.put("events", record)
    if progress is not None:
        progress(organizations, organizations)
    return main
