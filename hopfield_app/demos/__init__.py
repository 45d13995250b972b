"""The Lecture demos: the catalogue (data and computations) and how a demo is drawn."""
