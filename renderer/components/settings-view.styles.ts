import { css } from 'lit';

/** The settings view's own layout: field grid, device selects beside the camera preview, inline errors. */
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
  h2 {
    font-size: 1.05em;
    margin-bottom: 12px;
  }
  form {
    display: grid;
    gap: 16px;
  }
  .fields {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(240px, 1fr));
    gap: 14px;
  }
  .wide {
    grid-column: 1 / -1;
  }
  .devices {
    display: grid;
    grid-template-columns: minmax(220px, 1fr) minmax(220px, 320px);
    gap: 16px;
    align-items: start;
  }
  .selects {
    display: grid;
    gap: 12px;
  }
  video {
    width: 100%;
    aspect-ratio: 16 / 9;
    background: #000;
    border-radius: var(--moim-radius-small);
    transform: scaleX(-1);
    object-fit: cover;
  }
  .preview {
    display: grid;
    gap: 10px;
  }
  .row {
    display: flex;
    gap: 10px;
    align-items: center;
    flex-wrap: wrap;
  }
  .hint {
    font-size: 0.85em;
  }
  .field-error {
    font-size: 0.85em;
    color: #ffb4b4;
  }
  [aria-invalid='true'] {
    border-color: #f26d6d;
  }
  @media (max-width: 640px) {
    .devices {
      grid-template-columns: 1fr;
    }
  }
`;
