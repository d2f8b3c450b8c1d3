// The plan pages: after htmx swaps in a form re-rendered with its errors (status 422; see
// the htmx-config in base.html), put focus on the first field in error; after it opens a
// form under a step, put focus on the form's first field.
(function () {
  if (!window.htmx) return;
  document.body.addEventListener("htmx:afterSwap", function (event) {
    if (event.detail.xhr && event.detail.xhr.status === 422) {
      var invalid = document.querySelector("[aria-invalid='true']");
      if (invalid) invalid.focus();
      return;
    }
    // A form opened under a step: put the cursor in its first field.
    var panel = event.detail.target;
    if (panel.classList && panel.classList.contains("step-panel")) {
      var field = panel.querySelector("input:not([type=hidden]), textarea, select");
      if (field) field.focus();
    }
  });
})();

// A step's title opens what can be done with it in a dialog over the plan. Without
// JavaScript the title is a link to the step's own page, which offers the same.
(function () {
  var dialog = document.getElementById("step-dialog");
  if (!window.htmx || !dialog) return;
  var returnTo = null; // the id of the row to come back to when the dialog closes
  var doneIndex = null; // which "Done" button was pressed, to focus its neighbour after

  document.body.addEventListener("click", function (event) {
    var link = event.target.closest(".step-title a");
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    returnTo = link.closest("li").id;
    htmx.ajax("GET", link.href + "?actions", { target: "#step-dialog-body", swap: "innerHTML" })
      .then(function () {
        dialog.setAttribute("aria-labelledby", "step-dialog-title");
        dialog.showModal();
        var first = dialog.querySelector("#step-dialog-body button");
        if (first) first.focus();
      });
  });

  document.body.addEventListener("click", function (event) {
    var done = event.target.closest("#steps-quick button[name=done]");
    if (!done) return;
    doneIndex = Array.prototype.indexOf.call(
      document.querySelectorAll("#steps-quick button[name=done]"), done);
  });

  document.getElementById("step-dialog-close").addEventListener("click", function () {
    dialog.close();
  });

  dialog.addEventListener("close", function () {
    var row = returnTo && document.getElementById(returnTo);
    var link = row && row.querySelector(".step-title a");
    if (link && !document.getElementById("undo-remove")) link.focus();
  });

  // After a change the whole live part of the plan is new: close the dialog and put focus
  // where the person was, or on the undo button after a removal.
  document.body.addEventListener("htmx:afterSettle", function (event) {
    if (event.detail.target.id !== "plan-live") return;
    if (dialog.open) dialog.close();
    var undo = document.getElementById("undo-remove");
    if (undo) {
      undo.focus();
    } else if (doneIndex !== null) {
      var buttons = document.querySelectorAll("#steps-quick button[name=done]");
      var next = buttons[Math.min(doneIndex, buttons.length - 1)];
      if (next) next.focus();
    }
    doneIndex = null;
  });
})();
