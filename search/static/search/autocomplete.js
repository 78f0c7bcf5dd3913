/* Progressive enhancement: fill each search box's <datalist> with titles and topics
   (every input with data-autocomplete and a list: the header, home and search page boxes).
   The boxes work the same without it. */
(function () {
  "use strict";
  if (!window.fetch) { return; }
  document.querySelectorAll("input[data-autocomplete]").forEach(function (input) {
    var list = input.list;
    if (!list) { return; }
    var timer = null;
    var last = "";
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var q = input.value.trim();
        if (q.length < 2 || q === last) { return; }
        last = q;
        fetch(input.dataset.autocomplete + "&q=" + encodeURIComponent(q))
          .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
          .then(function (data) {
            list.textContent = "";
            data.suggestions.forEach(function (item) {
              var option = document.createElement("option");
              option.value = item.label;
              list.appendChild(option);
            });
          })
          .catch(function () {});
      }, 200);
    });
  });
}());
