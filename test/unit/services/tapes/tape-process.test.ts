// How a tape process is started: plain Node from the Node hosts, the Electron binary run as Node from the
// desktop app (electron itself is not loaded: the host's versions say which it is).
import { describe, expect, it } from 'vitest';
import { tapeProcessLaunch } from '../../../../src-main/services/tapes/tape-process.ts';

describe('tapeProcessLaunch', () => {
  it('runs the script with the same Node, without the host command line options', () => {
    const launch = tapeProcessLaunch({
      execPath: '/usr/local/bin/node',
      versions: { ...process.versions },
      env: { PATH: '/usr/bin' },
    });
    expect(launch).toEqual({ execPath: '/usr/local/bin/node', execArgv: [], env: { PATH: '/usr/bin' } });
  });

  it("leaves out the host's glibc thresholds and keeps any other tunable", () => {
    const host = { execPath: '/usr/local/bin/node', versions: { ...process.versions } };
    const ours = 'glibc.malloc.mmap_threshold=65536:glibc.malloc.trim_threshold=131072';
    expect(tapeProcessLaunch({ ...host, env: { GLIBC_TUNABLES: ours } }).env).toEqual({});
    expect(
      tapeProcessLaunch({ ...host, env: { GLIBC_TUNABLES: `glibc.malloc.arena_max=2:${ours}` } }).env,
    ).toEqual({ GLIBC_TUNABLES: 'glibc.malloc.arena_max=2' });
  });

  it('runs the Electron binary as Node in the desktop app, leaving the host environment as it was', () => {
    const env = { PATH: '/usr/bin' };
    const launch = tapeProcessLaunch({
      execPath: '/opt/Superboard Lab/superboard-lab',
      versions: { ...process.versions, electron: '45.5.0' },
      env,
    });
    expect(launch.execPath).toBe('/opt/Superboard Lab/superboard-lab');
    expect(launch.execArgv).toEqual([]);
    expect(launch.env).toEqual({ PATH: '/usr/bin', ELECTRON_RUN_AS_NODE: '1' });
    expect(env).toEqual({ PATH: '/usr/bin' });
  });
});
