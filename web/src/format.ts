/** Dutch formats for the pages: the same functions the server-rendered pages use (`src/platform/dutch.ts`). */
export * from '../../src/platform/dutch.ts';
