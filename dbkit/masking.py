"""Passwords never shown: the ones this process has read, and anything shaped like one.

:func:`register_secret` is called wherever a password is read (``DATABASE_URL``, an env
file); :func:`mask_password` is applied to everything shown: error lines
(``dbkit.cli.report_error``), the driver's messages (``dbkit.errors.reason``),
``pg_dump``'s stderr.
"""

from __future__ import annotations

import re
from urllib.parse import quote, quote_plus

# user:password@ in a URL; the password may hold anything but whitespace (even '@').
_URL_PASSWORD = re.compile(r"(://[^:/@\s]*:)\S*@")
# ?password=... or &password=... in a URL's query, and password=... in a conninfo string.
_QUERY_PASSWORD = re.compile(r"(\bpassword=)('[^']*'|[^&\s'\"]*)", re.IGNORECASE)
# Passwords this process has read (from DATABASE_URL or an env file): masked wherever they
# appear, in any spelling, even where no pattern can find them (spaces, unencoded '@').
_SECRETS: set[str] = set()
MIN_SECRET_LENGTH = 4  # shorter ones would mask ordinary words; the patterns still apply


def register_secret(secret: str | None) -> None:
    """Mask ``secret`` (and its percent-encoded spellings) in everything shown from now on."""
    if not secret or len(secret) < MIN_SECRET_LENGTH:
        return
    _SECRETS.update({secret, quote(secret), quote(secret, safe=""), quote_plus(secret)})


def mask_password(text: str) -> str:
    """Replace the password in anything that looks like a URL, and every known password."""
    for secret in sorted(_SECRETS, key=len, reverse=True):
        text = text.replace(secret, "***")
    text = _URL_PASSWORD.sub(r"\1***@", text)
    return _QUERY_PASSWORD.sub(r"\1***", text)
