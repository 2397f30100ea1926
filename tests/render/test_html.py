"""The archived text on a source page (passages marked, hidden characters shown as inert marks); the citation call;
the environment's Markdown memo."""

from __future__ import annotations

from pathlib import Path

from sitrep import model, pipeline
from sitrep.dates import compact
from sitrep.load import load_project
from sitrep.model.kinds import item_counts
from sitrep.render.citations import Catalogue, Claims, catalogue
from sitrep.render.html import (
    PAGE_TEXTS_KEPT,
    call_html,
    environment,
    highlight,
    make_room_for_texts,
    markdown_memo,
    paragraphs_of,
)

from ..conftest import MINI

FIXTURES = Path(__file__).parent.parent / "fixtures"


def test_control_and_bidi_characters_are_shown_not_obeyed() -> None:
    text = "Officials said\x1b[2J the \u202eesab\u202c was hit.\r\n\r\nSecond\x00 paragraph\x85."
    quote = model.Citation(source="aw", quote="the \u202eesab\u202c was hit")
    html = str(highlight(text, [("event: x", quote)]))
    for char in "\x1b\u202e\u202c\x00\x85":
        assert char not in html
    assert '<span class="hidden-char" title="control character U+001B (ESC)">U+001B</span>[2J' in html
    assert '<span class="hidden-char" title="bidi control U+202E (RIGHT-TO-LEFT OVERRIDE)">U+202E</span>esab' in html
    assert '<span class="hidden-char" title="control character U+0000 (NUL)">U+0000</span>' in html
    assert '<span class="hidden-char" title="control character U+0085 (NEL)">U+0085</span>' in html
    assert html.count("<p>") == 2


def test_paragraphs_are_split_in_linear_time_on_long_runs_of_spaces() -> None:
    """The old pattern (`.*?` with a `\\s*` look-ahead) was quadratic in a run of spaces; this one is linear."""
    text = "first" + " " * 200_000 + "\n\n" + "second" + " \n" * 50_000
    assert [text[a:b] for a, b in paragraphs_of(text)] == ["first", "second"]


# The citation call as the template made it before `call_html` (the plain way): the fast one must match it byte for byte.
PLAIN_CALL = """{% macro by(source) -%}{% if source.outlet or source.author %}{{ source.outlet or source.author }}, {% endif %}{%- endmacro %}
{% macro call(claim) -%}
{% if not claim.passages %}{% else -%}
<span class="cites" data-pagefind-ignore{% if claim.anchors %} id="{{ claim.anchors[0] }}"{% endif %}>{% for a in claim.anchors[1:] %}<span id="{{ a }}" class="anchor"></span>{% endfor %}<button type="button" class="cite-call" popovertarget="{{ claim.id }}" aria-label="Sources: {{ claim.label }}">[{{ claim.label }}]</button><span class="claim" id="{{ claim.id }}" popover>
<span class="claim-head">Sources <button type="button" class="claim-close" popovertarget="{{ claim.id }}" popovertargetaction="hide" aria-label="Close">×</button></span>
{%- for p in claim.passages %}{% set g = claim.graded(p) %}
<span class="claim-passage"><span class="claim-key">{{ p.label }}</span> {{ by(p.source) }}{{ p.source.published.short() }}{% if g %}, credibility {{ g }}{% endif %}: <a href="{{ claims.href(p) }}">“{{ p.quote }}”</a></span>
{%- endfor %}
{%- if claim.events %}
<span class="claim-events">On: {% for e in claim.events %}{% set url = href("event", e.id) %}{% if url %}<a href="{{ url }}">{{ e.title }}</a>{% else %}{{ e.title }}{% endif %} ({{ compact_date(e.date, e.date_end) }}){% if not loop.last %}; {% endif %}{% endfor %}</span>
{%- endif %}</span></span>
{%- endif %}
{%- endmacro %}
{{ call(claim) }}"""


def test_a_citation_call_is_the_templates_own_byte_for_byte() -> None:
    """Every event's call of the contract project, with hostile outlet, author, titles and quotes, linked or not."""
    loaded = load_project(FIXTURES / "contract")
    project = loaded.project
    hostile = "<b>\"A&B'</b> \x1d"
    sources = {
        sid: s.model_copy(update={"outlet": hostile if n % 3 == 0 else s.outlet, "author": None if n % 3 == 1 else hostile})
        for n, (sid, s) in enumerate(project.sources.items())
    }
    cites = [c for e in project.events.values() for c in e.cite]
    plain_cat = catalogue(project, cites)
    cat = Catalogue(sources, plain_cat.keys, plain_cat.numbers)
    env = environment(None)
    template = env.from_string(PLAIN_CALL)
    events = [e.model_copy(update={"title": e.title + hostile}) for e in project.events.values()]
    shown = []
    for n, event in enumerate(events):
        claims = Claims(cat, "../", "briefings/x/")
        anchors = [f"cite-{e.id}" for e in events[n : n + n % 3]]
        for claim in (
            claims.add(event.cite, events[n : n + 2], anchors),
            claims.add(event.cite, name=f"event-{event.id}"),
            claims.add([]),
        ):

            def href(kind: str, item_id: str, linked: bool = n % 2 == 0) -> str | None:
                return f"../t.html#{kind}-{item_id}&" if linked else None

            expected = template.render(claim=claim, claims=claims, href=href, compact_date=compact)
            assert str(call_html(claim, claims, href)) == expected
            shown.append(expected)
    every = "".join(shown)  # each branch of the template was taken
    for seen in (", credibility ", '<span class="claim-events">On: <a href', "&lt;b&gt;&#34;A&amp;B&#39;", '" class="anchor">'):
        assert seen in every
    assert "" in shown


def test_an_environment_keeps_every_summary_of_a_ten_thousand_event_project_converted() -> None:
    """Pages show the same summaries scope after scope (an edition's annexes and item pages, then the next's): the
    environment's Markdown memo keeps more texts than such a project holds, so none is converted twice."""
    env = environment(None)
    memo = markdown_memo(env)
    assert memo is not None and memo.kept == PAGE_TEXTS_KEPT >= 12_000  # 10,000 summaries and the other texts
    texts = [f"Summary *{n}*." for n in range(12_000)]
    for text in texts:
        env.filters["md"](text)
    assert list(memo.html) == texts
    assert memo.html[texts[0]] == "<p>Summary <em>0</em>.</p>"


def test_a_plan_makes_room_for_every_text_of_a_project_bigger_than_that() -> None:
    """Past PAGE_TEXTS_KEPT texts a memo that drops the oldest recalls none (each scope shows them in the same order,
    the oldest needed next): a plan gives its environment room for one text more per item of the project."""
    plan = pipeline.plan_build(load_project(MINI), MINI)
    memo = markdown_memo(plan.env)
    items = sum(item_counts(plan.loaded.project).values())
    assert memo is not None and items > 10 and memo.kept == PAGE_TEXTS_KEPT + items
    env = environment(None)
    make_room_for_texts(env, 10_000)
    make_room_for_texts(env, 10)  # room is never taken back
    texts = [f"Summary *{n}*." for n in range(PAGE_TEXTS_KEPT + 10_000)]
    for _ in range(2):
        for text in texts:
            env.filters["md"](text)
    memo = markdown_memo(env)
    assert memo is not None and list(memo.html) == texts  # the second round converted none again
