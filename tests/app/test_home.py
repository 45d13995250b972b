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


def test_home_links_to_the_playground_and_the_demos():
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    links = [link.proto.page for link in at.get("page_link")]
    assert "playground" in links
    assert "demos" in links
    # One card per page of the navigation, with what it does.
    for name in ["Weights", "Capacity", "Basins", "Attractors"]:
        assert any(link.proto.label == name for link in at.get("page_link"))
