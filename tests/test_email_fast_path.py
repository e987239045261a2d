"""The plain e-mail form the model accepts without email-validator is one the library
always accepts too: importing and running it cost more than validating a typical plan."""

from __future__ import annotations

import email_validator
from email_validator import EmailNotValidError, validate_email
from hypothesis import given, settings
from hypothesis import strategies as st

from crisiskit.model.types import SPECIAL_USE_DOMAINS, check_email, plainly_valid_email

_ATOM = st.sampled_from(
    ["a", "Z", "0", "9", "-", "_", "+", ".", "..", "xn--", "ab-c", "a" * 63, "a" * 64, "é", "!"]
)
_LABEL = st.one_of(
    st.from_regex(r"[A-Za-z0-9]{1,5}(?:-[A-Za-z0-9]{1,5}){0,2}", fullmatch=True),
    st.sampled_from(["-a", "a-", "a--b", "xn--a", "1", "a" * 63, "a" * 64, "", "ü", "_"]),
)
_TLD = st.one_of(
    st.from_regex(r"[A-Za-z]{2,6}", fullmatch=True),
    st.sampled_from([*SPECIAL_USE_DOMAINS, "c", "co1", "123", "a" * 63, "a" * 64, "xn--p1ai"]),
)
_ADDRESSES = st.one_of(
    st.builds(
        lambda local, labels, tld: "".join(local) + "@" + ".".join([*labels, tld]),
        st.lists(_ATOM, min_size=1, max_size=6),
        st.lists(_LABEL, min_size=0, max_size=5),
        _TLD,
    ),
    st.text(max_size=40),
    st.builds(lambda a, b: a + "@" + b, st.text(max_size=20), st.text(max_size=20)),
)


def _library_accepts(value: str) -> bool:
    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError:
        return False
    return True


@settings(max_examples=3000, deadline=None)
@given(_ADDRESSES)
def test_the_plain_form_is_always_valid_for_the_library(value: str) -> None:
    if plainly_valid_email(value):
        assert _library_accepts(value), value


def test_the_plain_form_covers_the_usual_addresses() -> None:
    for value in (
        "olivia.bennett@harbor-outdoor.example.com",
        "crisis+desk@kirana-social.co.id",
        "A_B@x1.org",
    ):
        assert plainly_valid_email(value) and _library_accepts(value)
    for value in ("a@localhost.test", "a@b.c", "a..b@x.org", "a@-x.org", "a@x.123", "ü@x.org"):
        assert not plainly_valid_email(value)
        assert _model_accepts(value) == _library_accepts(value)  # the library decides these


def _model_accepts(value: str) -> bool:
    try:
        check_email(value)
    except ValueError:
        return False
    return True


def test_the_special_use_domains_are_the_librarys() -> None:
    assert tuple(email_validator.SPECIAL_USE_DOMAIN_NAMES) == SPECIAL_USE_DOMAINS
