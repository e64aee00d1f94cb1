"""File formats EquityDesk reads and writes: spreadsheets, PDFs and calendars; no database access here."""
