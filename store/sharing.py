"""Validated records sharing what they hold alike, so that a large board takes less memory.

Pydantic gives every record, and every model nested in one (a place, a contact, an
attendance), a set of the fields it was given (about 200 to 700 bytes each), and every
empty list or dict field a container of its own (56 or 64 bytes). On a board of 20,000
organizations that is about 20 MB of the copy in memory. The records are frozen and
nothing changes a record's containers in place (a changed record is a new one), so
records that set the same fields share one set of their names, and empty lists and
dicts are one list and one dict per opening.
"""

from __future__ import annotations

import functools
import typing
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel


@dataclass(slots=True)
class _Plan:
    """Which fields of a model hold containers that may be empty, and which may hold nested models."""

    containers: tuple[str, ...]
    nested: tuple[str, ...]


@dataclass(slots=True)
class _Shared:
    field_sets: dict[frozenset[str], set[str]] = field(default_factory=dict)
    empty_list: list[Any] = field(default_factory=list)
    empty_dict: dict[Any, Any] = field(default_factory=dict)


def share_field_sets(models: list[BaseModel]) -> None:
    """Let ``models`` (just validated) that set the same fields share one set of their names."""
    sets: dict[frozenset[str], set[str]] = {}
    for model in models:
        fields = model.__pydantic_fields_set__
        object.__setattr__(model, "__pydantic_fields_set__", sets.setdefault(frozenset(fields), fields))


def share_more(models: list[BaseModel]) -> None:
    """Let ``models`` (all of one class) share their empty containers, and the models nested in them all alike parts.

    About 0.2 s for the 110,000 records of a board of 20,000 organizations: made once the board is shown.
    """
    _share(models, _Shared(), top=False)


def _share(models: list[BaseModel], shared: _Shared, *, top: bool) -> None:
    if not models:
        return
    if top:
        sets = shared.field_sets
        for model in models:
            fields = model.__pydantic_fields_set__
            object.__setattr__(model, "__pydantic_fields_set__", sets.setdefault(frozenset(fields), fields))
    plan = _plan_of(type(models[0]))
    empty_list, empty_dict = shared.empty_list, shared.empty_dict
    for name in plan.containers:
        for model in models:
            values = model.__dict__
            value = values[name]
            if not value and value is not empty_list and value is not empty_dict:
                if type(value) is list:
                    values[name] = empty_list
                elif type(value) is dict:
                    values[name] = empty_dict
    by_class: dict[type[BaseModel], list[BaseModel]] = {}
    for name in plan.nested:
        for model in models:
            for inner in _models_in(model.__dict__[name]):
                by_class.setdefault(type(inner), []).append(inner)
    for inner_models in by_class.values():
        _share(inner_models, shared, top=True)


def _models_in(value: Any) -> Iterable[BaseModel]:
    if isinstance(value, BaseModel):
        return (value,)
    if isinstance(value, list):
        return [item for item in value if isinstance(item, BaseModel)]
    if isinstance(value, dict):
        return [item for item in value.values() if isinstance(item, BaseModel)]
    return ()


@functools.cache
def _plan_of(model: type[BaseModel]) -> _Plan:
    containers = tuple(name for name, info in model.model_fields.items() if info.default_factory in (list, dict))
    nested = tuple(name for name, info in model.model_fields.items() if _holds_models(info.annotation))
    return _Plan(containers, nested)


def _holds_models(annotation: Any) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return any(_holds_models(argument) for argument in typing.get_args(annotation))
