"""The roster import wizard and the Undo an import dialog: a feature package around one ImportState."""

from equitydesk.gui.roster_import.undo_dialog import open_undo_import
from equitydesk.gui.roster_import.wizard import open_import_wizard

__all__ = ["open_import_wizard", "open_undo_import"]
