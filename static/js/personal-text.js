// Personalised products: count the characters of the customer's text as they type it
// (line breaks are free, as the shop counts them). The limit is checked again on the server.
(function () {
  document.querySelectorAll("[data-char-count-for]").forEach(function (counter) {
    var field = document.getElementById(counter.dataset.charCountFor);
    if (!field) return;
    var max = parseInt(field.dataset.maxChars, 10);
    var update = function () {
      var used = field.value.replace(/\r?\n/g, "").length;
      counter.textContent = counter.dataset.template.replace("{used}", used);
      counter.classList.toggle("over", used > max);
    };
    field.addEventListener("input", update);
    counter.hidden = false;
    update();
  });
})();
