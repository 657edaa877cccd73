// timeline.js: filters, search and keyboard navigation for the timeline
// pages, added over a page that lists every event without it. Filter by
// outlet, by person, organization or place, by dates and by words; the
// address keeps the filter, so a filtered view can be shared; j and k go
// to the next and the previous event shown.
(() => {
  "use strict";
  const items = [...document.querySelectorAll("ol.timeline > li")];
  const box = document.getElementById("filters");
  if (!items.length || !box) return;
  const cards = items.map(li => {
    const a = li.querySelector("article.event"), d = a ? a.dataset : {};
    const split = s => (s || "").split("|").filter(Boolean);
    return { li, a, id: a ? a.id : "", start: d.start || "", end: d.end || "",
      outlets: split(d.outlets), entities: split(d.entities).map(e => e.split("=")),
      text: (a ? a.textContent : "").toLowerCase() };
  });

  // The choices: outlets, and the people, organizations and places of two
  // events or more, the most frequent first.
  const tally = (pick) => {
    const m = new Map();
    for (const c of cards) for (const [k, name] of pick(c)) {
      const t = m.get(k) || { name, n: 0 }; t.n++; m.set(k, t);
    }
    return [...m].sort((x, y) => y[1].n - x[1].n || x[1].name.localeCompare(y[1].name));
  };
  const outlets = tally(c => c.outlets.map(o => [o, o]));
  const entities = tally(c => c.entities).filter(([, t]) => t.n > 1).slice(0, 80);
  const esc = s => s.replace(/[&<>"]/g, ch => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[ch]);
  const options = (list, all) => `<option value="">${all}</option>` +
    list.map(([k, t]) => `<option value="${esc(k)}">${esc(t.name)} (${t.n})</option>`).join("");
  // A disclosure, closed unless the address asks for a filter: the events
  // come first on the screen.
  box.innerHTML = `<details class="filter-box"><summary>Filter events <span class="filter-count" role="status" aria-live="polite"></span></summary>
<form class="filters" role="search" aria-label="Filter the events">
  <label>Words <input type="search" name="q" autocomplete="off"></label>
  ${outlets.length > 1 ? `<label>Outlet <select name="outlet">${options(outlets, "All outlets")}</select></label>` : ""}
  ${entities.length ? `<label>Who or where <select name="entity">${options(entities, "Anyone, anywhere")}</select></label>` : ""}
  <label>From <input type="date" name="from"></label>
  <label>To <input type="date" name="to"></label>
  <button type="reset">Clear filters</button>
  <p class="filter-keys">Keys: <kbd>j</kbd> next event, <kbd>k</kbd> previous.</p>
</form></details>`;
  box.hidden = false;
  const form = box.querySelector("form"), status = box.querySelector(".filter-count");
  const names = ["q", "outlet", "entity", "from", "to"];
  const field = n => form.elements.namedItem(n);

  // An event's marks: one on each layout of the axis (wide and narrow).
  const marks = new Map();
  for (const m of document.querySelectorAll("svg.axis a.mark")) {
    const id = m.getAttribute("href").slice(1);
    marks.set(id, [...(marks.get(id) || []), m]);
  }
  const apply = (push) => {
    const v = {};
    for (const n of names) { const f = field(n); v[n] = f ? f.value.trim() : ""; }
    const words = v.q.toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const c of cards) {
      const ok = words.every(w => c.text.includes(w)) &&
        (!v.outlet || c.outlets.includes(v.outlet)) &&
        (!v.entity || c.entities.some(e => e[0] === v.entity)) &&
        (!v.from || c.end >= v.from) && (!v.to || c.start <= v.to);
      c.li.hidden = !ok;
      for (const m of marks.get(c.id) || []) m.style.display = ok ? "" : "none";
      if (ok) shown++;
    }
    for (const s of document.querySelectorAll("section.period, section.year")) {
      s.hidden = !s.querySelector("ol.timeline > li:not([hidden])");
    }
    const filtered = names.some(n => v[n]);
    status.textContent = filtered ? `· ${shown} of ${cards.length} shown` : "";
    const q = new URLSearchParams();
    for (const n of names) if (v[n]) q.set(n, v[n]);
    const url = (q.toString() ? "?" + q : location.pathname) + location.hash;
    if (push) history.replaceState(null, "", url);
  };
  const params = new URLSearchParams(location.search);
  // An entity page links here for all of its events: its entity may be
  // one the list leaves out.
  const want = params.get("entity"), sel = field("entity");
  if (want && sel && ![...sel.options].some(o => o.value === want)) {
    const e = cards.flatMap(c => c.entities).find(e => e[0] === want);
    if (e) sel.add(new Option(e[1], e[0]));
  }
  for (const n of names) { const f = field(n); if (f && params.has(n)) f.value = params.get(n); }
  if (names.some(n => field(n) && field(n).value)) box.querySelector("details").open = true;
  // Printed, every card shows all its quotes.
  addEventListener("beforeprint", () => { for (const d of document.querySelectorAll("details.more-citations")) d.open = true; });
  form.addEventListener("input", () => apply(true));
  form.addEventListener("change", () => apply(true));
  form.addEventListener("submit", e => { e.preventDefault(); apply(true); });
  form.addEventListener("reset", () => setTimeout(() => apply(true), 0));
  apply(false);

  // j and k: the next and the previous event shown, from the one at the
  // top of the window.
  const current = () => {
    const shown = cards.filter(c => !c.li.hidden);
    const top = shown.findIndex(c => c.a.getBoundingClientRect().top > 8);
    return { shown, at: top < 0 ? shown.length : top };
  };
  document.addEventListener("keydown", e => {
    if (e.ctrlKey || e.metaKey || e.altKey || /^(INPUT|SELECT|TEXTAREA)$/.test(e.target.tagName) || e.target.isContentEditable) return;
    if (e.key !== "j" && e.key !== "k") return;
    const { shown, at } = current();
    if (!shown.length) return;
    const focused = shown.findIndex(c => c.a.contains(document.activeElement));
    let i = focused >= 0 ? focused + (e.key === "j" ? 1 : -1) : (e.key === "j" ? at : at - 1);
    i = Math.max(0, Math.min(shown.length - 1, i));
    const link = shown[i].a.querySelector(".event-headline a") || shown[i].a;
    link.focus({ preventScroll: true });
    shown[i].a.scrollIntoView({ block: "start" });
    e.preventDefault();
  });
})();
