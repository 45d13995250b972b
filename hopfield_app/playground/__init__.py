"""The Playground: memories, probe, settings and the run view."""
