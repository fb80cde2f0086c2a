// Resolve the date wording against the article's publication date as the editor types
// it (actor-picker.js suggests the actors). The form works without this script.
(function () {
  "use strict";
  var form = document.getElementById("statement-form");
  if (!form) return;

  var wording = form.querySelector("[name=date_wording]");
  var madeOn = form.querySelector("[name=made_on]");
  var precision = form.querySelector("[name=made_on_precision]");
  var out = document.getElementById("resolved-date");
  wording.addEventListener("change", function () {
    var url = form.dataset.resolveUrl + "?article=" + form.dataset.article +
      "&wording=" + encodeURIComponent(wording.value);
    fetch(url, { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        if (data.error) { out.textContent = data.error + " Give the date yourself."; return; }
        madeOn.value = data.date;
        precision.value = data.precision;
        out.textContent = "“" + wording.value + "” is " + data.label + " (" + data.precision +
          " precision): check it, or correct it.";
      });
  });
})();
