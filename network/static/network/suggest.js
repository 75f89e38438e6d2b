/* Suggestions for the boxes of SuggestedChoiceField (a filter's organization, gap or
   priority): as one types, the <datalist> tied to the box is filled with the labels that
   hold the text, from the URL in its data-suggest. Without scripts the box still takes a
   label, part of one, or a key, so the server never depends on this file. */
(function () {
  "use strict";

  function enhance(box) {
    var list = document.getElementById(box.getAttribute("list"));
    var url = box.getAttribute("data-suggest");
    var timer = null;
    var asked = null;
    if (!list || !url) {
      return;
    }
    function fill(labels) {
      list.replaceChildren.apply(list, labels.map(function (label) {
        var option = document.createElement("option");
        option.value = label;
        return option;
      }));
    }
    function ask() {
      var text = box.value.trim();
      if (text.length < 2 || text === asked) {
        return;
      }
      asked = text;
      fetch(url + "?q=" + encodeURIComponent(text), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (data) {
          if (box.value.trim() === text) {
            fill(data.suggestions || []);
          }
        })
        .catch(function () { /* the box still works without suggestions */ });
    }
    box.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(ask, 150);
    });
  }

  function start() {
    document.querySelectorAll("input[data-suggest][list]").forEach(enhance);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
