"""The workspace: writes through op() run on the lane, announce what changed after they commit, and fail plainly."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QMessageBox

from equitydesk.gui.jobs import run_job
from equitydesk.gui.workspace import Change, Changes
from equitydesk.services.errors import DomainError
from tests.gui.waiting import wait_for_writes


def test_changes_are_announced_after_the_commit_and_before_success(qtbot, workspace, committee):
    order: list[str] = []
    seen: list[Changes] = []
    workspace.changed.connect(lambda c: (seen.append(c), order.append("announced")))
    people: list[object] = []
    workspace.people_changed.connect(lambda: people.append(1))
    linda = committee.people["Linda"]

    def success(record: object) -> None:
        # Listeners have already read the new state: the write had committed when they were told.
        order.append("success")
        assert workspace.services.people.get(linda).phone == "612-555-0101"

    workspace.op(None, lambda s: s.people.update(linda, phone="612-555-0101"), committee_ids=[7, None]).success(
        success
    ).run()
    wait_for_writes(qtbot)
    assert order == ["announced", "success"]
    assert seen[0].kinds == {Change.PEOPLE, Change.MEMBERSHIPS} and seen[0].committee_ids == {7}
    assert people == [1]


def test_a_failed_write_announces_nothing_and_reaches_failure(qtbot, workspace, committee):
    seen: list[Changes] = []
    workspace.changed.connect(seen.append)
    errors: list[BaseException] = []
    workspace.op(None, lambda s: s.people.update(committee.people["Linda"], email="not an address")).failure(
        errors.append
    ).run()
    wait_for_writes(qtbot)
    assert seen == [] and isinstance(errors[0], DomainError)
    assert workspace.services.people.get(committee.people["Linda"]).email == "linda@example.org"


def test_without_a_failure_callback_the_user_is_told_in_a_sentence(qtbot, workspace, committee, monkeypatch):
    told: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda _parent, title, text, *a: told.append((title, text)))
    )
    workspace.op(None, lambda s: s.people.archive_many([999_999]), title="Archive person").run()
    wait_for_writes(qtbot)
    assert len(told) == 1 and told[0][0] == "Archive person"
    assert "no longer exists" in told[0][1] and "Traceback" not in told[0][1]


def test_writes_wait_their_turn_on_the_one_lane(qtbot, workspace, committee):
    release = threading.Event()
    order: list[str] = []
    run_job(None, "A long import", lambda _p, _c: (release.wait(10), order.append("import")), show_progress=False)
    workspace.op(None, lambda s: order.append("edit")).without_progress().run()
    qtbot.wait(100)
    assert order == [], "the edit has not run beside the job"
    release.set()
    wait_for_writes(qtbot)
    assert order == ["import", "edit"]


def test_the_roster_publishes_its_committee_to_the_workspace(qtbot, window, committee):
    page = window.pages[1]  # the roster, after the home page
    chosen: list[object] = []
    window.workspace.committee_chosen.connect(chosen.append)
    combo = page.committee_combo
    combo.setCurrentIndex(combo.findData(committee.committees["eac"]))
    assert window.workspace.chosen_committee() == committee.committees["eac"] == chosen[-1]
    combo.setCurrentIndex(0)
    assert window.workspace.chosen_committee() is None


def test_closing_waits_for_queued_writes_and_drops_their_announcements(qtbot, workspace, committee):
    release = threading.Event()
    seen: list[Changes] = []
    workspace.changed.connect(seen.append)
    run_job(None, "Slow", lambda _p, _c: release.wait(10), show_progress=False)
    workspace.op(None, lambda s: s.people.update(committee.people["Yer"], pronouns="she/her")).run()
    threading.Timer(0.2, release.set).start()
    workspace.close()
    wait_for_writes(qtbot)
    assert workspace.closed and seen == []
