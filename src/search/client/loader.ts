// On every page, and tiny: opens search on `/`, Ctrl/Cmd+K or a click on the Search link,
// loading the dialog code and Pagefind only then. A page opened from a search result
// (?mark=) loads the term marker. Nothing else of search is fetched while reading.
const onSearchPage = (): HTMLInputElement | null => document.querySelector<HTMLInputElement>('[data-search-page] input[name=q]');
let dialog: Promise<{ openDialog: () => Promise<void> }> | undefined;

function open(e: Event): void {
  e.preventDefault();
  const pageInput = onSearchPage();
  if (pageInput) { pageInput.focus(); pageInput.select(); return; }
  dialog ??= import('./dialog.ts');
  dialog.then((m) => m.openDialog(), () => { dialog = undefined; });
}

document.addEventListener('keydown', (e) => {
  if (e.defaultPrevented || e.altKey) return;
  const target = e.target instanceof Element ? e.target : null;
  if ((e.key === 'k' || e.key === 'K') && (e.ctrlKey || e.metaKey)) { open(e); return; }
  const typing = target?.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]');
  if (e.key === '/' && !e.ctrlKey && !e.metaKey && !typing) open(e);
});
for (const a of document.querySelectorAll('[data-search-open]')) {
  a.addEventListener('click', (e) => {
    const m = e as MouseEvent;
    if (m.button !== 0 || m.ctrlKey || m.metaKey || m.shiftKey || m.altKey) return; // new tab: the search page
    open(e);
  });
}
if (new URLSearchParams(location.search).has('mark')) void import('./marks.ts');
