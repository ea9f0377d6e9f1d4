/**
 * The panel's entry point: theme and language first (they are read while rendering), then the
 * shell element.
 */
import { applyTheme, followParentTheme } from './theme.js';
import { detectLocale, setLocale } from './i18n/localize.js';
import './elements/alm-app.js';

applyTheme(document);
followParentTheme(window);
document.documentElement.lang = setLocale(detectLocale(window));
document.body.append(document.createElement('alm-app'));
