"""What every spreadsheet import shares, whatever its rows hold: rows and their problems, a plan, batches, undo."""
