// Progressive enhancement: "new since your last visit" on profile and pair pages.
// The page lists its briefings, each with its day in a <time datetime="YYYY-MM-DD"> (inside
// .visit-marks). This script remembers, in this browser's localStorage only (one key per page, no
// cookie, nothing sent anywhere), when the reader last opened the page, and marks each briefing dated
// after the day of that visit. The first visit marks nothing; without script the page is as written.
(function () {
  "use strict";
  var PREFIX = "briefing:last-visit:";
  var DAY = /^\d{4}-\d{2}-\d{2}$/;

  function storage() {
    try {
      var s = window.localStorage;
      var probe = PREFIX + "probe";
      s.setItem(probe, "1");
      s.removeItem(probe);
      return s;
    } catch (e) {
      return null; // storage disabled or full: nothing to remember, nothing to mark
    }
  }

  function badge() {
    var b = document.createElement("span");
    b.className = "visit-new";
    b.textContent = "new since your last visit";
    return b;
  }

  function mark(lists, since) {
    var count = 0;
    lists.forEach(function (list) {
      list.querySelectorAll("li").forEach(function (li) {
        var time = li.querySelector("time[datetime]");
        var day = time ? time.getAttribute("datetime") : "";
        if (DAY.test(day) && day > since && !li.querySelector(".visit-new")) {
          li.classList.add("visit-new-item");
          time.insertAdjacentText("afterend", " ");
          time.parentNode.insertBefore(badge(), time.nextSibling);
          count += 1;
        }
      });
    });
    return count;
  }

  function run() {
    var lists = Array.prototype.slice.call(document.querySelectorAll(".visit-marks"));
    if (!lists.length) return;
    var store = storage();
    if (!store) return;
    var key = PREFIX + window.location.pathname;
    var last = store.getItem(key) || "";
    var lastDay = last.slice(0, 10);
    if (DAY.test(lastDay)) mark(lists, lastDay);
    try {
      store.setItem(key, new Date().toISOString());
    } catch (e) {
      /* full: the next visit compares with the one before */
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", run);
  } else {
    run();
  }
})();
