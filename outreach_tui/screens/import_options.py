"""Step 4 of the import: the campaign whose board gets the cards, the stage of new cards, and what a row
that is already on the board does. Going on makes the dry run (in a worker: a large file takes a moment)."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import Select, Static

from store import Campaign, StoreError
from store.i18n import N_, _, format_number, ngettext
from store.spreadsheets.importing import ImportRequest
from store.spreadsheets.plan import ImportPlan
from store.stages import shown_label

from .import_wizard import ImportDraft, WizardStep, cut

ON_DUPLICATE_LABELS = (
    ("skip", N_("Leave the board's record as it is (skip the row)")),
    ("fill", N_("Fill only the board's empty fields")),
    ("update", N_("Update the board's record with the file's values")),
)


def request_of(draft: ImportDraft) -> ImportRequest:
    assert draft.mapping is not None
    return ImportRequest(draft.mapping, draft.campaign_id, draft.stage, draft.on_duplicate)


class ImportOptionsStep(WizardStep):
    """Campaign, stage and duplicates, each a list; ctrl+n makes the dry run."""

    STEP = 3
    AUTO_FOCUS = "#import-campaign"

    def compose_body(self) -> ComposeResult:
        draft = self.draft
        campaigns = [(cut(campaign.name, 60), campaign.id) for campaign in draft.repo.campaigns()]
        if draft.campaign_id is None and campaigns:
            draft.campaign_id = campaigns[0][1]
        yield Static(_("Campaign whose board gets the cards:"), classes="import-label")
        yield Select(campaigns, value=draft.campaign_id or Select.BLANK, compact=True, id="import-campaign")
        yield Static(_("Stage of the new cards (when a row names none):"), classes="import-label")
        yield Select(self.stage_choices(), value=draft.stage or Select.BLANK, compact=True, id="import-stage")
        yield Static(_("A row whose organization is already on the board:"), classes="import-label")
        duplicates = [(_(label), value) for value, label in ON_DUPLICATE_LABELS]
        yield Select(duplicates, value=draft.on_duplicate, allow_blank=False, compact=True, id="import-duplicates")
        yield Static(
            Text(_("Nothing is written yet: ctrl+n shows what the import would do, row by row.")),
            classes="import-hint",
        )

    def campaign(self) -> Campaign | None:
        if self.draft.campaign_id is None:
            return None
        try:
            return self.draft.repo.campaign(self.draft.campaign_id)
        except StoreError:
            return None

    def stage_choices(self) -> list[tuple[Text, str]]:
        campaign = self.campaign()
        stages = campaign.stages if campaign is not None else []
        if self.draft.stage not in {stage.key for stage in stages}:
            self.draft.stage = stages[0].key if stages else None
        return [(cut(shown_label(stage), 60), stage.key) for stage in stages]

    @on(Select.Changed)
    def _changed(self, event: Select.Changed) -> None:
        value = None if event.value == Select.BLANK else str(event.value)
        if event.select.id == "import-campaign" and value != self.draft.campaign_id:
            self.draft.campaign_id = value
            stage = self.query_one("#import-stage", Select)
            stage.set_options(self.stage_choices())
            if self.draft.stage is not None:
                stage.value = self.draft.stage
        elif event.select.id == "import-stage":
            self.draft.stage = value
        elif event.select.id == "import-duplicates" and value in ("skip", "fill", "update"):
            self.draft.on_duplicate = value  # type: ignore[assignment]

    def action_next(self) -> None:
        table = self.draft.table
        assert table is not None
        self.say(_("Checking {rows}…").format(rows=rows_text(len(table.rows))), error=False)
        self.query_one("#dialog").loading = True
        self.run_worker(self.plan_in_thread, thread=True, exclusive=True, group="import-plan")

    def plan_in_thread(self) -> None:
        """In a worker thread: reports only through ``call_from_thread``."""
        assert self.draft.table is not None
        outcome: ImportPlan | StoreError
        try:
            outcome = self.draft.repo.plan_spreadsheet(self.draft.table, request_of(self.draft))
        except StoreError as error:
            outcome = error
        self.app.call_from_thread(self.planned, outcome)

    def planned(self, outcome: ImportPlan | StoreError) -> None:
        from .import_dry_run import ImportDryRunStep

        self.query_one("#dialog").loading = False
        if isinstance(outcome, StoreError):
            self.say(str(outcome))
            return
        self.say("")
        self.draft.plan = outcome
        self.forward(ImportDryRunStep(self.draft))


def rows_text(n: int) -> str:
    return ngettext("{n} row", "{n} rows", n).format(n=format_number(n))
