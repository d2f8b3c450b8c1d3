"""Sign-in rate limits: strict per account, loose per address, and the address is the
client's even behind the proxy (issue 12, finding 4)."""

import pytest

from careerplanner.accounts.models import User

WRONG = "The email address and/or password you specified are not correct."
LIMITED = "Too many failed login attempts"


@pytest.fixture
def behind_one_proxy(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1


def sign_in(client, email, password, address="203.0.113.7", forwarded=None):
    """A POST to the login page from `address`, through a proxy when `forwarded` is set."""
    extra = {"REMOTE_ADDR": address}
    if forwarded is not None:
        extra = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": forwarded}
    return client.post("/accounts/login/", {"login": email, "password": password}, **extra)


def test_eleven_typos_from_one_address_do_not_lock_out_a_twelfth_person(
    client, make_user, password
):
    for n in range(11):
        make_user(f"colleague{n}@example.com")
        page = sign_in(client, f"colleague{n}@example.com", "typo").content.decode()
        assert WRONG in page
    twelfth = make_user("twelfth@example.com")
    response = sign_in(client, twelfth.email, password)
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == twelfth.pk


def test_one_account_is_still_locked_after_five_failures(client, user, password):
    for _ in range(5):
        sign_in(client, user.email, "wrong", address=f"198.51.100.{_}")
    response = sign_in(client, user.email, password, address="198.51.100.99")
    assert LIMITED in response.content.decode()


def test_sixty_failures_a_minute_from_one_address_slow_it_down(client, db, password):
    User.objects.bulk_create(User(email=f"sprayed{n}@example.com") for n in range(61))
    for n in range(60):
        assert WRONG in sign_in(client, f"sprayed{n}@example.com", "guess").content.decode()
    assert LIMITED in sign_in(client, "sprayed60@example.com", "guess").content.decode()


def test_behind_the_proxy_each_visitor_counts_as_their_own_address(
    client, make_user, password, behind_one_proxy
):
    # A client cannot pick its address: it may send its own X-Forwarded-For, but the proxy
    # appends the real one, and that last entry is what counts.
    for n in range(60):
        sign_in(client, f"nobody{n}@example.com", "guess", forwarded=f"1.2.3.{n}, 192.0.2.1")
    assert (
        LIMITED in sign_in(client, "x@example.com", "guess", forwarded="192.0.2.1").content.decode()
    )
    person = make_user("elsewhere@example.com")
    response = sign_in(client, person.email, password, forwarded="192.0.2.2")
    assert response.status_code == 302
