// The plan pages: let htmx swap in a form re-rendered with its errors (status 422), which
// it would otherwise treat as a failure and drop, and move focus to the first field in error.
(function () {
  if (!window.htmx) return;
  htmx.config.responseHandling = [{ code: "422", swap: true }].concat(htmx.config.responseHandling);
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
