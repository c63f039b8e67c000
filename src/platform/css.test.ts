import { describe, expect, it } from 'vitest';
import { parseRules, splitDeclarations, subsetCss } from './css.ts';

const css = [
  '@charset "utf-8";',
  '.utrecht-theme{--a:red;--b:var(--a);--unused:blue;--c:var(--d, 1px);--d:2px;font-family:sans-serif}',
  '@media (width>=35em){.utrecht-theme--media-query{--a:green}.utrecht-button{padding:var(--c)}}',
  '.utrecht-button{color:var(--b)}',
  '.utrecht-button--primary-action:hover,.utrecht-button--danger{color:black}',
  '.utrecht-card{color:var(--unused)}',
  '.vn-form{display:grid}',
  '.utrecht-icon{background:url("data:image/svg+xml;utf8,<svg>;</svg>")}',
  'body{margin:0}',
  '@keyframes spin{from{transform:rotate(0)}to{transform:rotate(1turn)}}',
].join('');

describe('cutting the Utrecht stylesheet down to the public pages', () => {
  it('parses nested at-rules and keeps semicolons inside url() and strings', () => {
    const rules = parseRules(css);
    expect(rules.map((r) => r.prelude)).toContain('@media (width>=35em)');
    expect(splitDeclarations('background:url("data:a;b");color:red')).toEqual(['background:url("data:a;b")', 'color:red']);
  });

  it('keeps rules of the listed classes and classless rules, drops other classes and selectors', () => {
    const out = subsetCss(css, ['utrecht-theme', 'utrecht-button', 'utrecht-button--primary-action', 'vn-']);
    expect(out).toContain('.utrecht-button{color:var(--b)}');
    expect(out).toContain('.utrecht-button--primary-action:hover{color:black}');
    expect(out).not.toContain('--danger');
    expect(out).not.toContain('utrecht-card');
    expect(out).not.toContain('utrecht-icon');
    expect(out).not.toContain('media-query');
    expect(out).toContain('@media (width>=35em){.utrecht-button{padding:var(--c)}}');
    expect(out).toContain('.vn-form{display:grid}');
    expect(out).toContain('body{margin:0}');
    expect(out).toContain('@keyframes spin');
  });

  it('keeps only the design tokens the kept rules need, following tokens that use tokens', () => {
    const out = subsetCss(css, ['utrecht-theme', 'utrecht-button']);
    expect(out).toContain('--b:var(--a)');
    expect(out).toContain('--a:red');
    expect(out).toContain('--c:var(--d, 1px)');
    expect(out).toContain('--d:2px');
    expect(out).not.toContain('--unused');
    expect(out).toContain('font-family:sans-serif');
  });
});
