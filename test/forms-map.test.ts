import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * docs/forms.md maps every form of the staff app to the browser test that submits a wrong value on it and checks the
 * plain Dutch sentence next to the field (`expectFieldError`). This keeps the map true: every component in web/src
 * with a `<form` has a row for each of its forms, and every test the map names exists and checks the fields it names.
 */
const root = path.resolve(import.meta.dirname, '..');
const read = (rel: string) => fs.readFileSync(path.join(root, rel), 'utf8');

interface Row {
  component: string;
  form: string;
  file: string;
  test: string;
  checked: string;
}

const unquote = (cell: string) => cell.replace(/^`(.*)`$/, '$1');

function mapRows(): Row[] {
  return read('docs/forms.md')
    .split('\n')
    .filter((line) => line.startsWith('| `web/src/'))
    .map((line) => {
      const cells = line
        .slice(1, -1)
        .split('|')
        .map((c) => c.trim());
      expect(cells, `a row of six cells: ${line}`).toHaveLength(6);
      const [component, form, , file, test, checked] = cells as [string, string, string, string, string, string];
      return { component: unquote(component), form, file: unquote(file), test: unquote(test), checked };
    });
}

function formComponents(dir = 'web/src'): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) return formComponents(rel);
    return /\.tsx?$/.test(e.name) && read(rel).includes('<form') ? [rel] : [];
  });
}

/** The body of the test called `name` in `source`: from its `it(` to the next test, or undefined. */
function testBody(source: string, name: string): string | undefined {
  for (const quote of ["'", '"', '`']) {
    const start = source.indexOf(`it(${quote}${name}${quote}`);
    if (start < 0) continue;
    const rest = source.slice(start + name.length + 5);
    const next = rest.search(/\n\s*it\(/);
    return next < 0 ? rest : rest.slice(0, next);
  }
  return undefined;
}

/** The labels a test body passes to expectFieldError: a string, or a regular expression's text without `^`. */
function checkedLabels(body: string): string[] {
  const calls = body.matchAll(/expectFieldError\(\s*\w+,\s*(?:'([^']*)'|"([^"]*)"|\/\^?((?:[^/\\]|\\.)*)\/)/g);
  return [...calls].map((m) => m[1] ?? m[2] ?? m[3]!.replace(/\\(.)/g, '$1'));
}

describe('the map of forms and their browser tests (docs/forms.md)', () => {
  const rows = mapRows();

  it('has a row for every form of every component in web/src with a <form', () => {
    const components = formComponents();
    expect(components.length).toBeGreaterThan(40);
    const missing = components.filter((c) => {
      const forms = read(c).split('<form').length - 1;
      return rows.filter((r) => r.component === c).length < forms;
    });
    expect(missing, 'components with more forms than rows in docs/forms.md').toEqual([]);
    const gone = rows.filter((r) => !components.includes(r.component)).map((r) => r.component);
    expect(gone, 'rows of components that have no form (any more)').toEqual([]);
  });

  it('names, for each form, a test in test/browser that exists and calls expectFieldError with the fields named', () => {
    const problems: string[] = [];
    for (const row of rows) {
      if (row.file === '—') continue;
      if (!/^test\/browser\/[\w-]+\.test\.ts$/.test(row.file) || !fs.existsSync(path.join(root, row.file))) {
        problems.push(`${row.component} (${row.form}): no test file ${row.file}`);
        continue;
      }
      const body = testBody(read(row.file), row.test);
      if (body === undefined) {
        problems.push(`${row.component} (${row.form}): no test "${row.test}" in ${row.file}`);
        continue;
      }
      const named = [...row.checked.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
      if (!named.length) problems.push(`${row.component} (${row.form}): names no field`);
      const labels = checkedLabels(body);
      for (const label of named)
        if (!labels.includes(label)) problems.push(`${row.component} (${row.form}): "${row.test}" does not call expectFieldError on "${label}"`);
    }
    expect(problems).toEqual([]);
  });

  it('says why a form without a test has no field to get wrong, and such a form has no input to type in or tick', () => {
    const inputs = /<TextInput|<TextArea|<Textbox|<textarea|<Checkbox|type="(?:text|file|checkbox|date|number|email)"/;
    for (const row of rows.filter((r) => r.file === '—')) {
      expect(row.test, row.component).toBe('—');
      expect(row.checked, row.component).toMatch(/^No field to get wrong: .{20,}/);
      expect(read(row.component), `${row.component} has an input, so it needs a test`).not.toMatch(inputs);
    }
  });
});
