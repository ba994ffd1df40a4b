// What the site keeps of a post's Markdown body: the excerpt and reading time that lists show,
// computed once when the file is loaded. The body itself is not kept: the content layer's data
// store is parsed and written on every build and inlined whole into the server bundle, and the
// page of a post is rendered from its HTML, not its body (a quarter of the store at 1,000 posts).
// Pure: wraps any content loader (a glob loader in src/content.config.ts).
import type { Loader, LoaderContext } from 'astro/loaders';
import { excerptFromMarkdown, readingTime } from './posts.ts';

/** Kept in an entry's data under `bodySummary`; `excerpt` only for a post without a `description`. */
export interface BodySummary { minutes: number; excerpt?: string }

export function bodySummary(body: string, description: unknown): BodySummary {
  const minutes = readingTime(body).minutes;
  return typeof description === 'string' ? { minutes } : { minutes, excerpt: excerptFromMarkdown(body) };
}

/** The summary of an entry stored by summarisedLoader (a post without one reads as a minute, no excerpt). */
export function summaryOf(entry: { data: object }): BodySummary {
  return (entry.data as { bodySummary?: BodySummary }).bodySummary ?? { minutes: 1 };
}

/** The loader, storing each entry it sets with its bodySummary and without its body. */
export function summarisedLoader(loader: Loader): Loader {
  return {
    ...loader,
    load: (context: LoaderContext) => loader.load({
      ...context,
      store: {
        ...context.store,
        set: ({ body, ...entry }) => context.store.set({
          ...entry,
          data: { ...entry.data, bodySummary: bodySummary(body ?? '', entry.data['description']) },
        }),
      },
    }),
  };
}
