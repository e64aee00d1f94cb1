"""Dialogs that edit one record through a service, built on compiled Designer forms."""
