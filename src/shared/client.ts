/** The sending side of the protocol, for content scripts and extension pages. */
import browser from 'webextension-polyfill';
import { ProtocolError, type Envelope, type MessageType, type RequestOf, type ResponseOf } from './protocol';

export async function send<K extends MessageType>(type: K, payload: RequestOf<K>): Promise<ResponseOf<K>> {
  const reply = (await browser.runtime.sendMessage({ type, payload })) as Envelope<ResponseOf<K>> | undefined;
  if (!reply) throw new ProtocolError({ code: 'no-reply', message: `The background did not answer ${type}.` });
  if (!reply.ok) throw new ProtocolError(reply.error);
  return reply.data;
}
