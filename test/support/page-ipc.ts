import type { Page } from 'playwright-core';

/** Sends one request over a fresh WebSocket from inside the page (with the page's token) and returns the result. */
export function requestFromPage(page: Page, method: string, payload: unknown): Promise<unknown> {
  return page.evaluate(
    async ([method, payload]) => {
      const token = sessionStorage.getItem('superboard-token');
      const ws = new WebSocket(`ws://${location.host}/ipc?token=${token}`);
      await new Promise((resolve) => ws.addEventListener('open', resolve));
      const reply = new Promise<unknown>((resolve) =>
        ws.addEventListener('message', (event) => {
          const message = JSON.parse(String(event.data));
          if (message.type === 'response' && message.id === 1) resolve(message.result);
        }),
      );
      ws.send(JSON.stringify({ id: 1, method, payload }));
      const result = await reply;
      ws.close();
      return result;
    },
    [method, payload] as const,
  );
}
