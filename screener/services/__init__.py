"""The use cases of Screener: the one API that `screener.ui` and `screener.cli` call.

Nothing here imports Qt. Functions take plain values and return frozen dataclasses.
"""

from __future__ import annotations

from screener.services.admin import (
    audit_entries,
    auto_lock_minutes,
    set_auto_lock_minutes,
    verify_audit,
)
from screener.services.clients import (
    create_client,
    find_clients,
    get_client,
    possible_duplicates,
)
from screener.services.demo import DemoDatabase, create_demo_database, fill_demo_data
from screener.services.intakes import (
    answer_history,
    answer_values,
    answers_of,
    complete_intake,
    get_intake,
    intakes_of,
    save_answer,
    set_intake_position,
    start_intake,
)
from screener.services.session import Session, create_database, open_session
from screener.services.users import add_user, change_password, list_users, remove_user
from screener.store.records import (
    Answer,
    AnswerVersion,
    AuditEntry,
    AuditProblem,
    AuditReport,
    Client,
    ClientIdentity,
    ClientPage,
    DuplicateCandidate,
    Intake,
    IntakeStatus,
    JsonValue,
    Role,
    User,
)

__all__ = [
    "DemoDatabase",
    "create_demo_database",
    "fill_demo_data",
    "Answer",
    "AnswerVersion",
    "AuditEntry",
    "AuditProblem",
    "AuditReport",
    "Client",
    "ClientIdentity",
    "ClientPage",
    "DuplicateCandidate",
    "Intake",
    "IntakeStatus",
    "JsonValue",
    "Role",
    "Session",
    "User",
    "add_user",
    "answer_history",
    "answer_values",
    "answers_of",
    "audit_entries",
    "auto_lock_minutes",
    "change_password",
    "complete_intake",
    "create_client",
    "create_database",
    "find_clients",
    "get_client",
    "get_intake",
    "intakes_of",
    "list_users",
    "open_session",
    "possible_duplicates",
    "remove_user",
    "save_answer",
    "set_auto_lock_minutes",
    "set_intake_position",
    "start_intake",
    "verify_audit",
]
