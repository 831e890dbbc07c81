// Unit tests run extension code against @webext-core/fake-browser (in-memory storage, alarms,
// messaging) instead of a hand-made mock; vitest aliases 'webextension-polyfill' to this module.
import { fakeBrowser } from '@webext-core/fake-browser';

export default fakeBrowser;
