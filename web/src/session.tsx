import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import type { sessionView } from '../../src/platform/contract-platform.ts';
import type { Json } from '../../src/platform/contract.ts';
import { api, ApiError, setCsrfToken } from './api.ts';

type SessionResponse = Json<typeof sessionView>;
export type SessionUser = NonNullable<SessionResponse['user']>;

interface SessionState {
  user: SessionUser | null;
  /** The session's form code, for the server-rendered logout form (POST /uitloggen). */
  csrfToken: string | null;
  permissions: string[];
  loading: boolean;
  logout: () => Promise<void>;
  can: (permission: string) => boolean;
}

const SessionContext = createContext<SessionState | null>(null);

/**
 * The logged-in staff member, for the staff pages. Logging in happens on the server-rendered page /login (it works
 * without JavaScript); this only reads the session and ends it.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<SessionResponse | null>(null);
  const [loading, setLoading] = useState(true);

  const apply = useCallback((s: SessionResponse | null) => {
    setSession(s);
    setCsrfToken(s?.csrfToken ?? null);
  }, []);

  useEffect(() => {
    api<SessionResponse>('GET', '/session')
      .then(apply)
      .catch((e: unknown) => {
        if (!(e instanceof ApiError && e.problem.status === 401)) console.warn('sessie niet geladen');
        apply(null);
      })
      .finally(() => setLoading(false));
  }, [apply]);

  const logout = useCallback(async () => {
    await api('DELETE', '/session').catch(() => undefined);
    apply(null);
  }, [apply]);
  const permissions = session?.permissions ?? [];
  const can = useCallback((permission: string) => (session?.permissions ?? []).includes(permission), [session]);

  return (
    <SessionContext.Provider value={{ user: session?.user ?? null, csrfToken: session?.csrfToken ?? null, permissions, loading, logout, can }}>
      {children}
    </SessionContext.Provider>
  );
}

export function useSession(): SessionState {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
