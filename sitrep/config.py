"""Project settings from sitrep.yaml: validated like content (unknown keys refused, located errors), defaults without it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import Field, StringConstraints, field_validator

from .model.fields import Items, Text
from .model.items import Phase, Strict
from .model.vocab import ANNEXES, Annex
from .problems import Problem

if TYPE_CHECKING:
    from .load.reading import Reading

FILE_NAME = "sitrep.yaml"
DEFAULT_MARKING = "UNCLASSIFIED // OPEN SOURCE"
LOGO_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg")
MAX_LOGO_BYTES = 1024 * 1024

Language = Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]


class Config(Strict):
    """What sitrep.yaml may hold. Every key is optional; a helper adding a setting adds a field here, with its description."""

    title: Text = Field(
        "sitrep briefings", description="the site's name: in every page's header and title, the feed, the PDF cover"
    )
    organisation: Text | None = Field(
        None, description="who publishes the briefings: shown in the header, footer and on PDF covers"
    )
    language: Language = Field(
        "en", description="BCP 47 language tag of the content, e.g. en, fr, en-GB: the pages' lang and the PDFs' /Lang"
    )
    base_url: Annotated[str, StringConstraints(pattern=r"^https?://[A-Za-z0-9.-]+(:[0-9]+)?(/[^\s?#\"'<>]*)?$")] | None = Field(
        None,
        description="where the site is published, e.g. https://example.org/briefings/: absolute links in the feed and canonical links",
    )
    paper: Literal["A4", "Letter"] = Field("A4", description="paper size of briefings that do not set their own")
    marking: Text = Field(DEFAULT_MARKING, description="banner on every page of briefings that do not set their own")
    phases: Items[Phase] = Field(
        [], description="named periods shaded on the timeline of briefings that do not set their own, in order"
    )
    formats: Items[Literal["docx"]] = Field(
        [], description="extra copies made on build of briefings that do not set their own: docx (needs sitrep[docx])"
    )
    annexes: Items[Annex] | None = Field(
        None,
        description=f"annexes of the PDF of briefings that do not set their own, in order (A, B...); [] leaves them to the web page; default: {', '.join(ANNEXES)}",
    )
    logo: Text | None = Field(
        None, description="an SVG, PNG or JPEG file in the project, e.g. logo.svg: shown in the header and on PDF covers"
    )

    @field_validator("base_url")
    @classmethod
    def _ends_in_slash(cls, value: str | None) -> str | None:
        """Pages are joined to it: 'https://example.org/briefings' means the folder, not a file."""
        return value if value is None or value.endswith("/") else value + "/"

    def briefing_defaults(self) -> dict[str, Any]:
        """The briefing fields a project sets once here, as a briefing would write them; a briefing that writes them
        keeps its own."""
        return self.model_dump(mode="json", include={"paper", "marking", "language", "phases", "formats"})

    def logo_file(self, root: Path) -> Path | None:
        return (root / self.logo).resolve() if self.logo else None

    def logo_asset(self) -> str | None:
        """The logo's path inside the site's assets/ folder (and the PDF's)."""
        return f"assets/site-logo{Path(self.logo).suffix.lower()}" if self.logo else None


def read_config(reading: Reading) -> Config:
    """The project's settings; without sitrep.yaml, or when it has errors (reported), the defaults."""
    from .load import messages
    from .load.reading import Origin

    path = reading.root / FILE_NAME
    if not path.is_file():
        return Config()
    reading.files.append(path)
    doc = reading.read(path)
    if doc is None or doc.data is None:
        return Config()  # unreadable (reported), or only comments: the defaults
    if not isinstance(doc.data, dict):
        reading.problems.append(messages.wrong_shape(doc, "a mapping of settings", "write one setting per line, 'title: ...'"))
        return Config()
    origin = Origin(doc, ())
    config = reading.validate(Config, doc.data, origin, "settings", None)
    if not isinstance(config, Config):
        return Config()
    logo_problem = _logo_problem(reading.root, config)
    if logo_problem is not None:
        file, line, col = origin.at("logo")
        reading.problems.append(Problem(file, line, col, *logo_problem))
        return config.model_copy(update={"logo": None})
    return config


def _logo_problem(root: Path, config: Config) -> tuple[str, str] | None:
    """Why the logo cannot be used, if it cannot: it must be a small image file inside the project."""
    if config.logo is None:
        return None
    logo = config.logo_file(root)
    assert logo is not None
    if not logo.is_relative_to(root.resolve()):
        return f"logo '{config.logo}' is outside the project", "copy the file into the project and give its path from sitrep.yaml"
    if logo.suffix.lower() not in LOGO_SUFFIXES:
        return f"logo '{config.logo}' is not an SVG, PNG or JPEG file", "save the logo as .svg, .png or .jpg"
    if not logo.is_file():
        return (
            f"logo '{config.logo}' does not exist",
            "give the path of the logo file from the project folder, e.g. logo: assets/logo.svg",
        )
    if logo.stat().st_size > MAX_LOGO_BYTES:
        size = logo.stat().st_size / 1024 / 1024
        return f"logo '{config.logo}' is {size:.1f} MB, over the 1 MB limit", "save a smaller version of the logo"
    return None
