"""Roster › Erase person…: the confirmation that names the person and what stays in backups, then the erase."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QCheckBox, QMessageBox, QWidget

from equitydesk.gui.jobs import user_message
from equitydesk.gui.workspace import Change
from equitydesk.services.errors import DomainError

if TYPE_CHECKING:
    from equitydesk.gui.workspace import Workspace
    from equitydesk.services.erasure import ErasureResult


@dataclass(frozen=True)
class EraseAnswer:
    erase: bool
    purge_backups: bool = False


def confirm_erase(parent: QWidget | None, name: str, holding: int) -> EraseAnswer:
    """Ask: names the person, says it cannot be undone, how many backups hold them, and offers to purge those."""
    box = QMessageBox(parent)
    box.setObjectName("eraseConfirmation")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Erase person")
    box.setText(
        f"Erase {name} for good? Their record, memberships, attendance and change history are removed and no trace "
        "of them is left in the database file; action items they own stay, owned by 'Former member'. "
        "This cannot be undone."
    )
    backups = "1 backup still holds" if holding == 1 else f"{holding} backups still hold"
    box.setInformativeText(
        f"{backups} them, and the backup made now, just before erasing, will too. Archive instead to only hide "
        "them from the roster."
    )
    purge = QCheckBox("Remove them from the backups too (each backup is rewritten without them, and checked)")
    purge.setObjectName("purgeBackupsCheck")
    box.setCheckBox(purge)
    erase = box.addButton("Erase", QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.exec()
    return EraseAnswer(erase=box.clickedButton() is erase, purge_backups=purge.isChecked())


def erase_person(
    parent: QWidget, workspace: Workspace, person_id: int, *, done: Callable[[str], None] | None = None
) -> bool:
    """Confirm, then erase on the job lane; False when the user kept them. `done` gets the sentence to show."""
    people = workspace.services.people
    try:
        name = people.get(person_id).display_name
        holding = people.backups_holding(person_id=person_id)
    except DomainError as error:
        QMessageBox.warning(parent, "Erase person", error.message)
        return False
    answer = confirm_erase(parent, name, holding)
    if not answer.erase:
        return False

    def said(result: ErasureResult) -> None:
        text = f"Erased {result.name}."
        if result.backups_purged:
            text += f" {_backups(result.backups_purged)} rewritten without them."
        if result.backups_holding:
            text += f" {_backups(result.backups_holding)} still hold them (File › Backups…)."
        if not result.checkpointed:
            text += " Another program has the database open, so traces may stay in its -wal file until it closes."
        if done is not None:
            done(text)

    def failed(error: BaseException) -> None:
        QMessageBox.warning(parent, "Erase person", user_message(error))

    workspace.op(
        parent,
        lambda s: s.people.erase(person_id=person_id, purge_backups=answer.purge_backups),
        changes=(Change.PEOPLE, Change.MEMBERSHIPS, Change.MEETINGS, Change.ACTIONS),
        title="Erase person",
    ).success(said).failure(failed).run()
    return True


def _backups(count: int) -> str:
    return "1 backup" if count == 1 else f"{count} backups"
