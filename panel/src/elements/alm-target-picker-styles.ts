import { css } from 'lit';

/** The target picker's look: chosen targets as pills, a search field with a magnifier, a suggestion list. */
export const targetPickerStyles = css`
  :host {
    display: block;
  }
  .selected {
    display: flex;
    flex-wrap: wrap;
    gap: var(--alm-space-2);
  }
  .pill {
    display: inline-flex;
    align-items: center;
    gap: var(--alm-space-2);
    max-width: 100%;
    min-height: 36px;
    padding-left: var(--alm-space-2);
    border-radius: var(--alm-border-radius-pill);
    background-color: var(--alm-secondary-background-color);
    --alm-icon-size: 20px;
  }
  .pill .name {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .pill .kind {
    color: var(--alm-secondary-text-color);
    font-size: var(--alm-font-size-s);
  }
  .pill alm-icon-button {
    --alm-icon-button-size: 36px;
    --alm-icon-size: 18px;
  }
  .combo {
    position: relative;
  }
  .search {
    position: relative;
  }
  .search alm-icon {
    position: absolute;
    left: var(--alm-space-3);
    top: 10px;
    color: var(--alm-secondary-text-color);
    pointer-events: none;
  }
  .search input {
    /* Beats the shared field padding (a more specific :not() chain) to clear the magnifier. */
    padding-left: 44px !important;
  }
  [role='listbox'] {
    position: absolute;
    left: 0;
    right: 0;
    top: calc(100% + 2px);
    z-index: 6;
    max-height: 320px;
    overflow-y: auto;
    margin: 0;
    padding: var(--alm-space-1) 0;
    list-style: none;
    background-color: var(--alm-card-background-color);
    border: 1px solid var(--alm-divider-color);
    border-radius: var(--alm-border-radius-md);
    box-shadow: 0 4px 12px rgba(0, 0, 0, 0.18);
  }
  [role='option'] {
    display: flex;
    align-items: center;
    gap: var(--alm-space-3);
    padding: var(--alm-space-2) var(--alm-space-3);
    cursor: pointer;
  }
  [role='option'][aria-selected='true'] {
    background-color: rgba(var(--alm-rgb-primary-color), 0.14);
  }
  .option-text {
    display: flex;
    flex-direction: column;
    min-width: 0;
  }
  .option-text span {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .id {
    font-size: var(--alm-font-size-s);
    color: var(--alm-secondary-text-color);
  }
  .empty {
    padding: var(--alm-space-2) var(--alm-space-3);
    color: var(--alm-secondary-text-color);
  }
`;
