// Progressive enhancement: filter long timelines by country and topic.
// The timeline is complete and readable without this script.
(function () {
  "use strict";
  function label(li, attr) {
    return (li.getAttribute(attr) || "").split(" ").filter(Boolean);
  }
  function names(lists, attr) {
    var seen = {};
    lists.forEach(function (li) {
      label(li, attr).forEach(function (v) { seen[v] = true; });
    });
    return Object.keys(seen).sort();
  }
  function select(text, values) {
    var wrap = document.createElement("label");
    wrap.className = "timeline-filter__field";
    wrap.textContent = text + " ";
    var sel = document.createElement("select");
    var all = document.createElement("option");
    all.value = "";
    all.textContent = "all";
    sel.appendChild(all);
    values.forEach(function (v) {
      var o = document.createElement("option");
      o.value = v;
      o.textContent = v.replace(/-/g, " ");
      sel.appendChild(o);
    });
    wrap.appendChild(sel);
    return { wrap: wrap, sel: sel };
  }
  function setup() {
    var content = document.querySelector(".md-content article");
    var slot = content && content.querySelector(".timeline-filter-slot");
    if (!slot || content.querySelector(".timeline-filter")) return;
    var items = Array.prototype.slice.call(content.querySelectorAll("ol.timeline > li[data-country]"));
    if (items.length < 8) return;
    var form = document.createElement("form");
    form.className = "timeline-filter";
    form.setAttribute("role", "search");
    form.setAttribute("aria-label", "Filter the timeline");
    var country = select("Country", names(items, "data-country"));
    var topic = select("Topic", names(items, "data-topic"));
    form.appendChild(country.wrap);
    form.appendChild(topic.wrap);
    slot.appendChild(form);
    function apply() {
      items.forEach(function (li) {
        var ok = (!country.sel.value || label(li, "data-country").indexOf(country.sel.value) >= 0) &&
                 (!topic.sel.value || label(li, "data-topic").indexOf(topic.sel.value) >= 0);
        li.hidden = !ok;
      });
      content.querySelectorAll("ol.timeline").forEach(function (ol) {
        var visible = ol.querySelector("li:not([hidden])") !== null;
        ol.hidden = !visible;
        var h = ol.previousElementSibling;
        if (h && /^H[2-4]$/.test(h.tagName)) h.hidden = !visible;
      });
    }
    form.addEventListener("change", apply);
  }
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(setup);
  } else {
    document.addEventListener("DOMContentLoaded", setup);
  }
})();
