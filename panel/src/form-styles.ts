/**
 * Shared styles of the schedule editor's form controls: labelled native inputs and selects in the
 * look of HA's filled text fields (fill, rounded top, bottom line that turns primary on focus),
 * field errors below the control, segmented choice chips and folded sections. Native controls keep
 * keyboard use, autofill and screen readers working without extra code.
 */
import { css } from 'lit';

export const formStyles = css`
  [hidden] {
    display: none !important;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: var(--alm-space-1);
    min-width: 0;
  }
  .field > label,
  .label {
    font-size: var(--alm-font-size-s);
    font-weight: var(--alm-font-weight-medium);
    color: var(--alm-secondary-text-color);
  }
  input:not([type='checkbox']):not([type='radio']):not([type='range']),
  select,
  textarea {
    box-sizing: border-box;
    width: 100%;
    min-height: 44px;
    padding: var(--alm-space-2) var(--alm-space-3);
    border: none;
    border-bottom: 1px solid var(--alm-secondary-text-color);
    border-radius: var(--alm-border-radius-sm) var(--alm-border-radius-sm) 0 0;
    background-color: var(--alm-input-fill-color);
    color: var(--alm-primary-text-color);
    font: inherit;
    font-size: var(--alm-font-size-l);
    color-scheme: inherit;
  }
  textarea {
    font-family: var(--alm-font-family-code);
    font-size: var(--alm-font-size-m);
    line-height: 1.5;
    resize: vertical;
    min-height: 96px;
  }
  input:focus-visible,
  select:focus-visible,
  textarea:focus-visible {
    outline: none;
    border-bottom: 2px solid var(--alm-primary-color);
    padding-bottom: calc(var(--alm-space-2) - 1px);
  }
  [aria-invalid='true'] {
    border-bottom: 2px solid var(--alm-error-color) !important;
  }
  input[type='checkbox'],
  input[type='radio'] {
    width: 18px;
    height: 18px;
    margin: 0;
    accent-color: var(--alm-primary-color);
  }
  input[type='range'] {
    width: 100%;
    accent-color: var(--alm-primary-color);
  }
  input:focus-visible[type='checkbox'],
  input:focus-visible[type='radio'],
  input:focus-visible[type='range'] {
    outline: 2px solid var(--alm-primary-color);
    outline-offset: 2px;
  }
  .error {
    margin: 0;
    font-size: var(--alm-font-size-s);
    color: var(--alm-error-color);
  }
  .hint {
    margin: 0;
    font-size: var(--alm-font-size-s);
    color: var(--alm-secondary-text-color);
    line-height: var(--alm-line-height-normal);
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: var(--alm-space-3);
    align-items: flex-start;
  }
  .row > .field {
    flex: 1 1 200px;
  }
  .check {
    display: inline-flex;
    align-items: center;
    gap: var(--alm-space-2);
    min-height: 40px;
    cursor: pointer;
  }
  .chips {
    display: flex;
    flex-wrap: wrap;
    gap: var(--alm-space-2);
  }
  .chip {
    display: inline-flex;
    align-items: center;
    gap: var(--alm-space-1);
    min-height: 36px;
    padding: 0 var(--alm-space-3);
    border: 1px solid var(--alm-divider-color);
    border-radius: var(--alm-border-radius-md);
    background: none;
    color: var(--alm-primary-text-color);
    font: inherit;
    cursor: pointer;
    --alm-icon-size: 18px;
  }
  .chip:hover {
    background-color: rgba(var(--alm-rgb-primary-text-color), 0.05);
  }
  .chip[aria-pressed='true'],
  .chip[aria-checked='true'] {
    border-color: transparent;
    background-color: rgba(var(--alm-rgb-primary-color), 0.18);
    color: var(--alm-primary-text-color);
    font-weight: var(--alm-font-weight-medium);
  }
  .chip:focus-visible {
    outline: 2px solid var(--alm-primary-color);
    outline-offset: 1px;
  }
  .stack {
    display: flex;
    flex-direction: column;
    gap: var(--alm-space-3);
  }
`;
