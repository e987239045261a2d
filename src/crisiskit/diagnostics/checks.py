"""Codes of the checks the loader, schema and reference stages perform.

Lint rules live in :mod:`crisiskit.lint.rules`, one module each. The checks
here are not rules that can be written as a function of a valid plan: they
report why a file could not become a valid plan. They share the rule metadata
so that ``crisiskit rules`` and the generated docs cover them too.
"""

from __future__ import annotations

from crisiskit.diagnostics.findings import Level
from crisiskit.diagnostics.metadata import RuleInfo

# The loader's checks are rules without a function: the same metadata type as lint rules.
Check = RuleInfo


_MINIMAL = """\
crisiskit: 1
organization:
  name: Example
  default_timezone: Asia/Jakarta
locales:
  - id: en
"""

YAML_SYNTAX = Check(
    "CK001",
    "yaml-syntax",
    Level.ERROR,
    "The file is not valid YAML.\n\nTabs cannot indent YAML; use spaces.",
    _MINIMAL + "people:\n\t- id: rina\n",
    _MINIMAL,
)
INVALID_ENCODING = Check(
    "CK002",
    "invalid-encoding",
    Level.ERROR,
    "The file is not UTF-8 text (invalid bytes or NUL characters).",
    _MINIMAL + "# caf\xe9\n",
    _MINIMAL + "# café\n",
)
EMPTY_DOCUMENT = Check(
    "CK003",
    "empty-document",
    Level.ERROR,
    "The file holds no YAML document, or only comments.",
    "# nothing here yet\n",
    _MINIMAL,
)
NOT_A_MAPPING = Check(
    "CK004",
    "not-a-mapping",
    Level.ERROR,
    "The top level of a plan or fragment must be a mapping of section names.",
    "- people\n- roles\n",
    _MINIMAL,
)
DUPLICATE_KEY = Check(
    "CK005",
    "duplicate-key",
    Level.ERROR,
    "A mapping has the same key twice; YAML loaders silently keep only one.\n\n"
    "A key written beside a merge key (`<<`) may override a merged key once.",
    _MINIMAL + "review:\n  cadence: 90d\n  cadence: 30d\n  last_reviewed: 2026-10-01\n",
    _MINIMAL + "review:\n  cadence: 90d\n  last_reviewed: 2026-10-01\n",
)
FORBIDDEN_TAG = Check(
    "CK006",
    "forbidden-tag",
    Level.ERROR,
    "A YAML tag other than the standard scalar and collection tags is used.\n\n"
    "Tags such as `!!python/object` can run code in some loaders; crisiskit "
    "never constructs them and reports them instead.",
    _MINIMAL.replace("name: Example", "name: !!python/object/apply:os.system [id]"),
    _MINIMAL,
)
ALIAS_EXPANSION = Check(
    "CK007",
    "alias-expansion",
    Level.ERROR,
    "Aliases expand the document far beyond its written size (an alias bomb).",
    "crisiskit: 1\n"
    "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
    "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
    "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
    "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
    "g: [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n",
    _MINIMAL,
)
TOO_DEEP = Check(
    "CK008",
    "too-deep",
    Level.ERROR,
    "Collections are nested deeper than any plan needs (100 levels).",
    "crisiskit: 1\nx: " + "[" * 150 + "]" * 150 + "\n",
    _MINIMAL,
)
TOO_LARGE = Check(
    "CK009",
    "too-large",
    Level.ERROR,
    "The file, or one value in it, is larger than crisiskit accepts.",
    _MINIMAL + "review:\n  notes: " + "x" * 100_001 + "\n",
    _MINIMAL,
)
MULTIPLE_DOCUMENTS = Check(
    "CK010",
    "multiple-documents",
    Level.ERROR,
    "The file holds more than one YAML document (`---`); a plan is one document.",
    _MINIMAL + "---\npeople: []\n",
    _MINIMAL,
)
UNKNOWN_KEY = Check(
    "CK011",
    "unknown-key",
    Level.ERROR,
    "A key that the plan format does not define (often a typo).",
    _MINIMAL + "review:\n  cadense: 90d\n  last_reviewed: 2026-10-01\n",
    _MINIMAL + "review:\n  cadence: 90d\n  last_reviewed: 2026-10-01\n",
)
MISSING_KEY = Check(
    "CK012",
    "missing-key",
    Level.ERROR,
    "A required key is missing.",
    _MINIMAL + "review:\n  cadence: 90d\n",
    _MINIMAL + "review:\n  cadence: 90d\n  last_reviewed: 2026-10-01\n",
)
INVALID_VALUE = Check(
    "CK013",
    "invalid-value",
    Level.ERROR,
    "A value has the wrong type or format (duration, date, phone, e-mail, timezone…).",
    _MINIMAL + "review:\n  cadence: every quarter\n  last_reviewed: 2026-10-01\n",
    _MINIMAL + "review:\n  cadence: 90d\n  last_reviewed: 2026-10-01\n",
)
UNKNOWN_REFERENCE = Check(
    "CK014",
    "unknown-reference",
    Level.ERROR,
    "A reference names an id that the plan does not define.",
    _MINIMAL + "people:\n  - id: rina\n    name: Rina\n    email: rina@example.com\n"
    "roles:\n  - id: social-lead\n    name: Social lead\n    primary: rinna\n",
    _MINIMAL + "people:\n  - id: rina\n    name: Rina\n    email: rina@example.com\n"
    "roles:\n  - id: social-lead\n    name: Social lead\n    primary: rina\n",
)
DUPLICATE_ID = Check(
    "CK015",
    "duplicate-id",
    Level.ERROR,
    "Two items of one section share an id, in one file or across included fragments.",
    _MINIMAL + "people:\n  - id: rina\n    name: Rina\n    email: rina@example.com\n"
    "  - id: rina\n    name: Rina W.\n    email: rina.w@example.com\n",
    _MINIMAL + "people:\n  - id: rina\n    name: Rina\n    email: rina@example.com\n",
)
INCLUDE_ERROR = Check(
    "CK016",
    "include-error",
    Level.ERROR,
    "An included fragment is missing, unreadable, a plan itself, or included in a cycle.",
    _MINIMAL + "include:\n  - no-such-fragment.yaml\n",
    _MINIMAL,
)
INCLUDE_OUTSIDE_REPOSITORY = Check(
    "CK017",
    "include-outside-repository",
    Level.ERROR,
    "An include or template path leaves the plan's repository, or reads its `.git/`.\n\n"
    "Absolute paths, `..` above the repository root, symlinks that point "
    "out of it and version-control metadata (`.git/`, which holds CI credentials) are "
    "refused, so a plan can never read other files on the machine. A directory given "
    "to `validate` is walked the same way: a symlink out of it is reported, not read.",
    _MINIMAL + "include:\n  - /etc/passwd\n",
    _MINIMAL,
)
UNSUPPORTED_VERSION = Check(
    "CK018",
    "unsupported-version",
    Level.ERROR,
    "The plan's `crisiskit:` format version is not one this release understands.",
    _MINIMAL.replace("crisiskit: 1", "crisiskit: 7"),
    _MINIMAL,
)
ORPHAN_FRAGMENT = Check(
    "CK019",
    "orphan-fragment",
    Level.WARNING,
    "A YAML file in a validated directory is a fragment that no plan includes.\n\n"
    "Its contents are checked only through a plan that includes it.",
    "people:\n  - id: rina\n    name: Rina\n    email: rina@example.com\n",
    _MINIMAL,
)
INTERNAL_ERROR = Check(
    "CK020",
    "internal-error",
    Level.ERROR,
    "A check crashed; the run went on without it. Please report it.",
    "",
    "",
)

_TEAM = (
    "people:\n  - id: rina\n    name: Rina\n    email: rina@example.com\n"
    "roles:\n  - id: lead  # crisiskit: ignore[CK201]{}\n    name: Lead\n    primary: rina\n"
)
INVALID_SUPPRESSION = Check(
    "CK021",
    "invalid-suppression",
    Level.ERROR,
    "An inline suppression has no reason, an unreadable expiry date, or an unknown code.\n\n"
    'Write `# crisiskit: ignore[CK201] reason="why" until=2027-03-01`; the reason '
    "is required so that reviewers see why a finding is accepted.",
    _MINIMAL + _TEAM.format(""),
    _MINIMAL + _TEAM.format(' reason="one-person shop until March" until=2099-03-01'),
)
UNUSED_SUPPRESSION = Check(
    "CK022",
    "unused-suppression",
    Level.WARNING,
    "An inline suppression matches no finding; remove it.",
    _MINIMAL + 'locales:  # crisiskit: ignore[CK201] reason="old"\n  - id: en\n',
    _MINIMAL,
)
EXPIRED_SUPPRESSION = Check(
    "CK023",
    "expired-suppression",
    Level.WARNING,
    "An inline suppression is past its `until` date; it no longer suppresses anything.",
    _MINIMAL.replace(
        "locales:\n", 'locales:  # crisiskit: ignore[CK022] reason="x" until=2020-01-01\n'
    ),
    _MINIMAL,
)

NO_REPOSITORY_ROOT = Check(
    "CK024",
    "no-repository-root",
    Level.WARNING,
    "No directory above the plan marks a repository root.\n\n"
    "Includes and templates may not leave the repository: the nearest directory above the "
    "plan holding `.git`, `crisiskit.toml` or `pyproject.toml`. Without one, the working "
    "directory (when the plan is inside it) or the plan's own directory is the boundary. "
    "Run `git init`, or add a `crisiskit.toml`, at the top of the directory holding your "
    "plans and templates.",
    "# plans/plan.yaml, in a folder with no .git, crisiskit.toml or pyproject.toml above it\n"
    + _MINIMAL,
    "# plans/plan.yaml, in a git repository (or beside a crisiskit.toml)\n" + _MINIMAL,
)

FRAGMENT_CHECKED_ALONE = Check(
    "CK025",
    "fragment-checked-alone",
    Level.INFO,
    "A shared fragment named on its own was checked by itself and in the plans including it.\n\n"
    "Alone, a fragment shows its YAML, its sections, each item's schema and duplicate ids; "
    "its references, national phone numbers and the lint rules depend on the plan that "
    "includes it. `crisiskit validate agency-team.yaml` therefore also checks every plan "
    "of the repository that includes it (directly or through other fragments) and reports "
    "their findings; one found inside the fragment names the plans it was found through.",
    "# crisiskit validate plans/agency-team.yaml (plans/client.yaml includes it)\n"
    "people:\n  - id: rina\n    name: Rina\n    email: rina@example.com\n",
    _MINIMAL,
)

LOADER_CHECKS: tuple[Check, ...] = (
    YAML_SYNTAX,
    INVALID_ENCODING,
    EMPTY_DOCUMENT,
    NOT_A_MAPPING,
    DUPLICATE_KEY,
    FORBIDDEN_TAG,
    ALIAS_EXPANSION,
    TOO_DEEP,
    TOO_LARGE,
    MULTIPLE_DOCUMENTS,
    UNKNOWN_KEY,
    MISSING_KEY,
    INVALID_VALUE,
    UNKNOWN_REFERENCE,
    DUPLICATE_ID,
    INCLUDE_ERROR,
    INCLUDE_OUTSIDE_REPOSITORY,
    UNSUPPORTED_VERSION,
    ORPHAN_FRAGMENT,
    INTERNAL_ERROR,
    INVALID_SUPPRESSION,
    UNUSED_SUPPRESSION,
    EXPIRED_SUPPRESSION,
    NO_REPOSITORY_ROOT,
    FRAGMENT_CHECKED_ALONE,
)

# Findings after which a file yields no data at all (composing stopped).
UNREADABLE = frozenset(
    check.code
    for check in (
        YAML_SYNTAX,
        INVALID_ENCODING,
        EMPTY_DOCUMENT,
        ALIAS_EXPANSION,
        TOO_DEEP,
        TOO_LARGE,
        MULTIPLE_DOCUMENTS,
    )
)
