"""The handbook as one self-contained HTML file: CSS and charts inline, made to print.

Rendered with Jinja's autoescaping, so every text from the plan is HTML-escaped; only the
project's own SVG charts (which escape their own text) are inserted as markup.
"""

from __future__ import annotations

from jinja2 import Environment

from crisiskit.export.handbook import Handbook
from crisiskit.export.svg import coverage_svg, ladder_svg
from crisiskit.export.words import WORDS, hours_words

_CSS = """
:root { font-family: "DejaVu Sans", "Noto Sans", Arial, sans-serif; color: #111; }
body { max-width: 52rem; margin: 0 auto; padding: 1rem; line-height: 1.35; font-size: 11pt; }
h1 { font-size: 1.8rem; margin: 0 0 .5rem; } h2 { font-size: 1.3rem; margin-top: 1.5rem; }
h3 { font-size: 1.05rem; margin: 1rem 0 .3rem; }
table { border-collapse: collapse; width: 100%; margin: .3rem 0 .8rem; font-size: .9rem; }
table { table-layout: fixed; }
th, td { overflow-wrap: anywhere; border: 1px solid #999; padding: .15rem .35rem; text-align: left; vertical-align: top; }
th { background: #eee; }
.phone { white-space: nowrap; } .order { margin: .2rem 0; } .bad { color: #c00000; font-weight: bold; }
.draft { white-space: pre-wrap; border-left: 3px solid #1f4e79; padding: .2rem .5rem;
  margin: .2rem 0 .6rem; background: #f6f8fa; overflow-wrap: anywhere; }
.meta { color: #444; font-size: .85em; }
svg { max-width: 100%; height: auto; }
nav ol { columns: 2; }
@media (max-width: 40rem) { body { padding: .5rem; } nav ol { columns: 1; } table { font-size: .8rem; } }
@page { size: A4; margin: 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 9.5pt; }
  .page { break-before: page; }
  .threat { break-before: page; }
  #contacts { break-after: page; }
  #contacts table { font-size: 9.5pt; }
  #contacts td, #contacts th { padding: .05rem .25rem; }
  tr, .draft, svg { break-inside: avoid; }
}
"""

_TEMPLATE = """{% macro person(p) %}<strong>{{ p.name }}</strong>{% if p.phone %} <a class="phone" href="tel:{{ p.phone | replace(' ', '') }}">{{ p.phone }}</a>{% endif %}<br><span class="meta">{{ p.hours }} ({{ p.timezone }})</span>{% endmacro %}<!DOCTYPE html>
<html lang="{{ book.language }}">
<head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ w.title }} — {{ book.organization }}</title>
<style>{{ css | safe }}</style></head>
<body>
<section id="cover">
<h1>{{ w.title }}: {{ book.organization }}</h1>
<p class="meta">{{ w.generated }}: {{ book.generated.isoformat() }} ·
{{ w.plan_version }}: {% if book.commit %}{{ book.commit }}{% if book.commit_date %} ({{ w.committed.format(date=book.commit_date) }}){% endif %}{% if book.uncommitted %}
({{ w.uncommitted }}){% endif %}{% else %}{{ w.not_in_git }}{% endif %}</p>
<p>{{ w.review }}: {% if book.review_due is none %}{{ w.no_review }}{% elif book.overdue %}
<span class="bad">{{ w.review_overdue.format(due=book.review_due.isoformat()) }}</span>{% else %}
{{ w.review_due.format(due=book.review_due.isoformat()) }}{% endif %}</p>
<h2>{{ w.findings }}</h2>
{% if book.findings %}<ul>{% for f in book.findings[:15] %}<li class="{{ 'bad' if f.level == 'error' else '' }}">{{ f.level }} {{ f.code }} {{ f.where }}: {{ f.message }}</li>{% endfor %}
{% if book.findings | length > 15 %}<li>{{ w.more_findings.format(count=book.findings | length - 15) }}</li>{% endif %}</ul>
{% else %}<p>{{ w.no_findings }}</p>{% endif %}
<nav><h2>{{ w.contents }}</h2><ol>
<li><a href="#contacts">{{ w.contacts }}</a></li><li><a href="#roles">{{ w.roles }}</a></li>
<li><a href="#escalation">{{ w.escalation }}</a></li><li><a href="#coverage">{{ w.coverage }}</a></li>
{% for t in book.threats %}<li><a href="#threat-{{ loop.index }}">{{ t.name }}</a></li>{% endfor %}
<li><a href="#approvals">{{ w.approvals }}</a></li><li><a href="#drills">{{ w.drills }}</a></li>
</ol></nav>
</section>

<section id="contacts" class="page">
<h2>{{ w.contacts }}</h2><p class="meta">{{ w.contacts_intro }}</p>
<table><tr><th>{{ w.role }}</th><th>{{ w.primary }}</th><th>{{ w.backups }}</th></tr>
{% for r in book.people %}<tr><td>{{ r.role }}</td>
<td>{% if r.primary %}{{ person(r.primary) }}{% else %}<span class="bad">{{ w.none }}</span>{% endif %}</td>
<td>{% for b in r.backups %}<div>{{ person(b) }}</div>{% else %}<span class="bad">{{ w.none }}</span>{% endfor %}</td></tr>
{% endfor %}</table>
{% for s in book.contacts %}<p class="order"><strong>{{ s.name }}</strong>{% if s.first_response %} · {{ w.first_response }} {{ s.first_response }}{% endif %}{% if s.update_every %} · {{ w.updates }} {{ s.update_every }}{% endif %}:
{{ s.order | join(' → ') | replace('notify ', w.notify_word ~ ' ') | replace('approve ', w.approve_word ~ ' ') }}</p>{% endfor %}
</section>

<section id="roles" class="page"><h2>{{ w.roles }}</h2>
{% for r in book.roles %}<h3>{{ r.name }}</h3>
<ul>{% for item in r.responsibilities %}<li>{{ item }}</li>{% endfor %}</ul>
<p>{{ w.primary }}: {% if r.primary %}{{ r.primary.name }}{% if r.primary.phone %}, {{ r.primary.phone }}{% endif %}{% else %}<span class="bad">{{ w.none }}</span>{% endif %}<br>
{{ w.backups }}: {% for b in r.backups %}{{ b.name }}{% if b.phone %}, {{ b.phone }}{% endif %}{% if not loop.last %}; {% endif %}{% else %}<span class="bad">{{ w.none }}</span>{% endfor %}</p>
{% endfor %}</section>

<section id="escalation" class="page"><h2>{{ w.escalation }}</h2>
{% for l in book.ladders %}<h3>{{ l.name }}</h3>{{ ladder_svg(l) }}
<p class="meta">{{ w.notify }}: {{ l.notify | join(', ') or w.none }} · {{ w.approve }}: {{ l.approvers | join(' → ') or w.none }}</p>
{% endfor %}</section>

<section id="coverage" class="page"><h2>{{ w.coverage }}</h2>
{% for g in book.coverage %}<h3>{{ g.name }}</h3>
<p class="meta">{{ w.coverage_intro.format(monday=g.monday.isoformat(), zone=g.timezone) }}</p>
{{ coverage_svg(g, days) }}
<p>{% if g.gaps %}<span class="bad">{{ w.uncovered }}: {{ g.gaps | join(', ') }}</span>{% else %}{{ w.covered }}{% endif %}</p>
{% endfor %}</section>

{% for t in book.threats %}
<section id="threat-{{ loop.index }}" class="threat"><h2>{{ w.threat }}: {{ t.name }}</h2>
<p>{{ w.severity }}: {{ t.severity or w.none }} · {{ w.owner }}: {{ t.owner or w.none }} ·
{{ w.likelihood }}: {{ t.likelihood }} · {{ w.impact }}: {{ t.impact }}</p>
{% if t.rules %}<p><strong>{{ t.rules|join(' · ') }}</strong></p>{% endif %}
<h3>{{ w.signals }}</h3><ul>{% for s in t.signals %}<li>{{ s }}</li>{% else %}<li>{{ w.none }}</li>{% endfor %}</ul>
<h3>{{ w.first_steps }}</h3><ol>{% for s in t.steps %}<li>{{ s.action }}{% if s.role %} — {{ s.role }}{% endif %}
{% if s.within %} · {{ w.within }} {{ s.within }}{% endif %}{% if s.regulator %} · {{ w.regulator }}: {{ s.regulator }}{% endif %}</li>{% endfor %}</ol>
<h3>{{ w.messages }}</h3><p class="meta">{{ w.example_values }}</p>
{% for d in t.drafts %}<p><strong>{{ d.message_name }}</strong> · {{ d.channel }} · {{ d.locale }}
{% if d.text is none %} · <span class="bad">{{ w.does_not_render }}: {{ d.error }}</span>{% else %}
· {{ w.length }} {{ d.length }}{% if d.over_limit %} <span class="bad">{{ w.over_limit }}</span>{% endif %}{% endif %}</p>
{% if d.text is not none %}{% if d.title is not none %}<p class="meta">{{ w.draft_title }} ({{ d.title_length }}): <strong>{{ d.title }}</strong></p>{% endif %}<div class="draft">{{ d.text }}</div>{% endif %}{% endfor %}
</section>{% endfor %}

<section id="approvals" class="page"><h2>{{ w.approvals }}</h2>
<table><tr><th>{{ w.severity }} / {{ w.message }}</th><th>{{ w.approvers }}</th></tr>
{% for a in book.approvals %}<tr><td>{{ a.message }}</td><td>{{ a.approvers | join(' → ') or w.none }}</td></tr>{% endfor %}
</table></section>

<section id="drills"><h2>{{ w.drills }}</h2>
<p>{{ w.cadence }}: {{ book.drill_cadence or w.none }}{% if book.next_drill %} · {{ w.next_drill }}: <span class="{{ 'bad' if book.next_drill < book.generated else '' }}">{{ book.next_drill.isoformat() }}</span>{% endif %}</p>
<h3>{{ w.scenarios }}</h3><ul>{% for s in book.scenarios %}<li>{{ s }}</li>{% else %}<li>{{ w.none }}</li>{% endfor %}</ul>
<h3>{{ w.last_drills }}</h3>
<table><tr><th>{{ w.date }}</th><th>{{ w.scenario }}</th><th>{{ w.time_to_first_statement }}</th></tr>
{% for d in book.last_drills %}<tr><td>{{ d.date }}</td><td>{{ d.scenario }}</td><td>{{ d.time_to_first_statement or '' }}</td></tr>{% endfor %}
</table></section>
</body></html>
"""


def render_html(book: Handbook) -> str:
    environment = Environment(autoescape=True, keep_trailing_newline=True)
    template = environment.from_string(_TEMPLATE)
    return template.render(
        book=book,
        w=WORDS[book.language],
        css=_CSS,
        ladder_svg=ladder_svg,
        coverage_svg=coverage_svg,
        days=hours_words(book.language).days,
    )
