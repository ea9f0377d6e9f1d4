/**
 * The look of a toolbar tab (`.tab`) and of a phone bottom-bar destination (`.slot`), shared by
 * the page tabs, the More button and the hidden copies the tab row measures: one set of rules, so
 * a measured width is the width drawn. Tabs follow HA's settings pages (`hass-tabs-subpage`):
 * medium text, an underline when current; slots follow Material's navigation bar: an icon in a
 * pill that fills when current, a small label below.
 */
import { css } from 'lit';

export const navStyles = css`
  [hidden] {
    display: none !important;
  }
  .tab {
    position: relative;
    display: flex;
    flex: none;
    align-items: center;
    justify-content: center;
    gap: var(--alm-space-1);
    box-sizing: border-box;
    height: 100%;
    margin: 0;
    padding: 0 var(--alm-space-4);
    border: none;
    background: none;
    color: inherit;
    font: inherit;
    font-size: var(--alm-font-size-m);
    font-weight: var(--alm-font-weight-medium);
    white-space: nowrap;
    text-decoration: none;
    cursor: pointer;
    -webkit-tap-highlight-color: transparent;
    outline: none;
  }
  /* The tint of a tab (top) or a slot (phone bar) under the pointer or the keyboard focus. */
  .tab::before,
  .slot::before {
    content: '';
    position: absolute;
    inset: 8px 4px;
    border-radius: var(--alm-border-radius-md);
    background-color: currentColor;
    opacity: 0;
    transition: opacity 150ms linear;
  }
  .slot::before {
    inset: 6px 2px;
  }
  .tab:focus-visible::before,
  .slot:focus-visible::before {
    opacity: 0.06;
    outline: 2px solid var(--alm-primary-color);
  }
  /* Only real pointers hover: on a touch screen the tint would stick to the last tapped tab. */
  @media (hover: hover) {
    .tab:hover::before,
    .slot:hover::before {
      opacity: 0.06;
    }
  }
  .tab.current {
    color: var(--alm-primary-color);
  }
  .tab.current::after {
    content: '';
    position: absolute;
    left: var(--alm-space-2);
    right: var(--alm-space-2);
    bottom: 0;
    height: 3px;
    border-radius: 3px 3px 0 0;
    background-color: var(--alm-primary-color);
  }
  .caret {
    --alm-icon-size: 20px;
    margin-inline-end: -6px;
  }
  .badge {
    min-width: 18px;
    height: 18px;
    padding: 0 5px;
    box-sizing: border-box;
    border-radius: 9px;
    background: var(--alm-error-color);
    color: var(--alm-text-primary-color);
    font-size: 11px;
    font-weight: var(--alm-font-weight-medium);
    line-height: 18px;
    text-align: center;
  }
  .slot {
    position: relative;
    display: flex;
    flex: 1 1 0;
    min-width: 0;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: 2px;
    box-sizing: border-box;
    height: 100%;
    margin: 0;
    padding: 0 2px;
    border: none;
    background: none;
    font: inherit;
    font-size: var(--alm-font-size-s);
    font-weight: var(--alm-font-weight-normal);
    color: var(--alm-secondary-text-color);
    text-decoration: none;
    white-space: nowrap;
    cursor: pointer;
    -webkit-tap-highlight-color: transparent;
    outline: none;
  }
  .slot .label {
    max-width: 100%;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .slot .pill {
    position: relative;
    display: flex;
    align-items: center;
    justify-content: center;
    width: 56px;
    height: 28px;
    border-radius: var(--alm-border-radius-pill);
    transition: background-color 150ms linear;
  }
  .slot .badge {
    position: absolute;
    top: -2px;
    right: 6px;
  }
  .slot.current {
    color: var(--alm-primary-color);
    font-weight: var(--alm-font-weight-medium);
  }
  .slot.current .pill {
    background-color: rgba(var(--alm-rgb-primary-color), 0.15);
  }
`;
