// Tidtam's only script: small conveniences; every page works without it.
(function () {
  "use strict";

  // A form submits once: its button says so, and comes back if the page is shown again.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || form.method.toLowerCase() !== "post") return;
    var button = form.querySelector("button[type=submit]");
    if (button) {
      window.setTimeout(function () { button.disabled = true; }, 0);
    }
  });
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("button[disabled]").forEach(function (b) { b.disabled = false; });
  });

  // Cancelling or reopening an activity asks once more.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form instanceof HTMLFormElement && form.classList.contains("danger")) {
      var title = form.querySelector("h3");
      if (!window.confirm((title ? title.textContent : "") + "?")) event.preventDefault();
    }
  }, true);

  // The wide plan grid scrolls to bring the current month into view on small screens.
  var current = document.querySelector(".plan-grid thead .is-current");
  var box = current && current.closest(".table-scroll");
  if (box && box.scrollWidth > box.clientWidth) {
    var sticky = box.querySelector("thead .c-no");
    box.scrollLeft = Math.max(0, current.offsetLeft - (sticky ? sticky.offsetWidth : 0) - 8);
  }

  // A calendar beside each date field: the field stays text a clerk can type into; the
  // calendar opens on its day (or today), in Buddhist-era years on Thai pages, and writes
  // the day back the way the field reads it (api/web/date_picker.py says how).
  var calendar = document.body.dataset.calendar ? JSON.parse(document.body.dataset.calendar) : null;
  var open = null;

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function readDay(text) {
    var m = calendar.order === "iso" ? /^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$/.exec(text)
      : /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text);
    if (!m) return null;
    var y = calendar.order === "iso" ? +m[1] : +m[3] - calendar.era;
    var mo = +m[2], d = calendar.order === "iso" ? +m[3] : +m[1];
    var day = new Date(Date.UTC(y, mo - 1, d));
    return day.getUTCMonth() === mo - 1 ? day : null;
  }

  function writeDay(day) {
    var y = day.getUTCFullYear(), m = pad(day.getUTCMonth() + 1), d = pad(day.getUTCDate());
    return calendar.order === "iso" ? y + "-" + m + "-" + d : d + "/" + m + "/" + (y + calendar.era);
  }

  function button(label, text, cls) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = cls;
    b.textContent = text;
    b.setAttribute("aria-label", label);
    return b;
  }

  function close() {
    if (!open) return;
    open.panel.remove();
    open.toggle.setAttribute("aria-expanded", "false");
    open = null;
  }

  function draw(state) {
    var panel = state.panel, month = state.month;
    panel.textContent = "";
    var head = document.createElement("div");
    head.className = "date-head";
    var back = button(calendar.previous, "‹", "date-step date-previous");
    var title = document.createElement("strong");
    title.className = "date-title";
    title.textContent = calendar.months[month.getUTCMonth()] + " " + (month.getUTCFullYear() + calendar.era);
    var on = button(calendar.next, "›", "date-step date-next");
    back.addEventListener("click", function () { state.month = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() - 1, 1)); draw(state); });
    on.addEventListener("click", function () { state.month = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 1)); draw(state); });
    head.append(back, title, on);
    var grid = document.createElement("div");
    grid.className = "date-grid";
    calendar.weekdays.forEach(function (w) {
      var cell = document.createElement("span");
      cell.className = "date-weekday";
      cell.textContent = w;
      grid.append(cell);
    });
    for (var blank = 0; blank < month.getUTCDay(); blank++) grid.append(document.createElement("span"));
    var chosen = readDay(state.input.value), today = calendar.today;
    for (var day = new Date(month); day.getUTCMonth() === month.getUTCMonth(); day = new Date(day.getTime() + 86400000)) {
      var pick = button(writeDay(day), String(day.getUTCDate()), "date-day");
      if (day.toISOString().slice(0, 10) === today) pick.classList.add("is-today");
      if (chosen && chosen.getTime() === day.getTime()) pick.setAttribute("aria-pressed", "true");
      pick.addEventListener("click", (function (value) {
        return function () {
          state.input.value = value;
          state.input.dispatchEvent(new Event("change", { bubbles: true }));
          close();
          state.input.focus();
        };
      })(writeDay(day)));
      grid.append(pick);
    }
    panel.append(head, grid, button(calendar.close, "×", "date-close"));
    panel.querySelector(".date-close").addEventListener("click", function () { close(); state.input.focus(); });
  }

  function attach(input) {
    var wrap = document.createElement("span");
    wrap.className = "date-field";
    input.parentNode.insertBefore(wrap, input);
    wrap.append(input);
    var toggle = document.createElement("button");
    toggle.type = "button";
    toggle.className = "date-toggle";
    toggle.setAttribute("aria-label", calendar.open);
    toggle.setAttribute("aria-haspopup", "dialog");
    toggle.setAttribute("aria-expanded", "false");
    var icon = document.createElement("img");
    icon.src = "/static/calendar.svg";
    icon.alt = "";
    icon.width = 18;
    icon.height = 18;
    toggle.append(icon);
    wrap.append(toggle);
    toggle.addEventListener("click", function () {
      var was = open && open.input === input;
      close();
      if (was) return;
      var panel = document.createElement("div");
      panel.className = "date-panel";
      panel.setAttribute("role", "dialog");
      panel.setAttribute("aria-label", calendar.open);
      var start = readDay(input.value) || new Date(calendar.today + "T00:00:00Z");
      open = { input: input, toggle: toggle, panel: panel, month: new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), 1)) };
      draw(open);
      wrap.append(panel);
      toggle.setAttribute("aria-expanded", "true");
      var focus = panel.querySelector("[aria-pressed=true]") || panel.querySelector(".is-today") || panel.querySelector(".date-day");
      focus.focus();
    });
  }

  if (calendar) {
    document.querySelectorAll("input[data-date]").forEach(attach);
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && open) { var input = open.input; close(); input.focus(); }
    });
    document.addEventListener("click", function (event) {
      // The path as dispatched: a month step redraws the panel, detaching what was clicked.
      var path = event.composedPath();
      if (open && path.indexOf(open.panel) < 0 && path.indexOf(open.toggle) < 0) close();
    });
  }
})();
