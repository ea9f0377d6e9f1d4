import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { mdiFileOutline } from '@mdi/js';
import { t } from '../i18n/localize.js';
import { routeHref } from '../router.js';
import { TEMPLATES } from '../templates.js';
import './alm-icon.js';

/** Where a new schedule starts: blank, or one of the templates. Plain links (`#/schedules/new?template=…`). */
@customElement('alm-schedule-templates')
export class AlmScheduleTemplates extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    h2 {
      margin: 0 0 var(--alm-space-1);
      font-size: var(--alm-font-size-xl);
      font-weight: var(--alm-font-weight-normal);
    }
    p {
      margin: 0 0 var(--alm-space-4);
      color: var(--alm-secondary-text-color);
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 280px), 1fr));
      gap: var(--alm-space-3);
    }
    a {
      display: flex;
      gap: var(--alm-space-3);
      height: 100%;
      box-sizing: border-box;
      padding: var(--alm-space-4);
      border-radius: var(--alm-card-border-radius);
      border: 1px solid var(--alm-card-border-color);
      background: var(--alm-card-background);
      color: var(--alm-primary-text-color);
      text-decoration: none;
    }
    a:hover {
      border-color: var(--alm-primary-color);
    }
    a:focus-visible {
      outline: 2px solid var(--alm-primary-color);
      outline-offset: 2px;
    }
    .icon {
      flex: none;
      display: flex;
      align-items: center;
      justify-content: center;
      width: 40px;
      height: 40px;
      border-radius: 50%;
      background-color: rgba(var(--alm-rgb-primary-color), 0.14);
      color: var(--alm-primary-color);
    }
    .title {
      display: block;
      font-weight: var(--alm-font-weight-medium);
      margin-bottom: 2px;
    }
    .text {
      color: var(--alm-secondary-text-color);
      font-size: var(--alm-font-size-m);
      line-height: 1.45;
    }
  `;

  override render() {
    const items = [
      { id: 'blank', icon: mdiFileOutline, title: t('template.blank.title'), text: t('template.blank.description') },
      ...TEMPLATES.map((tpl) => ({ id: tpl.id, icon: tpl.icon, title: t(tpl.title), text: t(tpl.description) })),
    ];
    return html`<h2>${t('templates.title')}</h2>
      <p>${t('templates.subtitle')}</p>
      <ul>
        ${items.map(
          (item) => html`<li>
            <a href=${`${routeHref('schedules', 'new')}?template=${item.id}`} data-template=${item.id}>
              <span class="icon"><alm-icon .path=${item.icon}></alm-icon></span>
              <span><span class="title">${item.title}</span><span class="text">${item.text}</span></span>
            </a>
          </li>`,
        )}
      </ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alm-schedule-templates': AlmScheduleTemplates;
  }
}
