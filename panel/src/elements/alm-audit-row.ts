import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { mdiBackupRestore, mdiChevronDown } from '@mdi/js';
import type { AuditEntryDto } from '../../../server/src/api/types.js';
import { formatDateTime, formatRelativeTime } from '../i18n/format.js';
import { isMessageKey, t } from '../i18n/localize.js';
import { subjectLabel } from './alm-audit-filters.js';
import './alm-audit-diff.js';
import './alm-button.js';
import './alm-icon.js';

/** "edited", "deleted", "held": the entry's action as a verb. */
export function actionLabel(action: string): string {
  const key = `audit.action_${action}`;
  return isMessageKey(key) ? t(key) : action.replace(/_/g, ' ');
}

/**
 * One audit entry: when, who, what they did to which subject; opened, the field-by-field diff and,
 * when the entry keeps an earlier version, "Restore this version" (asks once more first). Pure:
 * fires `audit-restore` ({ entry }).
 */
@customElement('alm-audit-row')
export class AlmAuditRow extends LitElement {
  @property({ attribute: false }) entry?: AuditEntryDto;
  @property({ type: Number }) now = Date.now();
  @property({ type: Boolean, reflect: true }) open = false;
  /** A restore of this entry is in flight. */
  @property({ type: Boolean }) busy = false;
  @state() private confirming = false;

  static override styles = css`
    :host {
      display: block;
    }
    button.summary {
      display: grid;
      grid-template-columns: 1fr auto;
      align-items: center;
      gap: var(--alm-space-1) var(--alm-space-3);
      width: 100%;
      padding: var(--alm-space-3) var(--alm-space-4);
      border: none;
      background: none;
      color: inherit;
      font: inherit;
      text-align: left;
      cursor: pointer;
    }
    button.summary:hover {
      background-color: rgba(var(--alm-rgb-primary-text-color), 0.04);
    }
    button.summary:focus-visible {
      outline: 2px solid var(--alm-primary-color);
      outline-offset: -2px;
    }
    .what {
      min-width: 0;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .who {
      font-weight: var(--alm-font-weight-medium);
    }
    .subject {
      font-weight: var(--alm-font-weight-medium);
    }
    .type {
      display: inline-block;
      padding: 0 6px;
      border-radius: var(--alm-border-radius-pill);
      background-color: rgba(var(--alm-rgb-primary-text-color), 0.08);
      color: var(--alm-secondary-text-color);
      font-size: var(--alm-font-size-s);
    }
    .meta {
      grid-column: 1;
      color: var(--alm-secondary-text-color);
      font-size: var(--alm-font-size-s);
    }
    .chevron {
      grid-row: 1 / span 2;
      grid-column: 2;
      color: var(--alm-secondary-text-color);
      transition: transform 150ms ease;
    }
    :host([open]) .chevron {
      transform: rotate(180deg);
    }
    .details {
      display: flex;
      flex-direction: column;
      gap: var(--alm-space-3);
      padding: 0 var(--alm-space-4) var(--alm-space-4);
    }
    .restore {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--alm-space-2);
    }
    .question {
      flex-basis: 100%;
      margin: 0;
    }
  `;

  override render() {
    const e = this.entry;
    if (!e) return nothing;
    const subject = e.subject.name ?? e.subject.id ?? '';
    return html`<button class="summary" aria-expanded=${this.open ? 'true' : 'false'} @click=${() => (this.open = !this.open)}>
        <span class="what"
          ><span class="who">${e.user.name}</span> ${actionLabel(e.action)} <span class="type">${subjectLabel(e.subject.type)}</span>
          ${subject ? html`<span class="subject">${subject}</span>` : nothing}</span
        >
        <span class="meta" title=${formatDateTime(e.at)}>${formatRelativeTime(e.at, this.now)} · ${formatDateTime(e.at)}</span>
        <alm-icon class="chevron" .path=${mdiChevronDown}></alm-icon>
      </button>
      ${this.open ? this.renderDetails(e) : nothing}`;
  }

  private renderDetails(e: AuditEntryDto) {
    return html`<div class="details">
      <alm-audit-diff .previous=${e.before} .current=${e.after}></alm-audit-diff>
      ${e.restorable ? this.renderRestore() : nothing}
    </div>`;
  }

  private renderRestore() {
    if (!this.confirming) {
      return html`<div class="restore">
        <alm-button class="restore-start" ?disabled=${this.busy} @click=${() => (this.confirming = true)}
          ><alm-icon .path=${mdiBackupRestore}></alm-icon>${t('audit.restore')}</alm-button
        >
      </div>`;
    }
    return html`<div class="restore">
      <p class="question">${t('audit.restore_question')}</p>
      <alm-button class="restore-confirm" variant="filled" ?disabled=${this.busy} @click=${() => this.restore()}>${t('audit.restore_confirm')}</alm-button>
      <alm-button @click=${() => (this.confirming = false)}>${t('common.cancel')}</alm-button>
    </div>`;
  }

  private restore(): void {
    this.confirming = false;
    this.dispatchEvent(new CustomEvent('audit-restore', { detail: { entry: this.entry }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-audit-row': AlmAuditRow;
  }
  interface HTMLElementEventMap {
    'audit-restore': CustomEvent<{ entry: AuditEntryDto }>;
  }
}
