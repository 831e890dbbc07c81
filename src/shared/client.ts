/**
 * The sending side of the protocol (shared/protocol.ts), the one typed client every sender uses:
 * the popup, content scripts and the tests each give it their own transport (the polyfill, the
 * native namespace, a Playwright page, the background's dispatch). No valibot and no polyfill
 * here: the content script bundles this module.
 */
import type { MessageType, RequestOf, ResponseOf } from './protocol';

export interface ProtocolErrorBody {
  code: string;
  message: string;
  issues?: string[];
}

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ProtocolErrorBody };

/** Sent by the background (never requested): moves changed, re-read what you show. */
export interface ChangeNotice {
  type: 'moves/changed';
  customerIds: string[] | 'all';
}

export class ProtocolError extends Error {
  readonly code: string;
  readonly issues: string[];
  constructor(body: ProtocolErrorBody) {
    super(body.message);
    this.name = 'ProtocolError';
    this.code = body.code;
    this.issues = body.issues ?? [];
  }
}

/** A failure as the UI shows it: the message and, for a refused request, every issue listed. */
export interface ErrorInfo {
  message: string;
  issues?: string[];
  /** The background's error code (`quota`, `read-only`, …), when it gave one. */
  code?: string;
}

export function toErrorInfo(err: unknown): ErrorInfo {
  if (err instanceof ProtocolError) return { message: err.message, issues: err.issues, code: err.code };
  return { message: err instanceof Error ? err.message : String(err) };
}

export function isChangeNotice(value: unknown): value is ChangeNotice {
  return typeof value === 'object' && value !== null && 'type' in value && value.type === 'moves/changed';
}

function isEnvelope(value: unknown): value is Envelope<unknown> {
  return typeof value === 'object' && value !== null && 'ok' in value && typeof value.ok === 'boolean';
}

/** Carries one request to the background and brings back its reply envelope. */
export type Transport = <K extends MessageType>(message: { type: K; payload: RequestOf<K> }) => Promise<unknown>;

/** Typed send over `transport`: the reply's data, or a ProtocolError with the background's code and message. */
export type Send = <K extends MessageType>(type: K, payload: RequestOf<K>) => Promise<ResponseOf<K>>;

export function createClient(transport: Transport): Send {
  return async <K extends MessageType>(type: K, payload: RequestOf<K>): Promise<ResponseOf<K>> => {
    const reply = await transport({ type, payload });
    if (!isEnvelope(reply)) throw new ProtocolError({ code: 'no-reply', message: `The background did not answer ${type}.` });
    if (!reply.ok) throw new ProtocolError(reply.error);
    // The background answers each type from its handler, typed ResponseOf<K> (background/handlers.ts).
    const data: unknown = reply.data;
    return data as ResponseOf<K>;
  };
}
