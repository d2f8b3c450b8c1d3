"""Big bodies are refused before anything reads them, and nothing is spooled to disk
(issue 12, finding 7)."""

import io

import pytest
from django.core.files import temp, uploadedfile


@pytest.fixture
def spooled(monkeypatch):
    """The temporary files Django opens for uploads (it deletes them after the request, so
    the folder alone would not show that one was written)."""
    opened = []
    real = temp.NamedTemporaryFile

    def recording(*args, **kwargs):
        handle = real(*args, **kwargs)
        opened.append(handle.name)
        return handle

    monkeypatch.setattr(uploadedfile.tempfile, "NamedTemporaryFile", recording)
    return opened


def _upload(size: int) -> io.BytesIO:
    body = io.BytesIO(b"x" * size)
    body.name = "upload.bin"
    return body


def test_a_big_anonymous_upload_is_refused_with_413_and_nothing_written(client, db, spooled):
    response = client.post(
        "/accounts/login/", {"login": "a@example.com", "file": _upload(5 * 1024 * 1024)}
    )
    assert response.status_code == 413
    assert spooled == []


def test_a_file_under_the_limit_is_not_written_to_disk_either(client, db, spooled, settings):
    # Django's default handlers spool a file bigger than this to disk; ours never do.
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1000
    size = settings.DATA_UPLOAD_MAX_MEMORY_SIZE - 4096
    response = client.post("/accounts/login/", {"login": "a@example.com", "file": _upload(size)})
    assert response.status_code == 200  # the login form again, with its error
    assert spooled == []


def test_a_form_of_ordinary_size_still_goes_through(client, user, password):
    response = client.post("/accounts/login/", {"login": user.email, "password": password})
    assert response.status_code == 302
