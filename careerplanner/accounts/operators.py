"""People an operator makes from the command line (admins here, advisors in reviews): the
operator vouches for their address, so it counts as verified and the first sign-in needs no
emailed link."""

from allauth.account.models import EmailAddress

from careerplanner.accounts.models import User


def user_for(email: str) -> tuple[User, bool]:
    """The user with this address (any case), made without a password if there is none.
    Returns (user, created)."""
    email = User.objects.normalize_email(email).lower()  # allauth keeps addresses lowercase
    user = User.objects.filter(email__iexact=email).first()
    if user is not None:
        return user, False
    return User.objects.create_user(email=email, password=None), True


def vouch_for(user: User) -> None:
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )


def make_admin(email: str, password: str | None) -> tuple[User, bool]:
    """A superuser (staff, every permission) with a verified address; the password is set
    when given. Returns (user, created)."""
    user, created = user_for(email)
    user.is_staff = user.is_superuser = True
    if password:
        user.set_password(password)
    user.save()
    vouch_for(user)
    return user, created
