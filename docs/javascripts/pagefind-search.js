// The Full-text search page: loads Pagefind's default UI and its index from this site.
// The bundle is in pagefind/ at the site's root, found from this script's own address
// (javascripts/pagefind-search.js), so it works at any base path and from any page depth.
(function () {
  "use strict";
  var script = document.currentScript;
  var target = document.getElementById("pagefind-search");
  if (!script || !target) return;
  var root = new URL("../", script.src);
  var bundle = new URL("pagefind/", root);

  var css = document.createElement("link");
  css.rel = "stylesheet";
  css.href = new URL("pagefind-ui.css", bundle).href;
  document.head.appendChild(css);

  var ui = document.createElement("script");
  ui.src = new URL("pagefind-ui.js", bundle).href;
  ui.onload = function () {
    /* global PagefindUI */
    new PagefindUI({
      element: "#pagefind-search",
      bundlePath: bundle.pathname,
      baseUrl: root.pathname,
      showSubResults: true,
      resetStyles: false,
      autofocus: true,
      // As the header search ranks (header-search.js): no length normalisation, and a page's "name"
      // metadata counts like its title. The name is shown as the title already: not as a tag too.
      ranking: { pageLength: 0, metaWeights: { title: 5, name: 5 } },
      processResult: function (result) {
        if (result.meta) delete result.meta.name;
        return result;
      }
    });
  };
  ui.onerror = function () {
    target.textContent = "The search index could not be loaded.";
  };
  document.head.appendChild(ui);
})();
