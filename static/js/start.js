// The start page: an empty title names the plan after its route, so show the chosen route's
// name in the empty title field as a hint, and keep it in step with the choice.
(function () {
  var title = document.getElementById("id_title");
  var routes = document.querySelectorAll("input[name=route][data-title]");
  if (!title) return;
  function follow() {
    var chosen = document.querySelector("input[name=route][data-title]:checked");
    title.placeholder = chosen ? chosen.dataset.title : "";
  }
  routes.forEach(function (radio) { radio.addEventListener("change", follow); });
  follow();
})();
