"""One "did you mean" for every unknown name: ids, rule codes, sections, timezones."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

# A rule code, or one typed with the letter O for a zero (`CK5O1`).
_CODE = re.compile(r"^CK[\dO]+$", re.IGNORECASE)


def closest(value: str, candidates: Iterable[str]) -> str | None:
    """The candidate a slip of the keyboard most likely meant, or None.

    A different case alone is always a slip (`SEV1` for `sev1`). Rule codes are
    compared digit by digit: `CK999` is not a typo of `CK409`, however similar they look.
    """
    known = list(dict.fromkeys(candidates))
    if not value or not known:
        return None
    folded = {candidate.casefold(): candidate for candidate in known}
    if value.casefold() in folded:
        return folded[value.casefold()]
    if _CODE.match(value):
        codes = [c for c in known if _CODE.match(c)]
        near = [c for c in codes if _one_edit_apart(value.upper(), c.upper())]
        return near[0] if near else None
    close = difflib.get_close_matches(value, known, n=1, cutoff=0.6)
    if close:
        return close[0]
    # A long list of ids read case-insensitively: `Crisis-Lead` against `crisis-lead`.
    close = difflib.get_close_matches(value.casefold(), list(folded), n=1, cutoff=0.6)
    return folded[close[0]] if close else None


def did_you_mean(value: str, candidates: Iterable[str]) -> str | None:
    """`did you mean 'account-takeover'?`, or None when nothing is close."""
    match = closest(value, candidates)
    return f"did you mean '{match}'?" if match is not None else None


def unknown(kind: str, value: str, candidates: Iterable[str], option: str | None = None) -> str:
    """`--threat: unknown threat 'acount-takeover'; did you mean 'account-takeover'?`

    With nothing close, the choices are listed (at most twelve).
    """
    known = list(dict.fromkeys(candidates))
    hint = did_you_mean(value, known)
    if hint is None:
        shown = ", ".join(known[:12]) + (", …" if len(known) > 12 else "")
        hint = f"choose from: {shown or 'none'}"
    prefix = f"{option}: " if option else ""
    return f"{prefix}unknown {kind} '{value}'; {hint}"


def _one_edit_apart(a: str, b: str) -> bool:
    """One character replaced, inserted, deleted, or two neighbours swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if len(diffs) == 1:
            return True
        i, j = [*diffs, 0, 0][:2]
        return len(diffs) == 2 and j == i + 1 and a[i] == b[j] and a[j] == b[i]
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))
