// Test helpers for the soft-modem: a TCP client for its bridge, and the echo loop a simulated board runs in
// terminal mode.
import net from 'node:net';
import { assembleOrThrow } from './assemble.ts';

/** Connects, sends `text`, and collects what comes back until it contains `until` (or the time is up). */
export function talk(port: number, text: string, until: string, ms: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let received = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no '${until}' from the bridge; it sent ${JSON.stringify(received)}`));
    }, ms);
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      if (received.includes(until)) {
        clearTimeout(timer);
        socket.destroy();
        resolve(received);
      }
    });
    socket.on('connect', () => socket.write(text));
    socket.on('error', () => {});
  });
}

/**
 * At $0300: starts a fresh line (what the monitor printed before, such as its display of the flags typed in,
 * stays on a line of its own), then echoes every character it reads ($FFEB) through the output routine
 * ($FFEE), a CR followed by LF as BASIC does; with `swap`, one character comes back as another (a difference
 * made on purpose).
 */
export function echoProgram(swap?: { from: string; to: string }): Uint8Array {
  const replace = swap ? `cmp #'${swap.from}'\n bne put\n lda #'${swap.to}'\nput:` : '';
  return assembleOrThrow(`
      .org $0300
        lda #13
        jsr $FFEE
        lda #10
        jsr $FFEE
      loop:
        jsr $FFEB
        ${replace}
        jsr $FFEE
        cmp #13
        bne loop
        lda #10
        jsr $FFEE
        jmp loop
  `).image;
}
