// The theme toggle. The initial theme is set before paint by the inline script
// in Base.astro; this only handles clicks and follows the system until the
// reader chooses.
const root = document.documentElement;
const button = document.querySelector<HTMLButtonElement>('[data-theme-toggle]');
const media = matchMedia('(prefers-color-scheme: dark)');

function label(): void {
  if (!button) return;
  const dark = root.dataset['theme'] === 'dark';
  button.setAttribute('aria-pressed', String(dark));
  button.textContent = dark ? 'Light' : 'Dark';
  button.setAttribute('aria-label', dark ? 'Switch to light theme' : 'Switch to dark theme');
}

button?.addEventListener('click', () => {
  const next = root.dataset['theme'] === 'dark' ? 'light' : 'dark';
  root.dataset['theme'] = next;
  try { localStorage.setItem('theme', next); } catch { /* private mode: the choice lasts for this page */ }
  label();
});
media.addEventListener('change', () => {
  let stored: string | null = null;
  try { stored = localStorage.getItem('theme'); } catch { /* ignore */ }
  if (!stored) { root.dataset['theme'] = media.matches ? 'dark' : 'light'; label(); }
});
label();
