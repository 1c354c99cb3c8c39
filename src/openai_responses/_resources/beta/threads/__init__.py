"""Handlers of ``beta.threads.*``."""
