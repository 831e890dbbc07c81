/** The one typed client: what it sends, what it returns, and how a refusal or silence reaches the UI. */
import { describe, expect, it } from 'vitest';
import { createClient, ProtocolError, toErrorInfo } from '../../../src/shared/client';

describe('createClient', () => {
  it('sends {type, payload} and returns the reply’s data', async () => {
    const sent: unknown[] = [];
    const send = createClient(async (message) => {
      sent.push(message);
      return { ok: true, data: { ok: true } };
    });
    await expect(send('tab/watch', {})).resolves.toEqual({ ok: true });
    expect(sent).toEqual([{ type: 'tab/watch', payload: {} }]);
  });

  it('throws the background’s refusal as a ProtocolError with its code and issues', async () => {
    const send = createClient(async () => ({ ok: false, error: { code: 'bad-request', message: 'Invalid', issues: ['customerId: must be a GUID'] } }));
    const err = await send('moves/get', { customerId: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProtocolError);
    expect(err).toMatchObject({ code: 'bad-request', message: 'Invalid', issues: ['customerId: must be a GUID'] });
    expect(toErrorInfo(err)).toEqual({ message: 'Invalid', issues: ['customerId: must be a GUID'], code: 'bad-request' });
  });

  it.each([undefined, null, 'ok', { data: 1 }])('says so when the background gives no envelope (%s)', async (reply) => {
    const send = createClient(async () => reply);
    await expect(send('status/get', {})).rejects.toMatchObject({ code: 'no-reply', message: 'The background did not answer status/get.' });
  });

  it('shows any other failure by its message', () => {
    expect(toErrorInfo(new Error('orphaned'))).toEqual({ message: 'orphaned' });
    expect(toErrorInfo('plain')).toEqual({ message: 'plain' });
  });
});
