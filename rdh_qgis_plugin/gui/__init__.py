"""Dock panels (Sources, Analysis, Publish): forms over the RDH Processing algorithms, run as tasks."""
