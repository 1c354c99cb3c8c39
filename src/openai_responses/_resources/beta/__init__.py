"""Handlers of ``beta.*``: the Assistants API (assistants, threads, messages, runs, run steps)."""
