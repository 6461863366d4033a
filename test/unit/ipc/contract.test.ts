import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  EVENT_NAMES,
  REQUEST_METHODS,
  SettingsPatchSchema,
  SettingsSchema,
  isEventName,
  isRequestMethod,
  requests,
  validateEvent,
} from '../../../src-main/ipc/contract.ts';

describe('IPC contract', () => {
  it('lists every request method and event once', () => {
    expect(REQUEST_METHODS).toEqual(
      expect.arrayContaining([
        'app.info',
        'settings.get',
        'settings.set',
        'files.openDialog',
        'files.describe',
      ]),
    );
    expect(REQUEST_METHODS).toEqual(
      expect.arrayContaining(['machine.status', 'machine.key', 'machine.setRoms']),
    );
    expect(EVENT_NAMES).toEqual(
      expect.arrayContaining(['settings.changed', 'machine.frame', 'machine.status']),
    );
    expect(REQUEST_METHODS).toEqual(
      expect.arrayContaining(['tape.open', 'tape.peaks', 'tape.annotations', 'tape.content', 'tape.export']),
    );
    expect(REQUEST_METHODS).toEqual(expect.arrayContaining(['machine.tapePlay', 'machine.tapeRecord']));
    expect(EVENT_NAMES).toEqual(expect.arrayContaining(['tape.progress', 'tape.analyzed', 'tape.failed']));
    expect(new Set(REQUEST_METHODS).size).toBe(REQUEST_METHODS.length);
  });

  it('recognises method and event names without trusting prototype keys', () => {
    expect(isRequestMethod('settings.get')).toBe(true);
    expect(isRequestMethod('toString')).toBe(false);
    expect(isRequestMethod('__proto__')).toBe(false);
    expect(isRequestMethod(42)).toBe(false);
    expect(isEventName('settings.changed')).toBe(true);
    expect(isEventName('constructor')).toBe(false);
  });

  it('accepts the default settings and rejects out-of-range values', () => {
    expect(v.safeParse(SettingsSchema, DEFAULT_SETTINGS).success).toBe(true);
    const bad = { ...DEFAULT_SETTINGS, screen: { crop: false, scale: 9 } };
    expect(v.safeParse(SettingsSchema, bad).success).toBe(false);
  });

  it('takes partial settings patches but no unknown keys', () => {
    expect(v.safeParse(SettingsPatchSchema, { screen: { crop: true } }).success).toBe(true);
    expect(v.safeParse(SettingsPatchSchema, {}).success).toBe(true);
    expect(v.safeParse(SettingsPatchSchema, { screen: { colour: 'red' } }).success).toBe(false);
    expect(v.safeParse(SettingsPatchSchema, { extra: 1 }).success).toBe(false);
    expect(v.safeParse(SettingsPatchSchema, { machine: { ramKb: 5 } }).success).toBe(false);
  });

  it('accepts no payload for methods without input, and nothing else', () => {
    const input = requests['app.info'].input;
    expect(v.safeParse(input, undefined).success).toBe(true);
    expect(v.safeParse(input, null).success).toBe(true);
    expect(v.safeParse(input, {}).success).toBe(true);
    expect(v.safeParse(input, { surprise: true }).success).toBe(false);
    expect(v.safeParse(input, 'text').success).toBe(false);
  });

  it('only accepts file ids of the shape the registry hands out', () => {
    const input = requests['files.describe'].input;
    expect(v.safeParse(input, { fileId: '1b4e28ba-2fa1-11d2-883f-0016d3cca427' }).success).toBe(true);
    expect(v.safeParse(input, { fileId: '../../etc/passwd' }).success).toBe(false);
    expect(v.safeParse(input, { fileId: '' }).success).toBe(false);
  });

  it('validates event payloads and explains failures', () => {
    expect(validateEvent('settings.changed', DEFAULT_SETTINGS).ok).toBe(true);
    const result = validateEvent('settings.changed', { screen: {} });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/screen|layout|machine/);
  });
});
