// The quick-search dialog, loaded by loader.ts the first time the reader opens search.
import { searchStyles } from './style.ts';
import { loadPagefind, search } from './engine.ts';
import { arrowKeys, debounce, render } from './ui.ts';

const dialog = document.querySelector<HTMLDialogElement>('[data-search-dialog]')!;
const input = dialog.querySelector<HTMLInputElement>('input[name=q]')!;
const results = dialog.querySelector<HTMLElement>('[data-search-results]')!;
const status = dialog.querySelector<HTMLElement>('[data-search-status]')!;
const more = dialog.querySelector<HTMLAnchorElement>('[data-search-more]')!;
const links = { archive: dialog.dataset['archive'] ?? '/', tags: dialog.dataset['tags'] ?? '/' };
const searchPage = more.getAttribute('href')!;
let seq = 0;
const DIALOG_RESULTS = 5;

async function run(): Promise<void> {
  const mine = ++seq;
  const q = input.value;
  more.href = q.trim() ? `${searchPage}?q=${encodeURIComponent(q.trim())}` : searchPage;
  dialog.setAttribute('aria-busy', 'true');
  try {
    // Five: each result shown costs one fragment request; the search page shows more.
    const outcome = await search(q, {}, DIALOG_RESULTS);
    if (mine !== seq) return;
    render(outcome, results, status, links);
  } catch {
    if (mine === seq) status.textContent = 'Search could not load. Try the archive or the tags.';
  } finally {
    if (mine === seq) dialog.removeAttribute('aria-busy');
  }
}

const later = debounce(() => void run(), 60);
input.addEventListener('input', later);
arrowKeys(input, results);
dialog.querySelector('[data-search-close]')?.addEventListener('click', () => dialog.close());
// A click on the backdrop (outside the panel) closes it.
dialog.addEventListener('click', (e) => { if (e.target === dialog) dialog.close(); });
// Esc closes at once, even from the search box (where Chromium would only clear the text).
dialog.addEventListener('keydown', (e) => { if (e.key === 'Escape') { e.preventDefault(); dialog.close(); } });
dialog.querySelector('form')?.addEventListener('submit', (e) => e.preventDefault());

export async function openDialog(): Promise<void> {
  await searchStyles();
  if (!dialog.open) dialog.showModal();
  input.focus();
  input.select();
  void loadPagefind().catch(() => undefined);
  if (input.value) void run();
}
