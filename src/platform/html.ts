// Server-rendered public pages: plain HTML and GET/POST forms that work on a cheap phone without JavaScript.
// Every value is escaped unless it is already SafeHtml; the pages load no script at all (CSP: no inline scripts).
// One shell for every public page (the social map, Geldfit, the Dordtpas, the home page and the staff login):
// the same menu, the same phone numbers, the same light stylesheet.
import { formatAmount, formatDate, formatDateTime, parseAmount } from './dutch.ts';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyReply } from 'fastify';
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

const webDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');
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
.vn-light .vn-field-error{color:#a4000f;font-weight:bold;margin:0}
.vn-light .vn-hint{color:#333;margin:0}
.vn-light [aria-invalid="true"]{border-color:#a4000f;border-width:2px}
.vn-light .vn-summary{border:3px solid #a4000f;padding:0.5rem 1rem;margin-block:1rem}
.vn-light .vn-success{border-inline-start:6px solid #007b3e;background:#e9f6ee;padding:0.5rem 1rem;margin-block:1rem}
.vn-light .vn-lang{margin-block:0.5rem}
.vn-light .vn-filters{display:flex;flex-wrap:wrap;gap:0.5rem 1rem;align-items:end}
.vn-light .vn-filters .vn-field{margin:0}
.vn-light .vn-codes dt{font-weight:bold}
.vn-light .vn-codes dd{font-family:monospace;font-size:1.4rem;margin:0 0 1rem}
.vn-light .vn-contacts{margin:0;padding:0;list-style:none}
.vn-light .vn-table{border-collapse:collapse;margin-block:1rem;inline-size:100%}
.vn-light .vn-table th,.vn-light .vn-table td{border-block-end:1px solid #ccc;padding:0.4rem;text-align:start}
.vn-light .vn-table caption{font-weight:bold;text-align:start;padding-block:0.5rem}
`;

/** A phone number residents may call, shown under every public page. */
export interface PublicContact {
  name: string;
  phone: string;
  /** What to call them for, one short line (Dutch). */
  about?: string;
}

let contacts: PublicContact[] = [];
let contactSource: (() => Promise<PublicContact[]>) | null = null;
let contactsLoadedAt = 0;
const contactsTtlMs = 60_000;

/** Where the phone numbers come from (the server wires it: settings and the social map). */
export function setPublicContactSource(source: (() => Promise<PublicContact[]>) | null): void {
  contactSource = source;
  contactsLoadedAt = 0;
  contacts = [];
}

/** Reloads the phone numbers when they are older than a minute; a failure keeps the last ones. */
export async function refreshPublicContacts(now = Date.now()): Promise<void> {
  if (!contactSource || now - contactsLoadedAt < contactsTtlMs) return;
  contactsLoadedAt = now;
  try {
    contacts = await contactSource();
  } catch {
    // keep the previous list
  }
}

export function publicContacts(): readonly PublicContact[] {
  return contacts;
}

export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

export interface PublicPageOptions {
  title: string;
  lang?: 'nl' | 'en';
  body: SafeHtml;
  /** The menu entry of this page (its path), marked with aria-current. */
  current?: PublicPath;
}

export type PublicPath = '/' | '/hulp' | '/geldfit' | '/dordtpas' | '/dordtpas/mijn-pas' | '/login';

const labels = {
  nl: {
    skip: 'Naar de inhoud',
    sub: 'Hulp bij geldzorgen',
    menu: 'Hoofdmenu',
    call: 'Liever bellen?',
    residents: 'Voor inwoners',
    items: {
      '/': 'Home',
      '/hulp': 'Hulp zoeken (sociale kaart)',
      '/geldfit': 'Geldfit',
      '/dordtpas': 'Dordtpas',
      '/dordtpas/mijn-pas': 'Mijn Dordtpas',
      '/login': 'Inloggen voor medewerkers',
    },
  },
  en: {
    skip: 'Skip to content',
    sub: 'Help with money worries',
    menu: 'Main menu',
    call: 'Would you rather call?',
    residents: 'For residents',
    items: {
      '/': 'Home',
      '/hulp': 'Find help (Dutch)',
      '/geldfit': 'Geldfit test',
      '/dordtpas': 'Dordtpas (Dutch)',
      '/dordtpas/mijn-pas': 'My Dordtpas (Dutch)',
      '/login': 'Staff login',
    },
  },
} as const;

/** The one public menu, in this order, on every public page. */
export const publicMenu: readonly PublicPath[] = ['/', '/hulp', '/geldfit', '/dordtpas', '/dordtpas/mijn-pas', '/login'];

function contactList(lang: 'nl' | 'en'): SafeHtml {
  if (!contacts.length) return html``;
  return html`<h2 class="utrecht-heading-3" id="bellen">${labels[lang].call}</h2>
<ul class="vn-contacts" aria-labelledby="bellen">${contacts.map(
    (c) => html`<li>${c.name}: <a href="${telHref(c.phone)}">${c.phone}</a>${c.about ? html` (${c.about})` : ''}</li>`,
  )}</ul>`;
}

/** A complete public page in the residents' shell: the one menu, the content, the phone numbers. No script. */
export function publicPage(options: PublicPageOptions): string {
  const lang = options.lang ?? 'nl';
  const t = labels[lang];
  const href = (p: PublicPath) => (lang === 'en' && p === '/geldfit' ? '/geldfit?lang=en' : p);
  const sheet = publicStylesheet();
  return `<!doctype html>${
    html`<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} · Vangnet</title>
${sheet ? html`<link rel="stylesheet" href="/stijl.css?v=${sheet.version}">` : ''}
<style>${new SafeHtml(pageStyle)}</style>
</head>
<body class="utrecht-theme utrecht-document vn-light">
<div class="utrecht-page vn-page">
<p><a class="utrecht-skip-link utrecht-skip-link--visible-on-focus" href="#main">${t.skip}</a></p>
<header class="utrecht-page-header"><div class="vn-header">
<a href="/" class="vn-brand">Vangnet <span class="vn-brand-sub">${t.sub}</span></a>
<nav aria-label="${t.menu}"><ul class="vn-menu">${publicMenu.map(
      (p) => html`<li><a href="${href(p)}"${p === options.current ? new SafeHtml(' aria-current="page"') : ''}>${t.items[p]}</a></li>`,
    )}</ul></nav>
</div></header>
<div class="utrecht-page-content"><main id="main" tabindex="-1">
${options.body}
</main></div>
<footer class="utrecht-page-footer">${contactList(lang)}<p class="utrecht-paragraph">Vangnet · Samen tegen Armoede · <a href="/">${t.residents}</a></p></footer>
</div>
</body>
</html>`.value
  }`;
}

// ---- Forms that work without JavaScript: errors next to the field and in a summary that links to it. ----

/** Field name → one plain Dutch sentence. */
export type FieldErrors = Record<string, string>;

/**
 * The summary at the top of a form: a heading and a link to each field with a problem. Empty without errors. `idOf`
 * gives a field's input id when the page does not use `fieldId` (a radio group links to its first option).
 */
export function errorSummary(
  errors: FieldErrors,
  labelOf: (field: string) => string,
  heading = 'Nog niet alles is goed ingevuld',
  idOf: (field: string) => string = fieldId,
): SafeHtml {
  const entries = Object.entries(errors);
  if (!entries.length) return html``;
  return html`<div class="vn-summary" id="fouten" role="alert" aria-labelledby="fouten-titel">
<h2 class="utrecht-heading-2" id="fouten-titel">${heading}</h2>
<ul class="utrecht-unordered-list">${entries.map(([field, message]) => html`<li class="utrecht-unordered-list__item"><a href="#${idOf(field)}">${labelOf(field)}: ${message}</a></li>`)}</ul>
</div>`;
}

/** The id of a field's input: its name with dots and brackets as dashes. */
export function fieldId(name: string): string {
  return `f-${name.replace(/[^A-Za-z0-9]+/g, '-')}`;
}

export interface TextFieldOptions {
  name: string;
  label: string;
  value?: string;
  error?: string;
  hint?: string;
  type?: 'text' | 'email' | 'password' | 'date' | 'tel';
  autocomplete?: string;
  inputmode?: 'decimal' | 'numeric' | 'text';
  required?: boolean;
}

/** A labelled text input; with an error it gets aria-invalid and aria-describedby pointing at the sentence. */
export function textField(o: TextFieldOptions): SafeHtml {
  const id = fieldId(o.name);
  const described = [o.hint ? `${id}-hint` : null, o.error ? `${id}-error` : null].filter(Boolean).join(' ');
  return html`<div class="vn-field"><label class="utrecht-form-label" for="${id}">${o.label}</label>
${o.hint ? html`<p class="vn-hint" id="${id}-hint">${o.hint}</p>` : ''}
${o.error ? html`<p class="vn-field-error" id="${id}-error">${o.error}</p>` : ''}
<input class="utrecht-textbox utrecht-textbox--html-input" id="${id}" name="${o.name}" type="${o.type ?? 'text'}" value="${o.value ?? ''}"${
    o.autocomplete ? html` autocomplete="${o.autocomplete}"` : ''
  }${o.inputmode ? html` inputmode="${o.inputmode}"` : ''}${o.required ? new SafeHtml(' required aria-required="true"') : ''}${
    o.error ? new SafeHtml(' aria-invalid="true"') : ''
  }${described ? html` aria-describedby="${described}"` : ''}></div>`;
}

export interface SelectFieldOptions {
  name: string;
  label: string;
  value?: string;
  options: [string, string][];
  error?: string;
  hint?: string;
}

export function selectField(o: SelectFieldOptions): SafeHtml {
  const id = fieldId(o.name);
  const described = [o.hint ? `${id}-hint` : null, o.error ? `${id}-error` : null].filter(Boolean).join(' ');
  return html`<div class="vn-field"><label class="utrecht-form-label" for="${id}">${o.label}</label>
${o.hint ? html`<p class="vn-hint" id="${id}-hint">${o.hint}</p>` : ''}
${o.error ? html`<p class="vn-field-error" id="${id}-error">${o.error}</p>` : ''}
<select class="utrecht-select utrecht-select--html-select" id="${id}" name="${o.name}"${o.error ? new SafeHtml(' aria-invalid="true"') : ''}${
    described ? html` aria-describedby="${described}"` : ''
  }>${o.options.map(([value, text]) => html`<option value="${value}"${value === o.value ? new SafeHtml(' selected') : ''}>${text}</option>`)}</select></div>`;
}

/**
 * A form post from another site: browsers that send Fetch Metadata are judged by Sec-Fetch-Site; otherwise an
 * Origin naming another host than this request's or the public address is refused (`Origin: null` passes).
 */
export function isCrossSiteForm(headers: Record<string, string | string[] | undefined>, hosts: string[]): boolean {
  const site = headers['sec-fetch-site'];
  if (typeof site === 'string') return site !== 'same-origin' && site !== 'none';
  const origin = headers.origin;
  if (typeof origin !== 'string' || origin === 'null') return false;
  try {
    return !hosts.includes(new URL(origin).host);
  } catch {
    return true;
  }
}

/** One value of a form-encoded body (the last one when a name repeats), trimmed; '' when absent. */
export function formValue(body: unknown, name: string): string {
  const value = (body as Record<string, unknown> | null | undefined)?.[name];
  const one = Array.isArray(value) ? value[value.length - 1] : value;
  return typeof one === 'string' ? one.trim() : '';
}

// ---- Dutch formats on the server: the same functions as the browser app's (dutch.ts). ----

/** `2026-01-01` as `1 januari 2026`; a moment as `1 januari 2026 om 14:05` (Amsterdam). */
export function formatDutchDate(value: string | Date): string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDate(value) : formatDateTime(value);
}

/** Cents as `€ 1.234,56`, `-€ 125,00` when negative. */
export const formatEuro = (cents: number): string => formatAmount(cents);

/** An amount as people type it (`1.650,50`, `1650,50`, `1650`), in cents; null when it is not a positive amount. */
export function parseDutchAmount(text: string): number | null {
  const cents = parseAmount(text);
  return cents !== null && cents >= 0 ? cents : null;
}

/** Sends a server-rendered page: HTML, never stored (it may hold a form's values or a resident's data). */
export function sendPage(reply: FastifyReply, page: string, status = 200): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').header('Cache-Control', 'no-store').send(page);
}
