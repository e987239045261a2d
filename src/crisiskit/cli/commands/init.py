"""`crisiskit init`: write a starter plan, asking on a terminal, from flags otherwise."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from crisiskit.cli.boundary import boundary
from crisiskit.cli.options import DebugOption, TodayOption, parse_today
from crisiskit.diagnostics.errors import UsageError

if TYPE_CHECKING:
    from crisiskit.authoring.starter import Defaults, Person

T = TypeVar("T")


@boundary
def init_command(
    directory: Annotated[
        Path,
        typer.Argument(
            metavar="DIR",
            help="Where to write the plan (default: here); it goes into DIR/plans/.",
            show_default=False,
        ),
    ] = Path("."),
    language: Annotated[
        str | None,
        typer.Option(
            "--locale",
            metavar="id|en",
            help="Language of the plan, its comments and its messages (default: en).",
            show_default=False,
        ),
    ] = None,
    agency: Annotated[
        bool,
        typer.Option("--agency", help="An agency: a shared team fragment and one client plan."),
    ] = False,
    organization: Annotated[
        str | None,
        typer.Option("--org", metavar="NAME", help="Organization (with --agency: the client)."),
    ] = None,
    agency_name: Annotated[
        str | None, typer.Option("--agency-name", metavar="NAME", help="The agency's name.")
    ] = None,
    region: Annotated[
        str | None,
        typer.Option("--region", metavar="CC", help="Country code for phone numbers, e.g. ID."),
    ] = None,
    timezone: Annotated[
        str | None,
        typer.Option("--timezone", metavar="ZONE", help="IANA timezone, e.g. Asia/Jakarta."),
    ] = None,
    locales: Annotated[
        str | None,
        typer.Option(
            "--locales",
            metavar="LIST",
            help="Locales of the messages, e.g. id,en (default: --locale).",
        ),
    ] = None,
    channels: Annotated[
        str | None,
        typer.Option(
            "--channels", metavar="LIST", help="Public channels, e.g. x,instagram,facebook."
        ),
    ] = None,
    people: Annotated[
        list[str] | None,
        typer.Option(
            "--person",
            metavar="NAME=PHONE",
            help="A person of the crisis team (repeatable; at least two).",
            show_default=False,
        ),
    ] = None,
    help_url: Annotated[
        str | None,
        typer.Option("--help-url", metavar="URL", help="Where the public gets help."),
    ] = None,
    no_input: Annotated[
        bool,
        typer.Option("--no-input", help="Ask nothing: flags and defaults only."),
    ] = False,
    today: TodayOption = None,
    debug: DebugOption = False,
) -> None:
    """Start a crisis plan that validates clean; finish it in minutes.

    On a terminal it asks for the organization, region, timezone, locales, channels and
    the people with their phones; without one (or with --no-input) it takes the flags
    and the defaults. Existing files are never overwritten.

    Example:  crisiskit init --locale id --agency my-agency/
    """
    from crisiskit.authoring.starter import (
        DEFAULTS,
        StarterAnswers,
        check_language,
        starter_files,
        write_starter,
    )
    from crisiskit.output.visible import visible

    ask = _Asker(interactive=not no_input and sys.stdin.isatty())
    chosen = check_language(
        ask.value("Language of the plan (en/id)", language, "en", check_language)
    )
    defaults = DEFAULTS[chosen]
    agency_named = (
        ask.value("Agency name", agency_name, defaults.agency, _name("agency")) if agency else None
    )
    organization_name = ask.value(
        "Client name" if agency else "Organization name",
        organization,
        defaults.organization,
        _name("organization"),
    )
    place = ask.place(region, timezone, defaults)
    answers = StarterAnswers(
        language=chosen,
        organization=organization_name,
        agency=agency_named,
        **place,
        locales=ask.listing("Locales of the messages", locales, chosen, _locale),
        channels=ask.listing("Public channels", channels, "x,instagram,facebook", _channel),
        people=ask.people(people, defaults, place["region"]),
        help_url=ask.value(
            "Where the public gets help (URL)", help_url, "https://example.com/help", _url
        ),
        today=parse_today(today),
    )
    written = write_starter(directory, starter_files(answers))
    for path in written:
        print(f"wrote {visible(str(path))}")
    plans = directory / "plans"
    print(
        f"Next: read the lines marked CHECK, then run\n  crisiskit validate {visible(str(plans))}/"
    )


def _name(what: str) -> Callable[[str], str]:
    from crisiskit.authoring.starter import check_name

    return lambda value: check_name(value, what)


def _locale(value: str) -> str:
    from crisiskit.authoring.starter import check_locale

    return check_locale(value)


def _channel(value: str) -> str:
    from crisiskit.authoring.starter import check_channel

    return check_channel(value)


def _url(value: str) -> str:
    from crisiskit.authoring.starter import check_url

    return check_url(value)


class _Asker:
    """Each answer from its flag, else from a prompt on a terminal, else the default.

    A prompt asks again, saying why, until the answer is usable.
    """

    def __init__(self, *, interactive: bool) -> None:
        self.interactive = interactive

    def value(
        self, question: str, given: str | None, default: str, check: Callable[[str], T]
    ) -> str:
        if given is not None:
            check(given)
            return given
        if not self.interactive:
            return default
        return str(typer.prompt(question, default=default, value_proc=_reasking(check)))

    def listing(
        self, question: str, given: str | None, default: str, check: Callable[[str], str]
    ) -> tuple[str, ...]:
        def check_all(value: str) -> tuple[str, ...]:
            items = tuple(dict.fromkeys(item.strip() for item in value.split(",") if item.strip()))
            if not items:
                raise UsageError(f"{question.lower()}: give at least one")
            return tuple(check(item) for item in items)

        return check_all(self.value(question, given, default, check_all))

    def place(self, region: str | None, timezone: str | None, defaults: Defaults) -> dict[str, str]:
        from crisiskit.authoring.starter import check_region, check_timezone

        return {
            "region": self.value(
                "Country code for phone numbers", region, defaults.region, check_region
            ),
            "timezone": self.value("Timezone", timezone, defaults.timezone, check_timezone),
        }

    def people(
        self, given: list[str] | None, defaults: Defaults, region: str
    ) -> tuple[Person, ...]:
        from crisiskit.authoring.starter import Person, check_phone

        if given:
            return tuple(_person(value) for value in given)
        if not self.interactive:
            return tuple(Person(name, phone) for name, phone in defaults.people)
        found: list[Person] = []
        while True:
            number = len(found) + 1
            default = defaults.people[number - 1] if number <= len(defaults.people) else None
            finishing = " (empty to finish)" if number > 2 else ""
            name = str(
                typer.prompt(
                    f"Person {number}: name{finishing}",
                    default=default[0] if default else "",
                    show_default=bool(default),
                    value_proc=_reasking(_optional_name(required=number <= 2)),
                )
            ).strip()
            if not name:
                return tuple(found)
            phone = str(
                typer.prompt(
                    f"Person {number}: phone",
                    default=default[1] if default else None,
                    value_proc=_reasking(lambda value: check_phone(value, region)),
                )
            )
            found.append(Person(name, phone))


def _optional_name(*, required: bool) -> Callable[[str], str]:
    from crisiskit.authoring.starter import check_name

    def check(value: str) -> str:
        if not value.strip() and not required:
            return ""
        return check_name(value, "person")

    return check


def _person(value: str) -> Person:
    from crisiskit.authoring.starter import Person

    name, separator, phone = value.partition("=")
    if not separator or not name.strip() or not phone.strip():
        raise UsageError(
            f"--person: '{value}' must be NAME=PHONE, e.g. 'Dewi Lestari=+62 812-3456-7890'"
        )
    return Person(name.strip(), phone.strip())


def _reasking(check: Callable[[str], T]) -> Callable[[str], str]:
    """A prompt's value check: a UsageError becomes the prompt's 'ask again' with the reason."""

    def process(value: str) -> str:
        try:
            check(value)
        except UsageError as exc:
            raise typer.BadParameter(str(exc)) from None
        return value

    return process
