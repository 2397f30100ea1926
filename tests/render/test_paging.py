"""Picture fitting: the in-place refit (one style pass, only the moved pages laid out again) is the plain one."""

from __future__ import annotations

from typing import Any

from sitrep import pipeline
from sitrep.load import load_project
from sitrep.render import pdf
from sitrep.render.paging import fit_pictures, fit_pictures_in_place, shrinks

from ..conftest import ROOT


def test_fitting_in_place_makes_the_plain_refits_pdf_byte_for_byte() -> None:
    """The shipped 2020-04-15 edition's map leaves a page more than MOST_EMPTY empty and is shrunk: the PDF of
    the in-place refit is byte for byte that of laying the whole body out again with the shrink as CSS (so its
    pages, contents numbers, "Page x of y", links, bookmarks and tags are those), and so is an edition with none."""
    from weasyprint import CSS, HTML

    plan = pipeline.plan_build(load_project(ROOT), ROOT)
    for slug, shrunk in (("us-iran-iraq-2020-04-15", True), ("us-iran-iraq-2019-12-08", False)):
        job = plan.pdf_job(slug)
        fetcher = pdf._fetcher_class()(list(job.template_folders), dict(job.files))
        html = HTML(string=job.body_html, base_url=pdf.VIRTUAL_BASE, url_fetcher=fetcher)
        fresh = HTML(string=job.body_html, base_url=pdf.VIRTUAL_BASE, url_fetcher=fetcher)  # as render_pdf gives it

        def plain(css: str, html: Any = html, fetcher: Any = fetcher) -> Any:
            return html.render(stylesheets=[CSS(string=css, url_fetcher=fetcher)] if css else None)

        assert bool(shrinks(plain(""))) is shrunk, slug
        expected = fit_pictures(plain).write_pdf(pdf_variant="pdf/ua-1")
        assert fit_pictures_in_place(fresh).write_pdf(pdf_variant="pdf/ua-1") == expected, slug
