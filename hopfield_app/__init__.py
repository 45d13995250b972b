"""Shared UI pieces for the pages: state, controls, views, player, image input."""
