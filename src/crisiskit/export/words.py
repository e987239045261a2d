"""The handbook's own words in each interface language; the plan's data stays as written."""

from __future__ import annotations

from crisiskit.charts.coverage import GanttWords
from crisiskit.charts.people import ENGLISH_HOURS, HoursWords
from crisiskit.messages.counting.rules import Limit, Unit

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Crisis handbook",
        "generated": "Generated",
        "plan_version": "Plan version",
        "uncommitted": "with changes not yet committed",
        "not_in_git": "not in a git repository",
        "review": "Review",
        "review_due": "next review due {due}",
        "review_overdue": "review overdue since {due}",
        "no_review": "no review date in the plan",
        "findings": "Open findings",
        "no_findings": "none: crisiskit validate finds nothing to fix",
        "more_findings": "and {count} more (crisiskit validate)",
        "committed": "committed {date}",
        "threat": "Threat",
        "codename": "codename {name} (internal only)",
        "need_to_know": "need to know: notify only {roles} (the responder, escalation and "
        "approvers are still called)",
        "hold_public": "no public statement until the facts are validated",
        "not_on": "never on {channels}",
        "next_drill": "Next drill due",
        "notify_word": "notify",
        "approve_word": "approve",
        "contents": "Contents",
        "contacts": "Contact sheet",
        "contacts_intro": "Who holds each role, with phones and hours; then, per severity, "
        "whom to call in order.",
        "severity": "Severity",
        "role": "Role",
        "first_response": "first response",
        "first_internal_response": "first internal response",
        "updates": "updates every",
        "roles": "Roles and responsibilities",
        "primary": "Primary",
        "backups": "Backups",
        "escalation": "Escalation",
        "notify": "Notify",
        "approve": "Approve",
        "coverage": "Coverage of critical roles",
        "coverage_intro": "Week of {monday}, {zone}. Dark: the primary; light: a backup only; "
        "red: nobody.",
        "uncovered": "uncovered",
        "covered": "covered around the clock",
        "threats": "Threats",
        "owner": "Owner",
        "likelihood": "Likelihood",
        "impact": "Impact",
        "signals": "Warning signals",
        "first_steps": "First steps",
        "within": "within",
        "regulator": "regulator",
        "messages": "Prepared messages",
        "example_values": "Rendered with the example values of each variable.",
        "length": "length",
        "over_limit": "over the limit",
        "does_not_render": "does not render",
        "draft_title": "Title",
        "approvals": "Approval before publishing",
        "message": "Message",
        "approvers": "Approvers",
        "drills": "Drills",
        "cadence": "Cadence",
        "scenarios": "Scenarios",
        "last_drills": "Last drills",
        "date": "Date",
        "scenario": "Scenario",
        "time_to_first_statement": "Time to first statement",
        "none": "none",
    },
    "id": {
        "title": "Buku panduan krisis",
        "generated": "Dibuat",
        "plan_version": "Versi rencana",
        "uncommitted": "dengan perubahan yang belum di-commit",
        "not_in_git": "bukan dalam repositori git",
        "review": "Tinjauan",
        "review_due": "tinjauan berikutnya {due}",
        "review_overdue": "tinjauan terlambat sejak {due}",
        "no_review": "rencana tidak memuat tanggal tinjauan",
        "findings": "Temuan terbuka",
        "no_findings": "tidak ada: crisiskit validate tidak menemukan yang perlu diperbaiki",
        "more_findings": "dan {count} lainnya (crisiskit validate)",
        "committed": "di-commit {date}",
        "threat": "Ancaman",
        "codename": "nama sandi {name} (hanya internal)",
        "need_to_know": "hanya yang perlu tahu: beri tahu {roles} saja (penanggap pertama, "
        "eskalasi dan pemberi persetujuan tetap dihubungi)",
        "hold_public": "tanpa pernyataan publik sampai fakta terverifikasi",
        "not_on": "jangan di {channels}",
        "next_drill": "Latihan berikutnya",
        "notify_word": "beri tahu",
        "approve_word": "setujui",
        "contents": "Daftar isi",
        "contacts": "Lembar kontak",
        "contacts_intro": "Siapa memegang setiap peran, dengan telepon dan jam kerja; lalu, "
        "per tingkat keparahan, siapa yang dihubungi berurutan.",
        "severity": "Keparahan",
        "role": "Peran",
        "first_response": "respons pertama",
        "first_internal_response": "respons internal pertama",
        "updates": "pembaruan setiap",
        "roles": "Peran dan tanggung jawab",
        "primary": "Utama",
        "backups": "Cadangan",
        "escalation": "Eskalasi",
        "notify": "Beri tahu",
        "approve": "Setujui",
        "coverage": "Cakupan peran penting",
        "coverage_intro": "Pekan {monday}, {zone}. Gelap: utama; terang: hanya cadangan; "
        "merah: tidak ada.",
        "uncovered": "tidak tercakup",
        "covered": "tercakup sepanjang waktu",
        "threats": "Ancaman",
        "owner": "Penanggung jawab",
        "likelihood": "Kemungkinan",
        "impact": "Dampak",
        "signals": "Tanda peringatan",
        "first_steps": "Langkah pertama",
        "within": "dalam",
        "regulator": "regulator",
        "messages": "Pesan yang disiapkan",
        "example_values": "Dibuat dengan nilai contoh setiap variabel.",
        "length": "panjang",
        "over_limit": "melebihi batas",
        "does_not_render": "tidak dapat dibuat",
        "draft_title": "Judul",
        "approvals": "Persetujuan sebelum publikasi",
        "message": "Pesan",
        "approvers": "Penyetuju",
        "drills": "Latihan",
        "cadence": "Frekuensi",
        "scenarios": "Skenario",
        "last_drills": "Latihan terakhir",
        "date": "Tanggal",
        "scenario": "Skenario",
        "time_to_first_statement": "Waktu sampai pernyataan pertama",
        "none": "tidak ada",
    },
}
LANGUAGES = tuple(WORDS)

# The plan's enumerated values and the counts' units, said in the handbook's language.
# English shows them as the plan and `crisiskit` write them.
_INDONESIAN_VALUES = {
    # Likelihood (kemungkinan), rare … almost-certain.
    "rare": "jarang",
    "unlikely": "kecil kemungkinannya",
    "possible": "mungkin terjadi",
    "likely": "kemungkinan besar",
    "almost-certain": "hampir pasti",
    # Impact (dampak), negligible … severe.
    "negligible": "dapat diabaikan",
    "minor": "ringan",
    "moderate": "sedang",
    "major": "besar",
    "severe": "parah",
}
_INDONESIAN_UNITS = {
    Unit.WEIGHTED: "karakter berbobot",
    Unit.GRAPHEMES: "grafem",
    Unit.CHARACTERS: "karakter",
    Unit.UTF16: "unit kode UTF-16",
    Unit.SMS_SEGMENTS: "segmen SMS",
}
_HOURS = {
    "en": ENGLISH_HOURS,
    "id": HoursWords(
        days=("Sen", "Sel", "Rab", "Kam", "Jum", "Sab", "Min"),
        no_hours="tanpa jam kerja",
        no_days="tanpa hari",
    ),
}


def hours_words(language: str) -> HoursWords:
    """Weekday names and blanks for working hours in ``language``."""
    return _HOURS[language]


def value_word(language: str, value: str) -> str:
    """A likelihood or impact value (`possible`, `severe`) in ``language``."""
    return _INDONESIAN_VALUES.get(value, value) if language == "id" else value


def limit_words(language: str, limit: Limit) -> str:
    """`280 weighted characters` / `280 karakter berbobot`; `no limit` / `tanpa batas`."""
    if language != "id":
        return limit.describe()
    if limit.value is None:
        return "tanpa batas"
    return f"{count_words(language, limit.value)} {_INDONESIAN_UNITS[limit.unit]}"


def count_words(language: str, count: int) -> str:
    """A count with the language's thousands separator: 1,234 / 1.234."""
    grouped = f"{count:,}"
    return grouped.replace(",", ".") if language == "id" else grouped


def gantt_words(language: str) -> GanttWords:
    """The coverage Gantt chart's title and bar names in ``language``."""
    if language != "id":
        return GanttWords()
    words = WORDS["id"]
    return GanttWords(words["coverage"], "utama", "cadangan", words["uncovered"])
