"""The reflection worksheet's answers, as an interview keeps them (`Interview.reflection`).

The worksheet (`docs/reflect.md`) has five sections; an interview keeps the reader's
notes for each under the section's key, and the questions ticked on the worksheet
under `worksheet`, as their keys (`facts-1 improve-3`: the section and the question's
place in it) separated by spaces. Other keys a file may hold are kept as they are.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

SECTIONS = ("facts", "went-well", "improve", "fit", "next")
"""The worksheet's sections, in its order; each is also the key of its notes."""
TICKS = "worksheet"
"""The key of the questions ticked on the worksheet."""
MOST_PER_SECTION = 20
"""The most questions a section may have (the worksheet has 3 to 5)."""

_TICK = re.compile(rf"({'|'.join(SECTIONS)})-([1-9][0-9]?)")


def tick_keys(text: str) -> tuple[str, ...]:
    """The question keys in `text` (separated by spaces, commas or `+`), valid ones only.

    Unknown or malformed keys are dropped, duplicates removed, and the rest sorted in
    the worksheet's order, so a hand-edited link can only name real questions.
    """
    found = set()
    for part in re.split(r"[\s,+]+", text.strip()):
        match = _TICK.fullmatch(part)
        if match is not None and int(match[2]) <= MOST_PER_SECTION:
            found.add((SECTIONS.index(match[1]), int(match[2])))
    return tuple(f"{SECTIONS[section]}-{number}" for section, number in sorted(found))


def ticked(reflection: Mapping[str, str]) -> tuple[str, ...]:
    """The worksheet questions an interview's reflection says were ticked."""
    return tick_keys(reflection.get(TICKS, ""))


def with_ticks(reflection: Mapping[str, str], keys: Iterable[str]) -> dict[str, str]:
    """`reflection` with its ticked questions replaced by `keys` (none: the key removed)."""
    kept = {key: value for key, value in reflection.items() if key != TICKS}
    ticks = tick_keys(" ".join(keys))
    if ticks:
        kept[TICKS] = " ".join(ticks)
    return kept


def with_notes(reflection: Mapping[str, str], notes: Mapping[str, str]) -> dict[str, str]:
    """`reflection` with each section's notes from `notes` (an empty note removes its key)."""
    kept = dict(reflection)
    for section in SECTIONS:
        if section not in notes:
            continue
        if notes[section].strip():
            kept[section] = notes[section]
        else:
            kept.pop(section, None)
    return kept
