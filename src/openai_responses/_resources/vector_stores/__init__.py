"""Handlers of ``vector_stores.*``."""
