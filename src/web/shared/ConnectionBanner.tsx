import { useConnectionLost } from './connection.js';

/**
 * A strip at the top of the screen while the server cannot be reached ("暂时无法连接，请稍后重试").
 * It lets clicks through (nothing under it is blocked) and goes by itself when the server is back;
 * forms keep what was typed, so the user only sends again.
 */
export function ConnectionBanner({ text }: { text: string }) {
  if (!useConnectionLost()) return null;
  return (
    <div
      role="alert"
      data-testid="connection-lost"
      style={{
        position: 'fixed',
        top: 0,
        left: 0,
        right: 0,
        zIndex: 3000,
        pointerEvents: 'none',
        padding: '8px 12px',
        textAlign: 'center',
        background: '#fff7e6',
        borderBottom: '1px solid #ffd591',
        color: '#873800',
        fontSize: 'inherit',
        lineHeight: 1.5,
      }}
    >
      {text}
    </div>
  );
}
