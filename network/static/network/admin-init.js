/*
 * Starts the Wagtail admin widgets that Wagtail itself starts with inline <script> blocks
 * (InlinePanel, MultipleChooserPanel, date and time pickers, choosers). The site's
 * Content-Security-Policy allows no inline script, in the admin too, so home/admin_csp.py and
 * the templates in home/templates/wagtailadmin/ render each call as a hidden element with
 * data-network-init (which function), data-network-id and data-network-options; this file
 * makes the same calls when the page loads and for every such element added later (a new
 * InlinePanel form, a modal). Only the functions named here can be called.
 */
(function () {
  "use strict";

  function construct(name) {
    return function (element, options) {
      var Constructor = window[name];
      if (element.dataset.networkId !== undefined) {
        return new Constructor(element.dataset.networkId, options);
      }
      return new Constructor(options);
    };
  }

  function call(name) {
    return function (element, options) {
      return window[name](element.dataset.networkId, options);
    };
  }

  var STARTERS = {
    InlinePanel: construct("InlinePanel"),
    MultipleChooserPanel: construct("MultipleChooserPanel"),
    Chooser: construct("Chooser"),
    PageChooser: construct("PageChooser"),
    DocumentChooser: construct("DocumentChooser"),
    ImageChooser: construct("ImageChooser"),
    SnippetChooser: construct("SnippetChooser"),
    initDateChooser: call("initDateChooser"),
    initTimeChooser: call("initTimeChooser"),
    initDateTimeChooser: call("initDateTimeChooser"),
    createTaskChooser: call("createTaskChooser"),
  };

  function start(element) {
    if (element.dataset.networkStarted) {
      return;
    }
    element.dataset.networkStarted = "true";
    var starter = STARTERS[element.dataset.networkInit];
    if (!starter) {
      return;
    }
    var options = element.dataset.networkOptions;
    starter(element, options ? JSON.parse(options) : undefined);
  }

  function startWithin(node) {
    if (node.nodeType !== Node.ELEMENT_NODE) {
      return;
    }
    if (node.matches("[data-network-init]")) {
      start(node);
    }
    node.querySelectorAll("[data-network-init]").forEach(start);
  }

  function run() {
    startWithin(document.body);
    new MutationObserver(function (mutations) {
      mutations.forEach(function (mutation) {
        mutation.addedNodes.forEach(startWithin);
      });
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", run);
  } else {
    run();
  }
})();
