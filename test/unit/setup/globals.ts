// Code that uses the native namespace (shared/native.ts) finds the same fake as the polyfill import.
import { fakeBrowser } from '@webext-core/fake-browser';

(globalThis as { browser?: unknown }).browser = fakeBrowser;
