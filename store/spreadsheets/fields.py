"""The fields a spreadsheet column can fill, with the headers people give them in Spanish and English.

A header matches a field when, folded (no case, accents or punctuation), it is the field's label
in any language this program speaks (so an export reads back as it was written) or one of the
other names listed here.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import N_, in_every_language


@dataclass(frozen=True)
class ImportField:
    key: str
    label: str
    """English source text; translated where shown, and matched in every language."""
    headers: tuple[str, ...] = ()
    """Other header names people use for it."""


FIELDS: tuple[ImportField, ...] = (
    ImportField("id", N_("Id"), ("identificador", "clave", "id de la organizacion")),
    ImportField("name", N_("Name"), (
        "nombre", "organizacion", "nombre de la organizacion", "organization", "organisation",
        "organization name", "razon social",
    )),
    ImportField("aliases", N_("Aliases"), ("siglas", "alias", "acronimo", "nombre corto", "short name", "acronym")),
    ImportField("type", N_("Type"), ("tipo", "tipo de organizacion", "organization type", "giro")),
    ImportField("country", N_("Country"), ("pais",)),
    ImportField("state", N_("State"), ("estado", "entidad", "entidad federativa", "departamento")),
    ImportField("municipality", N_("Municipality"), ("municipio", "ciudad", "localidad", "city", "town")),
    ImportField("legal_capacity", N_("Legal capacity"), (
        "capacidad juridica", "capacidad legal", "area juridica", "juridico",
    )),
    ImportField("outreach_capacity", N_("Outreach capacity"), ("capacidad de alcance", "alcance", "cobertura", "outreach")),
    ImportField("education_program", N_("Grassroots education program"), (
        "educacion popular", "programa de educacion", "programa educativo", "education program",
    )),
    ImportField("works_with_migrants", N_("Works with migrants"), (
        "trabaja con migrantes", "atiende migrantes", "atiende a personas migrantes", "migrantes", "migrants",
    )),
    ImportField("workers_reached", N_("Workers reached (est.)"), (
        "personas trabajadoras (est.)", "personas trabajadoras", "trabajadores", "trabajadoras",
        "personas alcanzadas", "workers reached", "workers",
    )),
    ImportField("languages", N_("Languages"), ("idiomas", "lenguas", "lenguas que habla")),
    ImportField("tags", N_("Tags"), ("etiquetas",)),
    ImportField("notes", N_("Notes"), ("notas", "observaciones", "comentarios", "comments")),
    ImportField("contact_name", N_("Contact"), ("contacto", "persona de contacto", "nombre del contacto", "contact name")),
    ImportField("contact_role", N_("Contact role"), ("cargo", "puesto", "role", "position")),
    ImportField("contact_phone", N_("Phone"), ("telefono", "tel", "celular", "whatsapp", "telephone", "mobile")),
    ImportField("contact_email", N_("Email"), ("correo", "correo electronico", "e-mail", "mail")),
    ImportField("stage", N_("Stage"), ("etapa", "fase")),
    ImportField("next_follow_up", N_("Next follow-up"), (
        "seguimiento", "proximo seguimiento", "fecha de seguimiento", "follow-up", "follow up",
    )),
    ImportField("owner", N_("Owner"), ("responsable", "encargado", "encargada")),
)  # fmt: skip

FIELD_BY_KEY = {field.key: field for field in FIELDS}


def header_names(field: ImportField) -> tuple[str, ...]:
    """Every header that names ``field``: its label in each language, then the other names."""
    return (*in_every_language(field.label), *field.headers)
