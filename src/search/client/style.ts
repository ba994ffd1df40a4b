// search.css as a URL, attached when search opens: an `import '…css'` here would make Astro
// link the stylesheet from every page that has the loader.
import href from '../search.css?url';

let ready: Promise<void> | undefined;

export function searchStyles(): Promise<void> {
  ready ??= new Promise<void>((done) => {
    if (document.querySelector('link[data-search-css]')) { done(); return; }
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = href;
    link.dataset['searchCss'] = '';
    link.addEventListener('load', () => done());
    link.addEventListener('error', () => done());
    document.head.append(link);
  });
  return ready;
}
