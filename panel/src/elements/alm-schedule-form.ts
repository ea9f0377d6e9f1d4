import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { EntityDto } from '../../../server/src/api/types.js';
import { formStyles } from '../form-styles.js';
import { NO_PLACES, type Places } from '../ha-places.js';
import { t } from '../i18n/localize.js';
import { formatLocalWall } from '../schedule-format.js';
import { actionNeedsTarget, errorsUnder, type Draft, type DraftSection, type FieldErrors } from '../schedule-draft.js';
import type { Action, Condition, Policy, Target, Trigger } from '../schedule-types.js';
import type { WindowValue } from './alm-action-window.js';
import type { Occurrence } from './alm-preview-list.js';
import type { Limits } from './alm-schedule-limits.js';
import './alm-action-editor.js';
import './alm-action-window.js';
import './alm-card.js';
import './alm-condition-editor.js';
import './alm-policy-editor.js';
import './alm-preview-list.js';
import './alm-schedule-limits.js';
import './alm-target-picker.js';
import './alm-trigger-editor.js';

export interface PreviewState {
  occurrences: readonly Occurrence[];
  loading: boolean;
  error: string;
  from: string;
}

/** Domains whose entities fit an action, suggested first in the target picker. */
const ACTION_DOMAINS: Partial<Record<Action['type'], string[]>> = {
  script: ['script'],
  scene: ['scene'],
  set_level: ['light', 'fan', 'cover', 'valve', 'number', 'input_number'],
  ramp: ['light'],
};

/**
 * The schedule editor's form: name and tags; when (trigger widgets, what it means, the next runs);
 * what (target, action, window); only if (conditions); options (reliability, period and limits).
 * Pure: `draft`, `errors` and the preview in; `draft-changed` ({ draft, section }) and
 * `preview-from-changed` out.
 */
@customElement('alm-schedule-form')
export class AlmScheduleForm extends LitElement {
  @property({ attribute: false }) draft?: Draft;
  @property({ attribute: false }) errors: FieldErrors = {};
  @property({ attribute: false }) entities: readonly EntityDto[] = [];
  /** HA's areas, labels and devices, for the target pickers. */
  @property({ attribute: false }) places: Places = NO_PLACES;
  @property({ attribute: false }) preview: PreviewState = { occurrences: [], loading: false, error: '', from: '' };
  /** The saved schedule's plain-language description, while the trigger is unchanged. */
  @property() description = '';
  /** Existing lock names for the shared-resource field. */
  @property({ attribute: false }) lockNames: readonly string[] = [];
  @property() defaultZone = '';

  static override styles = [
    formStyles,
    css`
      :host {
        display: grid;
        grid-template-columns: minmax(0, 1fr) minmax(280px, 340px);
        grid-template-areas:
          'name preview'
          'when preview'
          'what preview'
          'only preview'
          'options preview';
        align-items: start;
        gap: var(--alm-space-4);
      }
      .name { grid-area: name; }
      .when { grid-area: when; }
      .preview {
        grid-area: preview;
        position: sticky;
        top: calc(var(--alm-header-height) + var(--alm-space-4));
      }
      .what { grid-area: what; }
      .only { grid-area: only; }
      .options { grid-area: options; }
      @media (max-width: 900px) {
        :host {
          grid-template-columns: minmax(0, 1fr);
          grid-template-areas: 'name' 'when' 'preview' 'what' 'only' 'options';
          gap: var(--alm-space-3);
        }
        .preview {
          position: static;
        }
      }
      .card-content {
        display: flex;
        flex-direction: column;
        gap: var(--alm-space-4);
        padding: var(--alm-space-2) var(--alm-space-4) var(--alm-space-4);
      }
      .meaning {
        margin: 0;
        padding: var(--alm-space-2) var(--alm-space-3);
        border-radius: var(--alm-border-radius-sm);
        background-color: rgba(var(--alm-rgb-primary-color), 0.08);
        line-height: var(--alm-line-height-normal);
      }
      .meaning strong {
        font-weight: var(--alm-font-weight-medium);
      }
      hr {
        width: 100%;
        margin: 0;
        border: none;
        border-top: 1px solid var(--alm-divider-color);
      }
    `,
  ];

  override render() {
    const d = this.draft;
    if (!d) return nothing;
    const e = this.errors;
    return html`<alm-card class="name" .header=${t('editor.section_name')}>
        <div class="card-content">${this.renderName(d)}</div>
      </alm-card>
      <alm-card class="when" .header=${t('editor.section_when')}>
        <div class="card-content">
          <alm-trigger-editor
            .value=${d.trigger}
            .errors=${errorsUnder(e, 'trigger')}
            @trigger-changed=${(ev: CustomEvent<{ trigger: Trigger }>) => this.change({ trigger: ev.detail.trigger }, 'trigger')}
          ></alm-trigger-editor>
          ${this.renderMeaning()}
        </div>
      </alm-card>
      <alm-card class="preview" .header=${t('editor.section_preview')}>
        <div class="card-content">
          <alm-preview-list
            .occurrences=${this.preview.occurrences}
            ?loading=${this.preview.loading}
            .error=${this.preview.error}
            .from=${this.preview.from}
            .timezone=${d.timezone ?? this.defaultZone}
            ?sun=${d.trigger.type === 'sun'}
          ></alm-preview-list>
        </div>
      </alm-card>
      <alm-card class="what" .header=${t('editor.section_what')}>
        <div class="card-content">${this.renderWhat(d, e)}</div>
      </alm-card>
      <alm-card class="only" .header=${t('editor.section_only')}>
        <div class="card-content">
          <alm-condition-editor
            .value=${d.conditions}
            .entities=${this.entities}
            .errors=${errorsUnder(e, 'conditions')}
            @conditions-changed=${(ev: CustomEvent<{ value: Condition[] }>) => this.change({ conditions: ev.detail.value }, 'conditions')}
          ></alm-condition-editor>
        </div>
      </alm-card>
      <alm-card class="options" .header=${t('editor.section_options')}>
        <div class="card-content">
          <alm-policy-editor
            .value=${d.policy}
            .lockNames=${this.lockNames}
            .errors=${errorsUnder(e, 'policy')}
            @policy-changed=${(ev: CustomEvent<{ value: Policy }>) => this.change({ policy: ev.detail.value }, 'policy')}
          ></alm-policy-editor>
          <hr />
          <alm-schedule-limits
            .value=${{ start_at: d.start_at, end_at: d.end_at, max_runs: d.max_runs, priority: d.priority, timezone: d.timezone }}
            .errors=${e}
            .defaultZone=${this.defaultZone}
            @limits-changed=${(ev: CustomEvent<{ value: Limits }>) => this.change(ev.detail.value, 'limits')}
          ></alm-schedule-limits>
        </div>
      </alm-card>`;
  }

  private renderName(d: Draft) {
    return html`<div class="row">
        <div class="field">
          <label for="name">${t('editor.name')}</label>
          <input
            id="name"
            type="text"
            maxlength="100"
            required
            placeholder=${t('editor.name_placeholder')}
            .value=${d.name}
            aria-invalid=${this.errors['name'] ? 'true' : 'false'}
            @input=${(ev: Event) => this.change({ name: (ev.target as HTMLInputElement).value }, 'name')}
          />
          ${this.errors['name'] ? html`<p class="error">${this.errors['name']}</p>` : nothing}
        </div>
        <div class="field">
          <label for="tags">${t('editor.tags')}</label>
          <input
            id="tags"
            type="text"
            placeholder=${t('editor.tags_placeholder')}
            .value=${d.tags.join(', ')}
            aria-invalid=${this.errors['tags'] ? 'true' : 'false'}
            @change=${(ev: Event) => this.change({ tags: [...new Set((ev.target as HTMLInputElement).value.split(',').map((s) => s.trim()).filter(Boolean))] }, 'name')}
          />
          ${this.errors['tags'] ? html`<p class="error">${this.errors['tags']}</p>` : html`<p class="hint">${t('editor.tags_hint')}</p>`}
        </div>
      </div>
      <label class="check">
        <input type="checkbox" .checked=${d.enabled} @change=${(ev: Event) => this.change({ enabled: (ev.target as HTMLInputElement).checked }, 'name')} />
        ${t('editor.enabled')}
      </label>`;
  }

  private renderMeaning() {
    if (this.description) return html`<p class="meaning"><strong>${t('editor.meaning')}</strong> ${this.description}</p>`;
    const [first, second] = this.preview.occurrences;
    if (!first) return nothing;
    const when = second
      ? t('editor.meaning_next_two', { first: formatLocalWall(first.local), second: formatLocalWall(second.local) })
      : t('editor.meaning_next_one', { first: formatLocalWall(first.local) });
    return html`<p class="meaning">${when}</p>`;
  }

  private renderWhat(d: Draft, e: FieldErrors) {
    const needsTarget = actionNeedsTarget(d.action);
    return html`<alm-target-picker
        .label=${needsTarget ? t('editor.target') : t('editor.target_optional')}
        .value=${d.target}
        .entities=${this.entities}
        .places=${this.places}
        .domains=${ACTION_DOMAINS[d.action.type] ?? []}
        .errors=${errorsUnder(e, 'target')}
        @target-changed=${(ev: CustomEvent<{ target: Target }>) => this.change({ target: ev.detail.target }, 'target')}
      ></alm-target-picker>
      <alm-action-editor
        .value=${d.action}
        .entities=${this.entities}
        .places=${this.places}
        .errors=${errorsUnder(e, 'action')}
        @action-changed=${(ev: CustomEvent<{ action: Action }>) => this.changeAction(ev.detail.action)}
      ></alm-action-editor>
      ${d.action.type === 'sequence'
        ? nothing
        : html`<alm-action-window
            .value=${{ duration_seconds: d.duration_seconds, end_action: d.end_action }}
            .entities=${this.entities}
            .errors=${e}
            @window-changed=${(ev: CustomEvent<{ value: WindowValue }>) => this.change(ev.detail.value, 'window')}
          ></alm-action-window>`}`;
  }

  /** A sequence times itself with waits: it cannot also be a window, whose fields are hidden then. */
  private changeAction(action: Action): void {
    this.change(action.type === 'sequence' ? { action, duration_seconds: null, end_action: null } : { action }, 'action');
  }

  private change(part: Partial<Draft>, section: DraftSection): void {
    if (!this.draft) return;
    const draft = { ...this.draft, ...part };
    this.dispatchEvent(new CustomEvent('draft-changed', { detail: { draft, section }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-schedule-form': AlmScheduleForm;
  }
  interface HTMLElementEventMap {
    'draft-changed': CustomEvent<{ draft: Draft; section: DraftSection }>;
  }
}
