// On narrow screens, fold the filter panel so products come first (it stays open without JS).
(function () {
  var panel = document.querySelector("details[data-collapse-below]");
  if (!panel) return;
  var below = parseInt(panel.getAttribute("data-collapse-below"), 10);
  var active = /[?&](category|cooperative|institute|min_price|max_price|in_stock)=[^&]/.test(location.search);
  if (window.matchMedia("(max-width: " + (below - 1) + "px)").matches && !active) panel.open = false;
})();
