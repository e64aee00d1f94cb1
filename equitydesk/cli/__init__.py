"""The command line: the same jobs as the window, without one. See registry.py to add a command."""

from __future__ import annotations

from equitydesk.cli.base import Command, CommandContext, UsageError
from equitydesk.cli.registry import COMMANDS
from equitydesk.cli.runner import build_parser, main

__all__ = ["COMMANDS", "Command", "CommandContext", "UsageError", "build_parser", "main"]
