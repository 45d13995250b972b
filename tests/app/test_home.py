"""AppTest tests of the Home page."""

from __future__ import annotations

from .conftest import APP, TIMEOUT, texts

from streamlit.testing.v1 import AppTest


def test_home_explains_the_network_and_shows_the_energy():
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception
    assert at.title[0].value == "Hopfield Explorer"
    assert any("E(s)" in latex.value for latex in at.latex)
    assert "Hopfield network" in texts(at.markdown)


def test_home_buttons_open_the_playground_and_the_demos():
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    at.button(key="home.playground").click()
    at.run()
    assert not at.exception
    assert "Playground" in at.markdown[0].value
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    at.button(key="home.demos").click()
    at.run()
    assert not at.exception
    assert "Hopfield network (Hopfield 1982)" not in "\n".join(m.value for m in at.markdown)


def test_home_has_a_card_for_every_page():
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    labels = {link.proto.label for link in at.get("page_link")}
    assert {"Playground", "Lecture demos", "Weights", "Capacity", "Basins",
            "Attractors"} <= labels
