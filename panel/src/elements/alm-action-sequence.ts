import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { mdiArrowDown, mdiArrowUp, mdiDelete, mdiPlus, mdiTimerSand } from '@mdi/js';
import type { EntityDto } from '../../../server/src/api/types.js';
import { formStyles } from '../form-styles.js';
import { NO_PLACES, type Places } from '../ha-places.js';
import { t } from '../i18n/localize.js';
import { defaultAction, errorsUnder, type FieldErrors } from '../schedule-draft.js';
import { ACTION_TYPES, type Action, type ActionOf, type ActionType, type SequenceStep, type StepAction, type Target } from '../schedule-types.js';
import './alm-action-editor.js';
import './alm-button.js';
import './alm-duration-input.js';
import './alm-icon.js';
import './alm-icon-button.js';
import './alm-target-picker.js';

type Sequence = ActionOf<'sequence'>;
type StepKind = 'wait' | Exclude<ActionType, 'sequence'>;

const STEP_TYPES = ACTION_TYPES.filter((type): type is Exclude<ActionType, 'sequence'> => type !== 'sequence');
/** A new wait: a minute, the usual gap between two valves. */
const DEFAULT_WAIT_S = 60;

/** Steps carry no id on the wire; a stable key per step object keeps focus and DOM when reordering. */
const keys = new WeakMap<object, number>();
let nextKey = 0;
function keyOf(step: object): number {
  let key = keys.get(step);
  if (key === undefined) keys.set(step, (key = nextKey++));
  return key;
}

/**
 * A sequence: steps run one after another, waits between them, each step optionally on its own
 * target ("valve 1 on, wait 60 s, valve 1 off, valve 2 on …"). Add, remove and move steps.
 * `value` in, `action-changed` out.
 */
@customElement('alm-action-sequence')
export class AlmActionSequence extends LitElement {
  @property({ attribute: false }) value: Sequence = { type: 'sequence', steps: [] };
  /** Paths under `steps`. */
  @property({ attribute: false }) errors: FieldErrors = {};
  @property({ attribute: false }) entities: readonly EntityDto[] = [];
  @property({ attribute: false }) places: Places = NO_PLACES;

  static override styles = [
    formStyles,
    css`
      :host {
        display: block;
      }
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
        display: flex;
        flex-direction: column;
        gap: var(--alm-space-2);
      }
      li {
        border: 1px solid var(--alm-divider-color);
        border-radius: var(--alm-border-radius-md);
        padding: var(--alm-space-2) var(--alm-space-2) var(--alm-space-3) var(--alm-space-3);
      }
      li.wait {
        background-color: var(--alm-input-fill-color);
      }
      .head {
        display: flex;
        align-items: center;
        gap: var(--alm-space-2);
      }
      .number {
        flex: none;
        width: 24px;
        height: 24px;
        border-radius: 50%;
        display: inline-flex;
        align-items: center;
        justify-content: center;
        background-color: rgba(var(--alm-rgb-primary-color), 0.16);
        font-size: var(--alm-font-size-s);
        font-weight: var(--alm-font-weight-medium);
      }
      .head select {
        flex: 1;
        min-width: 0;
        min-height: 40px;
      }
      .body {
        margin-top: var(--alm-space-2);
        padding-right: var(--alm-space-2);
      }
      .buttons {
        display: flex;
        gap: var(--alm-space-2);
        margin-top: var(--alm-space-2);
      }
      .own-target {
        margin-top: var(--alm-space-2);
      }
      alm-icon-button {
        --alm-icon-button-size: 40px;
        color: var(--alm-secondary-text-color);
      }
    `,
  ];

  override render() {
    const steps = this.value.steps;
    return html`<div class="stack">
      <span class="label">${t('sequence.steps')}</span>
      <ol>
        ${repeat(steps, (step) => keyOf(step), (step, i) => this.renderStep(step, i, steps.length))}
      </ol>
      ${this.errors[''] ? html`<p class="error">${this.errors['']}</p>` : nothing}
      <div class="buttons">
        <alm-button class="add-step" @click=${() => this.add(defaultAction('on') as StepAction)}><alm-icon .path=${mdiPlus}></alm-icon>${t('sequence.add_step')}</alm-button>
        <alm-button class="add-wait" @click=${() => this.add({ type: 'wait', seconds: DEFAULT_WAIT_S })}><alm-icon .path=${mdiTimerSand}></alm-icon>${t('sequence.add_wait')}</alm-button>
      </div>
    </div>`;
  }

  private renderStep(step: SequenceStep, index: number, count: number) {
    const errors = errorsUnder(this.errors, String(index));
    const label = t('sequence.step_n', { n: index + 1 });
    return html`<li class=${step.type === 'wait' ? 'wait' : ''} aria-label=${label}>
      <div class="head">
        <span class="number" aria-hidden="true">${index + 1}</span>
        <select aria-label=${t('sequence.step_type', { n: index + 1 })} @change=${(e: Event) => this.setKind(index, (e.target as HTMLSelectElement).value as StepKind)}>
          <option value="wait" ?selected=${step.type === 'wait'}>${t('sequence.wait')}</option>
          ${STEP_TYPES.map((type) => html`<option value=${type} ?selected=${step.type === type}>${t(`action_type.${type}`)}</option>`)}
        </select>
        <alm-icon-button .path=${mdiArrowUp} .label=${t('sequence.move_up')} ?disabled=${index === 0} @click=${() => this.move(index, -1)}></alm-icon-button>
        <alm-icon-button .path=${mdiArrowDown} .label=${t('sequence.move_down')} ?disabled=${index === count - 1} @click=${() => this.move(index, 1)}></alm-icon-button>
        <alm-icon-button .path=${mdiDelete} .label=${t('sequence.remove', { n: index + 1 })} @click=${() => this.removeStep(index)}></alm-icon-button>
      </div>
      <div class="body">${step.type === 'wait' ? this.renderWait(step, index, errors) : this.renderAction(step, index, errors)}</div>
    </li>`;
  }

  private renderWait(step: { type: 'wait'; seconds: number }, index: number, errors: FieldErrors) {
    return html`<alm-duration-input
      .label=${t('sequence.wait_for')}
      .value=${step.seconds}
      .units=${['seconds', 'minutes', 'hours'] as const}
      .error=${errors['seconds'] ?? ''}
      @duration-changed=${(e: CustomEvent<{ value: number | null }>) => this.replace(index, { type: 'wait', seconds: e.detail.value ?? 0 })}
    ></alm-duration-input>`;
  }

  private renderAction(step: StepAction & { target?: Target }, index: number, errors: FieldErrors) {
    const { target, ...action } = step;
    return html`<alm-action-editor
        hide-type
        .value=${action as Action}
        .errors=${errors}
        .entities=${this.entities}
        @action-changed=${(e: CustomEvent<{ action: Action }>) => {
          e.stopPropagation();
          this.replace(index, { ...(e.detail.action as StepAction), ...(target ? { target } : {}) });
        }}
      ></alm-action-editor>
      <div class="own-target">
        <label class="check">
          <input type="checkbox" .checked=${target !== undefined} @change=${(e: Event) => this.replace(index, (e.target as HTMLInputElement).checked ? { ...action, target: {} } as SequenceStep : (action as SequenceStep))} />
          ${t('sequence.own_target')}
        </label>
        ${target !== undefined
          ? html`<alm-target-picker
              .label=${t('sequence.step_target')}
              .value=${target}
              .entities=${this.entities}
              .places=${this.places}
              .errors=${errorsUnder(errors, 'target')}
              @target-changed=${(e: CustomEvent<{ target: Target }>) => {
                e.stopPropagation();
                this.replace(index, { ...action, target: e.detail.target } as SequenceStep);
              }}
            ></alm-target-picker>`
          : nothing}
      </div>`;
  }

  private setKind(index: number, kind: StepKind): void {
    const old = this.value.steps[index];
    const target = old && old.type !== 'wait' ? old.target : undefined;
    const step: SequenceStep = kind === 'wait' ? { type: 'wait', seconds: DEFAULT_WAIT_S } : { ...(defaultAction(kind) as StepAction), ...(target ? { target } : {}) };
    this.replace(index, step);
  }

  private add(step: SequenceStep): void {
    this.emit([...this.value.steps, step]);
  }

  private replace(index: number, step: SequenceStep): void {
    const old = this.value.steps[index];
    if (old) keys.set(step, keyOf(old));
    this.emit(this.value.steps.map((s, i) => (i === index ? step : s)));
  }

  private removeStep(index: number): void {
    this.emit(this.value.steps.filter((_, i) => i !== index));
  }

  private move(index: number, by: -1 | 1): void {
    const steps = [...this.value.steps];
    const [step] = steps.splice(index, 1);
    if (!step) return;
    steps.splice(index + by, 0, step);
    this.emit(steps);
  }

  private emit(steps: SequenceStep[]): void {
    this.dispatchEvent(new CustomEvent('action-changed', { detail: { action: { type: 'sequence', steps } }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-action-sequence': AlmActionSequence;
  }
}
