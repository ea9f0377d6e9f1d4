import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { mdiArrowDown, mdiArrowUp, mdiClose, mdiDeleteOutline, mdiPlus } from '@mdi/js';
import type { PhaseDto } from '../../../server/src/api/types.js';
import { ZONE_ROLE_IDS } from '../farm/roles.js';
import { formStyles } from '../form-styles.js';
import { t } from '../i18n/localize.js';
import type { FieldErrors } from './alm-zone-dialog.js';
import './alm-button.js';
import './alm-day-strip.js';
import './alm-icon-button.js';

type Step = PhaseDto['steps'][number];
/** The step actions the editor offers (others stay as they are, shown by type). */
const STEP_ACTIONS = ['on', 'off', 'set_level'] as const;
const DEFAULT_LIGHT: NonNullable<PhaseDto['light']> = { on: '06:00', photoperiod_hours: 16, intensity_percent: 100, sunrise_minutes: 30, sunset_minutes: 30 };
/** Recipe times are whole minutes: the browser's picker then shows no seconds. */
const TIME_STEP = '60';
const DEFAULT_WATERING: NonNullable<PhaseDto['watering']> = { every_hours: 6, duration_seconds: 60 };

function num(e: Event): number {
  return Number((e.target as HTMLInputElement).value);
}

function text(e: Event): string {
  return (e.target as HTMLInputElement).value;
}

/**
 * One phase of a recipe: name and days, the light (on time, photoperiod, intensity, dawn and
 * dusk), the watering (fixed times or every N hours from lights-on) and extra steps, with the day
 * it makes drawn below. Data down (`phase`, `errors` by path relative to the phase), events up:
 * `phase-change` {phase}, `phase-remove`, `phase-move` {by}.
 */
@customElement('alm-recipe-phase')
export class AlmRecipePhase extends LitElement {
  @property({ attribute: false }) phase?: PhaseDto;
  @property({ type: Number }) index = 0;
  @property({ type: Number }) count = 1;
  @property({ attribute: false }) errors: FieldErrors = {};

  static override styles = [
    formStyles,
    css`
      :host {
        display: block;
        padding: var(--alm-space-3) var(--alm-space-4) var(--alm-space-4);
        border-top: 1px solid var(--alm-divider-color);
      }
      .head {
        display: flex;
        align-items: flex-end;
        gap: var(--alm-space-2);
      }
      .head .field {
        flex: 1;
      }
      .head .days {
        flex: 0 0 110px;
      }
      fieldset {
        margin: var(--alm-space-3) 0 0;
        padding: var(--alm-space-2) var(--alm-space-3) var(--alm-space-3);
        border: 1px solid var(--alm-divider-color);
        border-radius: var(--alm-border-radius-md);
      }
      legend {
        padding: 0 var(--alm-space-1);
      }
      .row > .field {
        flex: 1 1 120px;
      }
      .step {
        display: flex;
        align-items: flex-end;
        gap: var(--alm-space-2);
        margin-top: var(--alm-space-2);
      }
      .step .field {
        flex: 1 1 90px;
      }
      alm-day-strip {
        margin-top: var(--alm-space-3);
        max-width: 640px;
      }
      fieldset > * + * {
        margin-top: var(--alm-space-3);
      }
    `,
  ];

  override render() {
    const p = this.phase;
    if (!p) return nothing;
    return html`<div class="head">
        <div class="field">
          <label for="name">${t('recipe_editor.phase_name', { n: this.index + 1 })}</label>
          <input id="name" required maxlength="60" .value=${p.name} @input=${(e: Event) => this.change({ name: text(e) })} aria-invalid=${this.errors['name'] ? 'true' : 'false'} />
        </div>
        <div class="field days">
          <label for="days">${t('recipe_editor.days')}</label>
          <input id="days" type="number" min="1" max="366" .value=${String(p.days)} @input=${(e: Event) => this.change({ days: num(e) })} aria-invalid=${this.errors['days'] ? 'true' : 'false'} />
        </div>
        <alm-icon-button .path=${mdiArrowUp} .label=${t('recipe_editor.move_up')} ?disabled=${this.index === 0} @click=${() => this.fire('phase-move', { by: -1 })}></alm-icon-button>
        <alm-icon-button .path=${mdiArrowDown} .label=${t('recipe_editor.move_down')} ?disabled=${this.index === this.count - 1} @click=${() => this.fire('phase-move', { by: 1 })}></alm-icon-button>
        <alm-icon-button class="remove-phase" .path=${mdiDeleteOutline} .label=${t('recipe_editor.remove_phase')} ?disabled=${this.count === 1} @click=${() => this.fire('phase-remove')}></alm-icon-button>
      </div>
      ${this.err('name')} ${this.err('days')}
      <alm-day-strip .phase=${p}></alm-day-strip>
      ${this.renderLight(p)} ${this.renderWatering(p)} ${this.renderSteps(p)}`;
  }

  private renderLight(p: PhaseDto) {
    const light = p.light;
    const set = (next: Partial<NonNullable<PhaseDto['light']>>): void => this.change({ light: { ...(light ?? DEFAULT_LIGHT), ...next } });
    return html`<fieldset class="light">
      <legend><label class="check"><input type="checkbox" class="has-light" .checked=${!!light} @change=${(e: Event) => this.toggle('light', (e.target as HTMLInputElement).checked)} />${t('recipe_editor.light')}</label></legend>
      ${light
        ? html`<div class="row">
              ${this.numberField('on', t('recipe_editor.on'), light.on, (e) => set({ on: text(e) }), 'light.on', 'time')}
              ${this.numberField('photoperiod', t('recipe_editor.photoperiod'), light.photoperiod_hours, (e) => set({ photoperiod_hours: num(e) }), 'light.photoperiod_hours', 'number', '0.25')}
              ${this.numberField('intensity', t('recipe_editor.intensity'), light.intensity_percent, (e) => set({ intensity_percent: num(e) }), 'light.intensity_percent')}
            </div>
            <div class="row">
              ${this.numberField('sunrise', t('recipe_editor.sunrise'), light.sunrise_minutes, (e) => set({ sunrise_minutes: num(e) }), 'light.sunrise_minutes')}
              ${this.numberField('sunset', t('recipe_editor.sunset'), light.sunset_minutes, (e) => set({ sunset_minutes: num(e) }), 'light.sunset_minutes')}
            </div>`
        : html`<p class="hint">${t('recipe_editor.dark')}</p>`}
    </fieldset>`;
  }

  private renderWatering(p: PhaseDto) {
    const w = p.watering;
    const every = w?.times === undefined;
    const set = (next: NonNullable<PhaseDto['watering']>): void => this.change({ watering: next });
    return html`<fieldset class="watering">
      <legend><label class="check"><input type="checkbox" class="has-watering" .checked=${!!w} @change=${(e: Event) => this.toggle('watering', (e.target as HTMLInputElement).checked)} />${t('recipe_editor.watering')}</label></legend>
      ${w
        ? html`<div class="chips" role="radiogroup" aria-label=${t('recipe_editor.watering')}>
              <button type="button" class="chip" role="radio" aria-checked=${every ? 'true' : 'false'} @click=${() => set({ every_hours: w.every_hours ?? 6, duration_seconds: w.duration_seconds })}>${t('recipe_editor.every')}</button>
              <button type="button" class="chip" role="radio" aria-checked=${every ? 'false' : 'true'} @click=${() => set({ times: w.times ?? ['08:00'], duration_seconds: w.duration_seconds })}>${t('recipe_editor.at_times')}</button>
            </div>
            <div class="row">
              ${every
                ? this.numberField('every', t('recipe_editor.every_hours'), w.every_hours ?? 6, (e) => set({ every_hours: num(e), duration_seconds: w.duration_seconds }), 'watering.every_hours', 'number', '0.25')
                : this.numberField('times', t('recipe_editor.times'), (w.times ?? []).join(', '), (e) => set({ times: text(e).split(/[,\s]+/).filter(Boolean), duration_seconds: w.duration_seconds }), 'watering.times', 'text')}
              ${this.numberField('duration', t('recipe_editor.duration'), w.duration_seconds, (e) => set({ ...w, duration_seconds: num(e) }), 'watering.duration_seconds')}
            </div>
            ${this.err('watering')}`
        : html`<p class="hint">${t('recipe_editor.no_watering')}</p>`}
    </fieldset>`;
  }

  private renderSteps(p: PhaseDto) {
    const setStep = (i: number, next: Partial<Step>): void => this.change({ steps: p.steps.map((s, j) => (j === i ? { ...s, ...next } : s)) });
    return html`<fieldset class="steps">
      <legend>${t('recipe_editor.steps')}</legend>
      ${p.steps.map(
        (s, i) => html`<div class="step">
          ${this.numberField(`step-at-${i}`, t('recipe_editor.step_at'), s.at, (e) => setStep(i, { at: text(e) }), `steps.${i}.at`, 'time')}
          <div class="field">
            <label for=${`step-role-${i}`}>${t('recipe_editor.step_role')}</label>
            <select id=${`step-role-${i}`} @change=${(e: Event) => setStep(i, { role: text(e) as Step['role'] })}>
              ${ZONE_ROLE_IDS.map((r) => html`<option value=${r} ?selected=${r === s.role}>${t(`role.${r}`)}</option>`)}
            </select>
          </div>
          <div class="field">
            <label for=${`step-action-${i}`}>${t('recipe_editor.step_action')}</label>
            <select id=${`step-action-${i}`} @change=${(e: Event) => setStep(i, { action: actionOf(text(e), s.action) })}>
              ${STEP_ACTIONS.map((a) => html`<option value=${a} ?selected=${a === s.action.type}>${t(`recipe_editor.action_${a}`)}</option>`)}
              ${(STEP_ACTIONS as readonly string[]).includes(s.action.type) ? nothing : html`<option selected value=${s.action.type}>${s.action.type}</option>`}
            </select>
          </div>
          ${s.action.type === 'set_level'
            ? this.numberField(`step-level-${i}`, t('recipe_editor.intensity'), s.action.percent, (e) => setStep(i, { action: { type: 'set_level', percent: num(e) } }), `steps.${i}.action.percent`)
            : nothing}
          <alm-icon-button .path=${mdiClose} .label=${t('recipe_editor.remove_step')} @click=${() => this.change({ steps: p.steps.filter((_, j) => j !== i) })}></alm-icon-button>
        </div>
        ${this.err(`steps.${i}.role`)} ${this.err(`steps.${i}.at`)}`,
      )}
      <alm-button class="add-step" @click=${() => this.change({ steps: [...p.steps, { at: '12:00', role: 'fan', action: { type: 'on' } }] })}><alm-icon .path=${mdiPlus}></alm-icon>${t('recipe_editor.add_step')}</alm-button>
    </fieldset>`;
  }

  private numberField(id: string, label: string, value: string | number, onInput: (e: Event) => void, path: string, type = 'number', step = '1') {
    const invalid = this.errors[path] ? 'true' : 'false';
    return html`<div class="field">
      <label for=${id}>${label}</label>
      <input id=${id} type=${type} step=${type === 'time' ? TIME_STEP : step} .value=${String(value)} @input=${onInput} aria-invalid=${invalid} />
      ${this.err(path)}
    </div>`;
  }

  private err(path: string) {
    return this.errors[path] ? html`<p class="error">${this.errors[path]}</p>` : nothing;
  }

  private toggle(part: 'light' | 'watering', on: boolean): void {
    if (!this.phase) return;
    const { [part]: _dropped, ...rest } = this.phase;
    this.fire('phase-change', { phase: on ? { ...rest, [part]: part === 'light' ? DEFAULT_LIGHT : DEFAULT_WATERING } : rest });
  }

  private change(next: Partial<PhaseDto>): void {
    if (this.phase) this.fire('phase-change', { phase: { ...this.phase, ...next } });
  }

  private fire(type: string, detail: unknown = null): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}

function actionOf(type: string, current: Step['action']): Step['action'] {
  if (type === current.type) return current;
  if (type === 'set_level') return { type: 'set_level', percent: 50 };
  return { type: type as 'on' | 'off' };
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-recipe-phase': AlmRecipePhase;
  }
}
