// Marks the searched terms on a page opened from a search result (?mark=term).
import { searchStyles } from './style.ts';
import { markRanges } from '../marks.ts';

const terms = new URLSearchParams(location.search).getAll('mark').filter((t) => t.trim().length >= 2);
const root = document.querySelector('[data-pagefind-body]') ?? document.querySelector('main');
const MAX = 300;

if (root && terms.length) {
  void searchStyles();
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => (n.parentElement?.closest('script, style, mark, .heading-anchor, button') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  const nodes: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
  let count = 0;
  let first: HTMLElement | undefined;
  for (const node of nodes) {
    if (count >= MAX) break;
    const ranges = markRanges(node.data, terms);
    if (!ranges.length) continue;
    const frag = document.createDocumentFragment();
    let at = 0;
    for (const [s, e] of ranges) {
      frag.append(node.data.slice(at, s));
      const mark = document.createElement('mark');
      mark.className = 'search-term';
      mark.textContent = node.data.slice(s, e);
      frag.append(mark);
      first ??= mark;
      at = e;
      count++;
    }
    frag.append(node.data.slice(at));
    node.replaceWith(frag);
  }
  if (first && !location.hash) first.scrollIntoView({ block: 'center' });
}
