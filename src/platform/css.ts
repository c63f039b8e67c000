// A small stylesheet for the light public pages: the rules of the NL Design System (Utrecht) build that these pages
// use, and only the design tokens those rules need. The full build is ~540 kB; a cheap phone should not pay for it.

interface Rule {
  /** Selector list or at-rule prelude ("@media (width>=35em)"). */
  prelude: string;
  /** Declarations of a style rule, or nested rules of a block at-rule. */
  body: string | Rule[];
}

/** Splits CSS text into top-level rules, nesting into @media / @supports / @container / @layer blocks. */
export function parseRules(css: string): Rule[] {
  const rules: Rule[] = [];
  let i = 0;
  while (i < css.length) {
    const open = findTopLevel(css, i, '{');
    if (open < 0) break;
    const prelude = css.slice(i, open).trim();
    // Statement at-rules (@import, @charset) end with ';' before any block.
    const semi = findTopLevel(css, i, ';');
    if (prelude.startsWith('@') && semi >= 0 && semi < open && !css.slice(i, semi).includes('{')) {
      i = semi + 1;
      continue;
    }
    const close = matchingBrace(css, open);
    const inner = css.slice(open + 1, close);
    const isBlockAtRule = /^@(media|supports|container|layer|document)\b/.test(prelude);
    rules.push({ prelude, body: isBlockAtRule ? parseRules(inner) : inner });
    i = close + 1;
  }
  return rules;
}

function findTopLevel(css: string, from: number, char: string): number {
  let quote: string | null = null;
  for (let i = from; i < css.length; i++) {
    const c = css[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '/' && css[i + 1] === '*') i = css.indexOf('*/', i + 2) + 1 || css.length;
    else if (c === char) return i;
  }
  return -1;
}

function matchingBrace(css: string, open: number): number {
  let depth = 0;
  let quote: string | null = null;
  for (let i = open; i < css.length; i++) {
    const c = css[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  return css.length;
}

/** Splits declarations on top-level semicolons (not inside url(...), strings or brackets). */
export function splitDeclarations(body: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === ';' && depth === 0) {
      out.push(body.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(body.slice(start).trim());
  return out.filter(Boolean);
}

function splitSelectors(prelude: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < prelude.length; i++) {
    const c = prelude[i];
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === ',' && depth === 0) {
      out.push(prelude.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(prelude.slice(start).trim());
  return out;
}

/** A selector is wanted when every class in it is one the pages use (an entry ending in "-" is a prefix). */
function selectorWanted(selector: string, classNames: string[]): boolean {
  const classes = [...selector.matchAll(/\.(-?[_a-zA-Z][\w-]*)/g)].map((m) => m[1]!);
  return classes.every((c) => classNames.some((b) => c === b || (b.endsWith('-') && c.startsWith(b))));
}

const isCustomProperty = (declaration: string) => declaration.startsWith('--');
const propertyName = (declaration: string) => declaration.slice(0, declaration.indexOf(':')).trim();

/**
 * Keeps the style rules whose selectors only use the given classes (an entry ending in "-" is a prefix, e.g. "vn-"),
 * then keeps only the custom properties (design tokens) that the kept rules need, transitively.
 */
export function subsetCss(css: string, classNames: string[]): string {
  const rules = parseRules(css);

  // Pass 1: which style rules stay, per selector.
  const keep = (list: Rule[]): Rule[] =>
    list.flatMap((rule): Rule[] => {
      if (Array.isArray(rule.body)) {
        const inner = keep(rule.body);
        return inner.length ? [{ prelude: rule.prelude, body: inner }] : [];
      }
      if (rule.prelude.startsWith('@')) return /^@(font-face|keyframes|property)/.test(rule.prelude) ? [rule] : [];
      const selectors = splitSelectors(rule.prelude).filter((s) => selectorWanted(s, classNames));
      return selectors.length ? [{ prelude: selectors.join(','), body: rule.body }] : [];
    });
  const kept = keep(rules);

  // Pass 2: the tokens the ordinary declarations use, and the tokens those tokens use.
  const definitions = new Map<string, string[]>();
  const used = new Set<string>();
  const visit = (list: Rule[]) => {
    for (const rule of list) {
      if (Array.isArray(rule.body)) {
        visit(rule.body);
        continue;
      }
      for (const d of splitDeclarations(rule.body)) {
        const refs = [...d.matchAll(/var\(\s*(--[\w-]+)/g)].map((m) => m[1]!);
        if (isCustomProperty(d)) definitions.set(propertyName(d), [...(definitions.get(propertyName(d)) ?? []), ...refs]);
        else refs.forEach((r) => used.add(r));
      }
    }
  };
  visit(kept);
  const queue = [...used];
  while (queue.length) {
    for (const ref of definitions.get(queue.pop()!) ?? []) {
      if (!used.has(ref)) {
        used.add(ref);
        queue.push(ref);
      }
    }
  }

  const print = (list: Rule[]): string =>
    list
      .map((rule) => {
        if (Array.isArray(rule.body)) {
          const inner = print(rule.body);
          return inner ? `${rule.prelude}{${inner}}` : '';
        }
        if (rule.prelude.startsWith('@')) return `${rule.prelude}{${rule.body}}`;
        const declarations = splitDeclarations(rule.body).filter((d) => !isCustomProperty(d) || used.has(propertyName(d)));
        return declarations.length ? `${rule.prelude}{${declarations.join(';')}}` : '';
      })
      .join('');
  return print(kept);
}

/**
 * The classes the public pages use (src/platform/html.ts and pages.ts, the modules' pages.ts).
 * Native form controls carry the `--html-*` modifier: that is where Utrecht styles :focus, :checked and :invalid.
 */
export const publicPageClasses = [
  'utrecht-theme',
  'utrecht-page',
  'utrecht-page-header',
  'utrecht-page-content',
  'utrecht-page-footer',
  'utrecht-skip-link',
  'utrecht-skip-link--visible-on-focus',
  'utrecht-document',
  'utrecht-heading-1',
  'utrecht-heading-2',
  'utrecht-heading-3',
  'utrecht-paragraph',
  'utrecht-paragraph--lead',
  'utrecht-unordered-list',
  'utrecht-unordered-list--html-content',
  'utrecht-unordered-list__item',
  'utrecht-form-label',
  'utrecht-textbox',
  'utrecht-textbox--html-input',
  'utrecht-textarea',
  'utrecht-textarea--html-textarea',
  'utrecht-select',
  'utrecht-select--html-select',
  'utrecht-radio-button',
  'utrecht-radio-button--html-input',
  'utrecht-checkbox',
  'utrecht-checkbox--html-input',
  'utrecht-button',
  'utrecht-button--primary-action',
  'utrecht-button-link',
  'utrecht-button-link--html-a',
  'utrecht-button-link--primary-action',
  'utrecht-button-link--secondary-action',
  'utrecht-alert',
  'utrecht-alert--error',
  'utrecht-alert__content',
  'utrecht-alert__message',
  'utrecht-button--secondary-action',
  'vn-',
];
