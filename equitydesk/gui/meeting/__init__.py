"""The meeting workspace: one meeting's schedule and its tabs (agenda, attendance, minutes and decisions, packet)."""
