/** The sending side of the protocol for extension pages (popup); content scripts use content/connection.ts. */
import browser from 'webextension-polyfill';
import { unwrap, type MessageType, type RequestOf, type ResponseOf } from './protocol';

export async function send<K extends MessageType>(type: K, payload: RequestOf<K>): Promise<ResponseOf<K>> {
  return unwrap(type, await browser.runtime.sendMessage({ type, payload }));
}
