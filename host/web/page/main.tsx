/** The host's page: the store started, the shell rendered into #app. */
import './styles/index.css';
import { render } from 'preact';
import { Shell } from './shell.js';
import { startStore } from './store.js';

startStore();
render(<Shell />, document.getElementById('app') ?? document.body);
