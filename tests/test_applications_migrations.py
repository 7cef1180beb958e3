import copy

import pytest

from orei.applications import file_format
from orei.applications.migrations import CURRENT_VERSION, MIGRATIONS, migrate
from orei.errors import InputError


def rename_position_to_role(document):
    # An imagined version 1 -> 2 change: the role was once called `position`.
    changed = copy.deepcopy(document)
    for application in changed["applications"]:
        application["role"] = application.pop("position")
    return changed


def add_notes(document):
    changed = copy.deepcopy(document)
    for application in changed["applications"]:
        application.setdefault("notes", "")
    return changed


def test_version_1_is_current_and_needs_no_migration():
    assert CURRENT_VERSION == 1
    assert dict(MIGRATIONS) == {}
    document = {"format": "orei-applications", "version": 1, "applications": []}
    assert migrate(document, 1) is document


def test_migrations_run_in_order_up_to_the_current_version():
    old = {
        "format": "orei-applications",
        "version": 1,
        "applications": [{"id": "a", "position": "Designer"}],
    }
    steps = {1: rename_position_to_role, 2: add_notes}
    new = migrate(old, 1, current=3, migrations=steps)
    assert new == {
        "format": "orei-applications",
        "version": 3,
        "applications": [{"id": "a", "role": "Designer", "notes": ""}],
    }
    assert old["applications"][0] == {"id": "a", "position": "Designer"}  # not changed
    assert migrate(copy.deepcopy(new), 3, current=3, migrations=steps) == new


def test_a_missing_step_is_a_bug_not_bad_input():
    with pytest.raises(LookupError):
        migrate({"applications": []}, 1, current=3, migrations={1: add_notes})


def test_reading_a_file_runs_the_migrations_before_checking_it(monkeypatch):
    monkeypatch.setattr(file_format, "CURRENT_VERSION", 2)
    monkeypatch.setattr(
        file_format,
        "migrate",
        lambda document, version: migrate(
            document, version, current=2, migrations={1: rename_position_to_role}
        ),
    )
    old = {
        "format": "orei-applications",
        "version": 1,
        "applications": [
            {
                "id": "a",
                "company": "Aoba",
                "position": "Designer",
                "stage": "applied",
                "interviews": [],
            }
        ],
    }
    (found,) = file_format.read_document(old)
    assert found.role == "Designer"
    newer = {**old, "version": 3}
    with pytest.raises(InputError) as caught:
        file_format.read_document(newer)
    assert caught.value.code == "applications.version_newer"
    assert caught.value.params == {"value": 3, "current": 2}
