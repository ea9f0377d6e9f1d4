/**
 * The panel's design tokens: `--alm-*` custom properties named and valued like Home Assistant's
 * own (home-assistant/frontend `src/resources/theme/*.globals.ts`), each a fallback chain to HA's
 * variable first. The panel runs in an Ingress iframe, where HA's variables do not reach, so
 * when the parent HA frame is same-origin its computed values are copied onto our root, and the
 * chains pick them up (custom themes included). Without a parent, the fallbacks are HA's
 * default light and dark themes, chosen by `prefers-color-scheme`.
 */
import { haParent, type HaParent } from './host.js';

interface Token {
  /** `--alm-<name>`. */
  name: string;
  /** HA variables tried in order, without the leading `--`. */
  ha: readonly string[];
  light: string;
  /** Only where HA's dark theme differs from the light one. */
  dark?: string;
}

/** Roboto is HA's font; the rest are platform fonts with close metrics for standalone use. */
const FONT_STACK = 'Roboto, "Noto Sans", Noto, -apple-system, BlinkMacSystemFont, "Segoe UI", Arial, sans-serif';

/** Values from HA's default theme (color.globals, semantic.globals, typography, core). */
const TOKENS: readonly Token[] = [
  { name: 'primary-color', ha: ['primary-color'], light: '#009ac7' },
  { name: 'rgb-primary-color', ha: ['rgb-primary-color'], light: '0, 154, 199' },
  { name: 'dark-primary-color', ha: ['dark-primary-color'], light: '#0288d1' },
  { name: 'accent-color', ha: ['accent-color'], light: '#ff9800' },
  { name: 'primary-text-color', ha: ['primary-text-color'], light: '#141414', dark: '#e1e1e1' },
  { name: 'rgb-primary-text-color', ha: ['rgb-primary-text-color'], light: '20, 20, 20', dark: '225, 225, 225' },
  { name: 'secondary-text-color', ha: ['secondary-text-color'], light: '#5e5e5e', dark: '#9b9b9b' },
  { name: 'disabled-text-color', ha: ['disabled-text-color'], light: '#bdbdbd', dark: '#6f6f6f' },
  { name: 'text-primary-color', ha: ['text-primary-color'], light: '#ffffff' },
  { name: 'primary-background-color', ha: ['primary-background-color'], light: '#fafafa', dark: '#111111' },
  { name: 'secondary-background-color', ha: ['secondary-background-color'], light: '#e5e5e5', dark: '#282828' },
  { name: 'card-background-color', ha: ['card-background-color'], light: '#ffffff', dark: '#1c1c1c' },
  { name: 'divider-color', ha: ['divider-color'], light: 'rgba(0, 0, 0, 0.12)', dark: 'rgba(225, 225, 225, 0.12)' },
  { name: 'input-fill-color', ha: ['input-fill-color'], light: 'rgb(245, 245, 245)', dark: 'rgba(255, 255, 255, 0.05)' },
  { name: 'scrollbar-thumb-color', ha: ['scrollbar-thumb-color'], light: 'rgb(194, 194, 194)', dark: 'rgb(80, 80, 80)' },
  // The toolbar of HA's settings pages (hass-tabs-subpage) uses the sidebar colours.
  { name: 'header-background-color', ha: ['sidebar-background-color', 'card-background-color'], light: 'var(--alm-card-background-color)' },
  { name: 'header-text-color', ha: ['sidebar-text-color', 'primary-text-color'], light: 'var(--alm-primary-text-color)' },
  { name: 'header-icon-color', ha: ['sidebar-icon-color'], light: 'rgba(var(--alm-rgb-primary-text-color), 0.6)' },
  { name: 'state-icon-color', ha: ['state-icon-color'], light: '#44739e' },
  { name: 'state-active-color', ha: ['state-active-color', 'amber-color'], light: '#ffc107' },
  { name: 'state-inactive-color', ha: ['state-inactive-color', 'grey-color'], light: '#9e9e9e' },
  { name: 'state-light-active-color', ha: ['state-light-active-color'], light: 'var(--alm-state-active-color)' },
  { name: 'state-switch-active-color', ha: ['state-switch-active-color'], light: 'var(--alm-state-active-color)' },
  { name: 'state-fan-active-color', ha: ['state-fan-active-color', 'cyan-color'], light: '#00bcd4' },
  { name: 'state-valve-active-color', ha: ['state-valve-active-color', 'blue-color'], light: '#2196f3' },
  { name: 'error-color', ha: ['error-color'], light: '#db4437' },
  { name: 'warning-color', ha: ['warning-color'], light: '#ffa600' },
  { name: 'success-color', ha: ['success-color'], light: '#43a047' },
  { name: 'info-color', ha: ['info-color'], light: '#039be5' },
  { name: 'card-background', ha: ['ha-card-background', 'card-background-color'], light: 'var(--alm-card-background-color)' },
  { name: 'card-border-radius', ha: ['ha-card-border-radius'], light: '12px' },
  { name: 'card-border-width', ha: ['ha-card-border-width'], light: '1px' },
  { name: 'card-border-color', ha: ['ha-card-border-color', 'divider-color'], light: 'var(--alm-divider-color)' },
  { name: 'card-box-shadow', ha: ['ha-card-box-shadow'], light: 'none' },
  { name: 'font-family-body', ha: ['ha-font-family-body'], light: FONT_STACK },
  { name: 'font-family-code', ha: ['ha-font-family-code'], light: 'monospace' },
  { name: 'font-size-xs', ha: ['ha-font-size-xs'], light: '10px' },
  { name: 'font-size-s', ha: ['ha-font-size-s'], light: '12px' },
  { name: 'font-size-m', ha: ['ha-font-size-m'], light: '14px' },
  { name: 'font-size-l', ha: ['ha-font-size-l'], light: '16px' },
  { name: 'font-size-xl', ha: ['ha-font-size-xl'], light: '20px' },
  { name: 'font-size-2xl', ha: ['ha-font-size-2xl'], light: '24px' },
  { name: 'font-weight-normal', ha: ['ha-font-weight-normal'], light: '400' },
  { name: 'font-weight-medium', ha: ['ha-font-weight-medium'], light: '500' },
  { name: 'font-weight-bold', ha: ['ha-font-weight-bold'], light: '700' },
  { name: 'line-height-condensed', ha: ['ha-line-height-condensed'], light: '1.2' },
  { name: 'line-height-normal', ha: ['ha-line-height-normal'], light: '1.6' },
  { name: 'header-height', ha: ['header-height'], light: '56px' },
  { name: 'space-1', ha: ['ha-space-1'], light: '4px' },
  { name: 'space-2', ha: ['ha-space-2'], light: '8px' },
  { name: 'space-3', ha: ['ha-space-3'], light: '12px' },
  { name: 'space-4', ha: ['ha-space-4'], light: '16px' },
  { name: 'space-6', ha: ['ha-space-6'], light: '24px' },
  { name: 'border-radius-sm', ha: ['ha-border-radius-sm'], light: '4px' },
  { name: 'border-radius-md', ha: ['ha-border-radius-md'], light: '8px' },
  { name: 'border-radius-pill', ha: ['ha-border-radius-pill'], light: '9999px' },
];

/** Every HA variable the tokens read: exactly the set copied from a same-origin parent. */
export const HA_THEME_VARIABLES: readonly string[] = [...new Set(TOKENS.flatMap((t) => t.ha))];

function chain(token: Token, value: string): string {
  return token.ha.reduceRight((fallback, ha) => `var(--${ha}, ${fallback})`, value);
}

function declarations(scheme: 'light' | 'dark'): string {
  return TOKENS.filter((t) => scheme === 'light' || t.dark !== undefined)
    .map((t) => `  --alm-${t.name}: ${chain(t, scheme === 'dark' ? (t.dark ?? t.light) : t.light)};`)
    .join('\n');
}

/**
 * The document-level stylesheet: tokens, dark tokens (by media query unless the scheme is
 * forced with `data-scheme` on the root, as when it follows the parent HA frame), and the base
 * body style of an HA page.
 */
export function themeCss(): string {
  const dark = declarations('dark');
  return `:root {\n${declarations('light')}\n  color-scheme: light;\n}
@media (prefers-color-scheme: dark) {\n:root:not([data-scheme='light']) {\n${dark}\n  color-scheme: dark;\n}\n}
:root[data-scheme='dark'] {\n${dark}\n  color-scheme: dark;\n}
html, body {
  margin: 0;
  min-height: 100%;
  background-color: var(--alm-primary-background-color);
  color: var(--alm-primary-text-color);
  font-family: var(--alm-font-family-body);
  font-size: var(--alm-font-size-m);
  -webkit-font-smoothing: antialiased;
  -moz-osx-font-smoothing: grayscale;
  -webkit-tap-highlight-color: transparent;
  scrollbar-color: var(--alm-scrollbar-thumb-color) transparent;
}`;
}

/** Installs the token stylesheet once in `doc`'s head. */
export function applyTheme(doc: Document = document): void {
  if (doc.getElementById(STYLE_ID)) return;
  const style = doc.createElement('style');
  style.id = STYLE_ID;
  style.textContent = themeCss();
  doc.head.append(style);
}

const STYLE_ID = 'alm-theme';

/** Perceived lightness below which a background counts as dark (WCAG relative luminance). */
const DARK_LUMINANCE = 0.4;

/** Relative luminance of an `rgb()`/`rgba()`/`#rrggbb` colour, or null if it cannot be read. */
export function luminance(color: string): number | null {
  const hex = /^#([0-9a-f]{6})$/i.exec(color.trim());
  const rgb = /^rgba?\(\s*(\d+)[\s,]+(\d+)[\s,]+(\d+)/i.exec(color.trim());
  const parts = hex?.[1]
    ? [0, 2, 4].map((i) => parseInt(hex[1]!.slice(i, i + 2), 16))
    : rgb
      ? [rgb[1], rgb[2], rgb[3]].map(Number)
      : null;
  if (!parts) return null;
  const [r, g, b] = parts.map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function parentScheme(parent: HaParent, style: CSSStyleDeclaration): 'light' | 'dark' | null {
  const darkMode = parent.hass?.themes?.darkMode;
  if (typeof darkMode === 'boolean') return darkMode ? 'dark' : 'light';
  const lum = luminance(style.getPropertyValue('--primary-background-color'));
  return lum === null ? null : lum < DARK_LUMINANCE ? 'dark' : 'light';
}

/** Copies the parent's current HA variables onto `root` and sets `data-scheme` to match. */
function copyParentVariables(parent: HaParent, root: HTMLElement): void {
  const style = parent.window.getComputedStyle(parent.root ?? parent.document.documentElement);
  for (const name of HA_THEME_VARIABLES) {
    const value = style.getPropertyValue(`--${name}`).trim();
    if (value) root.style.setProperty(`--${name}`, value);
    else root.style.removeProperty(`--${name}`);
  }
  const scheme = parentScheme(parent, style);
  if (scheme) root.dataset.scheme = scheme;
  else delete root.dataset.scheme;
}

/**
 * Follows the theme of a same-origin parent HA frame: copies the HA variables the tokens use
 * (and the parent's web fonts, so Roboto reaches the iframe) now and whenever HA swaps its theme
 * (HA writes themes and dark mode as inline style on its root element). Returns a stop function,
 * or null when there is no readable parent (standalone, or cross-origin: reading throws).
 */
export function followParentTheme(win: Window = window): (() => void) | null {
  const parent = haParent(win);
  if (!parent) return null;
  const root = win.document.documentElement;
  const sync = (): void => {
    try {
      copyParentVariables(parent, root);
    } catch {
      // The parent navigated away or became unreadable: keep the last values.
    }
  };
  sync();
  copyParentFontFaces(parent, win.document);
  const observer = new MutationObserver(sync);
  observer.observe(parent.document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
  if (parent.root) observer.observe(parent.root, { attributes: true, attributeFilter: ['style'] });
  observer.observe(parent.document.head, { childList: true });
  return () => observer.disconnect();
}

const CSS_URL = /url\((['"]?)([^'")]+)\1\)/g;

/** Re-declares the parent's `@font-face` rules here, with their URLs made absolute. */
function copyParentFontFaces(parent: HaParent, doc: Document): void {
  const rules: string[] = [];
  for (const sheet of Array.from(parent.document.styleSheets)) {
    let list: CSSRuleList;
    try {
      list = sheet.cssRules;
    } catch {
      continue; // a cross-origin stylesheet
    }
    const base = sheet.href ?? parent.document.baseURI;
    for (const rule of Array.from(list)) {
      if (rule.constructor.name !== 'CSSFontFaceRule') continue;
      rules.push(rule.cssText.replace(CSS_URL, (_m, _q, url: string) => `url("${new URL(url, base).href}")`));
    }
  }
  if (rules.length === 0) return;
  const style = doc.createElement('style');
  style.id = 'alm-parent-fonts';
  style.textContent = rules.join('\n');
  doc.head.append(style);
}
