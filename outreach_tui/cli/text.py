"""Plain-text views shared by several commands: counts, a card's line, the board as text."""

from __future__ import annotations

from store import Board, Campaign, Card, Repository, shown_label
from store.i18n import _, format_date, format_number, ngettext

from ..display import off_board_label


def workers_text(count: int) -> str:
    return ngettext("{n} worker", "{n} workers", count).format(n=format_number(count))


def organizations_text(count: int) -> str:
    return ngettext("{n} organization", "{n} organizations", count).format(n=format_number(count))


def no_campaign_text(repo: Repository) -> str:
    return _("{path} has no campaign yet; create one with: outreach-tui campaign add NAME").format(path=repo.path)


def card_line(card: Card) -> str:
    org = card.organization
    parts = [org.name]
    if org.place.label():
        parts.append(org.place.label())
    parts.append(workers_text(org.workers))
    if card.placement.next_follow_up:
        parts.append(_("follow up {date}").format(date=format_date(card.placement.next_follow_up)))
    parts.append(org.id)
    return "  " + " · ".join(parts)


def board_lines(repo: Repository, campaign: Campaign | None) -> list[str]:
    """The board as text: per column its label, card count and workers reached, then its cards."""
    if campaign is None:
        return [no_campaign_text(repo)]
    board = repo.board(campaign.id)
    lines = [campaign.name, progress_line(board)]
    for column in board.columns:
        lines.append("")
        lines.append(
            f"{shown_label(column.stage)} · {organizations_text(len(column.cards))} · "
            + _("{workers} reached").format(workers=workers_text(column.workers))
        )
        lines.extend(card_line(card) for card in column.cards)
    if board.off_board:
        lines.extend(off_board_lines(board.off_board))
    return lines


def progress_line(board: Board) -> str:
    """The campaign's active partners and the workers they reach, beside its goals when it has them."""
    active, goals = board.active_partners, board.campaign.goals
    return _("Active partners ({stage}): {partners} · reaching {workers}").format(
        stage=shown_label(active.stage),
        partners=organizations_text(len(active.cards)) + _goal_text(goals.active_partners),
        workers=workers_text(active.workers) + _goal_text(goals.workers_reached),
    )


def _goal_text(goal: int | None) -> str:
    return " " + _("(goal: {goal})").format(goal=format_number(goal)) if goal is not None else ""


def off_board_lines(cards: list[Card]) -> list[str]:
    lines = ["", _("Off the board · {organizations}").format(organizations=organizations_text(len(cards)))]
    for card in cards:
        state = card.placement.off_board
        reason = f"{off_board_label(state.state)}: {state.reason}" if state else ""
        lines.append(f"  {card.organization.name} · {reason} · {card.id}")
    return lines


def campaign_status_label(status: str) -> str:
    return {"planning": _("planning"), "active": _("active"), "completed": _("completed")}.get(status, status)
