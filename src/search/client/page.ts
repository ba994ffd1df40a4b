// The /search page: reads ?q=, ?tag=, ?year= and keeps them in the URL while the reader
// types (replaceState) or picks a filter / presses Enter (pushState), so a search can be
// shared and Back returns to it.
import { filterValues, search, type Filters } from './engine.ts';
import { arrowKeys, debounce, render } from './ui.ts';

const page = document.querySelector<HTMLElement>('[data-search-page]')!;
const form = page.querySelector<HTMLFormElement>('[data-search-form]')!;
const input = form.querySelector<HTMLInputElement>('input[name=q]')!;
const selects = [...form.querySelectorAll<HTMLSelectElement>('select[data-search-filter]')];
const results = page.querySelector<HTMLElement>('[data-search-results]')!;
const status = page.querySelector<HTMLElement>('[data-search-status]')!;
const links = { archive: page.dataset['archive'] ?? '/', tags: page.dataset['tags'] ?? '/' };
page.querySelector<HTMLElement>('[data-search-nojs]')!.hidden = true;
form.hidden = false;
let seq = 0;

function state(): { q: string; filters: Filters } {
  const filters: Filters = {};
  for (const s of selects) if (s.value) filters[s.name as 'tag' | 'year'] = [s.value];
  return { q: input.value.trim(), filters };
}

function urlFor(q: string, filters: Filters): string {
  const p = new URLSearchParams();
  if (q) p.set('q', q);
  if (filters.tag?.[0]) p.set('tag', filters.tag[0]);
  if (filters.year?.[0]) p.set('year', filters.year[0]);
  const s = p.toString();
  return `${location.pathname}${s ? `?${s}` : ''}`;
}

async function run(): Promise<void> {
  const mine = ++seq;
  const { q, filters } = state();
  document.title = q ? `“${q}” · Search` : 'Search';
  try {
    const outcome = await search(q, filters, 20);
    if (mine === seq) render(outcome, results, status, links, Object.keys(filters).length > 0);
  } catch {
    if (mine === seq) status.textContent = 'Search could not load. Try the archive or the tags.';
  }
}

function commit(push: boolean): void {
  const { q, filters } = state();
  const next = urlFor(q, filters);
  if (next !== `${location.pathname}${location.search}`) history[push ? 'pushState' : 'replaceState'](null, '', next);
  void run();
}

function fromUrl(): void {
  const p = new URLSearchParams(location.search);
  input.value = p.get('q') ?? '';
  for (const s of selects) {
    const v = p.get(s.name) ?? '';
    if (v && ![...s.options].some((o) => o.value === v)) s.append(new Option(v, v));
    s.value = v;
  }
  void run();
}

async function fillFilters(): Promise<void> {
  const values = await filterValues();
  for (const s of selects) {
    const counts = values[s.name] ?? {};
    const keys = Object.keys(counts).sort((a, b) => (s.name === 'year' ? b.localeCompare(a) : a.localeCompare(b)));
    const current = s.value;
    s.replaceChildren(new Option('any', ''), ...keys.map((k) => new Option(`${k} (${counts[k]})`, k)));
    s.value = current;
  }
}

// The filter lists come from the index: loaded once the reader starts to use the form, or at
// once when the URL already asks for a search, not on a visit that only looks at the page.
let filtersLoaded: Promise<void> | undefined;
const loadFilters = (): void => { filtersLoaded ??= fillFilters().catch(() => undefined); };
for (const type of ['pointerdown', 'keydown', 'input'] as const) form.addEventListener(type, loadFilters);
for (const s of selects) s.addEventListener('focus', loadFilters);

input.addEventListener('input', debounce(() => commit(false), 120));
form.addEventListener('submit', (e) => { e.preventDefault(); commit(true); });
for (const s of selects) s.addEventListener('change', () => commit(true));
addEventListener('popstate', fromUrl);
arrowKeys(input, results, false);
fromUrl();
if (new URLSearchParams(location.search).size) loadFilters();
if (!input.value) input.focus();
