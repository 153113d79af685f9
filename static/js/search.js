/* Suggestions under the header's search box (ARIA 1.2 combobox with a listbox popup).
   Progressive enhancement: without this script the box is a plain search form. */
(function () {
  "use strict";
  // On narrow screens the search filters start folded, so the results come first.
  if (window.matchMedia && window.matchMedia("(max-width: 899px)").matches) {
    Array.prototype.forEach.call(document.querySelectorAll("details[data-collapse-narrow]"),
      function (details) { details.removeAttribute("open"); });
  }
})();

(function () {
  "use strict";
  var input = document.getElementById("site-search");
  if (!input || !window.fetch) { return; }

  var form = input.form;
  var list = document.createElement("ul");
  var status = document.createElement("p");
  var items = [];
  var active = -1;
  var timer = null;
  var pending = null;
  var lastQuery = "";

  list.id = "site-search-suggestions";
  list.className = "search-suggestions";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", input.dataset.suggestLabel || "");
  list.hidden = true;
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  input.parentNode.appendChild(list);
  input.parentNode.appendChild(status);

  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-controls", list.id);
  input.setAttribute("aria-expanded", "false");

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function highlight(index) {
    var options = list.children;
    if (active >= 0 && options[active]) { options[active].setAttribute("aria-selected", "false"); }
    active = index;
    if (active >= 0 && options[active]) {
      options[active].setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", options[active].id);
      options[active].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function render(suggestions) {
    items = suggestions;
    list.textContent = "";
    active = -1;
    if (!items.length) { close(); status.textContent = ""; return; }
    items.forEach(function (item, index) {
      var option = document.createElement("li");
      option.id = list.id + "-" + index;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.textContent = item.name;
      option.addEventListener("click", function () { window.location.assign(item.url); });
      list.appendChild(option);
    });
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
    status.textContent = input.dataset.suggestStatus || "";
  }

  function fetchSuggestions() {
    var query = input.value.trim();
    if (query === lastQuery) { return; }
    lastQuery = query;
    if (pending) { pending.abort(); pending = null; }
    if (query.length < 2) { render([]); return; }
    pending = window.AbortController ? new AbortController() : null;
    var url = input.dataset.suggestUrl + "?q=" + encodeURIComponent(query);
    fetch(url, { headers: { Accept: "application/json" }, signal: pending && pending.signal })
      .then(function (response) { return response.ok ? response.json() : []; })
      .then(function (data) { if (input.value.trim() === query) { render(Array.isArray(data) ? data : []); } })
      .catch(function () { /* a failed or aborted suggestion is simply not shown */ });
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(fetchSuggestions, 150);
  });

  input.addEventListener("keydown", function (event) {
    var open = !list.hidden;
    if (event.key === "ArrowDown") {
      event.preventDefault();
      if (!open && items.length) { list.hidden = false; input.setAttribute("aria-expanded", "true"); }
      if (items.length) { highlight((active + 1) % items.length); }
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      if (items.length) { highlight(active <= 0 ? items.length - 1 : active - 1); }
    } else if (event.key === "Enter") {
      if (open && active >= 0 && items[active]) {
        event.preventDefault();
        window.location.assign(items[active].url);
      }
    } else if (event.key === "Escape") {
      if (open) { event.preventDefault(); close(); } else if (input.value) { input.value = ""; lastQuery = ""; }
    } else if (event.key === "Tab") {
      close();
    }
  });

  // Keep the focus in the box while an option is clicked.
  list.addEventListener("mousedown", function (event) { event.preventDefault(); });
  input.addEventListener("blur", close);
  form.addEventListener("submit", close);
})();
