"""Printable handouts: an nbconvert template turns the handout parts of a module into HTML,
and WeasyPrint (only in `pdf.py`) turns that into a one-to-two page US Letter PDF."""
