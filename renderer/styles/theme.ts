import { css } from 'lit';

/** Document-level styles: the palette as custom properties (they inherit into every shadow root). */
export const documentStyles = css`
  :root {
    color-scheme: dark;
    --moim-bg: #0f1115;
    --moim-surface: #171a21;
    --moim-surface-2: #1f232c;
    --moim-surface-3: #2a2f3a;
    --moim-border: #2c313c;
    --moim-text: #e6e8ee;
    --moim-muted: #9aa3b2;
    --moim-accent: #6ea8fe;
    --moim-accent-text: #0b1220;
    --moim-danger: #f26d6d;
    --moim-ok: #5fd39a;
    --moim-warn: #f2c46d;
    --moim-radius: 12px;
    --moim-radius-small: 8px;
    --moim-focus-ring: 0 0 0 3px rgba(110, 168, 254, 0.7);
    --moim-font:
      system-ui, -apple-system, 'Segoe UI', 'Apple SD Gothic Neo', 'Noto Sans KR', 'Malgun Gothic', sans-serif;
  }
  html,
  body {
    margin: 0;
    height: 100%;
    background: var(--moim-bg);
    color: var(--moim-text);
    font-family: var(--moim-font);
    font-size: 15px;
    line-height: 1.45;
  }
`;
