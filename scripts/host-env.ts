// The environment the app's processes start with (npm start, npm run web, and the tests that start the
// built browser host the same way).

/**
 * An upload arrives in the browser host as socket reads of up to 64 KiB, each its own allocation, and they
 * are freed only when the JavaScript garbage collector gets to them, tens of megabytes at a time: in glibc's
 * main heap, which is only given back from its top, that left 30-50 MB after each hour of upload. Mapping
 * blocks of 64 KiB and more on their own (`mmap_threshold`, fixed, so glibc does not raise it as blocks are
 * freed) gives each back when it is freed, for about 0.3 s of CPU per hour of upload; `trim_threshold` gives
 * back the heap's free top at 128 KiB. A tape's analysis needs neither: it runs in a process of its own,
 * whose memory all goes back when the tape closes (so the packaged desktop app, which reads tapes where they
 * are and does not get this variable, does not need it). Other C libraries ignore the variable.
 */
const MALLOC_TUNABLES = 'glibc.malloc.mmap_threshold=65536:glibc.malloc.trim_threshold=131072';

export function hostEnvironment(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const tunables = env.GLIBC_TUNABLES ? `${env.GLIBC_TUNABLES}:${MALLOC_TUNABLES}` : MALLOC_TUNABLES;
  return { ...env, GLIBC_TUNABLES: tunables };
}
