import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { AreaSuggestionDto, ZoneMemberDto } from '../../../server/src/api/types.js';
import { dialogStyles } from '../dialog-styles.js';
import { ZONE_ROLE_IDS } from '../farm/roles.js';
import { formStyles } from '../form-styles.js';
import { t, tn } from '../i18n/localize.js';
import './alm-button.js';

interface Choice {
  include: boolean;
  role: ZoneMemberDto['role'];
}

/**
 * "Create zones from areas": HA's areas with their devices and a guessed role each; the user ticks
 * the areas (and devices) to take and corrects roles, then creates all the zones in one step.
 * Devices already in a zone are shown but left where they are. Fires `areas-create`
 * ({areas: [{area_id, members}]}) or `areas-cancel`.
 */
@customElement('alm-areas-dialog')
export class AlmAreasDialog extends LitElement {
  @property({ attribute: false }) error: string | null = null;
  @state() private suggestions: readonly AreaSuggestionDto[] = [];
  @state() private areas = new Set<string>();
  @state() private choices = new Map<string, Choice>();
  @query('dialog') private dialog!: HTMLDialogElement;

  static override styles = [
    formStyles,
    dialogStyles,
    css`
      dialog {
        width: min(640px, calc(100vw - 32px));
      }
      fieldset {
        margin: 0;
        padding: var(--alm-space-2) var(--alm-space-3);
        border: 1px solid var(--alm-divider-color);
        border-radius: var(--alm-border-radius-md);
      }
      legend {
        padding: 0 var(--alm-space-1);
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0 0 0 var(--alm-space-6);
      }
      li {
        display: flex;
        align-items: center;
        gap: var(--alm-space-2);
        min-height: 40px;
      }
      li label {
        flex: 1;
        min-width: 0;
        display: flex;
        align-items: center;
        gap: var(--alm-space-2);
      }
      li select {
        width: auto;
        min-height: 36px;
        font-size: var(--alm-font-size-m);
      }
      .taken {
        color: var(--alm-secondary-text-color);
        font-size: var(--alm-font-size-s);
      }
      .areas {
        display: flex;
        flex-direction: column;
        gap: var(--alm-space-3);
        overflow-y: auto;
        max-height: min(60dvh, 520px);
      }
    `,
  ];

  /** Opens with fresh suggestions: areas without a zone ticked, free devices ticked with their guessed roles. */
  open(suggestions: readonly AreaSuggestionDto[]): void {
    this.suggestions = suggestions;
    this.areas = new Set(suggestions.filter((s) => s.zone_id === null && s.members.some((m) => m.zone_id === null)).map((s) => s.area_id));
    this.choices = new Map(suggestions.flatMap((s) => s.members.map((m) => [m.entity_id, { include: m.zone_id === null, role: m.role }] as const)));
    this.error = null;
    this.dialog.showModal();
  }

  close(): void {
    this.dialog.close();
  }

  override render() {
    return html`<dialog aria-labelledby="areas-title" @cancel=${() => this.fire('areas-cancel')}>
      <form method="dialog" @submit=${this.onSubmit}>
        <h2 id="areas-title">${t('areas_dialog.title')}</h2>
        <p class="hint">${t('areas_dialog.hint')}</p>
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
        <div class="areas">${this.suggestions.length === 0 ? html`<p class="hint">${t('areas_dialog.none')}</p>` : this.suggestions.map((s) => this.renderArea(s))}</div>
        <div class="buttons">
          <alm-button @click=${() => this.fire('areas-cancel')}>${t('common.cancel')}</alm-button>
          <alm-button variant="filled" class="create" ?disabled=${this.areas.size === 0} @click=${this.onSubmit}>${tn('areas_dialog.create', this.areas.size)}</alm-button>
        </div>
      </form>
    </dialog>`;
  }

  private renderArea(s: AreaSuggestionDto) {
    const on = this.areas.has(s.area_id);
    return html`<fieldset data-area-id=${s.area_id}>
      <legend>
        <label class="check"><input type="checkbox" .checked=${on} @change=${() => this.toggleArea(s.area_id)} />${s.name}</label>
        ${s.zone_id ? html`<span class="taken">${t('areas_dialog.has_zone')}</span>` : nothing}
      </legend>
      ${on ? html`<ul>${s.members.map((m) => this.renderMember(m))}</ul>` : nothing}
    </fieldset>`;
  }

  private renderMember(m: AreaSuggestionDto['members'][number]) {
    const choice = this.choices.get(m.entity_id)!;
    if (m.zone_id !== null) return html`<li><span class="taken">${m.name} — ${t('areas_dialog.in_zone', { zone: m.zone_name ?? '' })}</span></li>`;
    const update = (next: Partial<Choice>): void => {
      this.choices = new Map(this.choices).set(m.entity_id, { ...choice, ...next });
    };
    return html`<li data-entity-id=${m.entity_id}>
      <label><input type="checkbox" .checked=${choice.include} @change=${(e: Event) => update({ include: (e.target as HTMLInputElement).checked })} />${m.name}</label>
      <select aria-label=${t('farm.role_of', { name: m.name })} ?disabled=${!choice.include} @change=${(e: Event) => update({ role: (e.target as HTMLSelectElement).value as Choice['role'] })}>
        ${ZONE_ROLE_IDS.map((r) => html`<option value=${r} ?selected=${r === choice.role}>${t(`role.${r}`)}</option>`)}
      </select>
    </li>`;
  }

  private toggleArea(id: string): void {
    const next = new Set(this.areas);
    if (!next.delete(id)) next.add(id);
    this.areas = next;
  }

  private onSubmit(e: Event): void {
    e.preventDefault();
    const areas = this.suggestions
      .filter((s) => this.areas.has(s.area_id))
      .map((s) => ({
        area_id: s.area_id,
        members: s.members.filter((m) => m.zone_id === null && this.choices.get(m.entity_id)?.include).map((m) => ({ entity_id: m.entity_id, role: this.choices.get(m.entity_id)!.role })),
      }));
    this.fire('areas-create', { areas });
  }

  private fire(type: string, detail: unknown = null): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-areas-dialog': AlmAreasDialog;
  }
}
