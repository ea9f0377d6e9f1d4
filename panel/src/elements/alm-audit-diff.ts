import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { diffSnapshots, formatValue, type FieldChange } from '../audit-diff.js';
import { formatDateTime } from '../i18n/format.js';
import { t } from '../i18n/localize.js';

/**
 * Before and after of an audit entry, field by field: removed values struck through in red,
 * new ones in green, like a code review. Pure.
 */
@customElement('alm-audit-diff')
export class AlmAuditDiff extends LitElement {
  /** The entry's `before` and `after` (named so as not to shadow Element.before()/after()). */
  @property({ attribute: false }) previous: unknown = null;
  @property({ attribute: false }) current: unknown = null;

  static override styles = css`
    :host {
      display: block;
      overflow-x: auto;
    }
    table {
      width: 100%;
      border-collapse: collapse;
      font-size: var(--alm-font-size-s);
    }
    th {
      text-align: left;
      font-weight: var(--alm-font-weight-medium);
      color: var(--alm-secondary-text-color);
      padding: var(--alm-space-1) var(--alm-space-2);
    }
    td {
      vertical-align: top;
      padding: var(--alm-space-1) var(--alm-space-2);
      border-top: 1px solid var(--alm-divider-color);
      word-break: break-word;
    }
    td.path {
      font-family: var(--alm-font-family-code);
      white-space: nowrap;
      color: var(--alm-primary-text-color);
    }
    .old {
      color: var(--alm-error-color);
      background-color: color-mix(in srgb, var(--alm-error-color) 10%, transparent);
      text-decoration: line-through;
    }
    .new {
      color: var(--alm-success-color);
      background-color: color-mix(in srgb, var(--alm-success-color) 10%, transparent);
    }
    .value {
      font-family: var(--alm-font-family-code);
      border-radius: 3px;
      padding: 0 3px;
    }
    .none {
      color: var(--alm-secondary-text-color);
    }
  `;

  override render() {
    const changes = diffSnapshots(this.previous, this.current);
    if (changes.length === 0) return html`<p class="none">${t('audit.no_changes')}</p>`;
    return html`<table>
      <thead>
        <tr><th>${t('audit.field')}</th><th>${t('audit.before')}</th><th>${t('audit.after')}</th></tr>
      </thead>
      <tbody>
        ${changes.map((c) => this.row(c))}
      </tbody>
    </table>`;
  }

  private row(c: FieldChange) {
    const show = (value: unknown, cls: string) => (value === undefined ? nothing : html`<span class="value ${cls}">${formatValue(c.path, value, (ms) => formatDateTime(ms))}</span>`);
    return html`<tr data-path=${c.path} data-kind=${c.kind}>
      <td class="path">${c.path || '—'}</td>
      <td>${show(c.before, 'old')}</td>
      <td>${show(c.after, 'new')}</td>
    </tr>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-audit-diff': AlmAuditDiff;
  }
}
