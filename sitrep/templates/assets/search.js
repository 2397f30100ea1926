// Offline search: pagefind's UI over the index built with the site.
window.addEventListener("DOMContentLoaded", function () {
  new PagefindUI({ element: "#search", showSubResults: true, showImages: false });
});
