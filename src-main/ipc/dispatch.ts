import * as v from 'valibot';
import { describeIssues, isRequestMethod, requests, type ErrorCode, type IpcResult } from './contract.ts';

/** An error a service raises on purpose; its message is meant for the user. */
export class ServiceError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'ServiceError';
    this.code = code;
  }
}

/** What a host passes to handlers: which host it is, for the few methods that differ. */
export interface CallContext {
  host: 'electron' | 'browser';
}

type RequestSpecs = Record<string, { input: v.GenericSchema; output: v.GenericSchema }>;

/** The handlers of one section of the contract (a service implements the section it owns). */
export type SectionHandlers<S extends RequestSpecs> = {
  [M in keyof S]: (
    input: v.InferOutput<S[M]['input']>,
    context: CallContext,
  ) => Promise<v.InferOutput<S[M]['output']>>;
};

export type Handlers = SectionHandlers<typeof requests>;

export type Logger = (message: string, error?: unknown) => void;

/**
 * Validates one request from an untrusted renderer and runs it. Never throws: unknown methods, invalid
 * payloads and handler failures all come back as an error result.
 */
export async function dispatch(
  handlers: Handlers,
  method: unknown,
  payload: unknown,
  context: CallContext,
  log: Logger = () => {},
): Promise<IpcResult<unknown>> {
  if (!isRequestMethod(method)) {
    const shown = typeof method === 'string' ? `'${method.slice(0, 80)}'` : `a ${typeof method}`;
    return { ok: false, error: { code: 'unknown-method', message: `Unknown method ${shown}.` } };
  }
  const spec = requests[method];
  const parsed = v.safeParse(spec.input, payload);
  if (!parsed.success) {
    return {
      ok: false,
      error: { code: 'bad-request', message: `Invalid ${method} request: ${describeIssues(parsed.issues)}` },
    };
  }
  try {
    const handler = handlers[method] as (input: unknown, context: CallContext) => Promise<unknown>;
    const value = await handler(parsed.output, context);
    const checked = v.safeParse(spec.output, value);
    if (!checked.success) {
      log(`${method} returned a value outside the contract: ${describeIssues(checked.issues)}`);
      return { ok: false, error: { code: 'internal', message: `${method} failed inside the app.` } };
    }
    return { ok: true, value: checked.output };
  } catch (error) {
    if (error instanceof ServiceError)
      return { ok: false, error: { code: error.code, message: error.message } };
    log(`${method} failed`, error);
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { code: 'internal', message: `${method} failed: ${detail}` } };
  }
}
