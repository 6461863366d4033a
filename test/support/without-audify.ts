// Loaded with `node --import` (worker threads inherit it) or imported first by a worker: that thread behaves as
// on a machine where audify is not installed (an optional dependency whose build failed), while
// node_modules stays as it is.
import { registerHooks } from 'node:module';

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier === 'audify') {
      throw Object.assign(
        new Error(`Cannot find module 'audify'\nRequire stack:\n- ${context.parentURL ?? ''}`),
        {
          code: 'MODULE_NOT_FOUND',
        },
      );
    }
    return nextResolve(specifier, context);
  },
});
