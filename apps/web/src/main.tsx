import { createClient } from '@carhub/sdk';
import { CarhubProvider } from '@carhub/sdk/react';
import { QueryClient } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Toaster } from 'sonner';
import { router } from './app/router';
import './styles.css';

// Same origin as the API: the browser sends the HttpOnly session cookie by itself; no token is kept in script.
const client = createClient({ url: window.location.origin, credentials: 'same-origin' });
const queryClient = new QueryClient({
  defaultOptions: { queries: { staleTime: 15_000, refetchOnWindowFocus: false } },
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <CarhubProvider client={client} queryClient={queryClient}>
      <RouterProvider router={router} />
      <Toaster position="top-center" closeButton />
    </CarhubProvider>
  </StrictMode>,
);
