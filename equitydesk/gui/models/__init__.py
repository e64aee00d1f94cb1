"""Item models that page their rows from services, never holding a whole table in Python."""
