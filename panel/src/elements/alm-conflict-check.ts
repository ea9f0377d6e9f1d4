import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { DraftConflictDto, EntityDto } from '../../../server/src/api/types.js';
import { kindLabel, listNames, scheduleNames, whenText } from '../conflicts/conflict-text.js';
import { t } from '../i18n/localize.js';
import { routeHref } from '../router.js';
import './alm-alert.js';

/**
 * What saving the schedule being edited would conflict with, as the editor checks the draft: the
 * other schedules, the device, when and how often, new or already known (with a link). Saving
 * stays allowed: this is a warning, not an error. Renders nothing while there is nothing to say.
 */
@customElement('alm-conflict-check')
export class AlmConflictCheck extends LitElement {
  @property({ attribute: false }) items: DraftConflictDto[] = [];
  /** The schedule being edited (its own name is left out of the list); empty for a new one. */
  @property() scheduleId = '';
  @property({ attribute: false }) entities: readonly EntityDto[] = [];
  @property() zone = 'UTC';
  @property() error = '';

  static override styles = css`
    :host {
      display: block;
    }
    ul {
      margin: var(--alm-space-1) 0 0;
      padding-left: var(--alm-space-4);
    }
    li {
      margin: 2px 0;
    }
    .new {
      margin-left: var(--alm-space-1);
      padding: 0 6px;
      border-radius: var(--alm-border-radius-pill);
      background: color-mix(in srgb, var(--alm-warning-color) 25%, transparent);
      font-size: var(--alm-font-size-s);
    }
    a {
      color: var(--alm-primary-color);
    }
    p {
      margin: var(--alm-space-1) 0 0;
      color: var(--alm-secondary-text-color);
      font-size: var(--alm-font-size-s);
    }
  `;

  override render() {
    if (this.error) return html`<alm-alert alert-type="info">${t('conflicts.check_failed', { error: this.error })}</alm-alert>`;
    // Accepted and decided conflicts that the draft leaves as they are need no warning.
    const items = this.items.filter((c) => c.new || c.status === 'open');
    if (items.length === 0) return nothing;
    return html`<alm-alert alert-type="warning" .heading=${t('conflicts.check_heading')}>
      <ul>
        ${items.map((c) => this.renderItem(c))}
      </ul>
      <p>${t('conflicts.check_allowed')}</p>
    </alm-alert>`;
  }

  private renderItem(c: DraftConflictDto) {
    const names = scheduleNames(c);
    const others = c.schedule_ids.filter((id) => id !== this.scheduleId && id !== 'draft').map((id) => names.get(id) ?? id);
    const subject = c.kind === 'lock_wait' ? t('conflicts.check_lock', { lock: c.lock ?? '' }) : (this.entities.find((e) => e.entity_id === c.entity_id)?.friendly_name ?? c.entity_id ?? '');
    const text = t('conflicts.check_item', { names: listNames(others), subject, kind: kindLabel(c.kind), when: whenText(c, this.zone) });
    return html`<li data-conflict=${c.id}>
      ${text}${c.new ? html`<span class="new">${t('conflicts.check_new')}</span>` : html` · <a href=${routeHref('conflicts', c.id)}>${t('conflicts.check_open')}</a>`}
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-conflict-check': AlmConflictCheck;
  }
}
