"""The language can change while the app runs: keys, help and palette follow it."""

from __future__ import annotations

import ast
import gettext
from pathlib import Path
from typing import Any

import pytest
from textual.screen import Screen

import outreach_tui
import store.i18n
from outreach_tui import bindings
from tests.app.harness import SIZE, RecordingApp, run, screen_text, wait_for


class FakeSpanish(gettext.NullTranslations):
    """A few words of Spanish, enough to see each place that must follow the switch."""

    WORDS = {
        "Help": "Ayuda",
        "Quit": "Salir",
        "Details": "Detalles",
        "Next stage": "Siguiente etapa",
        "Filter": "Filtro",
        "Close": "Cerrar",
        "Card": "Tarjeta",
        "Follow-up overdue": "Seguimiento vencido",
    }

    def gettext(self, message: str) -> str:
        return self.WORDS.get(message, message)


@pytest.fixture
def fake_catalog(monkeypatch: pytest.MonkeyPatch) -> None:
    """``set_language("es")`` finds FakeSpanish, as it would find the installed catalog."""
    real = gettext.translation

    def translation(domain: str, localedir: Any = None, languages: Any = None, **kwargs: Any) -> Any:
        if languages == ["es"]:
            return FakeSpanish()
        return real(domain, localedir, languages, **kwargs)

    monkeypatch.setattr(store.i18n.gettext, "translation", translation)


def test_help_rows_and_palette_titles_are_translated_when_built(fake_catalog):
    store.i18n.set_language("es")
    assert ("?", "Ayuda") in bindings.help_rows()
    assert ("!", "Seguimiento vencido") in bindings.help_rows()
    assert "Tarjeta: Siguiente etapa" in [bindings.palette_title(b) for b in bindings.all_bindings()]


def test_the_footer_follows_a_change_of_language_without_a_restart(repo, fake_catalog):
    async def scenario() -> None:
        app = RecordingApp(repo, watch_interval=None)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert "Details" in screen_text(app) and "Detalles" not in screen_text(app)
            store.i18n.set_language("es")
            app.screen.refresh_bindings()
            assert await wait_for(pilot, lambda: "Detalles" in screen_text(app))
            assert "Siguiente etapa" in screen_text(app) and "Filtro" in screen_text(app)

    run(scenario())


def test_every_screen_of_the_app_shows_its_keys_in_the_current_language():
    import outreach_tui.forms
    import outreach_tui.screens  # noqa: F401  (imports every screen)
    from outreach_tui.app import OutreachApp  # noqa: F401
    from outreach_tui.translated import TranslatedBindings

    def subclasses(cls: type) -> list[type]:
        return [cls, *(found for sub in cls.__subclasses__() for found in subclasses(sub))]

    ours = [cls for cls in subclasses(Screen) if cls.__module__.startswith("outreach_tui.")]
    assert len(ours) >= 10
    assert [cls for cls in ours if not issubclass(cls, TranslatedBindings)] == []


def test_no_text_of_the_app_is_translated_at_import_time():
    """``_()`` outside a function runs once, in the language of that moment: such text is marked ``N_``."""
    root = Path(outreach_tui.__file__).parent
    found = []
    for path in sorted(root.rglob("*.py")):
        if "cli" in path.relative_to(root).parts:
            continue  # the command line runs once per language; its text is built when it runs
        found += [f"{path.name}:{line}" for line in import_time_calls(ast.parse(path.read_text()))]
    assert found == []


def import_time_calls(node: ast.AST) -> list[int]:
    """Lines where ``_(...)`` or ``ngettext(...)`` runs when the module is imported."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "ngettext"):
        return [node.lineno]
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
        # A body runs when called; its defaults and decorators run now.
        eager = [*node.args.defaults, *(d for d in node.args.kw_defaults if d is not None)]
        eager += [] if isinstance(node, ast.Lambda) else node.decorator_list
        return [line for expression in eager for line in import_time_calls(expression)]
    return [line for child in ast.iter_child_nodes(node) for line in import_time_calls(child)]


def test_the_import_time_check_sees_class_bodies_defaults_and_decorators():
    source = """
X = _("a")
class C:
    B = [Binding("q", "quit", _("b"))]
    def f(self, d=_("c")):
        return _("in a body")
@decorate(_("e"))
def g():
    return lambda: _("in a lambda")
"""
    assert import_time_calls(ast.parse(source)) == [2, 4, 5, 7]
