// Offline search over window.COURSE_SEARCH_INDEX (search-index.js): every word typed must
// appear in a page's title, headings or text; titles weigh most. No network, no libraries.
(function () {
  "use strict";
  var input = document.getElementById("course-search");
  var list = document.getElementById("course-search-results");
  var index = window.COURSE_SEARCH_INDEX || [];
  var root = document.body.getAttribute("data-site-root") || "";
  if (!input || !list) { return; }

  function score(entry, words) {
    var title = entry.title.toLowerCase();
    var heads = entry.headings.join(" ").toLowerCase();
    var text = entry.text.toLowerCase();
    var total = 0;
    for (var i = 0; i < words.length; i++) {
      var w = words[i];
      var s = (title.indexOf(w) >= 0 ? 10 : 0) + (heads.indexOf(w) >= 0 ? 4 : 0) + (text.indexOf(w) >= 0 ? 1 : 0);
      if (s === 0) { return 0; }
      total += s;
    }
    return total;
  }

  function show(query) {
    var words = query.toLowerCase().split(/\s+/).filter(function (w) { return w.length > 0; });
    list.textContent = "";
    if (words.length === 0) { list.hidden = true; return; }
    var hits = index.map(function (e) { return [score(e, words), e]; })
      .filter(function (p) { return p[0] > 0; })
      .sort(function (a, b) { return b[0] - a[0]; })
      .slice(0, 12);
    if (hits.length === 0) {
      var none = document.createElement("li");
      none.textContent = "Nothing found";
      list.appendChild(none);
    }
    hits.forEach(function (p) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + p[1].href;
      a.textContent = p[1].title;
      li.appendChild(a);
      var head = p[1].headings.find(function (h) { return h.toLowerCase().indexOf(words[0]) >= 0; });
      if (head) {
        var small = document.createElement("small");
        small.textContent = head;
        li.appendChild(small);
      }
      list.appendChild(li);
    });
    list.hidden = false;
  }

  input.addEventListener("input", function () { show(input.value); });
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") { input.value = ""; show(""); }
  });
})();
