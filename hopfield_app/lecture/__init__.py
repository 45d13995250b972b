"""The lecture kit: share a Playground experiment by link or file, export a run for
slides and papers, and present it full-screen."""
