import { useState } from 'react';
import { RouterProvider } from 'react-router';
import { AppProviders } from './AppProviders.js';
import { PrefsProvider } from './PrefsProvider.js';
import { createRouter } from './routes.js';
import './responsive.css';

export function App() {
  const [router] = useState(createRouter);
  return (
    <PrefsProvider>
      <AppProviders>
        <RouterProvider router={router} />
      </AppProviders>
    </PrefsProvider>
  );
}
