"""Charts drawn once as reportlab Drawings: into PDFs as they are, into the window as SVG."""
