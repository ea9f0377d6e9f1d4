import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { mdiDelete, mdiPlus } from '@mdi/js';
import type { EntityDto } from '../../../server/src/api/types.js';
import { formStyles } from '../form-styles.js';
import { t } from '../i18n/localize.js';
import { errorsUnder, type FieldErrors } from '../schedule-draft.js';
import type { Condition, ConditionType } from '../schedule-types.js';
import './alm-button.js';
import './alm-icon.js';
import './alm-icon-button.js';
import './alm-time-input.js';
import './alm-weekday-chips.js';

const TYPES: readonly ConditionType[] = ['state', 'numeric', 'time', 'weekday'];

function defaultCondition(type: ConditionType): Condition {
  switch (type) {
    case 'state':
      return { type, entity_id: '', state: 'on' };
    case 'numeric':
      return { type, entity_id: '', below: 50 };
    case 'time':
      return { type, after: '08:00', before: '20:00' };
    case 'weekday':
      return { type, weekdays: [1, 2, 3, 4, 5] };
  }
}

let nextId = 0;

/**
 * "Only if": conditions checked when a run is due (all must hold): an entity's state, a number
 * above/below, a time of day window, weekdays. `value` and `errors` (paths under `conditions`)
 * in, `conditions-changed` ({ value }) out.
 */
@customElement('alm-condition-editor')
export class AlmConditionEditor extends LitElement {
  @property({ attribute: false }) value: readonly Condition[] = [];
  @property({ attribute: false }) errors: FieldErrors = {};
  @property({ attribute: false }) entities: readonly EntityDto[] = [];
  @state() private adding: ConditionType = 'state';
  private readonly uid = `cond-${nextId++}`;

  static override styles = [
    formStyles,
    css`
      :host {
        display: block;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: flex;
        flex-direction: column;
        gap: var(--alm-space-2);
      }
      li {
        display: flex;
        gap: var(--alm-space-2);
        align-items: flex-start;
        padding: var(--alm-space-3);
        border: 1px solid var(--alm-divider-color);
        border-radius: var(--alm-border-radius-md);
      }
      .body {
        flex: 1;
        min-width: 0;
      }
      .title {
        font-weight: var(--alm-font-weight-medium);
        margin-bottom: var(--alm-space-2);
      }
      .add {
        display: flex;
        gap: var(--alm-space-2);
        align-items: center;
        flex-wrap: wrap;
      }
      .add select {
        width: auto;
        min-height: 40px;
      }
      alm-icon-button {
        color: var(--alm-secondary-text-color);
        --alm-icon-button-size: 40px;
      }
    `,
  ];

  override render() {
    return html`<div class="stack">
      ${this.value.length === 0 ? html`<p class="hint">${t('conditions.none')}</p>` : nothing}
      <ul>
        ${this.value.map(
          (c, i) => html`<li data-condition=${c.type}>
            <div class="body">
              <div class="title">${t(`conditions.type_${c.type}`)}</div>
              ${this.renderFields(c, i, errorsUnder(this.errors, String(i)))}
            </div>
            <alm-icon-button .path=${mdiDelete} .label=${t('conditions.remove')} @click=${() => this.emit(this.value.filter((_, j) => j !== i))}></alm-icon-button>
          </li>`,
        )}
      </ul>
      <datalist id=${`${this.uid}-entities`}>${this.entities.map((e) => html`<option value=${e.entity_id}>${e.friendly_name}</option>`)}</datalist>
      <div class="add">
        <select aria-label=${t('conditions.add_type')} @change=${(e: Event) => (this.adding = (e.target as HTMLSelectElement).value as ConditionType)}>
          ${TYPES.map((type) => html`<option value=${type} ?selected=${type === this.adding}>${t(`conditions.type_${type}`)}</option>`)}
        </select>
        <alm-button @click=${() => this.emit([...this.value, defaultCondition(this.adding)])}><alm-icon .path=${mdiPlus}></alm-icon>${t('conditions.add')}</alm-button>
      </div>
    </div>`;
  }

  private renderFields(c: Condition, i: number, errors: FieldErrors) {
    const set = (part: Record<string, unknown>): void => this.replace(i, { ...c, ...part } as Condition);
    switch (c.type) {
      case 'state':
        return html`<div class="row">
          ${this.entityField(i, c.entity_id, errors, set)}
          <div class="field">
            <label for=${`${this.uid}-${i}-state`}>${t('conditions.state')}</label>
            <input
              id=${`${this.uid}-${i}-state`}
              type="text"
              .value=${Array.isArray(c.state) ? c.state.join(', ') : c.state}
              aria-invalid=${errors['state'] ? 'true' : 'false'}
              @input=${(e: Event) => {
                const parts = (e.target as HTMLInputElement).value.split(',').map((s) => s.trim()).filter(Boolean);
                set({ state: parts.length > 1 ? parts : (parts[0] ?? '') });
              }}
            />
            ${errors['state'] ? html`<p class="error">${errors['state']}</p>` : html`<p class="hint">${t('conditions.state_hint')}</p>`}
          </div>
          <label class="check"><input type="checkbox" .checked=${c.not ?? false} @change=${(e: Event) => set({ not: (e.target as HTMLInputElement).checked || undefined })} />${t('conditions.not')}</label>
        </div>`;
      case 'numeric':
        return html`<div class="row">
          ${this.entityField(i, c.entity_id, errors, set)}
          ${this.numberField(i, 'above', c.above, errors, set)} ${this.numberField(i, 'below', c.below, errors, set)}
          ${errors[''] ? html`<p class="error">${errors['']}</p>` : nothing}
        </div>`;
      case 'time':
        return html`<div class="row">
          ${(['after', 'before'] as const).map(
            (key) => html`<alm-time-input
              class="field"
              .label=${t(`conditions.${key}`)}
              .value=${c[key] ?? ''}
              .error=${errors[key] ?? ''}
              @time-changed=${(e: CustomEvent<{ value: string }>) => set({ [key]: e.detail.value || undefined })}
            ></alm-time-input>`,
          )}
          ${errors[''] ? html`<p class="error">${errors['']}</p>` : nothing}
        </div>`;
      case 'weekday':
        return html`<alm-weekday-chips
            .value=${c.weekdays}
            .label=${t('conditions.weekdays')}
            @weekdays-changed=${(e: CustomEvent<{ value: number[] }>) => set({ weekdays: e.detail.value })}
          ></alm-weekday-chips>
          ${errors['weekdays'] ? html`<p class="error">${errors['weekdays']}</p>` : nothing}`;
    }
  }

  private entityField(i: number, value: string, errors: FieldErrors, set: (part: Record<string, unknown>) => void) {
    const id = `${this.uid}-${i}-entity`;
    return html`<div class="field">
      <label for=${id}>${t('conditions.entity')}</label>
      <input
        id=${id}
        type="text"
        list=${`${this.uid}-entities`}
        autocomplete="off"
        spellcheck="false"
        placeholder="sensor.tank_level"
        .value=${value}
        aria-invalid=${errors['entity_id'] ? 'true' : 'false'}
        @input=${(e: Event) => set({ entity_id: (e.target as HTMLInputElement).value.trim() })}
      />
      ${errors['entity_id'] ? html`<p class="error">${errors['entity_id']}</p>` : nothing}
    </div>`;
  }

  private numberField(i: number, key: 'above' | 'below', value: number | undefined, errors: FieldErrors, set: (part: Record<string, unknown>) => void) {
    const id = `${this.uid}-${i}-${key}`;
    return html`<div class="field">
      <label for=${id}>${t(`conditions.${key}`)}</label>
      <input
        id=${id}
        type="number"
        step="any"
        .value=${value === undefined ? '' : String(value)}
        aria-invalid=${errors[key] ? 'true' : 'false'}
        @input=${(e: Event) => {
          const text = (e.target as HTMLInputElement).value;
          set({ [key]: text === '' ? undefined : Number(text) });
        }}
      />
      ${errors[key] ? html`<p class="error">${errors[key]}</p>` : nothing}
    </div>`;
  }

  private replace(index: number, condition: Condition): void {
    const clean = Object.fromEntries(Object.entries(condition).filter(([, v]) => v !== undefined)) as Condition;
    this.emit(this.value.map((c, i) => (i === index ? clean : c)));
  }

  private emit(value: Condition[]): void {
    this.dispatchEvent(new CustomEvent('conditions-changed', { detail: { value }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-condition-editor': AlmConditionEditor;
  }
  interface HTMLElementEventMap {
    'conditions-changed': CustomEvent<{ value: Condition[] }>;
  }
}
