/** Folders shipped with the app, found the same way from server/*.ts and from dist/*.js. */
import path from 'node:path';

export const APP_ROOT = path.resolve(__dirname, '..');
export const VIEWS_DIR = path.join(APP_ROOT, 'views');
export const PUBLIC_DIR = path.join(APP_ROOT, 'public');
