// The map's form (#map-controls) and the state: what the reader ticks
// becomes state, and the state is shown back in the form.
//
// The form has whichever groups its page shows: the map page has layers,
// colour, purpose, status and free-space filters, the search and the
// timeline; the embed only layers. A group the form does not have is left out of what it reports.

const LIST_GROUPS = [
  ["layers", "layer"],
  ["purpose", "purpose"],
  ["status", "status"],
];

export class MapControls {
  // `onChange(changes, {commit})`: the reader changed the form; `commit` is false while the
  // timeline's slider is being dragged (show it, but keep it out of the history until let go).
  constructor(form, { year = null, yearOutput = null, onChange }) {
    this.form = form;
    this.year = year;
    this.yearOutput = yearOutput;
    form.addEventListener("submit", (event) => event.preventDefault());
    form.addEventListener("change", (event) => {
      if (event.target === year) return; // handled below
      onChange(this.read(), { commit: true });
    });
    year?.addEventListener("input", () => onChange({ year: Number(year.value) }, { commit: false }));
    this.search = form.querySelector('input[name="q"]');
    this.search?.addEventListener("input", () => onChange({ q: this.search.value.trim() }, { commit: false }));
    year?.addEventListener("change", () => onChange({ year: Number(year.value) }, { commit: true }));
  }

  show(shown) {
    this.form.hidden = !shown;
  }

  read() {
    const read = {};
    for (const [key, name] of LIST_GROUPS) {
      const inputs = [...this.form.querySelectorAll(`input[name="${name}"]`)];
      if (inputs.length) read[key] = inputs.filter((input) => input.checked).map((input) => input.value);
    }
    const free = this.form.querySelector('select[name="free"]');
    if (free) read.free = free.value;
    if (this.search) read.q = this.search.value.trim();
    if (this.form.querySelector('input[name="color"]')) {
      read.color = this.form.querySelector('input[name="color"]:checked')?.value ?? "purpose";
    }
    return read;
  }

  write(state) {
    const set = (name, values) => {
      for (const input of this.form.querySelectorAll(`input[name="${name}"]`)) input.checked = values.includes(input.value);
    };
    for (const [key, name] of LIST_GROUPS) set(name, state[key]);
    set("color", [state.color]);
    const free = this.form.querySelector('select[name="free"]');
    if (free) free.value = state.free;
    if (this.search && this.search.value.trim() !== state.q) this.search.value = state.q;
    if (this.year) this.year.value = String(state.year);
    if (this.yearOutput) this.yearOutput.textContent = String(state.year);
  }
}
