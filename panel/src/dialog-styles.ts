/** The look of modal dialogs: a card on a dimmed backdrop, its content in a form. */
import { css } from 'lit';

export const dialogStyles = css`
  dialog {
    width: min(520px, calc(100vw - 32px));
    max-height: calc(100dvh - 32px);
    padding: 0;
    border: none;
    border-radius: var(--alm-card-border-radius);
    background-color: var(--alm-card-background-color);
    color: var(--alm-primary-text-color);
    box-shadow: 0 8px 32px rgba(0, 0, 0, 0.3);
  }
  dialog::backdrop {
    background-color: rgba(0, 0, 0, 0.4);
  }
  form {
    display: flex;
    flex-direction: column;
    gap: var(--alm-space-4);
    padding: var(--alm-space-6) var(--alm-space-6) var(--alm-space-4);
  }
  h2 {
    margin: 0;
    font-size: var(--alm-font-size-xl);
    font-weight: var(--alm-font-weight-normal);
  }
  .buttons {
    display: flex;
    justify-content: flex-end;
    gap: var(--alm-space-2);
  }
`;
