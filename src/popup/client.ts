/** The popup's sender: the shared typed client over the polyfill's runtime messaging. */
import browser from 'webextension-polyfill';
import { createClient } from '../shared/client';

export const send = createClient((message) => browser.runtime.sendMessage(message));
