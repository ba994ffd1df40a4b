// Listing buttons and cross-reference highlighting (issue 3). Tiny, no framework.
// Buttons are rendered `hidden` at build time and shown here, so a reader
// without JavaScript never sees a button that does nothing.
const q = <T extends Element>(s: string, root: ParentNode = document) => [...root.querySelectorAll<T>(s)];

for (const b of q<HTMLButtonElement>('.listing [data-listing-wrap], .listing [data-listing-copy]')) b.hidden = false;
// folded listings: from here on the script opens one a link lands in (fromHash), and folding it again works
for (const d of q('.listing-fold')) d.classList.add('is-scripted');

async function copy(text: string): Promise<void> {
  try { await navigator.clipboard.writeText(text); return; } catch { /* fall back below */ }
  const t = document.createElement('textarea');
  t.value = text; t.setAttribute('readonly', ''); t.className = 'listing-status';
  document.body.append(t); t.select();
  const ok = document.execCommand('copy');
  t.remove();
  if (!ok) throw new Error('copy failed');
}

document.addEventListener('click', async (e) => {
  const btn = (e.target as Element).closest?.('button');
  const fig = btn?.closest('.listing');
  if (!btn || !fig) return;
  if (btn.hasAttribute('data-listing-wrap')) {
    const on = fig.classList.toggle('is-wrapped');
    btn.setAttribute('aria-pressed', String(on));
  } else if (btn.hasAttribute('data-listing-copy')) {
    const status = fig.querySelector('.listing-status')!;
    // textContent of <code>: the lines only; line numbers and diff marks are CSS, not text.
    let msg = 'Copied';
    try { await copy(fig.querySelector('pre code')?.textContent ?? ''); } catch { msg = 'Copy failed'; }
    btn.textContent = msg;
    status.textContent = '';
    setTimeout(() => { status.textContent = msg; }, 50);
    setTimeout(() => { btn.textContent = 'Copy'; status.textContent = ''; }, 2000);
  }
});

// windbg: hovering or focusing a branch target line marks the lines that branch to it.
let marked: Element[] = [];
function mark(target: Element | null | undefined): void {
  for (const m of marked) m.classList.remove('xref-from');
  marked = [];
  for (const id of target?.getAttribute('data-xref-from')?.split(' ') ?? []) {
    const el = document.getElementById(id);
    if (el) { el.classList.add('xref-from'); marked.push(el); }
  }
}
const targetOf = (e: Event) => (e.target as Element).closest?.('.xref-target');
document.addEventListener('mouseover', (e) => { const t = targetOf(e); if (t) mark(t); });
document.addEventListener('mouseout', (e) => { if (targetOf(e) && !targetOf(e)!.matches(':target, :focus')) mark(null); });
document.addEventListener('focusin', (e) => mark(targetOf(e)));
function fromHash(): void {
  const t = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
  // a link into a folded listing's hidden lines unfolds it (CSS alone shows them, this says so)
  const fold = t?.closest('.listing-rest')?.closest('.listing')?.querySelector<HTMLDetailsElement>(':scope > .listing-fold');
  if (fold) fold.open = true;
  if (t?.classList.contains('xref-target')) { (t as HTMLElement).focus({ preventScroll: true }); mark(t); }
}
addEventListener('hashchange', fromHash);
fromHash();

export {};
