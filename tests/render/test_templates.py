"""Templates are code: they run sandboxed, load only real files inside the template folders, and fail located."""

from __future__ import annotations

import os
import shutil
import types
from pathlib import Path

import jinja2
import jinja2.sandbox
import pytest
from jinja2.exceptions import SecurityError

from sitrep.render import templates

from ..conftest import MINI, Run

SECRET = "root:x:0:0"  # the first line of /etc/passwd


def project_with(tmp_path: Path, files: dict[str, str]) -> Path:
    project = tmp_path / "project"
    shutil.copytree(MINI, project)
    for name, text in files.items():
        path = project / "templates" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return project


def site_text(site: Path) -> str:
    return "".join(p.read_text(encoding="utf-8", errors="replace") for p in site.rglob("*") if p.is_file())


def test_lipsum_globals_cannot_run_a_command(tmp_path: Path, run: Run) -> None:
    """The classic escape: lipsum's module globals hold `os`. The sandbox refuses the attribute, located."""
    marker = tmp_path / "pwned"
    attack = "{{ lipsum.__globals__['os'].popen('touch " + str(marker) + "; id').read() }}"
    project = project_with(
        tmp_path, {"index.html": '{% extends "base.html" %}\n{% block content %}\n' + attack + "\n{% endblock %}\n"}
    )
    result = run("--project", str(project), "build")
    site = project / "_site"
    assert result.code == 1
    assert result.err == (
        "error: templates/index.html:3:1: template refused by the sandbox: access to attribute '__globals__' of 'function' object is unsafe.\n"
        "    fix: templates run sandboxed: use the values each page is given (docs/templates.md lists them), not Python internals\n"
        f"nothing written: {site} is unchanged\n"
    )
    assert not marker.exists() and not site.exists()


def test_other_escapes_are_refused(tmp_path: Path, run: Run) -> None:
    for attack in (
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ cycler.__init__.__globals__.os }}",
        "{{ grade.__globals__ }}",
        "{% set x = notes.items.append(1) %}",  # the immutable sandbox: values given to a page are not changed
    ):
        project = project_with(
            tmp_path / str(abs(hash(attack))),
            {"index.html": '{% extends "base.html" %}{% block content %}' + attack + "{% endblock %}"},
        )
        result = run("--project", str(project), "build")
        assert result.code == 1, attack
        assert result.err.startswith("error: templates/index.html:1:1: template "), result.err
        assert "Traceback" not in result.err


def test_template_linked_to_etc_passwd_is_refused(tmp_path: Path, run: Run) -> None:
    project = project_with(tmp_path, {})
    (project / "templates").mkdir(exist_ok=True)
    os.symlink("/etc/passwd", project / "templates" / "_macros.html")
    result = run("--project", str(project), "build")
    assert result.code == 1
    assert result.err == (
        "error: templates/_macros.html: refused: is a link to a file outside the templates folder\n"
        "    fix: copy the file in instead of linking to it\n"
        f"nothing written: {project / '_site'} is unchanged\n"
    )
    assert not (project / "_site").exists()


def test_asset_linked_to_etc_passwd_is_refused(tmp_path: Path, run: Run) -> None:
    project = project_with(tmp_path, {"assets/extra.css": "body { color: black }\n"})
    os.symlink("/etc/passwd", project / "templates" / "assets" / "passwd.css")
    os.symlink("/etc", project / "templates" / "assets" / "etc")
    result = run("--project", str(project), "build")
    assert result.code == 1
    assert result.err == (
        "error: templates/assets/etc: refused: is a link to a folder\n"
        "    fix: copy the files in instead of linking to them\n"
        "error: templates/assets/passwd.css: refused: is a link to a file outside the templates folder\n"
        "    fix: copy the file in instead of linking to it\n"
        f"nothing written: {project / '_site'} is unchanged\n"
    )
    assert not (project / "_site").exists()


def test_links_inside_the_folder_and_shadowing_work(tmp_path: Path, run: Run) -> None:
    """A project template shadows the default; a link to another file inside templates/ is followed."""
    project = project_with(
        tmp_path,
        {"assets/own.css": "main { color: #123456 }\n", "_footer.txt": "Edited by the desk"},
    )
    os.symlink("own.css", project / "templates" / "assets" / "style.css")
    result = run("--project", str(project), "--quiet", "build")
    assert result.code == 0, result.err
    assert (project / "_site/assets/style.css").read_text(encoding="utf-8") == "main { color: #123456 }\n"
    assert not (project / "_site/assets/style.css").is_symlink()
    assert (project / "_site/assets/pdf.css").is_file()  # the default, not shadowed
    assert SECRET not in site_text(project / "_site")


def test_missing_template_is_located(tmp_path: Path, run: Run) -> None:
    project = project_with(
        tmp_path, {"index.html": '{% extends "base.html" %}\n{% block content %}\n{% include "nowhere.html" %}\n{% endblock %}\n'}
    )
    result = run("--project", str(project), "build")
    assert result.code == 1
    assert result.err == (
        "error: templates/index.html:3:1: template 'nowhere.html' not found: neither templates/ nor sitrep's defaults have it\n"
        "    fix: add templates/nowhere.html, or correct the name where it is extended, included or imported\n"
        f"nothing written: {project / '_site'} is unchanged\n"
    )


def test_template_syntax_error_is_located(tmp_path: Path, run: Run) -> None:
    project = project_with(
        tmp_path, {"index.html": '{% extends "base.html" %}\n\n{% block content %}{{ title }\n{% endblock %}\n'}
    )
    result = run("--project", str(project), "build")
    assert result.code == 1
    assert result.err.startswith("error: templates/index.html:3:1: template syntax: ")
    assert "Traceback" not in result.err


class Notes:
    """A value a page might be given, whose `append` is plain data (a list's `append` would change the list)."""

    append = "a note"


class Holder:
    """A value with a string's format method under another name."""

    say = "{0.__class__}".format


class Shifty:
    """A value that says it is a generator when `disguised`: Jinja refuses `gi_frame` of a generator."""

    gi_frame = "a frame"

    def __init__(self, disguised: bool) -> None:
        self.disguised = disguised

    @property  # type: ignore[misc]
    def __class__(self) -> type:
        return types.GeneratorType if self.disguised else Shifty


def test_a_verdict_is_kept_per_type_and_attribute_and_never_crosses_types() -> None:
    """The sandbox keeps its verdict on `obj.attr` per (type, name): the same name on another type is judged anew,
    a refusal stays a refusal, and a value whose `__class__` is not its type is judged every time."""
    env = templates.sandbox(templates.folders_of(None))
    page = env.from_string("{{ x.append }}")
    assert page.render(x=Notes()) == "a note"
    for _ in range(2):
        with pytest.raises(SecurityError, match="access to attribute 'append' of 'list' object is unsafe"):
            page.render(x=[1])
    assert page.render(x=Notes()) == "a note"
    attack = env.from_string("{{ f.__globals__ }}")
    for _ in range(2):
        with pytest.raises(SecurityError, match="access to attribute '__globals__' of 'function' object is unsafe"):
            attack.render(f=site_text)
    frames = env.from_string("{{ x.gi_frame }}")
    assert frames.render(x=Shifty(disguised=False)) == "a frame"
    with pytest.raises(SecurityError, match="access to attribute 'gi_frame' of 'Shifty' object is unsafe"):
        frames.render(x=Shifty(disguised=True))
    assert env.verdicts[(Notes, "append")] and not env.verdicts[(list, "append")]
    # a string's format method reaches attributes through the sandbox too, however it is named on the way
    for fmt in ('{{ "{0.__class__}".format(x) }}', "{{ holder.say(x) }}"):
        with pytest.raises(SecurityError, match="access to attribute '__class__' of 'Notes' object is unsafe"):
            env.from_string(fmt).render(x=Notes(), holder=Holder())


def test_a_kept_verdict_reads_what_jinja_reads_and_still_refuses_what_it_refuses() -> None:
    """Once an attribute of a type is judged safe it is read at once (`Sandbox.getattr`): every later read gives what
    Jinja's own sandbox gives, a method still goes through Jinja's wrapping of str.format, a dict's key read as an
    attribute is still found, and a missing one is still undefined."""
    env = templates.sandbox(templates.folders_of(None))
    plain = jinja2.sandbox.ImmutableSandboxedEnvironment(autoescape=True, undefined=jinja2.StrictUndefined)
    source = "{{ n.append }} {{ s.upper() }} {{ d.title }} {{ d.items() | list | length }}"
    values = {"n": Notes(), "s": "text", "d": {"title": "<b>a</b>"}}
    expected = plain.from_string(source).render(values)
    assert expected == "a note TEXT &lt;b&gt;a&lt;/b&gt; 1"
    for _ in range(3):
        assert env.from_string(source).render(values) == expected
    assert env.verdicts[(Notes, "append")] and env.verdicts[(str, "upper")]
    for _ in range(2):
        with pytest.raises(SecurityError, match="access to attribute '__class__' of 'Notes' object is unsafe"):
            env.from_string("{{ holder.say(x) }}").render(x=Notes(), holder=Holder())
        with pytest.raises(jinja2.UndefinedError, match="'dict object' has no attribute 'missing'"):
            env.from_string("{{ d.missing }}").render(values)
