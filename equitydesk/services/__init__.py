"""Services: every job a user can do, one transaction each, shared by the window and the command line."""
