"""The participant book: Jupyter Book (Sphinx) pages generated from the content model."""
