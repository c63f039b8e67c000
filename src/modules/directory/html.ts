// Server-rendered public pages: plain HTML and GET/POST forms that work on a cheap phone without JavaScript.
// Every value is escaped unless it is already SafeHtml; the pages load no script at all (CSP: no inline scripts).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { publicPageClasses, subsetCss } from './css.ts';

export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

type Value = SafeHtml | string | number | null | undefined | false | Value[];

function render(value: Value): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/** Tagged template: `html\`<p>${text}</p>\`` escapes `text`; nested html`` and arrays of it pass through. */
export function html(strings: TemplateStringsArray, ...values: Value[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((v, i) => {
    out += render(v) + strings[i + 1]!;
  });
  return new SafeHtml(out);
}

const webDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../web/dist');
let stylesheet: { css: string; version: string } | null | undefined;

/**
 * The NL Design System (Utrecht) styles of the web build, cut down to what these pages use (about 70 kB instead of
 * 540 kB), so they look like the rest of Vangnet without a heavy download. Null when the web app is not built.
 */
export function publicStylesheet(): { css: string; version: string } | null {
  if (stylesheet !== undefined) return stylesheet;
  try {
    const index = fs.readFileSync(path.join(webDist, 'index.html'), 'utf8');
    const hrefs = [...index.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="\/([^"]+)"/g)].map((m) => m[1]!);
    const css = subsetCss(hrefs.map((href) => fs.readFileSync(path.join(webDist, href), 'utf8')).join('\n'), publicPageClasses);
    stylesheet = { css, version: createHash('sha256').update(css).digest('hex').slice(0, 12) };
  } catch {
    stylesheet = null;
  }
  return stylesheet;
}

const pageStyle = `
.vn-light .utrecht-page-footer a{color:inherit}
.vn-light .utrecht-page-footer{padding:1rem 2rem}
.vn-light .utrecht-page-content{max-width:48rem}
.vn-light .vn-results{list-style:none;padding:0;margin:0}
.vn-light .vn-results>li{border-block-end:1px solid #ccc;padding-block:1rem}
.vn-light .vn-tags{color:#333;font-size:0.9rem}
.vn-light .vn-field{display:grid;gap:0.25rem;margin-block-end:1rem}
.vn-light fieldset{border:0;padding:0;margin:0 0 1.5rem}
.vn-light legend{font-weight:bold;margin-block-end:0.5rem;padding:0}
.vn-light .vn-option{display:flex;gap:0.5rem;align-items:flex-start;margin-block:0.35rem}
.vn-light .vn-option input{margin-block-start:0.3rem;inline-size:1.25rem;block-size:1.25rem}
.vn-light .vn-profile{border-inline-start:6px solid #1a5fb4;padding:0.5rem 1rem;background:#eef3fb;margin-block:1rem}
.vn-light .vn-profile--urgent{border-color:#a4000f;background:#fdeeee}
.vn-light .vn-error{color:#a4000f;font-weight:bold}
.vn-light .vn-lang{margin-block:0.5rem}
.vn-light .vn-filters{display:flex;flex-wrap:wrap;gap:0.5rem 1rem;align-items:end}
.vn-light .vn-filters .vn-field{margin:0}
`;

export interface PublicPageOptions {
  title: string;
  lang: 'nl' | 'en';
  body: SafeHtml;
  /** Links in the header; defaults to the residents' menu. */
  nav?: { href: string; label: string; current?: boolean }[];
}

const labels = {
  nl: { skip: 'Naar de inhoud', sub: 'Hulp bij geldzorgen', menu: 'Hoofdmenu', staff: 'Inloggen voor medewerkers', residents: 'Voor inwoners', home: 'Home', test: 'Geldfit-test', map: 'Hulp zoeken' },
  en: { skip: 'Skip to content', sub: 'Help with money worries', menu: 'Main menu', staff: 'Staff login', residents: 'For residents', home: 'Home', test: 'Geldfit test', map: 'Find help (Dutch)' },
};

/** A complete public page in the residents' shell (same header, menu and footer as the web app). */
export function publicPage(options: PublicPageOptions): string {
  const t = labels[options.lang];
  const nav = options.nav ?? [
    { href: '/', label: t.home },
    { href: options.lang === 'en' ? '/geldfit?lang=en' : '/geldfit', label: t.test },
    { href: '/hulp', label: t.map },
  ];
  return `<!doctype html>${html`<html lang="${options.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} · Vangnet</title>
${publicStylesheet() ? html`<link rel="stylesheet" href="/hulp/stijl.css?v=${publicStylesheet()!.version}">` : ''}
<style>${new SafeHtml(pageStyle)}</style>
</head>
<body class="utrecht-theme utrecht-document vn-light">
<div class="utrecht-page vn-page">
<p><a class="utrecht-skip-link utrecht-skip-link--visible-on-focus" href="#main">${t.skip}</a></p>
<header class="utrecht-page-header"><div class="vn-header">
<a href="/" class="vn-brand">Vangnet <span class="vn-brand-sub">${t.sub}</span></a>
<nav aria-label="${t.menu}"><ul class="vn-menu">${nav.map((n) => html`<li><a href="${n.href}"${n.current ? new SafeHtml(' aria-current="page"') : ''}>${n.label}</a></li>`)}</ul></nav>
</div></header>
<div class="utrecht-page-content"><main id="main" tabindex="-1">
${options.body}
</main></div>
<footer class="utrecht-page-footer"><p class="utrecht-paragraph">Vangnet · Samen tegen Armoede · <a href="/">${t.residents}</a> · <a href="/login">${t.staff}</a></p></footer>
</div>
</body>
</html>`.value}`;
}
