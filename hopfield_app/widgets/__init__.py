"""Page-independent widgets: the frame player and the drawing grid."""
