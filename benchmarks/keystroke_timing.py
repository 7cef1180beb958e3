"""Time what the widgets do on every keystroke; print the medians as JSON.

    python keystroke_timing.py ROUNDS

Imports only `orei` and the standard library, so `benchmarks.keystroke` runs the same
file on the host and inside Pyodide. Each figure is the median of ROUNDS, in ms:

- `plan`: a whole plan after its holiday tables are warm, with a timeline a year long
  (the calculator's work per keystroke, before the view);
- `compose.TEMPLATE`: a Japanese mail with every field filled (the generator's).
"""

from __future__ import annotations

import json
import statistics
import sys
import time

from orei.compose import compose
from orei.email_fields import example_fields
from orei.email_templates import template_keys
from orei.plan import make_plan


def _median_ms(work, rounds: int) -> float:
    times = []
    for round_ in range(rounds):
        start = time.perf_counter()
        work(round_)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def measure(rounds: int) -> dict[str, float]:
    """The medians, by what was timed."""
    make_plan("2026-04-28", "15:00", timeline="2027-04-28")  # fills the holiday tables
    medians = {
        "plan": _median_ms(
            lambda n: make_plan(
                "2026-04-28", f"15:{n % 60:02d}", "Europe/London", timeline="2027-04-28"
            ),
            rounds,
        )
    }
    for key in template_keys():
        fields = example_fields("ja", key)
        compose(key, "ja", fields)  # reads and caches the template
        medians[f"compose.{key}"] = _median_ms(
            lambda _n, k=key, f=fields: compose(k, "ja", f), rounds
        )
    return medians


if __name__ == "__main__":
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 51
    print(json.dumps({"python": sys.version.split()[0], "medians_ms": measure(rounds)}))
