import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { hostToken } from './api/token';
import { NeedsToken } from './features/layout/NeedsToken';
import { startLiveUpdates } from './state/store';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element.');
const canReachHost = Boolean(window.frontierSos || hostToken());
// The stream, and the state load behind it, start before React's first render: with a long
// queue the state is megabytes, and it is on its way while the page sets up.
if (canReachHost) startLiveUpdates();
createRoot(root).render(<StrictMode>{canReachHost ? <App /> : <NeedsToken />}</StrictMode>);
