"""Picture fitting: the in-place refit (one style pass, only the moved pages laid out again) is the plain one."""

from __future__ import annotations

from typing import Any

from sitrep import pipeline
from sitrep.load import load_project
from sitrep.render import pdf
from sitrep.render.paging import _boxes, _element_id, fit_pictures, fit_pictures_in_place, in_place_works, shrinks

from ..conftest import ROOT

# 50 mm of text opening the page the map section starts on: the map section (227 mm: heading, 203 mm map, legend) no
# longer fits after it, and the page would be left more than MOST_EMPTY empty, but 0.86 of the map fits
OPENING = '<p style="break-before: page; margin: 0; line-height: 50mm">A page opened by 50 mm of text</p>'


def _body(job: pdf.PdfJob, shrunk: bool) -> str:
    """The edition's body, with the map section moved to where it is shrunk if `shrunk`."""
    section = '<section id="map" '
    assert job.body_html.count(section) == 1
    return job.body_html.replace(section, OPENING + section) if shrunk else job.body_html


def test_fitting_in_place_makes_the_plain_refits_pdf_byte_for_byte() -> None:
    """A map that leaves a page more than MOST_EMPTY empty is shrunk: the PDF of the in-place refit is byte for byte
    that of laying the whole body out again with the shrink as CSS (so its pages, contents numbers, "Page x of y",
    links, bookmarks and tags are those), and so is an edition with none (no shipped edition shrinks a picture)."""
    from weasyprint import CSS, HTML

    plan = pipeline.plan_build(load_project(ROOT), ROOT)
    for slug, shrunk in (("us-iran-iraq-2020-04-30", True), ("us-iran-iraq-2019-12-08", False)):
        job = plan.pdf_job(slug)
        fetcher = pdf._fetcher_class()(list(job.template_folders), dict(job.files))
        body = _body(job, shrunk)
        html = HTML(string=body, base_url=pdf.VIRTUAL_BASE, url_fetcher=fetcher)
        fresh = HTML(string=body, base_url=pdf.VIRTUAL_BASE, url_fetcher=fetcher)  # as render_pdf gives it

        def plain(css: str, html: Any = html, fetcher: Any = fetcher) -> Any:
            return html.render(stylesheets=[CSS(string=css, url_fetcher=fetcher)] if css else None)

        assert bool(shrinks(plain(""))) is shrunk, slug
        expected = fit_pictures(plain).write_pdf(pdf_variant="pdf/ua-1")
        in_place = fit_pictures_in_place(fresh)
        assert in_place is not None, slug  # it vouches for its judgement here
        assert in_place.write_pdf(pdf_variant="pdf/ua-1") == expected, slug


def test_fitting_in_place_is_used_only_with_the_weasyprint_it_was_proven_against() -> None:
    """It reaches into WeasyPrint's internals, so another major version fits pictures the plain way."""
    import weasyprint

    assert in_place_works(weasyprint.__version__)  # the one installed, that the test above proves
    assert [in_place_works(v) for v in ("70.0", "70.2", "71.0", "7.0", "170.1")] == [True, True, False, False, False]


def test_fitting_in_place_lays_out_the_pages_after_the_picture_once(monkeypatch: Any) -> None:
    """The layout stops at the picture that needs shrinking and goes on from the page before it: every page after
    the picture is laid out once, and only the pages up to it (and the contents page, for its numbers) twice."""
    from weasyprint import HTML
    from weasyprint.layout import page as weasy_page

    job = pipeline.plan_build(load_project(ROOT), ROOT).pdf_job("us-iran-iraq-2020-04-30")
    fetcher = pdf._fetcher_class()(list(job.template_folders), dict(job.files))
    made: list[int] = []
    remake_page = weasy_page.remake_page

    def counted(index: int, *args: Any) -> Any:
        made.append(index)
        return remake_page(index, *args)

    monkeypatch.setattr(weasy_page, "remake_page", counted)
    document = fit_pictures_in_place(HTML(string=_body(job, True), base_url=pdf.VIRTUAL_BASE, url_fetcher=fetcher))
    assert document is not None
    pages = len(document.pages)
    picture = next(i for i, page in enumerate(document.pages) if "figure-map" in {_element_id(b) for b in _boxes(page._page_box)})
    after = [index for index in made if index > picture + 1]  # past the page it may move back to and the one after
    assert sorted(after) == list(range(picture + 2, pages)), "each page after the picture laid out once"
    assert len(made) <= pages + picture + 4, made
