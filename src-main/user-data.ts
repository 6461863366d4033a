import os from 'node:os';
import path from 'node:path';

/** The same folder Electron's app.getPath('userData') picks for this app, so both hosts share settings. */
export function defaultUserDataDir(appName = 'superboard-lab'): string {
  const home = os.homedir();
  if (process.platform === 'win32')
    return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), appName);
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', appName);
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), appName);
}
