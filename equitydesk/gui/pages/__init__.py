"""The main window's pages, one per part of the committee's work (roster, meetings, action items, roadmap)."""
