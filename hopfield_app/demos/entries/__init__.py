"""One module per lecture demo, each defining ``DEMO`` (a :class:`~hopfield_app.demos.model.Demo`).

Adding a demo: a new module here with its ``DEMO`` and a claim test file
``tests/claims/test_<slug>.py``; :mod:`hopfield_app.demos.catalogue` finds it.
"""
