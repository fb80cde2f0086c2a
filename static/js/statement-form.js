// Suggest actors by any alias as the editor types, and resolve the date wording
// against the article's publication date. The form works without this script.
(function () {
  "use strict";
  var form = document.getElementById("statement-form");
  if (!form) return;

  function suggest(input, list, persons) {
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var q = input.value.trim();
      if (q.length < 2) return;
      timer = setTimeout(function () {
        var url = form.dataset.actorsUrl + "?q=" + encodeURIComponent(q) + (persons ? "&persons=1" : "");
        fetch(url, { credentials: "same-origin" })
          .then(function (r) { return r.json(); })
          .then(function (data) {
            list.textContent = "";
            data.actors.forEach(function (actor) {
              var option = document.createElement("option");
              option.value = actor.name;
              option.label = actor.name + " (" + actor.kind + ")";
              list.appendChild(option);
            });
          });
      }, 150);
    });
  }
  suggest(form.querySelector("[name=actor]"), document.getElementById("actor-names"), false);
  suggest(form.querySelector("[name=speaker]"), document.getElementById("speaker-names"), true);

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
