"""Field descriptions in the snapshot's JSON Schema come from the models' attribute docstrings."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from store.field_docs import DescribedFields
from store.snapshot import snapshot_schema


class Described(BaseModel):
    model_config = ConfigDict(use_attribute_docstrings=True)

    name: str
    """The name."""
    count: int = 0
    """How many,
    said over two lines."""
    plain: str = ""
    ratio: float = 1.0
    """A ratio."""


class DescribedMore(Described):
    extra: str = ""
    """Only here."""


class Undescribed(BaseModel):
    name: str
    """The name."""
    count: int = 0
    """How many,
    said over two lines."""
    plain: str = ""
    ratio: float = 1.0
    """A ratio."""


class UndescribedMore(Undescribed):
    extra: str = ""
    """Only here."""


def without_titles(schema: dict[str, object]) -> dict[str, object]:
    return {key: value for key, value in schema.items() if key != "title"}


def test_the_descriptions_are_those_pydantic_reads_itself():
    assert without_titles(Undescribed.model_json_schema(schema_generator=DescribedFields)) == without_titles(
        Described.model_json_schema()
    )


def test_a_subclass_keeps_the_descriptions_of_the_fields_it_inherits():
    ours = UndescribedMore.model_json_schema(schema_generator=DescribedFields)
    assert without_titles(ours) == without_titles(DescribedMore.model_json_schema())
    assert ours["properties"]["count"]["description"] == "How many,\nsaid over two lines."


def test_the_snapshot_schema_describes_the_board_fields():
    schema = snapshot_schema()
    assert (
        schema["$defs"]["Place"]["properties"]["country"]["description"] == 'Country, e.g. "México" or "United States".'
    )
    # Inherited from Organization, as every organization of a snapshot is one.
    organization = schema["$defs"]["SnapshotOrganization"]["properties"]
    assert organization["aliases"]["description"] == "Acronyms and short names."
    assert "description" not in organization["place"]
    assert schema["properties"]["history_head"]["description"].startswith("The hash of the board's newest")
