// The environment the app's processes start with (npm start, npm run web, and the tests that start the
// built browser host the same way).

/**
 * glibc's allocator keeps what worker threads free (a tape's decoding) for reuse instead of giving it back,
 * and raises its threshold for mapping large blocks each time one is freed, so after an hour-long tape the
 * host held 100-200 MB it no longer used. A fixed threshold of 128 KiB (glibc's own starting value) and
 * trimming above it let closed tapes give their memory back. Other C libraries ignore the variable.
 */
const MALLOC_TUNABLES = 'glibc.malloc.mmap_threshold=131072:glibc.malloc.trim_threshold=131072';

export function hostEnvironment(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const tunables = env.GLIBC_TUNABLES ? `${env.GLIBC_TUNABLES}:${MALLOC_TUNABLES}` : MALLOC_TUNABLES;
  return { ...env, GLIBC_TUNABLES: tunables };
}
