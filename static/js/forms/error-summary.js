// The error summary at the top of a form (GOV.UK pattern): focused on load so
// screen readers announce it, and its links move focus to the field itself
// (the page scrolls so the field's label shows above it).
const summary = document.querySelector("[data-error-summary]");
if (summary) {
  summary.focus();
  summary.addEventListener("click", (event) => {
    const link = event.target.closest("a[href^='#']");
    const field = link && document.getElementById(link.hash.slice(1));
    if (!field) return;
    event.preventDefault();
    const label = document.querySelector(`label[for="${CSS.escape(field.id)}"]`);
    (label?.closest(".form-field") || field).scrollIntoView();
    field.focus({ preventScroll: true });
  });
}
