"""The Playground, one module per thing on screen.

keys       widget keys, limits, the one-line message after an action
session    widget defaults; a demo's scenario loaded into the Playground
grid       the grid size, converting stored memories to another size
memories   ① Memories: built-in sets, the drawing, the gallery (store: add/remove)
upload     an uploaded picture, binarised on the grid
probe      ② Probe: the start state and its corruption
settings   ③ Settings: rule, update mode, run options and their explanations
run        the Run button and the computation of a run
run_view   the stage: the probe before the first run, then the verdict and the player
"""
