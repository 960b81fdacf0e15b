"""Content packs (DESIGN §8): the office publishes forms, rules and provider contacts; every
installation screens with the pack it installed, or with the set built into the app.

`publish_content` (office admin) packs the forms and rules folders after they pass
`forms check`, `rules check` and their own rule tests, signs the pack with the office key,
puts it in force at the office and re-screens. Office -> field bundles carry the pack in force
at the office (`pack_document`); importing one installs it when it is newer
(`install_received_pack`). `install_content` and `rollback_content` do the same by hand.
Installing or rolling back replaces the session's forms and rules (`Session.reload_setup`) and
re-screens this installation's clients with the pack then in force.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from screener import paths
from screener.domain import Role
from screener.errors import ContentPackError, InputError, ScreenerError
from screener.forms import check_files
from screener.progress import Progress
from screener.rules import RuleErrors
from screener.services.eligibility import RescreenResult, rescreen_clients
from screener.services.screening import (
    load_setup,
    pack_folders,
    rule_test_files,
    run_rule_tests,
)
from screener.services.session import Session
from screener.store.atomic import atomic_write
from screener.store.stamps import timestamp
from screener.store.sync_records import DocumentRecord
from screener.store.sync_repo import SyncRepo
from screener.sync import content
from screener.sync.content import ContentPack, InstalledPack
from screener.sync.keys import public_signing_key

#: A received pack travels in a bundle as a document of this kind.
PACK_KIND = "pack"


@dataclass(frozen=True)
class ContentChange:
    """A pack put in force (None: the built-in set) and what re-screening with it changed."""

    pack: InstalledPack | None
    rescreen: RescreenResult

    @property
    def label(self) -> str:
        """`v2`, or `the built-in forms and rules`."""
        return self.pack.label if self.pack else "the built-in forms and rules"


def content_packs(session: Session | None = None) -> tuple[InstalledPack, ...]:
    """The pack in force and the previous one kept for rollback, newest first (no session
    needed: packs are not personal data)."""
    if session is not None:
        session.require(Role.INTAKE, "list content packs")
    return content.installed(paths.content_dir(session.path if session else None))


def folders_in_force(database: Path | None = None) -> tuple[Path, Path, Path]:
    """The forms, rules and resources folders screening uses now (for `database`)."""
    pack = content.in_force(paths.content_dir(database))
    if pack is not None:
        return pack_folders(pack.folder)
    return paths.forms_dir(), paths.rules_dir(), paths.resources_dir()


def copy_content(folder: Path) -> Path:
    """Write the forms, rules and resource files in force under `folder` (forms/, rules/,
    resources/): the starting point for the next pack. Refuses a folder that is not empty."""
    if folder.exists() and any(folder.iterdir()):
        raise InputError(f"{folder} is not empty: give a new or empty folder.")
    for name, text in content.collect_files(*folders_in_force()).items():
        target = folder.joinpath(*name.split("/"))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, "utf-8")
    return folder


def check_pack_folder(folder: Path) -> None:
    """What a pack must pass to be published or installed: `forms check`, `rules check` and
    every rule test it holds. ContentPackError naming the first problem otherwise."""
    forms_dir, rules_dir, resources_dir = pack_folders(folder)
    errors = [d for d in check_files(None, forms_dir) if d.is_error]
    if errors:
        raise ContentPackError(f"its forms fail `forms check` ({len(errors)} error(s); first: "
                               f"{_relative(str(errors[0]), folder)})")
    try:
        setup = load_setup(forms_dir, rules_dir, resources_dir)
    except RuleErrors as exc:
        raise ContentPackError(f"its rules fail `rules check` ({len(exc.errors)} error(s); "
                               f"first: {_relative(str(exc.errors[0]), folder)})") from None
    except ScreenerError as exc:
        raise ContentPackError(f"its files fail to load: {_relative(str(exc), folder)}") from None
    report = run_rule_tests(rule_test_files(rules_dir), setup=setup)
    if not report.passed or not report.ok:
        failed = next((f"{f.file}: {r.case.name}" for f in report.files for r in f.results
                       if not r.passed), None)
        broken = next((f"{f.file}: {f.error}" for f in report.files if f.error), None)
        raise ContentPackError(
            f"it fails its own rule tests ({report.failed} of {report.passed + report.failed} "
            f"case(s) failed, {report.file_errors} test file(s) unreadable; first: "
            f"{_relative(failed or broken or 'no rule tests at all', folder)})")


def _relative(text: str, folder: Path) -> str:
    """Error text without the private staging folder's path."""
    return text.replace(str(folder) + "/", "").replace(str(folder.resolve()) + "/", "")


def _office_key(session: Session) -> tuple[str, str, bytes]:
    """(office id, office name, office public signing key) this installation trusts."""
    repo = SyncRepo(session.repos.db)
    identity = repo.identity()
    if identity is None:
        raise InputError("Sync is not set up here: content packs come from the office this "
                         "installation joined (`screener device join`).")
    if identity.role == "office":
        return identity.device_id, identity.name, public_signing_key(identity.signing_key)
    offices = repo.peers("office")
    if not offices:
        raise InputError("This laptop has not joined an office yet.")
    return offices[0].device_id, offices[0].name, offices[0].signing_key


def publish_content(session: Session, changelog: str, *, forms_dir: Path | None = None,
                    rules_dir: Path | None = None, resources_dir: Path | None = None,
                    output: Path | None = None,
                    progress: Progress | None = None) -> ContentChange:
    """At the office (admin): make the next content pack from these folders (default: those
    in force), refuse it unless it passes its checks, sign it, put it in force here and
    re-screen. `output` also saves the pack file there (to install by hand)."""
    session.require(Role.ADMIN, "publish content packs")
    identity = SyncRepo(session.repos.db).identity()
    if identity is None or identity.role != "office":
        raise InputError("Only the office publishes content packs (`screener office init`).")
    note = " ".join(changelog.split())
    if not note:
        raise InputError("Say what changed in one line: --note \"Housing income limit 2027\".")
    current = folders_in_force(session.path)
    folders = (forms_dir or current[0], rules_dir or current[1], resources_dir or current[2])
    files = content.collect_files(*folders)
    try:
        rules_hash = load_setup(*folders).rules.hash
    except ScreenerError:
        rules_hash = ""  # refused by the checks below, which say why
    root = paths.content_dir(session.path)
    version = content.latest_version(root) + 1
    pack = content.build_pack(
        files, office_id=identity.device_id, office_name=identity.name, version=version,
        published_at=timestamp(session.now()), published_by=session.username,
        changelog=note, rules_hash=rules_hash,
        signing_key=identity.signing_key)
    change = _install(session, pack, f"content pack v{version}", progress, "content.publish")
    if output is not None:
        atomic_write(output, pack.to_bytes(), mode=0o644)
    return change


def install_content(session: Session, path: Path,
                    progress: Progress | None = None) -> ContentChange:
    """Install a pack file by hand (admin): verified, checked, put in force, re-screened."""
    session.require(Role.ADMIN, "install content packs")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"There is no file {path}.") from None
    except OSError as exc:
        raise InputError(f"{path} cannot be read: {exc.strerror}.") from None
    pack = content.read_pack(data, path.name)
    return _install(session, pack, path.name, progress, "content.install")


def install_received_pack(session: Session, received: Sequence[str],
                          progress: Progress | None = None) -> ContentChange | None:
    """After an import: put the newest pack received (pack files' text) in force if it is
    newer than the one here and was not rolled back here. None if there is nothing to
    install; ContentPackError (nothing installed) if it is refused."""
    root = paths.content_dir(session.path)
    current = content.in_force(root)
    skipped = content.rolled_back(root)
    packs = [content.read_pack(text.encode("utf-8"), "the content pack received")
             for text in received]
    newer = [p for p in packs if p.version not in skipped
             and (current is None or p.version > current.version)]
    if not newer:
        return None
    newest = max(newer, key=lambda p: p.version)
    return _install(session, newest, f"content pack v{newest.version}", progress,
                    "content.install")


def _install(session: Session, pack: ContentPack, source: str, progress: Progress | None,
             action: str) -> ContentChange:
    office_id, _, office_key = _office_key(session)
    content.verify_pack(pack, office_id, office_key, source)

    def check(folder: Path) -> None:
        try:
            check_pack_folder(folder)
        except ContentPackError as exc:
            raise ContentPackError(f"{source} is refused: {exc} Nothing was installed.") from None

    installed = content.install(paths.content_dir(session.path), pack, source, check)
    session.audit(action, "content_pack", str(pack.version),
                  {"rules_hash": pack.rules_hash[:16]})
    session.reload_setup()
    return ContentChange(installed, rescreen_clients(session, progress))


def rollback_content(session: Session, progress: Progress | None = None) -> ContentChange:
    """Put the previous pack back in force (admin) and re-screen with it."""
    session.require(Role.ADMIN, "roll content packs back")
    back_to = content.rollback(paths.content_dir(session.path))
    session.audit("content.rollback", "content_pack",
                  str(back_to.version) if back_to else "built-in")
    session.reload_setup()
    return ContentChange(back_to, rescreen_clients(session, progress))


def pack_document(session: Session) -> DocumentRecord | None:
    """The pack in force here as a bundle document (None: the built-in set is in force)."""
    pack = content.in_force(paths.content_dir(session.path))
    if pack is None:
        return None
    text = (pack.folder / content.PACK_FILE).read_text("utf-8")
    return DocumentRecord(kind=PACK_KIND, path=f"v{pack.version:04d}{content.SUFFIX}",
                          sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(), text=text)
