"""Add or edit one person of the roster, on the Designer form ui/dialogs/person_dialog.ui."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QLineEdit, QPlainTextEdit, QWidget

from equitydesk.gui.dialogs.field_errors import FieldErrors
from equitydesk.gui.forms.ui_person_dialog import Ui_PersonDialog
from equitydesk.gui.jobs import user_message
from equitydesk.gui.workspace import ROSTER
from equitydesk.services.errors import DomainError

if TYPE_CHECKING:
    from equitydesk.gui.workspace import Workspace
    from equitydesk.services.registry import Services

# Service field -> widget on the form; the order is the form's.
FIELD_WIDGETS = {
    "given_name": "givenNameEdit",
    "family_name": "familyNameEdit",
    "preferred_name": "preferredNameEdit",
    "pronouns": "pronounsEdit",
    "email": "emailEdit",
    "phone": "phoneEdit",
    "organization": "organizationEdit",
    "languages": "languagesEdit",
    "interpreter_language": "interpreterLanguageEdit",
    "accessibility_needs": "accessibilityNeedsEdit",
    "notes": "notesEdit",
}


class PersonDialog(QDialog):
    """Saves through `people.create` / `people.update` on OK, on the job lane; an error keeps the dialog open
    beside its field, with everything typed still there."""

    saved = Signal(int)  # the person's id, after the write has committed

    def __init__(self, workspace: Workspace, person_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_PersonDialog()
        self.ui.setupUi(self)
        self.workspace = workspace
        people = workspace.services.people
        self.person_id = person_id
        self.widgets: dict[str, QLineEdit | QPlainTextEdit] = {
            name: getattr(self.ui, attr) for name, attr in FIELD_WIDGETS.items()
        }
        self.errors = FieldErrors(self.ui.errorLabel, self.widgets)
        self._loaded: dict[str, str] = {name: "" for name in FIELD_WIDGETS}
        if person_id is None:
            self.setWindowTitle("Add person")
        else:
            person = people.get(person_id)
            self.setWindowTitle(f"Edit {person.display_name}")
            self._loaded = {name: getattr(person, name) or "" for name in FIELD_WIDGETS}
            for name, text in self._loaded.items():
                self._set_text(name, text)
        self.ui.givenNameEdit.setFocus()

    def _set_text(self, name: str, text: str) -> None:
        widget = self.widgets[name]
        if isinstance(widget, QPlainTextEdit):
            widget.setPlainText(text)
        else:
            widget.setText(text)

    def text_of(self, name: str) -> str:
        widget = self.widgets[name]
        return widget.toPlainText() if isinstance(widget, QPlainTextEdit) else widget.text()

    def values(self) -> dict[str, Any]:
        """What the form holds now; for an existing person only what the user changed, so the log stays honest."""
        typed = {name: self.text_of(name) for name in FIELD_WIDGETS}
        if self.person_id is None:
            return {k: v for k, v in typed.items() if v.strip()}
        return {k: v for k, v in typed.items() if v != self._loaded[k]}

    @property
    def saving(self) -> bool:
        return not self.ui.buttonBox.isEnabled()

    def accept(self) -> None:
        if self.saving:
            return
        self.errors.clear()
        values, person_id = self.values(), self.person_id
        if person_id is not None and not values:
            super().accept()
            return

        def write(s: Services) -> int:
            person = s.people.create(**values) if person_id is None else s.people.update(person_id, **values)
            return int(person.id)

        def done(saved_id: int) -> None:
            self.person_id = saved_id
            self.saved.emit(saved_id)
            super(PersonDialog, self).accept()

        def failed(error: BaseException) -> None:
            self.errors.show(error if isinstance(error, DomainError) else DomainError(user_message(error)))

        self.ui.buttonBox.setEnabled(False)  # one save per press, even while it waits behind an import
        title = "Add person" if person_id is None else "Save person"
        self.workspace.op(self, write, changes=ROSTER, title=title).success(done).failure(failed).finally_(
            lambda: self.ui.buttonBox.setEnabled(True)
        ).run()

    def reject(self) -> None:
        if not self.saving:  # a save on its way cannot be called back; the dialog closes when it lands
            super().reject()
