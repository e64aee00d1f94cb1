"""EquityDesk: rosters, meetings, action items and roadmap tracking for school-district equity committees."""

__version__ = "0.1.0"
