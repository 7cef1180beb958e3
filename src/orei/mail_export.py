"""Hand a draft to a mail program: a `mailto:` link, or an `.eml` file.

`mailto_url` follows RFC 6068: the subject and body are percent-encoded UTF-8
and line breaks are sent as CRLF (`%0D%0A`). Mail programs and browsers cut
off or refuse links past about 2,000 characters, so pair it with
`orei.mail_checks.check_mailto_length`.

`eml_bytes` writes an RFC 5322 message with Python's `email` package: a UTF-8
text body, the subject as an RFC 2047 encoded word, CRLF line ends, and
`X-Unsent: 1`, which makes Outlook open the file as a draft to send rather
than as a received mail. It has no `Date`, because the draft is not sent yet.
There is no `To` unless one is given (the form has no address field). Every
header value passes through `clean_text`, which turns CR, LF and other control
characters into spaces, so no field can start a header of its own; an address
that is not one plain address (`orei.email_fields.parse_address`) is left out
rather than written, and the generator's `email_address` check says so.
"""

from __future__ import annotations

from email import policy
from email.header import Header
from email.message import EmailMessage
from email.utils import formataddr
from urllib.parse import quote

from orei.compose import Draft
from orei.email_fields import clean_text, parse_address

#: SMTP's CRLF line ends, every part 7-bit clean (base64 or quoted-printable), and the
#: headers this module encodes itself written as they are (see `encoded_words`).
EML_POLICY = policy.SMTP.clone(cte_type="7bit", refold_source="none")
_FITS_ON_A_LINE = 60


def crlf(text: str) -> str:
    """`text` with every line break as CRLF, as mail on the wire has it."""
    return "\r\n".join(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))


def mailto_url(draft: Draft, to: str = "") -> str:
    """A `mailto:` link that opens the draft in the reader's mail program.

    Args:
        draft: The composed mail.
        to: The addressee, if known; most often blank.

    Returns:
        `mailto:TO?subject=...&body=...`, with the subject left out when empty.
    """
    query = []
    if draft.subject:
        query.append("subject=" + quote(clean_text(draft.subject), safe=""))
    query.append("body=" + quote(crlf(draft.body), safe=""))
    return f"mailto:{quote(clean_text(to), safe='@,')}?{'&'.join(query)}"


def encoded_words(text: str) -> str:
    """Header text for `text`: as it is when short ASCII, else RFC 2047 encoded words.

    The `email` policy's own folder can add a space where plain words meet an
    encoded word (`interview  –`), so anything but short ASCII is encoded here
    as UTF-8 encoded words, folded with CRLF between them, which decode back
    exactly. Line breaks and other control characters become spaces first, so
    the result holds no line break but the folds.
    """
    clean = clean_text(text)
    if clean.isascii() and len(clean) <= _FITS_ON_A_LINE:
        return clean
    return Header(clean, "utf-8").encode(linesep="\r\n")


def _address(name: str, email: str) -> str | None:
    """`Name <addr>` header text, or None when `email` is not one plain ASCII address."""
    addr_spec = parse_address(email)
    if addr_spec is None:
        return None
    display_name = clean_text(name)
    if not display_name:
        return addr_spec
    if display_name.isascii() and len(display_name) <= _FITS_ON_A_LINE:
        return formataddr((display_name, addr_spec))
    return f"{encoded_words(display_name)} <{addr_spec}>"


def eml_message(
    draft: Draft, *, from_name: str = "", from_email: str = "", to: str = ""
) -> EmailMessage:
    """The draft as an e-mail message object (see `eml_bytes`).

    Args:
        draft: The composed mail.
        from_name: The sender's name for `From` (usually the `your_name` field).
        from_email: The sender's address (usually `your_email`); `From` is left
            out when it is blank or not an address.
        to: The addressee, if known.
    """
    message = EmailMessage(policy=EML_POLICY)
    sender = _address(from_name, from_email)
    if sender is not None:
        message.set_raw("From", sender)
    addressee = _address("", to)
    if addressee is not None:
        message.set_raw("To", addressee)
    message.set_raw("Subject", encoded_words(draft.subject))
    message["X-Unsent"] = "1"
    message.set_content(draft.body, charset="utf-8")
    return message


def eml_bytes(draft: Draft, *, from_name: str = "", from_email: str = "", to: str = "") -> bytes:
    """The draft as the bytes of an `.eml` file a mail program opens."""
    return eml_message(draft, from_name=from_name, from_email=from_email, to=to).as_bytes()
