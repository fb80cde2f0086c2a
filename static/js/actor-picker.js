// Suggest actors by any name or alias, or a close spelling, as an editor types: the
// matches fill the input's <datalist>. An input opts in with
// data-actor-suggestions="<url>" (and data-persons for a speaker). Forms work without it.
(function () {
  "use strict";
  document.querySelectorAll("input[data-actor-suggestions]").forEach(function (input) {
    var list = input.list;
    var timer = null;
    if (!list) return;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var q = input.value.trim();
      if (q.length < 2) return;
      timer = setTimeout(function () {
        var url = input.dataset.actorSuggestions + "?q=" + encodeURIComponent(q) +
          ("persons" in input.dataset ? "&persons=1" : "");
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
  });
})();
