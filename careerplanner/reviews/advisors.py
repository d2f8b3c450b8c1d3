"""Who the advisors are: staff in the "Advisors" group, made by `createadvisor`."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from careerplanner.accounts.models import User
from careerplanner.accounts.operators import user_for, vouch_for

ADVISORS = "Advisors"

# Exactly what an advisor needs in the admin: read and work review requests and comments.
PERMISSIONS = [
    ("reviews", "view_reviewrequest"),
    ("reviews", "change_reviewrequest"),
    ("reviews", "view_reviewcomment"),
    ("reviews", "add_reviewcomment"),
    ("reviews", "change_reviewcomment"),
]


def advisors_group() -> Group:
    """The group the migration made, made again if it went missing (a flushed database)."""
    group, created = Group.objects.get_or_create(name=ADVISORS)
    if created:
        group.permissions.set(
            Permission.objects.filter(
                content_type__app_label="reviews", codename__in=[c for _, c in PERMISSIONS]
            )
        )
    return group


def advisors():
    return User.objects.filter(groups__name=ADVISORS, is_active=True, is_staff=True)


def is_advisor(user) -> bool:
    return user.is_staff and user.groups.filter(name=ADVISORS).exists()


@transaction.atomic
def make_advisor(email: str) -> tuple[User, bool]:
    """Creates the advisor, or promotes an existing user. Returns (user, created)."""
    user, created = user_for(email)
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    user.groups.add(advisors_group())
    # Advisors log in through the same verified flow as everyone.
    vouch_for(user)
    return user, created
