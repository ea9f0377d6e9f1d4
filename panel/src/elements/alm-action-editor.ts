import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { EntityDto } from '../../../server/src/api/types.js';
import { formStyles } from '../form-styles.js';
import { NO_PLACES, type Places } from '../ha-places.js';
import { t } from '../i18n/localize.js';
import { defaultAction, errorsUnder, type FieldErrors } from '../schedule-draft.js';
import { ACTION_TYPES, type Action, type ActionOf, type ActionType } from '../schedule-types.js';
import './alm-action-data.js';
import './alm-action-level.js';
import './alm-action-ramp-curve.js';
import './alm-action-sequence.js';
import './alm-duration-input.js';

/** Services people call most from schedules, offered while typing (any service works). */
const COMMON_SERVICES = [
  'light.turn_on', 'light.turn_off', 'switch.turn_on', 'switch.turn_off', 'fan.set_percentage', 'climate.set_temperature',
  'cover.set_cover_position', 'valve.set_valve_position', 'input_number.set_value', 'input_boolean.turn_on', 'homeassistant.turn_on',
];

let nextId = 0;

/**
 * "What": the action type, then that type's fields: a level slider, a ramp drawn as a curve,
 * service data as YAML/JSON, script variables, a notification, an MQTT message or a sequence of
 * steps. `value`, `errors` (paths under the action) and `types` in; `action-changed` out.
 */
@customElement('alm-action-editor')
export class AlmActionEditor extends LitElement {
  @property({ attribute: false }) value: Action = { type: 'on' };
  @property({ attribute: false }) errors: FieldErrors = {};
  /** The types offered (sequence steps and end actions offer fewer). */
  @property({ attribute: false }) types: readonly ActionType[] = ACTION_TYPES;
  @property({ attribute: false }) entities: readonly EntityDto[] = [];
  /** HA's areas, labels and devices, for the step target pickers of a sequence. */
  @property({ attribute: false }) places: Places = NO_PLACES;
  @property() label = '';
  /** The type is chosen outside (a sequence step's own select). */
  @property({ type: Boolean, attribute: 'hide-type' }) hideType = false;
  private readonly uid = `action-${nextId++}`;

  static override styles = [
    formStyles,
    css`
      :host {
        display: block;
      }
      .type {
        max-width: 320px;
      }
      .ramp {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(200px, 1fr));
        gap: var(--alm-space-3);
        align-items: start;
      }
    `,
  ];

  override render() {
    const v = this.value;
    return html`<div class="stack">
      <div class="field type" ?hidden=${this.hideType}>
        <label for=${this.uid}>${this.label || t('action.type')}</label>
        <select id=${this.uid} @change=${(e: Event) => this.emit(defaultAction((e.target as HTMLSelectElement).value as ActionType))}>
          ${this.types.map((type) => html`<option value=${type} ?selected=${type === v.type}>${t(`action_type.${type}`)}</option>`)}
        </select>
        ${this.errors['type'] ? html`<p class="error">${this.errors['type']}</p>` : nothing}
      </div>
      ${this.renderFields(v)}
    </div>`;
  }

  private renderFields(v: Action) {
    switch (v.type) {
      case 'on':
      case 'off':
      case 'toggle':
      case 'scene':
        return html`<p class="hint">${t(`action.hint_${v.type}`)}</p>`;
      case 'set_level':
        return html`<alm-action-level
          .label=${t('action.level')}
          .value=${v.percent}
          .error=${this.errors['percent'] ?? ''}
          @level-changed=${(e: CustomEvent<{ value: number }>) => this.patch({ percent: e.detail.value })}
        ></alm-action-level>`;
      case 'ramp':
        return this.renderRamp(v);
      case 'service':
        return this.renderService(v);
      case 'script':
        return html`<alm-action-data
            .label=${t('action.variables')}
            .value=${v.variables}
            .error=${this.firstError('variables')}
            placeholder="temperature: 21"
            @data-changed=${(e: CustomEvent<{ value: Record<string, unknown> }>) => this.patch({ variables: e.detail.value })}
          ></alm-action-data>
          <p class="hint">${t('action.hint_script')}</p>`;
      case 'notify':
        return this.renderNotify(v);
      case 'mqtt_publish':
        return this.renderMqtt(v);
      case 'sequence':
        return html`<alm-action-sequence
          .value=${v}
          .errors=${errorsUnder(this.errors, 'steps')}
          .entities=${this.entities}
          .places=${this.places}
          @action-changed=${(e: CustomEvent<{ action: Action }>) => {
            e.stopPropagation();
            this.emit(e.detail.action);
          }}
        ></alm-action-sequence>`;
    }
  }

  private renderRamp(v: ActionOf<'ramp'>) {
    return html`<div class="ramp">
        <alm-action-level .label=${t('ramp.from')} .value=${v.from} .error=${this.errors['from'] ?? ''} @level-changed=${(e: CustomEvent<{ value: number }>) => this.patch({ from: e.detail.value })}></alm-action-level>
        <alm-action-level .label=${t('ramp.to')} .value=${v.to} .error=${this.errors['to'] ?? ''} @level-changed=${(e: CustomEvent<{ value: number }>) => this.patch({ to: e.detail.value })}></alm-action-level>
        <alm-duration-input
          .label=${t('ramp.duration')}
          .value=${v.duration_seconds}
          .units=${['seconds', 'minutes', 'hours'] as const}
          .error=${this.errors['duration_seconds'] ?? ''}
          @duration-changed=${(e: CustomEvent<{ value: number | null }>) => this.patch({ duration_seconds: e.detail.value ?? 0 })}
        ></alm-duration-input>
      </div>
      <alm-action-ramp-curve .from=${v.from} .to=${v.to} .seconds=${v.duration_seconds}></alm-action-ramp-curve>`;
  }

  private renderService(v: ActionOf<'service'>) {
    const listId = `${this.uid}-services`;
    return html`<div class="field">
        <label for=${`${this.uid}-service`}>${t('action.service')}</label>
        <input
          id=${`${this.uid}-service`}
          type="text"
          list=${listId}
          autocomplete="off"
          spellcheck="false"
          placeholder="light.turn_on"
          .value=${v.service}
          aria-invalid=${this.errors['service'] ? 'true' : 'false'}
          @input=${(e: Event) => this.patch({ service: (e.target as HTMLInputElement).value.trim() })}
        />
        <datalist id=${listId}>${COMMON_SERVICES.map((s) => html`<option value=${s}></option>`)}</datalist>
        ${this.errors['service'] ? html`<p class="error">${this.errors['service']}</p>` : nothing}
      </div>
      <alm-action-data
        .label=${t('action.data')}
        .value=${v.data}
        .error=${this.firstError('data')}
        placeholder="brightness_pct: 80"
        @data-changed=${(e: CustomEvent<{ value: Record<string, unknown> }>) => this.patch({ data: e.detail.value })}
      ></alm-action-data>`;
  }

  private renderNotify(v: ActionOf<'notify'>) {
    return html`${this.text('service', t('action.notify_service'), v.service, 'notify.mobile_app_phone')}
      ${this.text('title', t('action.notify_title'), v.title ?? '', '')}
      <div class="field">
        <label for=${`${this.uid}-message`}>${t('action.notify_message')}</label>
        <textarea
          id=${`${this.uid}-message`}
          rows="3"
          style="font-family: inherit"
          .value=${v.message}
          aria-invalid=${this.errors['message'] ? 'true' : 'false'}
          @input=${(e: Event) => this.patch({ message: (e.target as HTMLTextAreaElement).value })}
        ></textarea>
        ${this.errors['message'] ? html`<p class="error">${this.errors['message']}</p>` : nothing}
      </div>`;
  }

  private renderMqtt(v: ActionOf<'mqtt_publish'>) {
    return html`${this.text('topic', t('action.mqtt_topic'), v.topic, 'tasmota/pump/cmnd/POWER')}
      ${this.text('payload', t('action.mqtt_payload'), v.payload, 'ON')}
      <div class="row">
        <div class="field">
          <label for=${`${this.uid}-qos`}>${t('action.mqtt_qos')}</label>
          <select id=${`${this.uid}-qos`} @change=${(e: Event) => this.patch({ qos: Number((e.target as HTMLSelectElement).value) as 0 | 1 | 2 })}>
            ${[0, 1, 2].map((q) => html`<option value=${q} ?selected=${(v.qos ?? 0) === q}>${q}</option>`)}
          </select>
        </div>
        <label class="check field">
          <input type="checkbox" .checked=${v.retain ?? false} @change=${(e: Event) => this.patch({ retain: (e.target as HTMLInputElement).checked })} />
          ${t('action.mqtt_retain')}
        </label>
      </div>`;
  }

  private text(key: string, label: string, value: string, placeholder: string) {
    const id = `${this.uid}-${key}`;
    return html`<div class="field">
      <label for=${id}>${label}</label>
      <input
        id=${id}
        type="text"
        placeholder=${placeholder}
        .value=${value}
        aria-invalid=${this.errors[key] ? 'true' : 'false'}
        @input=${(e: Event) => this.patch({ [key]: (e.target as HTMLInputElement).value })}
      />
      ${this.errors[key] ? html`<p class="error">${this.errors[key]}</p>` : nothing}
    </div>`;
  }

  private firstError(prefix: string): string {
    return Object.values(errorsUnder(this.errors, prefix))[0] ?? '';
  }

  private patch(part: Record<string, unknown>): void {
    const next = { ...this.value, ...part } as Record<string, unknown>;
    if (next['type'] === 'notify' && next['title'] === '') delete next['title'];
    this.emit(next as unknown as Action);
  }

  private emit(action: Action): void {
    this.dispatchEvent(new CustomEvent('action-changed', { detail: { action }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-action-editor': AlmActionEditor;
  }
  interface HTMLElementEventMap {
    'action-changed': CustomEvent<{ action: Action }>;
  }
}
