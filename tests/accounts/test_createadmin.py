"""`createadmin EMAIL`: a superuser who signs in to the admin straight away, with no emailed
verification link to find first."""

import pytest
from django.core.management import CommandError, call_command

from careerplanner.accounts.models import User

PASSWORD = "a-long-and-unusual-admin-passphrase-7"


def sign_in(client, email, password):
    return client.post("/accounts/login/", {"login": email, "password": password})


def test_the_admin_signs_in_and_reaches_the_admin_at_once(client, db, monkeypatch, capsys):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", PASSWORD)
    call_command("createadmin", "Boss@Example.org", "--noinput")
    assert "Created admin boss@example.org" in capsys.readouterr().out

    response = sign_in(client, "Boss@example.org", PASSWORD)
    assert response.status_code == 302
    assert "confirm-email" not in response["Location"]
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/accounts/user/").status_code == 200


def test_an_existing_unverified_user_is_promoted(client, make_user, monkeypatch):
    person = User.objects.create_user(email="ada@example.com", password=PASSWORD)
    monkeypatch.delenv("DJANGO_SUPERUSER_PASSWORD", raising=False)
    call_command("createadmin", "ada@example.com", "--noinput")
    person.refresh_from_db()
    assert person.is_superuser and person.is_staff and person.check_password(PASSWORD)
    assert sign_in(client, "ada@example.com", PASSWORD).status_code == 302
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize(
    ("email", "password", "complaint"),
    [
        ("not-an-address", PASSWORD, "is not an email address"),
        ("boss@example.org", "123", "too short"),
    ],
)
def test_bad_input_changes_nothing(db, monkeypatch, email, password, complaint):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", password)
    with pytest.raises(CommandError, match=complaint):
        call_command("createadmin", email, "--noinput")
    assert not User.objects.exists()
