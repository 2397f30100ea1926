// Offline search: pagefind's UI over the index built with the site; each result says what it is.
window.addEventListener("DOMContentLoaded", function () {
  new PagefindUI({
    element: "#search",
    showSubResults: true,
    showImages: false,
    processResult: function (result) {
      var kind = result.meta && result.meta.kind;
      if (kind && result.meta.title && result.meta.title.indexOf(kind + ": ") !== 0) {
        result.meta.title = kind + ": " + result.meta.title;
      }
      return result;
    },
  });
});
