// The table of contents marks the section being read: the last heading above a line 30% down
// the viewport gets its link aria-current="true". An IntersectionObserver on the post's blocks
// says when anything crosses that line; only an attribute changes, so nothing moves.
const links = [...document.querySelectorAll<HTMLAnchorElement>('.toc a[href^="#"]')];
const headings = links.map((a) => document.getElementById(decodeURIComponent(a.hash.slice(1))));
let current: HTMLAnchorElement | undefined;

function update() {
  const line = innerHeight * 0.3;
  let next: HTMLAnchorElement | undefined;
  headings.forEach((h, i) => { if (h && h.getBoundingClientRect().top <= line) next = links[i]; });
  if (next === current) return;
  current?.removeAttribute('aria-current');
  next?.setAttribute('aria-current', 'true');
  current = next;
}

const observer = new IntersectionObserver(update, { rootMargin: '0px 0px -70% 0px' });
for (const el of document.querySelectorAll('.prose > *')) observer.observe(el);
