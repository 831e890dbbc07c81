import { render } from 'preact';
import { App } from './App';
import { t, uiLanguage } from '../shared/i18n';
import { MOVE_EXTRAS_CSS } from '../shared/move-extras-css';

document.documentElement.lang = uiLanguage();
document.title = t('extName');
// The move view's timeline, reminders and messages: the styles the overlay uses too.
document.head.append(Object.assign(document.createElement('style'), { textContent: MOVE_EXTRAS_CSS }));
// Opened as a tab (not the toolbar popup): use the whole width for large portfolios.
if (new URLSearchParams(location.search).has('tab')) document.body.classList.add('tab');
render(<App />, document.getElementById('app') as HTMLElement);
