"""Untangle's core: the content model, the loader, the checks and the build that feeds the renderers."""
