"""The dimmed screen behind a dialog, drawn again only when that screen changed.

Textual draws a modal screen's translucent background by rendering the whole screen behind
it and tinting every segment, each time the modal itself is repainted: a dialog opening lays
itself out a few times, and each layout repainted the whole board behind it (tens of
milliseconds at 120x40). What is behind changes only when the screen behind reports changed
regions (Textual passes them on as a refresh of the modal with those regions), or when the
modal comes back on top; until then the tinted lines are kept.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.segment import Segment
from rich.style import Style as RichStyle
from textual.color import Color
from textual.css.styles import RulesMap
from textual.renderables.background_screen import BackgroundScreen
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, RichVisual, Visual
from textual.widget import Widget


class TintedScreen(BackgroundScreen):
    """Textual's tinted screen behind a modal, each style tinted once per paint rather than per segment.

    A board of 120x40 has a few thousand segments and a few dozen styles: blending two colours
    for every segment was most of what drawing the dimmed board again cost.
    """

    @classmethod
    def process_segments(cls, segments: Iterable[Segment], color: Color) -> Iterable[Segment]:
        tint = super().process_segments
        tinted: dict[RichStyle | None, RichStyle | None] = {}
        for segment in segments:
            text, style, control = segment
            if control:
                yield segment
                continue
            if style not in tinted:
                tinted[style] = next(iter(tint([Segment(" ", style)], color))).style
            yield Segment(text, tinted[style])


class BackdropCache:
    """The tinted lines of the screen behind, for one size and look; ``clear`` when it changed."""

    def __init__(self) -> None:
        self.key: tuple[object, ...] | None = None
        self.strips: list[Strip] = []

    def clear(self) -> None:
        self.key = None
        self.strips = []


class Backdrop(Visual):
    """Renders ``behind`` through ``cache``: the same size and tint reuse the kept lines."""

    def __init__(self, widget: Widget, behind: BackgroundScreen, cache: BackdropCache) -> None:
        self._behind = behind
        self._rich = RichVisual(widget, TintedScreen(behind.screen, behind.color))
        self._cache = cache

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return container_width

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self._rich.get_height(rules, width)

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        key = (self._behind.screen, self._behind.color, width, height, style)
        cache = self._cache
        if options.selection is not None:
            return self._rich.render_strips(width, height, style, options)
        if cache.key != key:
            cache.strips = self._rich.render_strips(width, height, style, options)
            cache.key = key
        return list(cache.strips)
