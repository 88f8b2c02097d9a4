"""Names, places and phrases demo boards are made of: typical of the field, all invented."""

from __future__ import annotations

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
