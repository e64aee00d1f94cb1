"""Add or edit one person of the roster, on the Designer form ui/dialogs/person_dialog.ui."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QLineEdit, QPlainTextEdit, QWidget

from equitydesk.gui.dialogs.field_errors import FieldErrors
from equitydesk.gui.forms.ui_person_dialog import Ui_PersonDialog
from equitydesk.services.errors import DomainError

if TYPE_CHECKING:
    from equitydesk.services.roster import PersonService

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
    """Saves through `people.create` / `people.update` on OK; a DomainError keeps the dialog open beside its field."""

    saved = Signal(int)  # the person's id, after the write has committed

    def __init__(self, people: PersonService, person_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_PersonDialog()
        self.ui.setupUi(self)
        self.people = people
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

    def accept(self) -> None:
        self.errors.clear()
        values = self.values()
        try:
            if self.person_id is None:
                person = self.people.create(**values)
            elif values:
                person = self.people.update(self.person_id, **values)
            else:
                super().accept()
                return
        except DomainError as error:
            self.errors.show(error)
            return
        self.person_id = person.id
        self.saved.emit(person.id)
        super().accept()
