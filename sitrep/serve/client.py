"""The scripts the preview adds to each page it serves: the live update (a long poll, then the new version swapped
in place) and, on a source page, the copy-citation panel."""

from __future__ import annotations

# On a new version the open page takes the new one (sent with the answer when it went first, else fetched) and swaps
# its body in place, where it stays scrolled: no reload of styles, no layout from the top. A page that runs scripts of
# its own (search, the copy-citation panel) or whose head changed (styles, language) is reloaded whole instead. It asks
# for the next version once the new one is painted: that asking tells the server it may go on with the rest.
RELOAD_SCRIPT = """<script data-sitrep>
(function () {{
  var version = {version};
  var page = encodeURIComponent(location.pathname);
  function reload() {{ location.reload(); }}
  function frame(doc) {{
    var head = doc.head.cloneNode(true);
    head.querySelectorAll("title").forEach(function (t) {{ t.remove(); }});
    return doc.documentElement.lang + "|" + head.innerHTML;
  }}
  function scripted(doc) {{ return doc.querySelector("script:not([data-sitrep])") !== null; }}
  function show(text) {{
    var next = new DOMParser().parseFromString(text, "text/html");
    if (scripted(next) || scripted(document) || frame(next) !== frame(document)) {{ reload(); return false; }}
    var x = window.scrollX, y = window.scrollY;
    document.title = next.title;
    document.body.replaceWith(document.adoptNode(next.body));
    window.scrollTo(x, y);
    return true;
  }}
  // once the new version is painted (the server holds the rest of its work until then); a hidden tab paints nothing
  function painted(then) {{
    if (document.hidden) {{ then(); return; }}
    var done = false;
    function once() {{ if (!done) {{ done = true; then(); }} }}
    requestAnimationFrame(function () {{ setTimeout(once, 0); }});
    setTimeout(once, 100);
  }}
  function wait() {{
    fetch("/__sitrep/wait?version=" + version + "&page=" + page).then(function (r) {{ return r.json(); }}).then(function (d) {{
      if (d.version === version) {{ wait(); return; }}
      version = d.version;
      var text = d.page !== undefined ? Promise.resolve(d.page) : fetch(location.pathname + location.search, {{ cache: "no-store" }}).then(function (r) {{
        if (!r.ok) {{ throw new Error(r.status); }}
        return r.text();
      }});
      return text.then(function (html) {{ if (show(html)) {{ painted(wait); }} }}).catch(reload);
    }}).catch(function () {{ setTimeout(wait, 1000); }});
  }}
  wait();
}})();
</script>"""


def _copy_citation_script() -> str:
    from ..curate import copy_citation_script

    return "<script>\n" + copy_citation_script() + "</script>"


COPY_CITATION = _copy_citation_script()
