"""Documents as plain data (sections, paragraphs, tables, charts), assembled once and rendered by several renderers."""
