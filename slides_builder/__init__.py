"""Trainer decks: PowerPoint files with speaker notes, rendered from the content model."""
