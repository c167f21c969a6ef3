/**
 * An inline script placed right after a bundled module <script> (which Astro renders deferred: it would run only once
 * the whole page is parsed): imports that module now instead (the same module, fetched once).
 */
export const EARLY_IMPORT = `(function(s){if(s&&s.type==='module'&&s.src)import(s.src)})(document.currentScript&&document.currentScript.previousElementSibling)`;
