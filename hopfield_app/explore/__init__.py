"""The Explore pages: weights, capacity, basins and attractors."""
