/*
 * Small corrections to wagtail-localize's translation editor (a React bundle we do not rebuild).
 *
 * - For a translator, the editor's "Publish in <language>" button submits the translation for
 *   moderation (see site/core/translation_moderation.py): its label says so.
 * - The editor's menu toggle is labelled "More actions", and its section "Русский to English translation",
 *   in English only: give them the admin's language (the texts come translated from the template).
 *
 * Loaded after wagtail-localize's JavaScript catalog and before its editor bundle.
 */
(() => {
  const script = document.currentScript;
  const { submitLabel, moreActionsLabel, sectionTitle, sourceLanguage, targetLanguage } = script.dataset;
  const englishSectionTitle = `${sourceLanguage} to ${targetLanguage} translation`;
  if (submitLabel && window.django && window.django.catalog) {
    window.django.catalog["Publish in "] = submitLabel;
  }
  const relabel = () => {
    for (const element of document.querySelectorAll(".js-translation-editor .w-dropdown__toggle .w-sr-only")) {
      if (element.textContent === "More actions" && moreActionsLabel) {
        element.textContent = moreActionsLabel;
      }
    }
    for (const heading of document.querySelectorAll(".js-translation-editor section h3")) {
      if (heading.textContent === englishSectionTitle && sectionTitle) {
        heading.textContent = sectionTitle;
      }
    }
  };
  document.addEventListener("DOMContentLoaded", () => {
    const editor = document.querySelector(".js-translation-editor");
    if (!editor) return;
    new MutationObserver(relabel).observe(editor, { childList: true, subtree: true });
    relabel();
  });
})();
