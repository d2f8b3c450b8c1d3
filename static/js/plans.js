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
