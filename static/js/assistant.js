// The suggestions panel and the text it marks, tied together: pointing at a suggestion
// lights up its words in the text, clicking its words brings the suggestion into view.
// Without this script the panel works the same, through its "in the text" links.
(function () {
  "use strict";
  var panel = document.getElementById("suggestions");
  if (!panel) return;

  function marks(key) {
    return document.querySelectorAll('mark.suggested[data-mark="' + key + '"]');
  }

  function light(key, on) {
    marks(key).forEach(function (mark) { mark.classList.toggle("is-active", on); });
    var entry = document.getElementById(key + "-entry");
    if (entry) entry.classList.toggle("is-active", on);
  }

  panel.querySelectorAll(".suggestion[data-mark]").forEach(function (entry) {
    var key = entry.dataset.mark;
    entry.addEventListener("mouseenter", function () { light(key, true); });
    entry.addEventListener("mouseleave", function () { light(key, false); });
    entry.addEventListener("focusin", function () { light(key, true); });
    entry.addEventListener("focusout", function () { light(key, false); });
  });

  document.querySelectorAll("mark.suggested[data-mark]").forEach(function (mark) {
    mark.addEventListener("click", function (event) {
      var entry = document.getElementById(mark.dataset.mark + "-entry");
      if (!entry) return;
      // Inside a recorded quote's link, the click shows the suggestion instead.
      event.preventDefault();
      panel.querySelectorAll(".suggestion.is-active").forEach(function (other) {
        other.classList.remove("is-active");
      });
      entry.classList.add("is-active");
      entry.scrollIntoView({ behavior: "smooth", block: "nearest" });
      var button = entry.querySelector("button");
      if (button) button.focus({ preventScroll: true });
    });
  });
})();
