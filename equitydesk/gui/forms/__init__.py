"""Python generated from ui/**/*.ui by tools/compile_forms.py; edit the .ui files, never these."""
