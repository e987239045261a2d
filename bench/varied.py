# ruff: noqa: E501  (translated message texts read best unbroken)
"""Plans unlike the bundled generator's: the shapes an outside measurement found slower.

Eight locales with mostly non-ASCII text (Thai, Japanese, Chinese, Korean, Arabic,
Vietnamese, Indonesian, English), an X variant of every public message in every locale,
every role critical (hundreds of them in a large plan), a large team, and an agency whose
client plans keep a quarter of their templates in files. Built on the same semantics as
``generate.py``: every reference resolves, every critical role is covered around the
clock by three shifts, each person holds one critical role, templates use exactly their
declared variables and fit their channels.
"""

from __future__ import annotations

import math
import random
from pathlib import Path
from typing import Any

from generate import SHIFTS, Brand, emit

LOCALES = (
    ("th", "ภาษาไทย"),
    ("ja", "日本語"),
    ("zh", "中文"),
    ("ko", "한국어"),
    ("ar", "العربية"),
    ("vi", "Tiếng Việt"),
    ("id", "Bahasa Indonesia"),
    ("en", "English"),
)
NAMES = {
    "th": ("สมชาย", "สมหญิง", "อนุชา", "ใจดี", "สุขสันต์", "ศรีสุข"),
    "ja": ("佐藤", "鈴木", "高橋", "花子", "太郎", "陽菜"),
    "zh": ("王", "李", "张", "伟", "芳", "娜"),
    "ko": ("김", "이", "박", "민준", "서연", "지우"),
    "ar": ("أحمد", "فاطمة", "علي", "مريم", "حسن", "ليلى"),
    "vi": ("Nguyễn", "Trần", "Lê", "Văn An", "Thị Hoa", "Minh Đức"),
    "id": ("Ayu", "Bima", "Citra", "Lestari", "Saputra", "Wijaya"),
    "en": ("Olivia", "Tom", "Maria", "Bennett", "Clarke", "Shah"),
}
ZONES = {
    "th": "Asia/Bangkok",
    "ja": "Asia/Tokyo",
    "zh": "Asia/Shanghai",
    "ko": "Asia/Seoul",
    "ar": "Asia/Dubai",
    "vi": "Asia/Ho_Chi_Minh",
    "id": "Asia/Jakarta",
    "en": "Europe/London",
}
# Per locale: holding statement, update, resolution, apology, internal alert; and the
# short X variant of the public ones. Variables as in generate.MESSAGE_KINDS.
TEXTS: dict[str, tuple[str, str, str, str, str, str]] = {
    "th": (
        "เราทราบเรื่อง {{ issue }} แล้ว และกำลังตรวจสอบอยู่ จะแจ้งความคืบหน้าภายในหนึ่งชั่วโมง สอบถาม: {{ help_url }}",
        "ความคืบหน้า: {{ known }} สิ่งที่เรากำลังทำ: {{ doing }} อัปเดตถัดไปใน 30 นาที ความช่วยเหลือ: {{ help_url }}",
        "แก้ไขแล้ว: {{ outcome }} ขอบคุณที่อดทนรอ หากยังต้องการความช่วยเหลือ โปรดไปที่ {{ help_url }}",
        "เราขออภัย: {{ mistake }} เราได้ลบออกแล้วและ {{ fix }} บอกเราได้ที่ {{ help_url }}",
        "ประกาศเหตุการณ์: {{ summary }} เข้าห้องวิกฤตทันที ห้ามโพสต์จนกว่าหัวหน้าจะอนุมัติ",
        "เราทราบเรื่องนี้และกำลังตรวจสอบ ข้อมูลเพิ่มเติม: {{ help_url }}",
    ),
    "ja": (
        "{{ issue }}について把握しており、現在調査中です。1時間以内に続報をお知らせします。お問い合わせ：{{ help_url }}",
        "続報：{{ known }}。対応状況：{{ doing }}。次回の更新は30分後です。サポート：{{ help_url }}",
        "解決しました：{{ outcome }}。ご協力ありがとうございました。サポート：{{ help_url }}",
        "お詫び：{{ mistake }}。投稿を削除し、{{ fix }}。ご意見は{{ help_url }}まで",
        "インシデント発生：{{ summary }}。すぐに対策室へ。責任者の承認まで投稿しないでください。",
        "現在調査中です。詳細：{{ help_url }}",
    ),
    "zh": (
        "我们已注意到{{ issue }}，正在调查，将在一小时内更新。咨询：{{ help_url }}",
        "最新进展：{{ known }}。我们正在：{{ doing }}。30分钟后再次更新。帮助：{{ help_url }}",
        "已解决：{{ outcome }}。感谢您的耐心。如需帮助，请访问{{ help_url }}",
        "我们深表歉意：{{ mistake }}。我们已删除并{{ fix }}。意见请至{{ help_url }}",
        "事件已宣布：{{ summary }}。请立即加入应急群，负责人批准前不要发布任何内容。",
        "我们正在调查。详情：{{ help_url }}",
    ),
    "ko": (
        "{{ issue }}에 대해 알고 있으며 조사 중입니다. 한 시간 안에 소식을 전하겠습니다. 문의: {{ help_url }}",
        "업데이트: {{ known }}. 조치: {{ doing }}. 다음 업데이트는 30분 후입니다. 도움말: {{ help_url }}",
        "해결됨: {{ outcome }}. 기다려 주셔서 감사합니다. 도움이 필요하면 {{ help_url }}",
        "사과드립니다: {{ mistake }}. 게시물을 삭제했으며 {{ fix }}. 의견: {{ help_url }}",
        "사고 선언: {{ summary }}. 즉시 상황실에 합류하고 승인 전에는 게시하지 마세요.",
        "조사 중입니다. 자세히: {{ help_url }}",
    ),
    "ar": (
        "نحن على علم بـ {{ issue }} ونعمل على التحقق الآن، وسنشارك تحديثا خلال ساعة. للاستفسار: {{ help_url }}",
        "تحديث: {{ known }}. ما نقوم به: {{ doing }}. التحديث التالي بعد 30 دقيقة. المساعدة: {{ help_url }}",
        "تم الحل: {{ outcome }}. شكرا لصبركم. للمساعدة: {{ help_url }}",
        "نعتذر: {{ mistake }}. حذفنا المنشور و{{ fix }}. شاركونا رأيكم: {{ help_url }}",
        "تم إعلان حادث: {{ summary }}. انضموا إلى غرفة الأزمة فورا ولا تنشروا شيئا قبل الموافقة.",
        "نحن نتحقق الآن. التفاصيل: {{ help_url }}",
    ),
    "vi": (
        "Chúng tôi đã biết về {{ issue }} và đang kiểm tra, sẽ cập nhật trong vòng một giờ. Hỗ trợ: {{ help_url }}",
        "Cập nhật: {{ known }}. Chúng tôi đang: {{ doing }}. Cập nhật tiếp theo sau 30 phút. Hỗ trợ: {{ help_url }}",
        "Đã giải quyết: {{ outcome }}. Cảm ơn sự kiên nhẫn của bạn. Hỗ trợ: {{ help_url }}",
        "Chúng tôi xin lỗi: {{ mistake }}. Chúng tôi đã gỡ bài và {{ fix }}. Góp ý: {{ help_url }}",
        "Sự cố đã được công bố: {{ summary }}. Vào phòng khủng hoảng ngay; không đăng gì khi chưa được duyệt.",
        "Chúng tôi đang kiểm tra. Chi tiết: {{ help_url }}",
    ),
    "id": (
        "Kami mengetahui {{ issue }}. Kami sedang menanganinya dan akan memberi kabar dalam satu jam. Bantuan: {{ help_url }}",
        "Kabar terbaru: {{ known }}. Yang kami lakukan: {{ doing }}. Kabar berikutnya dalam 30 menit; bantuan di {{ help_url }}",
        "Selesai: {{ outcome }}. Terima kasih atas kesabaran Anda. Bantuan: {{ help_url }}",
        "Kami mohon maaf: {{ mistake }}. Kami sudah menghapusnya dan {{ fix }}. Pendapat Anda: {{ help_url }}",
        "Insiden diumumkan: {{ summary }}. Segera bergabung ke ruang krisis; jangan mengunggah apa pun sebelum disetujui.",
        "Kami sedang menanganinya. Info: {{ help_url }}",
    ),
    "en": (
        "We know about {{ issue }}. We are looking into it now and will share an update within the hour. Questions: {{ help_url }}",
        "Update: {{ known }}. What we are doing: {{ doing }}. Next update in 30 minutes; help at {{ help_url }}",
        "Resolved: {{ outcome }}. Thank you for your patience. If you still need help, visit {{ help_url }}",
        "We are sorry: {{ mistake }}. We have removed it and {{ fix }}. Tell us what you think at {{ help_url }}",
        "Incident declared: {{ summary }}. Join the war room now; do not post anything until the crisis lead approves.",
        "We are looking into it. More: {{ help_url }}",
    ),
}
KINDS = ("holding-statement", "update", "resolution", "apology", "internal-alert")
VARIABLES = {
    "holding-statement": [("issue", "What people are seeing", "รายงานการจัดส่งล่าช้า")],
    "update": [
        ("known", "What we know now", "ความล่าช้ากระทบคำสั่งซื้อจากกรุงเทพฯ"),
        ("doing", "What we are doing", "เรากำลังเพิ่มพนักงานจัดส่ง"),
    ],
    "resolution": [("outcome", "How it was resolved", "คำสั่งซื้อทั้งหมดจัดส่งแล้ว")],
    "apology": [
        ("mistake", "What went wrong", "โพสต์ของเราไม่เหมาะสม"),
        ("fix", "What we are changing", "ทุกโพสต์จะถูกตรวจสองครั้ง"),
    ],
    "internal-alert": [("summary", "One line on what happened", "บัญชี X ถูกยึด")],
}
HELP = ("help_url", "Where people get help", "https://help.example.com")
PUBLIC = ["x", "instagram", "tiktok", "facebook", "linkedin", "bluesky"]


class VariedBrand(Brand):
    """A brand whose people, names and messages span the eight locales."""

    def people(self, count: int, prefix: str = "") -> list[dict[str, Any]]:
        people = []
        for i in range(count):
            locale = LOCALES[i % len(LOCALES)][0]
            given, family = self.rng.choice(NAMES[locale][3:]), self.rng.choice(NAMES[locale][:3])
            pid = f"{prefix}p-{i + 1}"
            self.phone += 1
            number = self.phone
            people.append(
                {
                    "id": pid,
                    "name": f"{family} {given}",
                    "title": "ผู้จัดการโซเชียลมีเดีย · ソーシャル担当",
                    "phone": f"+62 812-{number // 10_000 % 10_000:04d}-{number % 10_000:04d}",
                    "email": f"{pid}@{self.slug}.example.com",
                    # Shift workers in the plan's zone cover the clock; a few elsewhere.
                    "timezone": "Asia/Jakarta",
                    "locales": [locale, "en"] if locale != "en" else ["en"],
                    "working_hours": SHIFTS[i % 3],
                }
            )
        return people

    def critical_roles(
        self, people: list[dict[str, Any]], prefix: str = "", extra_backups: int = 0
    ) -> list[Any]:
        """One critical role per three people (one per shift): hundreds in a large plan.

        ``extra_backups`` more people back each role up (a pool everyone can call on).
        """
        roles = []
        by_shift = [[p["id"] for j, p in enumerate(people) if j % 3 == s] for s in range(3)]
        for i in range(len(people) // 3):
            primary, b1, b2 = (shift[i] for shift in by_shift)
            pool = [people[(3 * i + 3 + j) % len(people)]["id"] for j in range(extra_backups)]
            roles.append(
                {
                    "id": f"{prefix}role-{i + 1}",
                    "name": f"บทบาท {i + 1} · 役割 {i + 1}",
                    "responsibilities": ["ตอบสนองเหตุการณ์ · インシデント対応", "ส่งต่อให้ผู้สำรอง"],
                    "primary": primary,
                    "backups": [b1, b2, *(p for p in pool if p not in (primary, b1, b2))],
                    "critical": True,
                    **({"decision_maker": True} if i % 4 in (0, 3) else {}),
                }
            )
        return roles

    def varied_messages(
        self, count: int, approver: str, files: Path | None = None, base: Path | None = None
    ) -> list[dict[str, Any]]:
        """Every message in eight locales with an X variant each; a quarter in files."""
        messages = []
        slot = 0
        for i in range(count):
            k = i % len(KINDS)
            kind = KINDS[k]
            mid = kind if i < len(KINDS) else f"{kind}-{i // len(KINDS) + 1}"
            internal = kind == "internal-alert"
            channels = ["staff-chat"] if internal else self.rng.sample(PUBLIC, 4)
            if "x" not in channels and not internal:
                channels[0] = "x"
            templates = []
            for locale, _ in LOCALES:
                texts = TEXTS[locale]
                variants: list[tuple[str | None, str]] = [(None, texts[k])]
                if not internal:
                    variants.append(("x", texts[5]))
                for channel, text in variants:
                    variant: dict[str, Any] = {"locale": locale}
                    if channel:
                        variant["channel"] = channel
                    slot += 1
                    if files is not None and base is not None and slot % 4 == 0:
                        name = f"{mid}.{locale}{'.' + channel if channel else ''}.j2"
                        (files / name).write_text(text + "\n", encoding="utf-8")
                        variant["file"] = (files / name).relative_to(base).as_posix()
                    else:
                        variant["text"] = text
                    templates.append(variant)
            used = VARIABLES[kind] if internal else [*VARIABLES[kind], HELP]
            messages.append(
                {
                    "id": mid,
                    "name": f"ข้อความ {i + 1} · メッセージ {i + 1}",
                    "kind": kind,
                    **({"audience": "internal"} if internal else {}),
                    "channels": channels,
                    **({"approvers": [approver]} if not internal else {}),
                    "variables": [{"name": n, "description": d, "example": e} for n, d, e in used],
                    "templates": templates,
                }
            )
        return messages

    def varied_header(self, owner: str, speaker: str) -> dict[str, Any]:
        plan = self.header(owner, speaker)
        plan["locales"] = [{"id": i, "name": n, "spokesperson": speaker} for i, n in LOCALES]
        plan["organization"]["name"] = f"{self.name} · สยาม · 東京"
        return plan


def _fill(
    brand: VariedBrand,
    plan: dict[str, Any],
    roles: list[Any],
    messages: list[Any],
    threats: int,
    people: list[dict[str, Any]],
    also_notified: list[str] = (),  # type: ignore[assignment]
) -> None:
    role_ids = [r["id"] for r in roles]
    threat_list = brand.threats(threats, role_ids, messages)
    severities = brand.severities(role_ids)
    # Every critical role hears of a SEV1: a notify list hundreds of roles long.
    severities[0]["notify"] = [*role_ids, *also_notified]
    plan.update(
        severities=severities,
        escalation=brand.escalation(role_ids),
        threats=threat_list,
        messages=messages,
        drills=brand.drills(
            [t["id"] for t in threat_list if t["severity"] == "sev1"],
            [p["id"] for p in people],
            4,
            roles[0]["primary"],
        ),
    )


def varied_plan(seed: int, slug: str, k: int, extra_backups: int = 0) -> str:
    """A single plan in the varied shape; ``k`` scales the team, roles, threats, messages."""
    brand = VariedBrand(random.Random(seed), slug, slug.replace("-", " ").title(), 3_000_000)
    people = brand.people(90 * k)
    roles = brand.critical_roles(people, extra_backups=extra_backups)
    messages = brand.varied_messages(10 * k, roles[0]["id"])
    plan = brand.varied_header(people[0]["id"], roles[2]["id"])
    plan.update(people=people, roles=roles)
    _fill(brand, plan, roles, messages, 12 * k, people)
    return (
        f"# Synthetic plan, varied shape (bench/varied.py): {brand.name}\n"
        + "\n".join(emit(plan))
        + "\n"
    )


def sized_varied_plan(seed: int, slug: str, target_bytes: int) -> str:
    unit = len(varied_plan(seed, slug, 1).encode())
    k = max(1, math.ceil(target_bytes / unit))
    text = varied_plan(seed, slug, k)
    while len(text.encode()) < target_bytes:
        k += 1
        text = varied_plan(seed, slug, k)
    return text


def varied_agency(rng: random.Random, out: Path, clients: int) -> None:
    """A large agency team (all roles critical) and clients with a quarter of templates in files."""
    out.mkdir(parents=True, exist_ok=True)
    team = VariedBrand(rng, "siam-agency", "Siam Agency", 40_000_000)
    staff = team.people(60, prefix="ag-")
    staff_roles = team.critical_roles(staff, prefix="ag-")
    (out / "agency-team.yaml").write_text(
        "# ทีมของเอเจนซี · エージェンシーのチーム (bench/varied.py)\n"
        + "\n".join(emit({"people": staff, "roles": staff_roles}))
        + "\n",
        encoding="utf-8",
    )
    for c in range(clients):
        slug = f"client-{c + 1:03d}"
        brand = VariedBrand(rng, slug, f"Client {c + 1:03d}", 50_000_000 + c * 100)
        people = brand.people(3, prefix="cl-")
        files = out / "templates" / slug
        files.mkdir(parents=True)
        messages = brand.varied_messages(5, staff_roles[0]["id"], files, out)
        plan = brand.varied_header(staff[0]["id"], staff_roles[2]["id"])
        plan["include"] = ["agency-team.yaml"]
        own_roles = brand.critical_roles(people, prefix="cl-")
        plan.update(people=people, roles=own_roles)
        _fill(brand, plan, staff_roles, messages, 5, staff + people, [r["id"] for r in own_roles])
        text = f"# {brand.name} (bench/varied.py)\n" + "\n".join(emit(plan)) + "\n"
        (out / f"{slug}.yaml").write_text(text, encoding="utf-8")
