// What other modules may call from programme: nothing yet. The programme reads insights; nobody reads the programme.
export { letterHeadings } from './letter.ts';
