// Fills a timezone picker with the browser's own timezone, unless the person already chose one.
// Browsers may report a zone by an old name (Chromium says Asia/Calcutta for India), so each
// option lists the old names that stand for it in data-aliases.
document.querySelectorAll("select[data-browser-timezone]").forEach(function (select) {
  if (select.value !== "UTC") return;
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!zone) return;
  var match = Array.prototype.find.call(select.options, function (option) {
    return option.value === zone || (option.dataset.aliases || "").split(" ").indexOf(zone) >= 0;
  });
  if (match) select.value = match.value;
});
