"""Meeting documents (packet, agenda, minutes) assembled once from the database as plain document data."""

from equitydesk.services.documents.service import DocumentService

__all__ = ["DocumentService"]
