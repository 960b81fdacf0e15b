"""The shared records of screener.domain."""

from __future__ import annotations

from screener.domain import Role


def test_role_at_least_follows_intake_office_admin() -> None:
    order = [Role.INTAKE, Role.OFFICE, Role.ADMIN]
    for i, role in enumerate(order):
        assert [role.at_least(other) for other in order] == [j <= i for j in range(3)]
