// The theme toggle. The initial theme is set before paint by the inline script
// in Base.astro; this only handles clicks and follows the system until the
// reader chooses.
const root = document.documentElement;
const button = document.querySelector<HTMLButtonElement>('[data-theme-toggle]');
const media = matchMedia('(prefers-color-scheme: dark)');

// The button's label ("Dark theme" / "Light theme": the theme it switches to) comes
// from CSS keyed on data-theme, so it is right from the first frame and never shifts
// the layout; nothing to update here but the theme itself.

button?.addEventListener('click', () => {
  const next = root.dataset['theme'] === 'dark' ? 'light' : 'dark';
  root.dataset['theme'] = next;
  try { localStorage.setItem('theme', next); } catch { /* private mode: the choice lasts for this page */ }
});
media.addEventListener('change', () => {
  let stored: string | null = null;
  try { stored = localStorage.getItem('theme'); } catch { /* ignore */ }
  if (!stored) root.dataset['theme'] = media.matches ? 'dark' : 'light';
});
