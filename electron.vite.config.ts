import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Plugin } from 'vite';
import { assembleLabMonitor } from './src-main/rom/lab-monitor.ts';
import { formatLabelFile, symbolLabels } from './src-main/core/inspector/labels.ts';

/**
 * Assembles our own monitor ROM with our assembler into out/rom/ as part of every build, and puts the cloud
 * driver's source beside it (the app and the CLI assemble the driver from it when asked for its tape).
 */
function labMonitorRom(): Plugin {
  return {
    name: 'lab-monitor-rom',
    closeBundle() {
      const build = assembleLabMonitor((name) => {
        try {
          return readFileSync(resolve('src-main/rom', name), 'utf8');
        } catch {
          return undefined;
        }
      });
      mkdirSync(resolve('out/rom'), { recursive: true });
      writeFileSync(resolve('out/rom/lab-monitor.bin'), build.rom);
      writeFileSync(resolve('out/rom/lab-monitor.lst'), build.listing);
      writeFileSync(resolve('out/rom/lab-monitor.labels'), formatLabelFile(symbolLabels(build.symbols)));
      writeFileSync(
        resolve('out/rom/cloud-driver.asm'),
        readFileSync(resolve('src-main/rom/cloud-driver.asm')),
      );
    },
  };
}

/**
 * Writes out/main/package.json marking the main side's files as ES modules, so the workers the packaged app
 * starts from app.asar.unpacked (outside the app's own package.json) load as modules there too.
 */
function moduleScope(): Plugin {
  return {
    name: 'module-scope',
    closeBundle() {
      writeFileSync(resolve('out/main/package.json'), '{ "type": "module" }\n');
    },
  };
}

export default defineConfig({
  main: {
    plugins: [labMonitorRom(), moduleScope()],
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve('src-main/app/main.ts'),
          web: resolve('src-main/web/main.ts'),
          cli: resolve('src-main/cli/main.ts'),
          'emulator-worker': resolve('src-main/services/emulator/emulator-worker.ts'),
          'tape-worker': resolve('src-main/services/tapes/tape-worker.ts'),
          'decode-worker': resolve('src-main/services/tapes/decode-worker.ts'),
          'audio-worker': resolve('src-main/services/audio/audio-worker.ts'),
          'library-worker': resolve('src-main/services/library/decode-worker.ts'),
          'farm-worker': resolve('src-main/services/farm/farm-thread.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rollupOptions: {
        input: { preload: resolve('src-main/app/preload.ts') },
        // A sandboxed preload must be a single CommonJS script.
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: 'src-renderer',
    plugins: [svelte({ configFile: resolve('svelte.config.js') })],
    build: {
      outDir: 'out/renderer',
      rollupOptions: { input: resolve('src-renderer/index.html') },
    },
  },
});
