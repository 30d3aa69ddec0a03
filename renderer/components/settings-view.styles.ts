import { css } from 'lit';

/** The settings view's own layout (the field grid and inline errors are `fieldStyles`, shared with its parts). */
export const settingsStyles = css`
  :host {
    display: block;
    max-width: 820px;
    margin: 0 auto;
    padding: 28px 20px 48px;
  }
  h1 {
    font-size: 1.5em;
    margin-bottom: 16px;
  }
  form {
    display: grid;
    gap: 16px;
  }
  .row {
    display: flex;
    gap: 10px;
    align-items: center;
    flex-wrap: wrap;
  }
`;
