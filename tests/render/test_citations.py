"""Citations: short source keys, passage numbers in the order of the text, one call per claim, the source list."""

from __future__ import annotations

from sitrep import model
from sitrep.load import load_project
from sitrep.model.kinds import LISTED
from sitrep.model.kinds import citations as citations_of
from sitrep.render.citations import Claims, catalogue, source_keys, source_list
from sitrep.select import select

from ..conftest import MINI


def source(source_id: str, outlet: str | None, published: str, title: str = "A title") -> model.Source:
    return model.Source.model_validate(
        {
            "id": source_id,
            "title": title,
            "outlet": outlet,
            "published": published,
            "kind": "news",
            "reliability": "C",
            "descriptor": "d",
        }
    )


def test_keys_come_from_the_outlet_or_the_title_and_stay_unique() -> None:
    keys = source_keys(
        [
            source("aw1", "The Arab Weekly", "2019-12-08"),
            source("iw", "IranWire", "2020-04-12"),
            source("mena", "MENA Research and Study Center", "2020-04"),
            source("meo", "Middle East Online", "2020-04"),
            source("unnamed", None, "2020-03", title="Iran Watchfully Observes U.S. Moves"),
            source("aw2", "The Arab Weekly", "2020-02-01"),
            source("aw3", "The Arab Weekly", "2020-05-01"),
            source("x", "X", "2020-01"),
        ]
    )
    assert keys == {
        "aw1": "AW19",
        "aw2": "AW20a",
        "aw3": "AW20b",
        "iw": "IW",
        "mena": "MRSC",
        "meo": "MEO",
        "unnamed": "IWOU",
        "x": "X",
    }


def all_citations(project: model.Project) -> list[model.Citation]:
    found: list[model.Citation] = []
    for kind in LISTED:
        for item in getattr(project, kind.name).values():
            found.extend(c for _, c in citations_of(item))
    return found


def test_passages_are_numbered_in_the_order_of_the_text() -> None:
    project = load_project(MINI).project
    cat = catalogue(project, all_citations(project))
    text = project.texts["aw"]
    quoted = sorted((q for s, q in cat.numbers if s == "aw"), key=lambda q: cat.numbers[("aw", q)])
    positions = [text.lower().find(q.split(" ... ")[0].lower()) for q in quoted]
    assert len(quoted) >= 2 and positions == sorted(positions) and -1 not in positions
    assert [cat.numbers[("aw", q)] for q in quoted] == list(range(1, len(quoted) + 1))


def test_a_cited_passage_is_one_object_for_every_page_and_an_uncited_quote_is_unnumbered() -> None:
    project = load_project(MINI).project
    cat = catalogue(project, all_citations(project))
    (source_id, quote), number = next(iter(cat.numbers.items()))
    first, again = cat.passage(source_id, quote), cat.passage(source_id, quote)
    assert first is again  # a page key hashes a passage once per build, not once per page
    assert (first.number, first.key, first.quote, first.source.id) == (number, cat.keys[source_id], quote, source_id)
    stray = cat.passage(source_id, "words no citation quotes")
    assert stray.number == 0 and stray is not cat.passage(source_id, "words no citation quotes")


def test_one_call_combines_a_claims_passages_by_source() -> None:
    project = load_project(MINI).project
    cat = catalogue(project, all_citations(project))
    claims = Claims(cat, "../")
    judgment = project.judgments["attacks-continue-2020"]
    event = project.events["2019-12-05-balad-rockets"]
    claim = claims.add([*event.cite, *judgment.cite, *event.cite])
    balad = cat.numbers[("aw", event.cite[0].quote)]
    twenty = cat.numbers[("iw", judgment.cite[0].quote)]
    assert claim.label == f"AW {balad}; IW {twenty}"
    assert claim.number == 1 and claim.id == "claim-1"
    assert [p.label for p in claim.passages] == [f"AW {balad}", f"IW {twenty}"]
    assert claim.graded(claim.passages[0]) == 2 and claim.graded(claim.passages[1]) == 3  # the lowest grade given
    assert claims.href(claim.passages[0]).startswith("../sources/aw.html#q-")


def test_a_narrative_call_anchors_each_event_once_per_page() -> None:
    project = load_project(MINI).project
    claims = Claims(catalogue(project, all_citations(project)), "")
    first = claims.add_events(["2019-12-05-balad-rockets", "no-such-event"], project.events)
    again = claims.add_events(["2019-12-05-balad-rockets", "2020-01-03-soleimani-killed"], project.events)
    assert [e.id for e in first.events] == ["2019-12-05-balad-rockets"]
    assert first.anchors == ("cite-2019-12-05-balad-rockets",)
    assert again.anchors == ("cite-2020-01-03-soleimani-killed",)
    assert again.label.startswith("AW ") and "; IW " in again.label


def test_the_source_list_holds_the_editions_sources_with_their_passages_and_grades() -> None:
    project = load_project(MINI).project
    cat = catalogue(project, all_citations(project))
    view = select(project, project.briefings["ed1"])
    cited = [c for e in view.events.values() for c in e.cite]
    entries = source_list(cat, cited, view.sources)
    assert [(e.key, e.source.id) for e in entries] == [("AW", "aw")]
    [(passage, grades)] = entries[0].passages
    assert passage.quote == "Two Katyusha rockets hit Balad Airbase north of Baghdad December 5"
    assert grades == (2,)
    assert passage.print_id == f"passage-aw-{passage.number}"
