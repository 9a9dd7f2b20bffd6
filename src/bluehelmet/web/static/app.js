// Tooltips for chart marks and badges: shown on hover and on keyboard focus, hidden with Escape.
// Without JavaScript the SVG <title> and title attributes still give the same text on hover.
(function () {
  "use strict";
  var tip = document.createElement("div");
  tip.className = "tooltip";
  tip.setAttribute("role", "tooltip");
  tip.id = "tooltip";
  tip.hidden = true;
  document.body.appendChild(tip);

  function textOf(el) {
    if (el.dataset.tip) { return el.dataset.tip; }
    var t = el.querySelector("title");
    if (t) { el.dataset.tip = t.textContent; t.remove(); return el.dataset.tip; }
    if (el.getAttribute("title")) {
      el.dataset.tip = el.getAttribute("title");
      el.removeAttribute("title");
      return el.dataset.tip;
    }
    return "";
  }

  function show(el) {
    var text = textOf(el);
    if (!text) { return; }
    tip.textContent = text;
    tip.hidden = false;
    var box = el.getBoundingClientRect();
    var left = Math.min(window.scrollX + box.left, window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 8);
    tip.style.left = Math.max(window.scrollX + 4, left) + "px";
    tip.style.top = (window.scrollY + box.bottom + 6) + "px";
    el.setAttribute("aria-describedby", "tooltip");
  }

  function hide() { tip.hidden = true; }

  var targets = document.querySelectorAll(".tip, .badge[title], mark[title]");
  targets.forEach(function (el) {
    textOf(el);
    el.addEventListener("mouseenter", function () { show(el); });
    el.addEventListener("focus", function () { show(el); });
    el.addEventListener("mouseleave", hide);
    el.addEventListener("blur", hide);
  });
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") { hide(); } });
})();
