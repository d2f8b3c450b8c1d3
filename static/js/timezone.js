// Fills a timezone picker with the browser's own timezone, unless the person already chose one.
document.querySelectorAll("select[data-browser-timezone]").forEach(function (select) {
  if (select.dataset.touched || select.value !== "UTC") return;
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (zone && select.querySelector('option[value="' + zone + '"]')) select.value = zone;
});
