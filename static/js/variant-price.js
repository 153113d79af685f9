// The headline price follows the chosen option (the page already shows the default one).
(function () {
  var form = document.getElementById("buy-form");
  if (!form) return;
  form.addEventListener("change", function (event) {
    var input = event.target;
    if (input.name !== "variant_id" || !input.dataset.price) return;
    document.querySelectorAll("[data-variant-price]").forEach(function (el) {
      el.textContent = input.dataset.price;
    });
    document.querySelectorAll("[data-variant-label]").forEach(function (el) {
      el.textContent = input.dataset.label;
    });
  });
})();
