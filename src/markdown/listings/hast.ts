// The one hast question the listing plugins ask that no hast-util package answers alone.
import type { Element } from 'hast';

/** Whether `el` has the class `name`, whether its class is a list (hastscript, Shiki) or a string (Shiki's `class: 'line'`). */
export function hasClass(el: Element, name: string): boolean {
  const c = el.properties['className'] ?? el.properties['class'];
  return Array.isArray(c) ? c.includes(name) : typeof c === 'string' && c.split(/\s+/).includes(name);
}
