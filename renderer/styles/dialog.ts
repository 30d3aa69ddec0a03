import { css } from 'lit';

/** The modal `<dialog>` look the app's prompts share: the card, a dimmed backdrop, a one-column form and its title. */
export const dialogStyles = css`
  dialog {
    width: min(var(--dialog-width, 420px), 90vw);
    padding: var(--dialog-padding, 28px);
    border: 1px solid var(--moim-border);
    border-radius: var(--moim-radius);
    background: var(--moim-surface);
    color: var(--moim-text);
  }
  dialog::backdrop {
    background: rgba(5, 6, 9, var(--dialog-dim, 0.75));
  }
  form {
    display: grid;
    gap: 14px;
  }
  h2 {
    margin: 0;
    font-weight: 400;
    font-size: 1.2em;
  }
`;
