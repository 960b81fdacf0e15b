"""`screener clients`, `client add|show`, `intake start|fill|complete`: an intake taken from
start to eligibility on the command line, as an office script would."""

from __future__ import annotations

import base64
from datetime import date
from pathlib import Path

import yaml

from screener.demo.people import PersonFactory
from tests.e2e.test_store_cli import run

PW = "admin-cli-password"


def _ok(*args: str) -> str:
    out = run(*args, user="boss", password=PW)
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_an_intake_from_the_command_line(tmp_path: Path) -> None:
    db = ("--db", str(tmp_path / "screener.db"))
    assert run("init", *db, "--user", "boss", password=PW).returncode == 0
    made = _ok("client", "add", "--first-name", "José", "--last-name", "García",
               "--dob", "1980-02-29", *db)
    client_id = made.split()[2]
    again = run("client", "add", "--first-name", "Jose", "--last-name", "Garcia",
                "--dob", "1980-02-29", *db, user="boss", password=PW)
    assert again.returncode == 2 and "may be this person" in again.stderr
    assert client_id in again.stdout
    assert "Created" in _ok("client", "add", "--first-name", "Jose", "--last-name", "Garcia",
                            "--dob", "1980-02-29", "--anyway", *db)
    found = _ok("clients", "garc", *db)
    assert found.count("García, José") == 1 and "2 client(s)." in found

    intake_id = _ok("intake", "start", client_id, *db).split()[2]
    bad = tmp_path / "bad.yaml"
    bad.write_text("first_name: Ana\nhousing_status: palace\n", encoding="utf-8")
    refused = run("intake", "fill", intake_id, "--answers", str(bad), *db, user="boss",
                  password=PW)
    assert refused.returncode == 2
    assert "bad.yaml:2:17: housing_status: 'palace' is not one of the choices" in refused.stderr
    unfinished = run("intake", "complete", intake_id, *db, user="boss", password=PW)
    assert unfinished.returncode == 2 and "not finished" in unfinished.stderr
    assert "Ana" not in _ok("client", "show", client_id, *db)  # the bad file saved nothing

    person = PersonFactory(3, date(2026, 11, 25)).person()
    answers = tmp_path / "answers.yaml"
    answers.write_text(yaml.safe_dump(person.answers, allow_unicode=True), encoding="utf-8")
    assert f"Saved {len(person.answers)} answer(s)" in _ok(
        "intake", "fill", intake_id, "--answers", str(answers), *db)
    done = _ok("intake", "complete", intake_id, *db)
    assert "is complete; eligibility:" in done

    shown = _ok("client", "show", client_id, *db)
    assert f"{person.answers['last_name']}, {person.answers['first_name']}" in shown
    assert f"intake {intake_id}  intake v1  complete" in shown
    assert "civic_engagement/voter_registration" in shown


def test_a_consent_captured_on_the_command_line(tmp_path: Path) -> None:
    """Issue 20, finding 6: consent could only be captured in the desktop app."""
    from tests.unit.test_workflow import PNG

    db = ("--db", str(tmp_path / "screener.db"))
    assert run("init", *db, "--user", "boss", password=PW).returncode == 0
    client_id = _ok("client", "add", "--first-name", "Rosa", "--last-name", "Quintero",
                    *db).split()[2]
    signature = tmp_path / "signature.png"
    signature.write_bytes(base64.b64decode(PNG))
    done = _ok("consent", "capture", "--client", client_id, "--programs", "housing",
               "behavioral_health", "--kinds", "mental_health", "--expires", "2027-11-25",
               "--signature", str(signature), *db)
    assert "Recorded consent" in done and "behavioral_health, housing" in done  # the form's order
    listed = _ok("consent", "list", "--client", client_id, *db)
    assert "expires 2027-11-25" in listed
    not_png = tmp_path / "sig.txt"
    not_png.write_text("my name")
    refused = run("consent", "capture", "--client", client_id, "--programs", "housing",
                  "--expires", "2027-11-25", "--signature", str(not_png), *db,
                  user="boss", password=PW)
    assert refused.returncode == 2 and "PNG" in refused.stderr
    assert _ok("consent", "list", "--client", client_id, *db).count("expires") == 1


def test_quick_screen_at_the_terminal_asks_until_every_track_is_decided(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    db = ("--db", str(tmp_path / "screener.db"))
    assert run("init", *db, "--user", "boss", password=PW).returncode == 0
    client_id = _ok("client", "add", "--first-name", "Ana", "--last-name", "Quick",
                    "--dob", "04/12/1988", *db).split()[2]
    env = {k: v for k, v in os.environ.items() if not k.startswith("SCREENER_")}
    env.update(SCREENER_KDF_FAST="1", SCREENER_DATA_DIR="/nonexistent",
               SCREENER_PASSPHRASE=PW, SCREENER_USER="boss")

    def quick(typed: str) -> str:
        done = subprocess.run([sys.executable, "-m", "screener", "intake", "start", client_id,
                               "--quick", *db], input=typed, capture_output=True, text=True,
                              env=env, timeout=120, check=False)
        assert done.returncode == 0, done.stderr
        return done.stdout

    stopped = quick(".\n")
    assert "Stopped after 0 question(s)" in stopped
    # Every question skipped: it stops once nothing left can be asked, and says what is open.
    skipped = quick("\n" * 300)
    assert "Nothing left to ask after" in skipped and "still open" in skipped
    assert skipped.count("decided:") >= 5
