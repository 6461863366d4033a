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

/** One byte of the emulated machine's memory, read with the side-effect-free `machine.peek`. */
export async function peekFromPage(page: Page, address: number): Promise<number> {
  const result = (await requestFromPage(page, 'machine.peek', { start: address, length: 1 })) as {
    ok: boolean;
    value?: { bytes: string };
    error?: { message: string };
  };
  if (!result.ok || !result.value)
    throw new Error(`machine.peek failed: ${result.error?.message ?? 'no value'}`);
  return Buffer.from(result.value.bytes, 'base64')[0]!;
}
