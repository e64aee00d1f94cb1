"""Printable PDF documents built with reportlab on embedded Unicode fonts."""
