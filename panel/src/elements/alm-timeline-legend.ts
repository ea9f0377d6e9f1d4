import { LitElement, css, html, svg } from 'lit';
import { customElement } from 'lit/decorators.js';
import { t } from '../i18n/localize.js';
import { SERIES } from '../timeline/colors.js';

const COLOR = SERIES[0]!;

/** What the marks on the timeline mean, drawn like the canvas draws them. */
@customElement('alm-timeline-legend')
export class AlmTimelineLegend extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    ul {
      display: flex;
      flex-wrap: wrap;
      gap: var(--alm-space-1) var(--alm-space-4);
      margin: 0;
      padding: 0;
      list-style: none;
      color: var(--alm-secondary-text-color);
      font-size: var(--alm-font-size-s);
    }
    li {
      display: flex;
      align-items: center;
      gap: var(--alm-space-2);
    }
    svg {
      flex: none;
      width: 28px;
      height: 16px;
    }
  `;

  override render() {
    const mark = (body: ReturnType<typeof svg>, label: string) =>
      html`<li><svg viewBox="0 0 28 16" aria-hidden="true">${body}</svg>${label}</li>`;
    return html`<ul aria-label=${t('timeline.legend')}>
      ${mark(svg`<rect x="1" y="2" width="26" height="12" rx="3" fill=${COLOR} fill-opacity="0.35"></rect><rect x="1" y="2" width="3" height="12" rx="1" fill=${COLOR}></rect>`, t('timeline.legend_window'))}
      ${mark(svg`<path d="M1 14 L1 12 L27 2 L27 14 Z" fill=${COLOR} fill-opacity="0.4"></path><path d="M1 12 L27 2" stroke=${COLOR} stroke-width="1.5"></path>`, t('timeline.legend_ramp'))}
      ${mark(svg`<rect x="13" y="4" width="2" height="11" fill=${COLOR}></rect><circle cx="14" cy="4" r="3" fill=${COLOR}></circle>`, t('timeline.legend_point'))}
      ${mark(svg`<rect x="13" y="4" width="2" height="11" fill=${COLOR}></rect><circle cx="14" cy="4" r="2.6" style="fill: var(--alm-card-background-color)" stroke=${COLOR} stroke-width="1.5"></circle>`, t('timeline.legend_off'))}
      ${mark(svg`<rect x="13" y="0" width="2" height="16" style="fill: var(--alm-error-color)"></rect>`, t('timeline.legend_now'))}
      ${mark(svg`<path d="M14 0 L14 16" style="stroke: var(--alm-warning-color)" stroke-width="2" stroke-dasharray="4 3"></path>`, t('timeline.legend_dst'))}
      ${mark(svg`<path d="M7 16 L16 0 M12 16 L21 0 M17 16 L26 0 M2 16 L11 0" style="stroke: var(--alm-error-color)" stroke-width="2" stroke-opacity="0.6"></path><path d="M1 0 L1 16 M27 0 L27 16" style="stroke: var(--alm-error-color)" stroke-width="1.5"></path>`, t('timeline.legend_conflict'))}
      ${mark(svg`<rect x="1" y="2.5" width="26" height="11" rx="3" style="fill: var(--alm-warning-color); stroke: var(--alm-warning-color)" fill-opacity="0.16" stroke-width="1.5" stroke-dasharray="3 2"></rect>`, t('timeline.legend_wait'))}
      ${mark(svg`<rect x="1" y="2.5" width="26" height="11" rx="3" style="fill: none; stroke: var(--alm-secondary-text-color)" stroke-width="1.5" stroke-dasharray="3 2"></rect><path d="M4 13 L11 3 M10 13 L17 3 M16 13 L23 3" style="stroke: var(--alm-secondary-text-color)" stroke-opacity="0.5" stroke-width="1.5"></path>`, t('timeline.legend_wait_skipped'))}
    </ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-timeline-legend': AlmTimelineLegend;
  }
}
