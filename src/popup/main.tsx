import { render } from 'preact';
import { App } from './App';
import { t, uiLanguage } from '../shared/i18n';

document.documentElement.lang = uiLanguage();
document.title = t('extName');
// Opened as a tab (not the toolbar popup): use the whole width for large portfolios.
if (new URLSearchParams(location.search).has('tab')) document.body.classList.add('tab');
render(<App />, document.getElementById('app') as HTMLElement);
