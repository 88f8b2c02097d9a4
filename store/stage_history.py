"""The history's sentences for a change to a campaign's stages, read from the change itself.

A stage change is stored as a campaign edit (``stages: [before, after]``); the sentence is
worked out when it is shown, so it reads in the reader's language with the labels the
stages had then, and an undo (the same edit reversed) reads as the opposite change.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .i18n import _, language
from .models import Campaign
from .text import display_safe

STAGE_FIELDS = frozenset({"stages", "training_stage", "active_stage", "retired_stages"})
"""Campaign fields a stage change touches; the sentences below describe them instead of naming the fields."""


def stage_sentences(changes: Mapping[str, list[Any]], campaign: Campaign | None, name: str) -> list[str]:
    """What a campaign edit did to the stages of campaign ``name``, one sentence per change."""
    before, after = changes.get("stages", [None, None])
    stages = {**_by_key(before), **_by_key(after)}
    sentences = _list_sentences(_as_list(before), _as_list(after), name) if "stages" in changes else []
    special = {
        "training_stage": _("made {stage} the training stage of {campaign}"),
        "active_stage": _("made {stage} the active-partner stage of {campaign}"),
    }
    for field, sentence in special.items():
        if field in changes:
            key = str(changes[field][-1])
            sentences.append(sentence.format(stage=_label_of(stages, campaign, key), campaign=name))
    return sentences


def _as_list(value: Any) -> list[dict[str, Any]]:
    return [stage for stage in value if isinstance(stage, dict)] if isinstance(value, list) else []


def _by_key(value: Any) -> dict[str, dict[str, Any]]:
    return {str(stage.get("key")): stage for stage in _as_list(value)}


def _shown(stage: Mapping[str, Any]) -> str:
    labels = stage.get("labels") if isinstance(stage.get("labels"), dict) else {}
    return display_safe(str((labels or {}).get(language(), stage.get("label", stage.get("key", "")))))


def _label_of(stages: Mapping[str, dict[str, Any]], campaign: Campaign | None, key: str) -> str:
    if key in stages:
        return _shown(stages[key])
    known = campaign.known_stage(key) if campaign is not None else None
    return display_safe(known.label_in(language())) if known else display_safe(key)


def _list_sentences(before: list[dict[str, Any]], after: list[dict[str, Any]], name: str) -> list[str]:
    old, new = _by_key(before), _by_key(after)
    sentences = [
        _("added stage {stage} to {campaign}").format(stage=_shown(stage), campaign=name)
        for key, stage in new.items()
        if key not in old
    ]
    sentences += [
        _("removed stage {stage} from {campaign}").format(stage=_shown(stage), campaign=name)
        for key, stage in old.items()
        if key not in new
    ]
    for key, stage in new.items():
        if key in old and old[key] != stage:
            sentences.append(_renamed(old[key], stage, name))
    sentences += _moved(list(old), list(new), new, name)
    return sentences


def _renamed(before: dict[str, Any], after: dict[str, Any], name: str) -> str:
    if _shown(before) != _shown(after):
        return _("renamed stage {before} to {after} in {campaign}").format(
            before=_shown(before), after=_shown(after), campaign=name
        )
    return _("changed the labels of stage {stage} in other languages in {campaign}").format(
        stage=_shown(after), campaign=name
    )


def _moved(old: list[str], new: list[str], stages: Mapping[str, dict[str, Any]], name: str) -> list[str]:
    """The stage that changed place, when the same stages are there in another order."""
    kept_old = [key for key in old if key in stages]
    kept_new = [key for key in new if key in old]
    if kept_old == kept_new:
        return []
    for key in kept_new:
        if [k for k in kept_old if k != key] == [k for k in kept_new if k != key]:
            return [
                _("moved stage {stage} to position {n} of {campaign}").format(
                    stage=_shown(stages[key]), n=new.index(key) + 1, campaign=name
                )
            ]
    return [_("reordered the stages of {campaign}").format(campaign=name)]
