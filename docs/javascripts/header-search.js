// The header search box, on the site's Pagefind index (generator/site/pagefind.py), with Material's look
// and keyboard: "/", "s" or "f" opens it, Escape closes it, Up and Down move through the results, Enter
// opens the selected one (in the box: the first). Nothing loads until the reader focuses the box or
// presses one of those keys: then pagefind/pagefind.js, which fetches its WebAssembly and only the
// index chunks and result fragments a query needs. The bundle is found from this script's own address
// (javascripts/header-search.js), so it works at any base path and from any page depth; result links
// are absolute paths from that base. Results are built with DOM methods; only Pagefind's excerpt, whose
// text Pagefind has already escaped around its <mark> elements, is set as HTML.
// For tests and readers of the DOM: the dialog's data-state is "idle", "loading", "done" or "error",
// and data-query is the query whose results are on screen.
(function () {
  "use strict";
  var script = document.currentScript;
  var dialog = document.querySelector("[data-briefing-search]");
  var toggle = document.getElementById("__search");
  if (!script || !dialog || !toggle) return;
  var form = dialog.querySelector("form");
  var input = dialog.querySelector(".md-search__input");
  var meta = dialog.querySelector(".md-search-result__meta");
  var list = dialog.querySelector(".md-search-result__list");
  var more = dialog.querySelector(".briefing-search-filters__more");
  var extra = dialog.querySelector(".briefing-search-filters__extra");
  var selects = Array.prototype.slice.call(dialog.querySelectorAll("select[data-briefing-filter]"));
  if (!form || !input || !meta || !list) return;

  var root = new URL("../", script.src);
  var bundle = new URL("pagefind/", root);
  var PAGE_SIZE = 10;
  var DEBOUNCE_MS = 200;
  var MIN_LENGTH = 2;
  var text = translations();

  var pagefind = null; // the promise of the configured module
  var attempt = 0; // a failed import is cached by the browser: a retry asks for a new URL
  var sequence = 0; // the latest query; older answers are dropped
  var timer = 0;
  var current = { results: [], shown: 0, query: "" };

  function translations() {
    var t = {};
    try {
      t = JSON.parse(document.getElementById("__config").textContent).translations || {};
    } catch (e) {
      t = {};
    }
    return {
      placeholder: t["search.result.placeholder"] || "Type to start searching",
      none: t["search.result.none"] || "No matching documents",
      one: t["search.result.one"] || "1 matching document",
      other: t["search.result.other"] || "# matching documents"
    };
  }

  function state(name, query) {
    dialog.setAttribute("data-state", name);
    if (query !== undefined) dialog.setAttribute("data-query", query);
  }

  function say(message) {
    meta.textContent = message;
  }

  // --- loading Pagefind -----------------------------------------------------------------------

  var OPTIONS = {
    baseUrl: root.pathname,
    // pageLength 0: no length normalisation, or the many short pages (a pair of countries is its title)
    // would rank above every briefing that names them. metaWeights: the "name" metadata of a page that
    // shows one thing (a country, person, organization, topic; site_config/overrides/main.html) counts
    // like a title, so "Iran" lists Iran's profile before the briefings that say "Iran" most often.
    ranking: { pageLength: 0, metaWeights: { title: 5, name: 5 } },
    excerptLength: 24,
    // Search on the page's own thread: a query reads one small chunk of the index, and the worker's
    // script (12 KB gzipped) would be a tenth of what a reader downloads before the first result.
    noWorker: true
  };

  function load() {
    if (!pagefind) {
      var url = new URL("pagefind.js", bundle);
      if (attempt > 0) url.search = "?retry=" + attempt;
      attempt += 1;
      dialog.setAttribute("data-index", "loading");
      pagefind = import(url.href).then(function (module) {
        return module.options(OPTIONS).then(function () {
          return module.init();
        }).then(function () {
          dialog.setAttribute("data-index", "ready");
          return module;
        });
      });
      pagefind.catch(function () {
        dialog.setAttribute("data-index", "missing");
        pagefind = null; // the next keystroke tries again
      });
    }
    return pagefind;
  }

  // Under the live preview the index is rewritten (and missing while it is first built): a search that
  // fails is tried once more on a fresh Pagefind instance, which reads the new index.
  function run(query, filters) {
    return load().then(function (module) {
      return find(module, query, filters).catch(function () {
        return module.destroy().then(function () {
          return module.options(OPTIONS);
        }).then(function () {
          return find(module, query, filters);
        });
      });
    });
  }

  // Pagefind scores every page that holds a quoted phrase the same; those pages are listed in the
  // order the same words, unquoted, rank them (the briefing before the lists that quote its dek).
  function find(module, query, filters) {
    var term = query === "" ? null : query;
    return module.search(term, { filters: filters }).then(function (found) {
      if (!term || term.indexOf('"') < 0 || found.results.length < 2) return found;
      var loose = term.replace(/"/g, " ").trim();
      return module.search(loose, { filters: filters }).then(function (ranked) {
        var order = {};
        ranked.results.forEach(function (result, i) {
          order[result.id] = i;
        });
        var rank = function (result) {
          return result.id in order ? order[result.id] : ranked.results.length;
        };
        found.results.sort(function (a, b) {
          return rank(a) - rank(b);
        });
        return found;
      });
    });
  }

  function chosenFilters() {
    var filters = {};
    selects.forEach(function (select) {
      if (select.value) filters[select.getAttribute("data-briefing-filter")] = select.value;
    });
    return filters;
  }

  // --- searching ------------------------------------------------------------------------------

  function schedule() {
    window.clearTimeout(timer);
    var query = input.value.trim();
    var filters = chosenFilters();
    var id = ++sequence;
    if (query === "" && Object.keys(filters).length === 0) {
      clear();
      return;
    }
    if (query.length < MIN_LENGTH && Object.keys(filters).length === 0) {
      clear(query); // one letter matches nearly everything, and would fetch a large part of the index
      return;
    }
    state("loading");
    // No preload of each prefix typed: with Pagefind's index in chunks by word, every prefix can
    // fetch a chunk of its own; the search runs once the reader pauses.
    timer = window.setTimeout(function () {
      search(id, query, filters);
    }, DEBOUNCE_MS);
  }

  function search(id, query, filters) {
    run(query, filters).then(function (found) {
      if (id !== sequence) return;
      current = { results: found.results, shown: 0, query: query };
      list.textContent = "";
      return page(id).then(function () {
        if (id !== sequence) return;
        count(found.results.length);
        state("done", query);
      });
    }).catch(function () {
      if (id !== sequence) return;
      list.textContent = "";
      say("The search index is being updated. Try again in a moment.");
      state("error", query);
    });
  }

  function clear(query) {
    list.textContent = "";
    current = { results: [], shown: 0, query: "" };
    say(text.placeholder);
    state("idle", query || "");
  }

  function count(n) {
    say(n === 0 ? text.none : n === 1 ? text.one : text.other.replace("#", String(n)));
  }

  // The next PAGE_SIZE results: their fragments are fetched together, then listed in rank order.
  function page(id) {
    var batch = current.results.slice(current.shown, current.shown + PAGE_SIZE);
    current.shown += batch.length;
    return Promise.all(batch.map(function (result) { return result.data(); })).then(function (pages) {
      if (id !== sequence) return;
      var old = list.querySelector(".briefing-search-more");
      if (old) old.remove();
      pages.forEach(function (data) {
        var item = render(data);
        if (item) list.appendChild(item);
      });
      if (current.shown < current.results.length) list.appendChild(moreButton(id));
    });
  }

  function moreButton(id) {
    var item = document.createElement("li");
    item.className = "md-search-result__item briefing-search-more";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-search-result__link";
    button.textContent = "Show more results";
    button.addEventListener("click", function () {
      var next = item.previousElementSibling;
      page(id).then(function () {
        var link = next && next.nextElementSibling && next.nextElementSibling.querySelector("a");
        if (link) link.focus();
      });
    });
    item.appendChild(button);
    return item;
  }

  function render(data) {
    if (!data || typeof data.url !== "string" || data.url.charAt(0) !== "/") return null;
    var info = data.meta || {};
    var item = document.createElement("li");
    item.className = "md-search-result__item";
    var link = document.createElement("a");
    link.className = "md-search-result__link";
    link.href = data.url;
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    var icon = document.createElement("div");
    icon.className = "md-search-result__icon md-icon";
    var title = document.createElement("div");
    title.className = "briefing-search-title";
    title.textContent = info.title || data.url;
    if (info.kind) {
      var kind = document.createElement("span");
      kind.className = "briefing-search-kind";
      kind.textContent = info.kind;
      title.appendChild(document.createTextNode(" "));
      title.appendChild(kind);
    }
    var excerpt = document.createElement("p");
    excerpt.innerHTML = data.excerpt || ""; // escaped by Pagefind, with <mark> around the matches
    article.appendChild(icon);
    article.appendChild(title);
    article.appendChild(excerpt);
    link.appendChild(article);
    item.appendChild(link);
    return item;
  }

  // --- the country and topic filters, loaded when the reader asks for them --------------------

  function loadFilterValues() {
    return load().then(function (module) {
      return module.filters();
    }).then(function (all) {
      selects.forEach(function (select) {
        var key = select.getAttribute("data-briefing-filter");
        if (key === "kind" || select.options.length > 1) return;
        Object.keys(all[key] || {}).sort(function (a, b) {
          return a.localeCompare(b);
        }).forEach(function (value) {
          var option = document.createElement("option");
          option.value = value;
          option.textContent = value + " (" + all[key][value] + ")";
          select.appendChild(option);
        });
      });
    });
  }

  if (more && extra) {
    more.addEventListener("click", function () {
      var open = more.getAttribute("aria-expanded") !== "true";
      more.setAttribute("aria-expanded", String(open));
      extra.hidden = !open;
      if (open) {
        loadFilterValues().catch(function () {
          say("The filters could not be loaded.");
        });
      }
    });
  }
  selects.forEach(function (select) {
    select.addEventListener("change", schedule);
  });

  // --- opening, closing, keys -----------------------------------------------------------------

  function open() {
    if (!toggle.checked) toggle.checked = true;
    load().catch(function () {});
  }

  function close() {
    toggle.checked = false;
    if (dialog.contains(document.activeElement)) document.activeElement.blur();
  }

  function editable(element) {
    if (!element) return false;
    var tag = element.tagName;
    return element.isContentEditable || tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT";
  }

  function links() {
    return Array.prototype.slice.call(list.querySelectorAll(".md-search-result__link"));
  }

  input.addEventListener("focus", open);
  input.addEventListener("input", schedule);
  toggle.addEventListener("change", function () {
    if (toggle.checked) {
      input.focus();
      load().catch(function () {});
    }
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = links()[0];
    if (first) first.click();
  });
  form.addEventListener("reset", function () {
    window.setTimeout(function () {
      sequence += 1;
      clear();
      input.focus();
    }, 0);
  });
  dialog.addEventListener("focusout", function (event) {
    if (event.relatedTarget && !dialog.contains(event.relatedTarget)) toggle.checked = false;
  });

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var active = document.activeElement;
    var inside = dialog.contains(active);
    if (toggle.checked && (inside || active === document.body)) {
      if (event.key === "Escape") {
        event.preventDefault();
        close();
        return;
      }
      if ((event.key === "ArrowDown" || event.key === "ArrowUp") && active.tagName !== "SELECT") {
        var items = [input].concat(links());
        var at = Math.max(0, items.indexOf(active));
        var next = (at + (event.key === "ArrowDown" ? 1 : -1) + items.length) % items.length;
        event.preventDefault();
        items[next].focus();
        if (items[next] !== input) items[next].scrollIntoView({ block: "nearest" });
        return;
      }
    }
    if (!inside && !editable(active) && (event.key === "/" || event.key === "s" || event.key === "f")) {
      event.preventDefault();
      open();
      input.focus();
      input.select();
    }
  });

  state("idle", "");
})();
