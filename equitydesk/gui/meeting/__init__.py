"""The meeting workspace: agenda, attendance, minutes and decisions, and the packet."""
