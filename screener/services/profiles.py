"""Staff profiles: the name, agency, phone and e-mail a referral packet prints for the
referring worker, so the receiving case manager can call them back."""

from __future__ import annotations

import re

from screener.domain import Role, StaffProfile
from screener.errors import InputError
from screener.services.session import Session
from screener.store.profiles import ProfilesRepo

_LIMITS = {"display_name": 80, "agency": 120, "phone": 40, "email": 120}
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_PHONE = re.compile(r"[0-9()+\-. x]{7,40}")


def staff_profile(session: Session, username: str | None = None) -> StaffProfile:
    """A staff account's profile (the signed-in one by default)."""
    return ProfilesRepo(session.repos.db).get(username or session.username)


def _clean(field: str, value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(value.split())
    if not value:
        return None
    if len(value) > _LIMITS[field] or any(ord(c) < 32 for c in value):
        raise InputError(f"{field.replace('_', ' ')}: at most {_LIMITS[field]} characters, "
                         "on one line.")
    if field == "email" and not _EMAIL.fullmatch(value):
        raise InputError(f"e-mail: {value!r} is not an e-mail address (name@example.org).")
    if field == "phone" and not _PHONE.fullmatch(value):
        raise InputError("phone: digits, spaces and ( ) - + . x only, e.g. (213) 555-0100.")
    return value


def set_staff_profile(
    session: Session, username: str | None = None, **fields: str | None
) -> StaffProfile:
    """Change some of a profile's fields (`display_name`, `agency`, `phone`, `email`; ""
    clears one): your own, or anyone's as an admin."""
    target = (username or session.username).strip().lower()
    if target != session.username:
        session.require(Role.ADMIN, "change other people's profiles")
    user = session.repos.users.get(target)
    if user is None or user.disabled:
        raise InputError(f"There is no active account named {target!r}.")
    unknown = set(fields) - set(_LIMITS)
    if unknown:
        raise InputError(f"Unknown profile field(s): {', '.join(sorted(unknown))}.")
    current = staff_profile(session, target)
    values = {f: getattr(current, f) for f in _LIMITS}
    values.update({f: _clean(f, v) for f, v in fields.items()})
    profile = StaffProfile(target, **values)
    with session.repos.db.transaction():
        ProfilesRepo(session.repos.db).set(profile, session.now())
        session.audit("user.profile", "user", target, {"fields": ",".join(sorted(fields))})
    return profile
