"""The words people write in a spreadsheet for each choice of an organization, in Spanish and English.

Keys are folded (no case, no accents, see ``store.text.fold``) and stripped of punctuation and
spacing, so "Clínica jurídica", "clinica juridica" and "CLÍNICA JURÍDICA." are one key.
"""

from __future__ import annotations

ORGANIZATION_TYPES: dict[str, tuple[str, ...]] = {
    "human_rights_center": (
        "centro de derechos humanos", "derechos humanos", "ddhh", "cdh", "centro ddhh",
        "human rights center", "human-rights center", "human rights", "centro de derechos",
    ),
    "migrant_services": (
        "albergue", "albergue para migrantes", "casa del migrante", "casa de migrantes", "casa migrante",
        "servicios a migrantes", "atencion a migrantes", "migrantes", "migrant shelter", "shelter",
        "migrant services", "migrant shelter / services", "albergue / servicios a migrantes",
    ),
    "legal_clinic": (
        "clinica juridica", "clinica legal", "clinica de derechos", "despacho juridico", "bufete",
        "legal clinic", "legal aid",
    ),
    "community_network": (
        "red comunitaria", "organizacion comunitaria", "colectivo", "red", "comunitaria",
        "community network", "community organization", "grassroots",
    ),
    "faith_based": (
        "religiosa", "basada en la fe", "confesional", "pastoral", "iglesia", "parroquia",
        "faith-based", "faith based", "church",
    ),
    "union": (
        "sindicato", "sindical", "centro de trabajadores", "centro obrero", "sindicato / centro de trabajadores",
        "union", "labor union", "workers center", "workers' center", "union / workers' center",
    ),
    "womens_group": (
        "grupo de mujeres", "colectivo de mujeres", "organizacion de mujeres", "mujeres",
        "women's group", "womens group", "women",
    ),
    "environmental": ("ambiental", "ambientalista", "medio ambiente", "ecologista", "environmental"),
    "other": ("otro", "otra", "other"),
}  # fmt: skip

UNKNOWN_WORDS = ("", "?", "no se", "nose", "desconocido", "desconocida", "sin dato", "nd", "n/d", "s/d", "unknown")

LEGAL_CAPACITIES: dict[str, tuple[str, ...]] = {
    "in_house": (
        "area juridica", "area legal", "departamento juridico", "departamento legal", "equipo juridico",
        "abogados internos", "abogadas internas", "interna", "interno", "propia", "propio",
        "in-house", "in house", "in-house legal department", "legal department", "departamento juridico propio",
    ),
    "cooperating_attorneys": (
        "abogados colaboradores", "abogadas colaboradoras", "abogados externos", "abogados voluntarios",
        "abogadas voluntarias", "colaboradores", "externos", "pro bono",
        "cooperating attorneys", "volunteer attorneys", "outside attorneys",
    ),
    "none": ("no", "ninguna", "ninguno", "sin capacidad juridica", "sin", "none", "no legal capacity"),
    "unknown": UNKNOWN_WORDS,
}  # fmt: skip

OUTREACH_CAPACITIES: dict[str, tuple[str, ...]] = {
    "none": ("ninguna", "ninguno", "no", "none"),
    "local": ("local", "municipal", "comunitaria", "community"),
    "regional": ("regional", "estatal", "state"),
    "national": ("nacional", "national", "binacional", "binational", "internacional", "international"),
    "unknown": UNKNOWN_WORDS,
}  # fmt: skip

YES_NO: dict[str, tuple[str, ...]] = {
    "yes": ("si", "s", "yes", "y", "x", "1", "true", "verdadero", "✓", "✔"),
    "no": ("no", "n", "0", "false", "falso"),
    "unknown": UNKNOWN_WORDS,
}  # fmt: skip

MEXICAN_STATES: dict[str, tuple[str, ...]] = {
    "Aguascalientes": ("ags",),
    "Baja California": ("bc",),
    "Baja California Sur": ("bcs",),
    "Campeche": ("camp",),
    "Chiapas": ("chis",),
    "Chihuahua": ("chih",),
    "Ciudad de México": ("cdmx", "df", "distrito federal", "mexico city"),
    "Coahuila": ("coah", "coahuila de zaragoza"),
    "Colima": ("col",),
    "Durango": ("dgo",),
    "Estado de México": ("edomex", "edo mex", "edo de mexico", "mex", "mexico", "state of mexico"),
    "Guanajuato": ("gto",),
    "Guerrero": ("gro",),
    "Hidalgo": ("hgo",),
    "Jalisco": ("jal",),
    "Michoacán": ("mich", "michoacan de ocampo"),
    "Morelos": ("mor",),
    "Nayarit": ("nay",),
    "Nuevo León": ("nl",),
    "Oaxaca": ("oax",),
    "Puebla": ("pue",),
    "Querétaro": ("qro", "queretaro de arteaga"),
    "Quintana Roo": ("qroo", "qr"),
    "San Luis Potosí": ("slp",),
    "Sinaloa": ("sin",),
    "Sonora": ("son",),
    "Tabasco": ("tab",),
    "Tamaulipas": ("tamps", "tamp"),
    "Tlaxcala": ("tlax",),
    "Veracruz": ("ver", "veracruz de ignacio de la llave"),
    "Yucatán": ("yuc",),
    "Zacatecas": ("zac",),
}
"""Each state's name as written officially, with the abbreviations and older names people use."""
