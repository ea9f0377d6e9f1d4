import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { filterFieldStyles } from '../filter-styles.js';
import type { AuditUserDto } from '../../../server/src/api/types.js';
import { AUDIT_SUBJECTS, EMPTY_AUDIT_FILTER, isAuditFiltered, type AuditFilter } from '../audit-filter.js';
import { isMessageKey, t } from '../i18n/localize.js';
import './alm-button.js';

/** A subject type's name: "Schedule", "Hold", … */
export function subjectLabel(type: string): string {
  const key = `audit.subject_${type}`;
  return isMessageKey(key) ? t(key) : type;
}

/**
 * The audit page's filter bar: who, what kind of subject, and from/to (local times in HA's zone).
 * Pure: fires `filters-changed` with the whole new filter.
 */
@customElement('alm-audit-filters')
export class AlmAuditFilters extends LitElement {
  @property({ attribute: false }) filter: AuditFilter = EMPTY_AUDIT_FILTER;
  @property({ attribute: false }) users: readonly AuditUserDto[] = [];
  @property({ type: Boolean, reflect: true }) narrow = false;

  static override styles = [filterFieldStyles, css`
    :host {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 180px), 1fr));
      align-items: end;
      gap: var(--alm-space-2) var(--alm-space-3);
    }
    :host([narrow]) {
      grid-template-columns: repeat(2, minmax(0, 1fr));
    }
  `];

  override render() {
    const f = this.filter;
    const users = this.users.map((u) => ({ value: u.id ?? u.name, label: u.name }));
    return html`
      ${this.select('user', t('audit.filter_user'), f.user, [{ value: '', label: t('audit.anyone') }, ...users])}
      ${this.select('subject', t('audit.filter_subject'), f.subject, [{ value: '', label: t('audit.everything') }, ...AUDIT_SUBJECTS.map((s) => ({ value: s, label: subjectLabel(s) }))])}
      ${this.time('since', t('audit.filter_since'), f.since)} ${this.time('until', t('audit.filter_until'), f.until)}
      ${isAuditFiltered(f) ? html`<alm-button class="clear" @click=${() => this.emit(EMPTY_AUDIT_FILTER)}>${t('audit.clear_filters')}</alm-button>` : nothing}
    `;
  }

  private select(name: 'user' | 'subject', label: string, value: string, options: { value: string; label: string }[]) {
    const known = options.some((o) => o.value === value);
    return html`<label
      >${label}
      <select name=${name} @change=${(e: Event) => this.emit({ ...this.filter, [name]: (e.target as HTMLSelectElement).value })}>
        ${known ? nothing : html`<option value=${value} selected>${value}</option>`}
        ${options.map((o) => html`<option value=${o.value} ?selected=${o.value === value}>${o.label}</option>`)}
      </select></label
    >`;
  }

  private time(name: 'since' | 'until', label: string, value: string) {
    return html`<label
      >${label}
      <input type="datetime-local" name=${name} .value=${value} @change=${(e: Event) => this.emit({ ...this.filter, [name]: (e.target as HTMLInputElement).value })}
    /></label>`;
  }

  private emit(filter: AuditFilter): void {
    this.dispatchEvent(new CustomEvent('filters-changed', { detail: { filter }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-audit-filters': AlmAuditFilters;
  }
}
