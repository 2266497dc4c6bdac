import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.js';
import { keepDialogsOnDropdownEscape } from './app/dropdown-escape.js';

// Before any dialog adds its own Escape listener.
keepDialogsOnDropdownEscape();

const container = document.getElementById('root');
if (!container) throw new Error('The page has no #root element');
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
