/* Searchable multi-selects: every <select multiple data-multiselect> becomes a Tom Select
   (network/static/vendor/tom-select/, served from our origin under the CSP). Without scripts
   the plain <select multiple> is what people use, so the server never depends on this file.

   data-multiselect-help      replaces the field's help text ("hold Ctrl…" no longer applies)
   data-multiselect-create    typed text that matches no option can be added as a new one
   data-multiselect-add       the words before the typed text in the "add" row ("Add")
   data-multiselect-replaces  id of the plain text box that takes additions without scripts:
                              hidden once the select itself can take them */
(function () {
  "use strict";

  function escapeText(text) {
    var div = document.createElement("div");
    div.textContent = text;
    return div.innerHTML;
  }

  function enhance(select) {
    if (select.tomselect || typeof window.TomSelect === "undefined") {
      return;
    }
    var create = select.hasAttribute("data-multiselect-create");
    var addWords = select.getAttribute("data-multiselect-add") || "Add";
    var options = {
      plugins: ["remove_button"],
      create: create,
      createOnBlur: create,
      persist: false,
      hideSelected: true,
      closeAfterSelect: false,
      maxOptions: null,
      render: {
        option_create: function (data) {
          return '<div class="create">' + escapeText(addWords) + " <strong>" +
            escapeText(data.input) + "</strong>…</div>";
        },
      },
    };
    new window.TomSelect(select, options);

    var help = document.getElementById(select.id + "_helptext");
    var text = select.getAttribute("data-multiselect-help");
    if (help && text) {
      help.textContent = text;
    }
    var replaced = select.getAttribute("data-multiselect-replaces");
    var box = replaced && document.getElementById(replaced);
    if (create && box && !box.value) {
      var field = box.closest(".field") || box;
      field.hidden = true;
    }
  }

  function start() {
    document.querySelectorAll("select[multiple][data-multiselect]").forEach(enhance);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
