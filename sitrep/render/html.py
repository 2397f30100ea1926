"""Rendering: Jinja templates (autoescaped, strict) to HTML, with sanitised Markdown and narratives that cite events."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from .. import model, quotes
from ..dates import compact
from ..load.yamlsafe import HIDDEN_IN_TEXT, describe_hidden
from ..narrative import replace_references
from ..problems import Problem, plural
from . import markdown as markdown_html
from . import templates
from .briefing import plain
from .citations import Claim, Claims, quote_anchor

DEFAULT_TEMPLATES = templates.DEFAULT_TEMPLATES

# Pages' links are made with ROOT_MARK standing for the way back to the site root, and `render` puts the page's own
# ('', '../', ...) in its place: so a piece with links (an event's entry, a picture) comes out the same at every
# folder depth and is made once per scope. A control character: content holds none (load/yamlsafe.py refuses them;
# archived text shows each as a visible mark, see `shown`) and escaping leaves it as it is.
ROOT_MARK = "\x1d"
PAGE_TEXTS_KEPT = 65_536  # Markdown texts an environment keeps converted (a summary's HTML is ~0.3-1 kB)


def root_of(path: str) -> str:
    """The relative prefix from a page back to the site root ('' or '../'): what ROOT_MARK becomes on that page."""
    return "../" * path.count("/")


def markdown(text: str, memo: markdown_html.Memo | None = None) -> Markup:
    """Markdown to sanitised HTML (see render/markdown.py): nothing that runs, embeds or fetches survives."""
    return Markup(markdown_html.to_html(text, memo))  # noqa: S704 - sanitised by nh3


def markdown_inline(text: str, memo: markdown_html.Memo | None = None) -> Markup:
    """Markdown for a single paragraph, without the <p> around it."""
    html = str(markdown(text, memo)).strip()
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return Markup(html)  # noqa: S704 - already sanitised


@dataclass(frozen=True)
class MarkdownFilter:
    """The `md` and `md_inline` filters: Markdown to HTML through the environment's memo (`markdown_memo`)."""

    memo: markdown_html.Memo
    convert: Callable[[str, markdown_html.Memo | None], Markup]

    def __call__(self, text: str) -> Markup:
        return self.convert(text, self.memo)


def markdown_memo(env: jinja2.Environment) -> markdown_html.Memo | None:
    """The Markdown memo of an environment `environment` made (None for another): what else renders the same
    texts (the TimelineJS export renders every summary the pages did) finds them there."""
    found = env.filters.get("md")
    return found.memo if isinstance(found, MarkdownFilter) else None


def make_room_for_texts(env: jinja2.Environment, items: int) -> None:
    """Give the environment's Markdown memo room for the texts of a project of `items` items (see `environment`)."""
    memo = markdown_memo(env)
    if memo is not None:
        memo.kept = max(memo.kept, PAGE_TEXTS_KEPT + items)


def environment(project_templates: Path | None) -> jinja2.Environment:
    """The Jinja environment: a project's templates/ shadow the defaults; sandboxed; autoescape; undefined is an error.

    Held by whoever renders: a build makes one, the live preview keeps one from edit to edit until a template changes
    (the environment's Markdown memo and sandbox verdicts carry over).
    """
    env = templates.sandbox(templates.folders_of(project_templates))
    # the environment's own: its pages show the same summaries again and again, scope after scope (an edition's
    # annexes and item pages, then the next edition's), in the same order each time, so a memo with less room than
    # the texts recalls none (the oldest, needed next, went first): a plan makes room for one text per item beyond
    # PAGE_TEXTS_KEPT (make_room_for_texts), and a summary is converted once per build (100,000 events: 0.13 ms a page
    # on Markdown, not 1.2)
    memo = markdown_html.Memo(kept=PAGE_TEXTS_KEPT)
    env.filters["md"] = MarkdownFilter(memo, markdown)
    env.filters["md_inline"] = MarkdownFilter(memo, markdown_inline)
    env.filters["human"] = lambda date: date.human() if date is not None else ""
    # open vocabularies: a known value in words, any other as written ({{ s.status | status_words }})
    env.filters["status_words"] = lambda value: model.open_value_words(value, model.KNOWN_PLACE_STATUSES)
    env.filters["designation_words"] = lambda value: model.open_value_words(value, model.KNOWN_DESIGNATION_TYPES)
    env.filters["plural"] = plural  # {{ n | plural("event") }}: "1 event", "2 events"
    env.globals.update(
        LIKELIHOOD=model.LIKELIHOOD,
        OUTCOMES=model.OUTCOMES,
        GAP_TYPES=model.GAP_TYPES,
        CONFIDENCE=model.CONFIDENCE,
        RELIABILITY=model.RELIABILITY,
        CREDIBILITY=model.CREDIBILITY,
        quote_anchor=quote_anchor,
        call_html=call_html,
        compact_date=compact,
        narrate=narrate,
        plain=plain,
    )
    return env


def narrate(text: str, call: Any) -> Markup:
    """Narrative Markdown with each [[event-id]] run replaced by `call(ids)`, the template's citation call."""
    return replace_references(str(markdown(text)), call)


def call_html(claim: Claim, claims: Claims, href: Callable[[str, str], str | None]) -> Markup:
    """A citation call on the web, as `call` in _macros.html shows it: the button "[AW 2, 5]" and its popover of
    passages (each linked to its highlighted place on the source's page) and of the events a sentence names.

    Made here rather than in the template: a page makes hundreds of calls, and the template's attribute look-ups
    (each checked by the sandbox) were most of an event entry's time. Every value is escaped as autoescape does.
    """
    if not claim.passages:
        return Markup("")
    claim_id, label = escape(claim.id), escape(claim.label)
    first = f' id="{escape(claim.anchors[0])}"' if claim.anchors else ""
    parts = [
        f'<span class="cites" data-pagefind-ignore{first}>',
        *(f'<span id="{escape(anchor)}" class="anchor"></span>' for anchor in claim.anchors[1:]),
        f'<button type="button" class="cite-call" popovertarget="{claim_id}" aria-label="Sources: {label}">[{label}]</button>'
        f'<span class="claim" id="{claim_id}" popover>\n<span class="claim-head">Sources <button type="button" '
        f'class="claim-close" popovertarget="{claim_id}" popovertargetaction="hide" aria-label="Close">×</button></span>',
    ]
    for passage in claim.passages:
        source, grade = passage.source, claim.graded(passage)
        # who a passage names before its date: the outlet; where the text names none (`outlet: null`), its author
        by = f"{escape(source.outlet or source.author)}, " if source.outlet or source.author else ""
        graded = f", credibility {escape(grade)}" if grade else ""
        parts.append(
            f'<span class="claim-passage"><span class="claim-key">{escape(passage.label)}</span> {by}'
            f"{escape(source.published.short())}{graded}: "
            f'<a href="{escape(claims.href(passage))}">“{escape(passage.quote)}”</a></span>'
        )
    if claim.events:
        named = []
        for event in claim.events:
            url = href("event", event.id)
            title = f'<a href="{escape(url)}">{escape(event.title)}</a>' if url else escape(event.title)
            named.append(f"{title} ({escape(compact(event.date, event.date_end))})")
        parts.append(f'<span class="claim-events">On: {"; ".join(named)}</span>')
    parts.append("</span></span>")
    return Markup("".join(parts))  # noqa: S704 - every value was escaped above


def highlight(
    text: str,
    citations: list[tuple[str, model.Citation]],
    numbered: dict[str, str] | None = None,
    matches: quotes.Matches | None = None,
) -> Markup:
    """The archived text as HTML paragraphs with every quoted passage marked and anchored.

    `citations` pairs each citation with a label of what cites it (shown as the mark's title).
    Overlapping passages merge into one mark that carries every anchor. `numbered` maps a passage's
    anchor to its number: the number follows the mark and links to the passage's entry (`#p-<anchor>`).
    `matches` is the caller's cache of where quotes are in texts.
    """
    numbered = numbered or {}
    spans: list[tuple[int, int, str, str]] = []
    # the caller's (a build's, which numbered the passages with it: each quote found already), else the text
    # folded once here for all its quotes
    matches = matches if matches is not None else quotes.Matches()
    for label, citation in citations:
        found = matches.find(text, citation.quote)
        if not found:
            continue
        anchor = quote_anchor(citation.source, citation.quote)
        for index, (start, end) in enumerate(found):
            spans.append((start, end, anchor if index == 0 else "", label))
    spans.sort()
    merged: list[tuple[int, int, list[str], list[str]]] = []
    for start, end, anchor, label in spans:
        if merged and start <= merged[-1][1]:
            last = merged[-1]
            merged[-1] = (last[0], max(last[1], end), last[2] + [anchor], last[3] + [label])
        else:
            merged.append((start, end, [anchor], [label]))
    paragraphs: list[str] = []
    for start, end in paragraphs_of(text):
        pieces: list[str] = []
        position = start
        for mark_start, mark_end, anchors, labels in merged:
            if mark_end <= start or mark_start >= end:
                continue
            lo, hi = max(mark_start, start), min(mark_end, end)
            pieces.append(shown(text[position:lo]))
            ids = sorted({a for a in anchors if a}) if lo == mark_start else []  # anchors on the first piece only
            lead = "".join(f'<span id="{a}" class="anchor"></span>' for a in ids[1:])
            first = f' id="{ids[0]}"' if ids else ""
            title = escape("; ".join(sorted(set(labels))))
            with_numbers = sorted((a for a in ids if a in numbered), key=lambda a: (len(numbered[a]), numbered[a]))
            numbers = ", ".join(
                f'<a class="passage-no" href="#p-{a}" aria-label="passage {escape(numbered[a])}">{escape(numbered[a])}</a>'
                for a in with_numbers
            )
            numbers = f'<span class="passage-nos">{numbers}</span>' if numbers else ""
            pieces.append(f'{lead}<mark{first} title="{title}">{shown(text[lo:hi])}</mark>{numbers}')
            position = hi
        pieces.append(shown(text[position:end]))
        paragraphs.append("<p>" + "".join(pieces).replace("\n", "<br>\n") + "</p>")
    html = "\n".join(paragraphs)
    return Markup(html)  # noqa: S704 - every piece of text was escaped above


def shown(text: str) -> str:
    """Archived text as HTML: escaped, and each control or bidi character a visible, inert mark in its place (its
    code point, boxed; control pictures such as U+241B are missing from most fonts), so it can neither hide nor
    reorder words."""
    return HIDDEN_IN_TEXT.sub(_hidden_mark, str(escape(text)))


def _hidden_mark(match: re.Match[str]) -> str:
    char = match.group()[0]
    return f'<span class="hidden-char" title="{describe_hidden(char)}">U+{ord(char):04X}</span>'


def paragraphs_of(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each paragraph: text between blank lines, white space at either end left out. Linear."""
    position = 0
    for gap in (*quotes.BLANK_LINE.finditer(text), None):
        stop = gap.start() if gap else len(text)
        piece = text[position:stop]
        stripped = piece.strip()
        if stripped:
            start = position + len(piece) - len(piece.lstrip())
            yield start, start + len(stripped)
        position = gap.end() if gap else stop


def render(env: jinja2.Environment, template: str, context: dict[str, Any]) -> str:
    """Render a template; any failure inside a template is a TemplateProblem located at its file and line."""
    try:
        text = env.get_template(template).render(context)
    except templates.TemplateProblem:
        raise
    except Exception as error:  # noqa: BLE001 - a template is code: whatever it raises is reported where it is
        problem = _template_problem(env, error)
        if problem is None:
            raise  # not from a template: a bug of sitrep's own, shown as such
        raise templates.TemplateProblem([problem]) from None
    path = context.get("page_path")
    return text.replace(ROOT_MARK, root_of(path)) if isinstance(path, str) and ROOT_MARK in text else text


def _template_problem(env: jinja2.Environment, error: Exception) -> Problem | None:
    loader = env.loader
    folders = loader.folders if isinstance(loader, templates.ConfinedLoader) else []

    def shown(filename: str | None) -> str | None:
        for folder in folders:
            if filename and Path(filename).is_relative_to(folder.path):
                return folder.name(Path(filename).relative_to(folder.path).as_posix())
        return None

    where: tuple[str, int] | None = None
    if isinstance(error, jinja2.TemplateSyntaxError):
        name = shown(error.filename)
        where = (name, error.lineno) if name else None
    else:
        trace = error.__traceback__
        while trace is not None:
            name = shown(trace.tb_frame.f_code.co_filename)
            if name is not None:
                where = (name, trace.tb_lineno)  # the innermost template frame wins
            trace = trace.tb_next
    if isinstance(error, jinja2.TemplateNotFound):
        message = f"template '{error.name}' not found: neither templates/ nor sitrep's defaults have it"
        hint = f"add templates/{error.name}, or correct the name where it is extended, included or imported"
        if where is None:
            return Problem(f"templates/{error.name}", None, None, message, hint)
    elif where is None:
        return None
    elif isinstance(error, jinja2.exceptions.SecurityError):
        message, hint = f"template refused by the sandbox: {error.message}", templates.SANDBOX_HINT
    elif isinstance(error, jinja2.UndefinedError):
        message, hint = f"template uses an undefined value: {error.message}", templates.SANDBOX_HINT
    elif isinstance(error, jinja2.TemplateSyntaxError):
        message, hint = f"template syntax: {error.message}", "see Jinja's template documentation for the syntax"
    else:
        message, hint = f"template failed: {type(error).__name__}: {error}", "correct the template at this line"
    return Problem(where[0], where[1], None, message, hint)
