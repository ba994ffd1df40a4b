// The one hast question the site's plugins (and the Blogger import's) ask that no hast-util
// package answers alone: an element's classes, whatever form they come in.
import type { Element } from 'hast';

/** An element's classes, whether its class is a list (hastscript, Shiki, rehype-parse) or a string (Shiki's `class: 'line'`). */
export function classesOf(el: Element): string[] {
  const c = el.properties['className'] ?? el.properties['class'];
  return Array.isArray(c) ? c.map(String) : typeof c === 'string' ? c.split(/\s+/).filter(Boolean) : [];
}

/** Whether `el` has the class `name`. */
export function hasClass(el: Element, name: string): boolean {
  return classesOf(el).includes(name);
}
