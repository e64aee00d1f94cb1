"""The Qt face of EquityDesk: windows, pages, dialogs and item models over the services (PySide6 only here)."""
