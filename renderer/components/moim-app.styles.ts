import { css } from 'lit';

/** The app shell's layout: header, connection banner, and the view filling the rest of the window. */
export const moimAppStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    height: 100vh;
    height: 100dvh;
  }
  .banner {
    display: flex;
    align-items: center;
    gap: 12px;
    margin: 10px 20px 0;
  }
  .banner button {
    margin-left: auto;
    min-height: 32px;
  }
  main {
    flex: 1;
    min-height: 0;
    overflow: auto;
  }
  main.room {
    overflow: hidden;
  }
`;
