import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    reporters: ['default', './test/support/summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
          exclude: ['test/integration/audio-*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
        },
      },
      {
        // Real-time audio through PulseAudio null sinks: one file at a time, so two loopbacks never compete
        // for the CPU they need to keep their sound going. A loopback that a starved machine (2 cores shared
        // by many jobs) broke with a gap is run once more; a real fault fails both times.
        test: {
          name: 'audio',
          include: ['test/integration/audio-*.test.ts'],
          environment: 'node',
          testTimeout: 90_000,
          fileParallelism: false,
          retry: 1,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
