# The public names of `screener.services`, each once: `__init__.py` hands this file to
# lazy_loader, which imports a name's module on first use; type checkers read it as the
# package's imports. A new service is one `name as name,` line under its module here.
# (Stub rules: only `from .module import (name as name, ...)` lines.)

from .admin import (
    DatabaseCheck as DatabaseCheck,
    audit_entries as audit_entries,
    auto_lock_minutes as auto_lock_minutes,
    check_database as check_database,
    set_auto_lock_minutes as set_auto_lock_minutes,
    verify_audit as verify_audit,
)
from .clients import (
    create_client as create_client,
    find_clients as find_clients,
    get_client as get_client,
    possible_duplicates as possible_duplicates,
)
from .answering import (
    ItemProblem as ItemProblem,
    SavedAnswer as SavedAnswer,
    save_answer as save_answer,
    save_answers_file as save_answers_file,
    save_items as save_items,
)
from .consent_capture import capture_consent as capture_consent
from .consents import (
    consents_of as consents_of,
    revoke_consent as revoke_consent,
)
from .content import (
    ContentChange as ContentChange,
    content_packs as content_packs,
    copy_content as copy_content,
    install_content as install_content,
    publish_content as publish_content,
    rollback_content as rollback_content,
)
from .demo import (
    DemoDatabase as DemoDatabase,
    create_demo_database as create_demo_database,
    fill_demo_data as fill_demo_data,
)
from .devices import (
    DeviceStatus as DeviceStatus,
    KeyFileInfo as KeyFileInfo,
    enroll_device as enroll_device,
    export_office_key as export_office_key,
    init_office as init_office,
    join_office as join_office,
    list_devices as list_devices,
    revoke_device as revoke_device,
    sync_identity as sync_identity,
)
from .eligibility import (
    PackChange as PackChange,
    RescreenResult as RescreenResult,
    client_screening as client_screening,
    intake_flags as intake_flags,
    pack_changes as pack_changes,
    rescreen as rescreen,
    screen_intake as screen_intake,
)
from .handouts import (
    record_handout_printed as record_handout_printed,
    render_handout as render_handout,
    save_handout as save_handout,
)
from .intake_draft import IntakeDraft as IntakeDraft
from .intakes import (
    answer_history as answer_history,
    answer_values as answer_values,
    answers_of as answers_of,
    complete_intake as complete_intake,
    get_intake as get_intake,
    intakes_of as intakes_of,
    set_intake_position as set_intake_position,
    start_intake as start_intake,
)
from .packets import (
    BatchResult as BatchResult,
    PacketChoice as PacketChoice,
    RenderedPacket as RenderedPacket,
    packet_choices as packet_choices,
    packet_content as packet_content,
    packets_of as packets_of,
    providers_of as providers_of,
    record_packet_printed as record_packet_printed,
    render_packet as render_packet,
    save_packet as save_packet,
    save_packets_for_program as save_packets_for_program,
)
from .profiles import (
    set_staff_profile as set_staff_profile,
    staff_profile as staff_profile,
)
from .records import (
    Answer as Answer,
    AnswerVersion as AnswerVersion,
    AuditEntry as AuditEntry,
    AuditProblem as AuditProblem,
    AuditReport as AuditReport,
    Client as Client,
    ClientCursor as ClientCursor,
    ClientIdentity as ClientIdentity,
    ClientPage as ClientPage,
    DuplicateCandidate as DuplicateCandidate,
    Intake as Intake,
    IntakeStatus as IntakeStatus,
    JsonValue as JsonValue,
    Role as Role,
    User as User,
)
from .screening import (
    AnswersFile as AnswersFile,
    RulesCheck as RulesCheck,
    RuleTestFile as RuleTestFile,
    RuleTestReport as RuleTestReport,
    ScreeningSetup as ScreeningSetup,
    check_rules as check_rules,
    choice_label as choice_label,
    load_setup as load_setup,
    parse_answer as parse_answer,
    parse_answers as parse_answers,
    read_answers_file as read_answers_file,
    read_rule_cases as read_rule_cases,
    rule_test_files as rule_test_files,
    run_rule_case as run_rule_case,
    run_rule_tests as run_rule_tests,
    screen_answers as screen_answers,
    screen_parsed as screen_parsed,
    screening_json as screening_json,
)
from .session import (
    Session as Session,
    create_database as create_database,
    driver_failure as driver_failure,
    open_session as open_session,
)
from .sync import (
    ExportSummary as ExportSummary,
    ImportSummary as ImportSummary,
    export_bundle as export_bundle,
    export_to_device as export_to_device,
    import_bundle as import_bundle,
    install_documents as install_documents,
    received_documents as received_documents,
)
from .sync_review import (
    Conflict as Conflict,
    ConflictVersion as ConflictVersion,
    DuplicatePair as DuplicatePair,
    Keep as Keep,
    dismiss_duplicate as dismiss_duplicate,
    get_conflict as get_conflict,
    list_conflicts as list_conflicts,
    list_duplicates as list_duplicates,
    merge_clients as merge_clients,
    resolve_conflict as resolve_conflict,
)
from .users import (
    add_user as add_user,
    change_password as change_password,
    list_users as list_users,
    rekey_database as rekey_database,
    remove_user as remove_user,
)
