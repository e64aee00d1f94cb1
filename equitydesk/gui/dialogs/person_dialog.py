"""Add or edit one person of the roster, on the Designer form ui/dialogs/person_dialog.ui."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QLineEdit, QPlainTextEdit, QWidget

from equitydesk.gui.dialogs.field_errors import FieldErrors
from equitydesk.gui.forms.ui_person_dialog import Ui_PersonDialog
from equitydesk.gui.jobs import Op, user_message
from equitydesk.gui.workspace import ROSTER
from equitydesk.services.errors import DomainError

if TYPE_CHECKING:
    from equitydesk.gui.workspace import Workspace

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

        def done(saved_id: int) -> None:
            self.person_id = saved_id
            self.saved.emit(saved_id)
            super(PersonDialog, self).accept()

        def failed(error: BaseException) -> None:
            self.errors.show(error if isinstance(error, DomainError) else DomainError(user_message(error)))

        self.ui.buttonBox.setEnabled(False)  # one save per press, even while it waits behind an import
        self._save(values, person_id).success(
            lambda r: done(person_id if person_id is not None else int(r.id))
        ).failure(failed).finally_(lambda: self.ui.buttonBox.setEnabled(True)).run()

    def _save(self, values: dict[str, Any], person_id: int | None) -> Op[Any]:
        """The save as one undoable edit: adding is undone by undo_create, editing by editing back."""
        name = self._name(values)
        if person_id is None:
            return self.workspace.undoable(
                self,
                f"Add {name}",
                do=lambda s: s.people.create(**values),
                undo=lambda s, person: s.people.undo_create(person_id=person.id),
                redo=lambda s, undone: s.people.redo_create(undone=undone),
                changes=ROSTER,
                said=lambda undone: (
                    "" if undone.erased else f"{name} was archived, not erased: a record refers to them."
                ),
                title="Add person",
            )
        return self.workspace.undoable(
            self,
            f"Edit {name}",
            do=lambda s: s.people.edit(person_id, **values),
            undo=lambda s, edited: s.people.update(person_id, **edited.before),
            redo=lambda s, _record: s.people.edit(person_id, **values),
            changes=ROSTER,
            title="Save person",
        )

    def _name(self, values: dict[str, Any]) -> str:
        given = values.get("preferred_name") or values.get("given_name") or self._loaded.get("preferred_name")
        given = given or self._loaded.get("given_name") or ""
        family = values.get("family_name", self._loaded.get("family_name") or "")
        return " ".join(p for p in (given.strip(), family.strip()) if p) or "person"

    def reject(self) -> None:
        if not self.saving:  # a save on its way cannot be called back; the dialog closes when it lands
            super().reject()
