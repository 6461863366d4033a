// A machine where the sound card library (audify, an optional dependency) is missing or does not load: every
// way in says so in one line, and the rest of the app runs on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceError } from '../../../../src-main/ipc/dispatch.ts';
import type { AppServices } from '../../../../src-main/services/app-services.ts';
import { whyUnavailable } from '../../../../src-main/services/audio/rtaudio.ts';
import { makeServices } from '../../../support/services.ts';

const NOT_INSTALLED =
  /^the sound card is unavailable: its library \(audify\) is not installed; npm install builds it/;

describe('whyUnavailable', () => {
  it('says in one line that audify is not installed, and what building it needs', () => {
    const error = Object.assign(new Error("Cannot find module 'audify'\nRequire stack:\n- /app/rtaudio.js"), {
      code: 'MODULE_NOT_FOUND',
    });
    const why = whyUnavailable(error);
    expect(why).toMatch(NOT_INSTALLED);
    expect(why).toContain('cmake');
    expect(why).not.toContain('\n');
  });

  it('gives the first line of any other loading failure', () => {
    const missingLibrary = new Error(
      'libasound.so.2: cannot open shared object file: No such file or directory\n    at Module._extensions',
    );
    expect(whyUnavailable(missingLibrary)).toBe(
      'the sound card is unavailable: its library (audify) could not be loaded: ' +
        'libasound.so.2: cannot open shared object file: No such file or directory',
    );
    const missingDependency = Object.assign(new Error("Cannot find module 'bindings'\nRequire stack:\n- x"), {
      code: 'MODULE_NOT_FOUND',
    });
    expect(whyUnavailable(missingDependency)).toMatch(/could not be loaded: Cannot find module 'bindings'$/);
  });
});

describe('the app without audify', () => {
  let services: AppServices;
  let remove: () => Promise<void>;
  beforeAll(async () => {
    ({ services, remove } = await makeServices({
      audioWorker: new URL('../../../support/audio-worker-without-audify.ts', import.meta.url),
    }));
  });
  afterAll(async () => {
    await services.stop();
    await remove();
  });

  it('reports the missing library as the devices problem, refuses audio clearly and keeps running', async () => {
    const handlers = services.handlers();
    const context = { host: 'browser' } as const;
    const devices = await handlers['audio.devices'](null, context);
    expect(devices.inputs).toEqual([]);
    expect(devices.outputs).toEqual([]);
    expect(devices.problem).toMatch(NOT_INSTALLED);
    const monitor = handlers['audio.monitor']({ action: 'start', device: 'line in' }, context);
    await expect(monitor).rejects.toBeInstanceOf(ServiceError);
    await expect(monitor).rejects.toThrow(NOT_INSTALLED);
    // The audio worker and the rest of the app still answer.
    expect((await handlers['audio.devices'](null, context)).problem).toMatch(NOT_INSTALLED);
    expect((await handlers['app.info'](null, context)).version).toBe('0.0.0-test');
  });
});
