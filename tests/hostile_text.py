"""Support for the injection tests, host and browser: hostile text, and where to type it."""

from __future__ import annotations

PAYLOADS = {
    "img": "<img src=x onerror=alert(1)>",
    "textarea": "</textarea><script>alert(1)</script>",
    "javascript": "javascript:alert(1)",
    "long": "長" * 50_000 + "x" * 50_000,
    "crlf": "Aoba\r\nBcc: someone@example.com\r\n\r\nInjected body\rX-Evil: 1\n",
    "emoji": "🙇‍♀️ Aoba 🇯🇵",
    "rtl": "\u202eAoba\u202c \u200f\u200eSystems\u2067x\u2069",
}
# The calculator's fields a reader types freely (the rest are dates, times and numbers).
FOLLOW_UP_TEXT_FIELDS = ("tz", "candidate_tz", "closed_dates")
