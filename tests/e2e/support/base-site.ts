// The shared build under a base path (the e2e global setup builds it): the real posts under
// /blog/, with a public URL, plus a decoy post and a draft for the search tests.
export const baseSite = {
  base: '/blog/',
  siteUrl: 'https://ringzero.example',
  posts: {
    // Published, mentions two identifiers once in prose: the posts about them must still come first.
    'decoy-lock-free-notes.md': '---\ntitle: "Notes on lock-free lists"\ndate: 2018-02-03\ntags: [notes]\n---\nA reader asked whether ExInterlockedPopEntrySList is safe. Also, grep is handy.\n',
    'secret-draft.md': '---\ntitle: "Unfinished"\ndate: 2019-01-01\ndraft: true\n---\nzzqxdraftmarker KiCheckForSListAddress\n',
  },
} as const;
