/* Copy citation — added by `sitrep serve` to each source page: select words of the archived text to get a
   citation (source id and the exact words) to paste under `cite:`, checked here against the quote rule.
   Client-side only: nothing is sent or written. MIN_WORDS comes from the rule in sitrep/quotes/matching.py. */
(function () {
  "use strict";
  var MIN_WORDS = __MIN_WORDS__;
  var archive = document.querySelector(".archived[data-source]");
  if (!archive) { return; }
  var source = archive.getAttribute("data-source");

  var style = document.createElement("style");
  style.textContent =
    ".copy-citation{position:fixed;right:1rem;bottom:1rem;z-index:20;max-width:min(34rem,calc(100vw - 2rem));" +
    "background:#fff;border:1px solid #1f3a5f;border-left:4px solid #1f3a5f;box-shadow:0 2px 10px rgba(0,0,0,.18);" +
    "padding:.6rem .9rem;font:15px/1.45 'Segoe UI','Helvetica Neue',Arial,'DejaVu Sans',sans-serif;color:#1b1f24}" +
    ".copy-citation[hidden]{display:none}.copy-citation h2{font-size:1rem;margin:0 0 .3rem;border:0;padding:0}" +
    ".copy-citation pre{white-space:pre-wrap;word-break:break-word;background:#f4f6f8;border:1px solid #d5d9de;" +
    "padding:.4rem .6rem;margin:.4rem 0;font-size:.85rem}.copy-citation .problem{color:#8a1c1c;font-weight:600}" +
    ".copy-citation button{font:inherit;margin-right:.5rem;padding:.2rem .8rem;min-height:24px}";
  document.head.appendChild(style);

  var panel = document.createElement("aside");
  panel.className = "copy-citation";
  panel.setAttribute("aria-labelledby", "copy-citation-title");
  panel.hidden = true;
  panel.innerHTML =
    '<h2 id="copy-citation-title">Citation from this source</h2>' +
    '<p class="copy-citation-status" role="status"></p>' +
    '<pre class="copy-citation-yaml"></pre>' +
    '<button type="button" class="copy-citation-copy">Copy citation</button>' +
    '<button type="button" class="copy-citation-close">Close</button>';
  document.body.appendChild(panel);
  var status = panel.querySelector(".copy-citation-status");
  var yaml = panel.querySelector(".copy-citation-yaml");
  var copy = panel.querySelector(".copy-citation-copy");
  panel.querySelector(".copy-citation-close").addEventListener("click", function () { panel.hidden = true; });

  function isWordAt(text, i) {
    var c = text.charAt(i);
    if (/[\p{L}\p{N}]/u.test(c)) { return true; }
    // an apostrophe inside a word (Asa'ib, don't) belongs to it
    return /['\u2019]/.test(c) && /[\p{L}]/u.test(text.charAt(i - 1)) && /[\p{L}]/u.test(text.charAt(i + 1));
  }

  /* The archived words only: the passage numbers after highlighted passages are the page's, not the source's. */
  function wordsNodes() {
    var walker = document.createTreeWalker(archive, NodeFilter.SHOW_TEXT, {
      acceptNode: function (n) { return n.parentElement.closest(".passage-nos") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT; }
    });
    var nodes = [];
    for (var n = walker.nextNode(); n; n = walker.nextNode()) { nodes.push(n); }
    return nodes;
  }

  function offsetIn(node, offset) {
    var range = document.createRange();
    range.setStart(archive, 0);
    range.setEnd(node, offset);
    var length = 0;
    wordsNodes().forEach(function (n) {
      if (n === node) { length += offset; } else if (range.intersectsNode(n)) { length += n.data.length; }
    });
    return length;
  }

  function paragraphOf(node) {
    var element = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
    return element ? element.closest(".archived > p") : null;
  }

  function yamlQuoted(text) {
    return '"' + text.replace(/\\/g, "\\\\").replace(/"/g, '\\"') + '"';
  }

  /* What the selection gives: the citation, or why it would fail check. */
  function read(range) {
    var text = wordsNodes().map(function (n) { return n.data; }).join("");
    var start = offsetIn(range.startContainer, range.startOffset);
    var end = offsetIn(range.endContainer, range.endOffset);
    var widened = false;
    while (start > 0 && start < text.length && isWordAt(text, start - 1) && isWordAt(text, start)) { start--; widened = true; }
    while (end > 0 && end < text.length && isWordAt(text, end - 1) && isWordAt(text, end)) { end++; widened = true; }
    while (start < end && /\s/.test(text.charAt(start))) { start++; }
    while (end > start && /\s/.test(text.charAt(end - 1))) { end--; }
    var words = text.slice(start, end).split(/\s+/).filter(function (w) { return /[\p{L}\p{N}]/u.test(w); });
    var quote = text.slice(start, end).replace(/\s+/g, " ");
    if (paragraphOf(range.startContainer) !== paragraphOf(range.endContainer)) {
      return { problem: "A quote stays within one paragraph: select words of one paragraph, or cite each paragraph on its own." };
    }
    if (words.length < MIN_WORDS) {
      var has = words.length === 1 ? "1 word" : words.length + " words";
      return { problem: "A quote is at least " + MIN_WORDS + " words: this selection has " + has + ". Select more of the passage." };
    }
    return {
      quote: quote,
      note: "Checked: " + words.length + " words of one paragraph, word for word" +
        (widened ? " (the selection was widened to whole words)" : "") + ". Paste it under cite: in an event, actor or judgment.",
    };
  }

  function show() {
    var selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) { return; }
    var range = selection.getRangeAt(0);
    if (!archive.contains(range.startContainer) || !archive.contains(range.endContainer)) { return; }
    var found = read(range);
    panel.hidden = false;
    if (found.problem) {
      status.textContent = found.problem;
      status.className = "copy-citation-status problem";
      yaml.textContent = "";
      yaml.hidden = true;
      copy.disabled = true;
      return;
    }
    status.textContent = found.note;
    status.className = "copy-citation-status";
    yaml.textContent = "- source: " + source + "\n  quote: " + yamlQuoted(found.quote);
    yaml.hidden = false;
    copy.disabled = false;
  }

  copy.addEventListener("click", function () {
    var snippet = yaml.textContent;
    function selectSnippet() {
      var range = document.createRange();
      range.selectNodeContents(yaml);
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      status.textContent = "The browser did not allow copying: the citation is selected, press Ctrl+C (\u2318C on a Mac).";
    }
    if (!navigator.clipboard) { selectSnippet(); return; }
    navigator.clipboard.writeText(snippet).then(function () {
      status.textContent = "Copied. Paste it under cite: in an event, actor or judgment, then run sitrep check.";
    }, selectSnippet);
  });

  var pending = null;
  document.addEventListener("selectionchange", function () {
    clearTimeout(pending);
    pending = setTimeout(show, 120);
  });
  archive.addEventListener("mouseup", show);
  archive.addEventListener("keyup", show);
})();
