import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { hostToken } from './api/token';
import { NeedsToken } from './features/layout/NeedsToken';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element.');
createRoot(root).render(<StrictMode>{window.frontierSos || hostToken() ? <App /> : <NeedsToken />}</StrictMode>);
