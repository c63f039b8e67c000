import { QueryClient, QueryClientProvider, useMutation, useQuery, useQueryClient, type UseQueryOptions } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { api, ApiError } from './api.ts';

/**
 * Data fetching through TanStack Query: one cache for the whole app, keyed by the API path. A change names the
 * paths it touches (`invalidates`), and every list or detail under those paths is fetched again.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Personal data is not kept around: a page fetches fresh when it opens, and the cache forgets soon after.
      staleTime: 0,
      gcTime: 60_000,
      refetchOnWindowFocus: false,
      retry: (failures, error) => !(error instanceof ApiError && error.problem.status < 500) && failures < 2,
    },
    mutations: { retry: false },
  },
});

export function QueryProvider({ children }: { children: ReactNode }) {
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}

/** The key of a GET: its path with the query string, so that `invalidates: ['/signals/cases']` reaches it. */
const keyOf = (url: string) => ['api', url] as const;

/**
 * GETs `url` (below /api/v1) and keeps the answer in the cache; `null` waits (nothing to fetch yet).
 * `data` is undefined while loading; `error` is the API's problem.
 */
export function useApi<T>(url: string | null, options: Omit<UseQueryOptions<T, Error, T, readonly unknown[]>, 'queryKey' | 'queryFn'> = {}) {
  const result = useQuery<T, Error, T, readonly unknown[]>({
    queryKey: keyOf(url ?? ''),
    queryFn: () => api<T>('GET', url!),
    enabled: url !== null && (options.enabled ?? true),
    ...options,
  });
  return { ...result, loading: result.isPending && url !== null, reload: () => void result.refetch() };
}

/** Forgets and re-fetches every GET whose path starts with one of `prefixes`. */
export function invalidate(prefixes: readonly string[]): Promise<void> {
  return queryClient.invalidateQueries({
    predicate: (q) => {
      const url = q.queryKey[1];
      return (
        q.queryKey[0] === 'api' &&
        typeof url === 'string' &&
        prefixes.some((p) => url === p || url.startsWith(p.endsWith('/') ? p : `${p}/`) || url.startsWith(`${p}?`))
      );
    },
  });
}

/**
 * A change (POST, PUT, PATCH, DELETE). After success, every GET under `invalidates` is fetched again, so what the
 * change touched is shown fresh. `error` holds the API's problem for `FormErrors`.
 */
export function useApiMutation<TBody = unknown, TResult = unknown>(
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string | ((body: TBody) => string),
  { invalidates = [], onSuccess }: { invalidates?: readonly string[]; onSuccess?: (result: TResult, body: TBody) => void } = {},
) {
  const client = useQueryClient();
  void client;
  return useMutation<TResult, Error, TBody>({
    mutationFn: (body) => api<TResult>(method, typeof url === 'function' ? url(body) : url, body === undefined ? undefined : body),
    onSuccess: async (result, body) => {
      await invalidate(invalidates);
      onSuccess?.(result, body);
    },
  });
}
