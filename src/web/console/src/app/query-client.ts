import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api-error.js';

export const sessionKey = ['session'] as const;

/** One cache for the whole console. Client errors (4xx) are final; only network and server errors are retried. */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      // A refetch on focus would count as activity and keep an idle session alive.
      refetchOnWindowFocus: false,
      retry: (failures, error) =>
        !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failures < 2,
    },
    mutations: { retry: false },
  },
});
