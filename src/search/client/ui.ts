// Rendering and keyboard handling shared by the quick-search dialog and the /search page.
import type { Hit, SearchOutcome } from './engine.ts';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<Record<string, string>> = {}, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) if (v !== undefined) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

function hitItem(hit: Hit): HTMLLIElement {
  const li = el('li', { class: 'search-hit' });
  const a = el('a', { href: hit.url, class: 'search-hit-title', 'data-search-result': '' }, hit.title);
  li.append(a);
  if (hit.date || hit.tags.length) {
    li.append(el('p', { class: 'search-hit-meta' }, [hit.date, hit.tags.join(', ')].filter(Boolean).join(' · ')));
  }
  if (hit.excerpt) {
    const p = el('p', { class: 'search-excerpt', 'data-excerpt-from': hit.excerptFrom });
    p.innerHTML = hit.excerpt; // escaped text + <mark> only: see safeExcerpt() and src/search/excerpt.ts
    li.append(p);
  }
  if (hit.subs.length) {
    const ul = el('ul', { class: 'search-subs', 'aria-label': `Sections of ${hit.title}` });
    for (const s of hit.subs) {
      const sli = el('li');
      const sa = el('a', { href: s.url, 'data-search-result': '' }, s.title.replace(/#$/, ''));
      sli.append(sa);
      if (s.excerpt) {
        const p = el('p', { class: 'search-excerpt', 'data-excerpt-from': s.excerptFrom });
        p.innerHTML = s.excerpt;
        sli.append(p);
      }
      ul.append(sli);
    }
    li.append(ul);
  }
  return li;
}

export interface EmptyLinks { archive: string; tags: string }

/** Fills `list` with the hits and `status` with a count, or a clear empty state. */
export function render(outcome: SearchOutcome, list: HTMLElement, status: HTMLElement, links: EmptyLinks, filtered = false): void {
  list.replaceChildren();
  list.dataset['searchQuery'] = outcome.query; // what is shown now (tests wait on it)
  if (!outcome.query && !outcome.total && !filtered) { status.textContent = ''; return; }
  if (!outcome.hits.length) {
    status.textContent = '';
    const empty = el('div', { class: 'search-empty', 'data-search-empty': '' });
    empty.append(el('p', {}, outcome.query ? `No posts match “${outcome.query}”${filtered ? ' with these filters' : ''}.` : 'No posts match these filters.'));
    const tip = el('p', {}, 'Try fewer words or part of an identifier, or browse the ');
    tip.append(el('a', { href: links.archive }, 'archive'), ' or the ', el('a', { href: links.tags }, 'tags'), '.');
    empty.append(tip);
    list.append(empty);
    status.textContent = `No results for ${outcome.query}`;
    return;
  }
  const ol = el('ol', { class: 'search-list' });
  for (const h of outcome.hits) ol.append(hitItem(h));
  list.append(ol);
  const n = outcome.total;
  status.textContent = `${n} post${n === 1 ? '' : 's'} found${outcome.used !== outcome.query ? ` (searched for ${outcome.used})` : ''}`;
}

/** ↑/↓ move between the input and every result link; Home/End jump. */
export function arrowKeys(input: HTMLInputElement, results: HTMLElement, enterOpensFirst = true): void {
  const links = (): HTMLAnchorElement[] => [...results.querySelectorAll<HTMLAnchorElement>('a[data-search-result]')];
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown') { const l = links(); if (l.length) { e.preventDefault(); l[0]!.focus(); } }
    if (e.key === 'Enter' && enterOpensFirst) {
      const first = links()[0];
      if (first) { e.preventDefault(); first.click(); }
    }
  });
  results.addEventListener('keydown', (e) => {
    const l = links();
    const i = l.indexOf(document.activeElement as HTMLAnchorElement);
    if (i < 0) return;
    if (e.key === 'ArrowDown') { e.preventDefault(); l[Math.min(i + 1, l.length - 1)]!.focus(); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); if (i === 0) input.focus(); else l[i - 1]!.focus(); }
    else if (e.key === 'Home') { e.preventDefault(); l[0]!.focus(); }
    else if (e.key === 'End') { e.preventDefault(); l[l.length - 1]!.focus(); }
    else if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) input.focus(); // typing goes back to the box
  });
}

export function debounce<A extends unknown[]>(fn: (...a: A) => void, ms: number): (...a: A) => void {
  let t: ReturnType<typeof setTimeout> | undefined;
  return (...a: A) => { clearTimeout(t); t = setTimeout(() => fn(...a), ms); };
}
