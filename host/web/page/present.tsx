/** The media window's page (/present?date=D): the store started, the window rendered into the body. */
import './present.css';
import { render } from 'preact';
import { PresentWindow } from './present/window.js';
import { startStore } from './store.js';

const date = document.querySelector<HTMLMetaElement>('meta[name="present-date"]')?.content ?? '';

startStore();
render(<PresentWindow date={date} />, document.body);
