"""The models' attribute docstrings, as the descriptions of a JSON Schema's fields.

Pydantic can read them at class creation (``use_attribute_docstrings``), but that parses each
model's source when the module is imported: a fifth of starting the board. Only the snapshot's
JSON Schema shows them, so they are read when a schema is generated instead.
"""

from __future__ import annotations

import ast
import inspect
import textwrap
from functools import cache
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema


@cache
def attribute_docstrings(model: type[BaseModel]) -> dict[str, str]:
    """Each field's docstring (the string right after its annotated line), the model's own over its bases'."""
    found: dict[str, str] = {}
    for base in model.__bases__:
        if issubclass(base, BaseModel) and base is not BaseModel:
            found |= attribute_docstrings(base)
    body = ast.parse(textwrap.dedent(inspect.getsource(model))).body[0]
    assert isinstance(body, ast.ClassDef)
    for statement, following in zip(body.body, body.body[1:], strict=False):
        if (
            isinstance(statement, ast.AnnAssign)
            and isinstance(statement.target, ast.Name)
            and isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
        ):
            found[statement.target.id] = inspect.cleandoc(following.value.value)
    return found


class DescribedFields(GenerateJsonSchema):
    """A JSON Schema generator that describes each field with its attribute docstring."""

    def model_schema(self, schema: core_schema.ModelSchema) -> JsonSchemaValue:
        json_schema = super().model_schema(schema)
        model: type[BaseModel] = schema["cls"]
        properties: dict[str, Any] = json_schema.get("properties", {})
        for name, text in attribute_docstrings(model).items():
            if name in properties and "description" not in properties[name]:
                properties[name]["description"] = text
        return json_schema
