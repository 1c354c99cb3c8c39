"""Handlers of ``beta.threads.runs.*``."""
