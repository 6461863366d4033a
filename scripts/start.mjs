// npm start: build, then open the Electron app; where the Electron runtime cannot be had (as on offline
// machines), say so in one line and start the browser host instead. `npm run web` asks for the browser host.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hostEnvironment } from './host-env.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const wantWeb = args.includes('--web');
const passThrough = args.filter((a) => a !== '--web');

function run(command, commandArgs, options = {}) {
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', ...options });
  return result.status ?? 1;
}

if (
  run(process.execPath, [path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build']) !== 0
) {
  console.error('superboard-lab: the build failed; see above.');
  process.exit(1);
}

/** The Electron binary's path, downloading it once if npm skipped Electron's install script. */
function electronBinary() {
  const pathFile = path.join(root, 'node_modules/electron/path.txt');
  if (!existsSync(pathFile)) {
    const installer = path.join(root, 'node_modules/electron/install.js');
    if (!existsSync(installer)) return { error: 'the electron package is not installed' };
    const status = run(process.execPath, [installer], { stdio: 'ignore', timeout: 120_000 });
    if (status !== 0 || !existsSync(pathFile)) return { error: 'its runtime could not be downloaded' };
  }
  try {
    const binary = require('electron');
    return existsSync(binary) ? { binary } : { error: `its runtime is missing at ${binary}` };
  } catch (error) {
    return { error: error.message.split('\n')[0] };
  }
}

function forward(child) {
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(signal ? 0 : (code ?? 0)));
}

if (!wantWeb) {
  const electron = electronBinary();
  if (electron.binary) {
    forward(
      spawn(electron.binary, ['.', ...passThrough], { cwd: root, stdio: 'inherit', env: hostEnvironment() }),
    );
  } else {
    console.log(`Electron is not available here (${electron.error}); starting the browser host instead.`);
  }
  if (electron.binary) process.exitCode = 0;
  else startWeb();
} else {
  startWeb();
}

function startWeb() {
  forward(
    spawn(process.execPath, [path.join(root, 'out/main/web.js'), ...passThrough], {
      cwd: root,
      stdio: 'inherit',
      env: hostEnvironment(),
    }),
  );
}
