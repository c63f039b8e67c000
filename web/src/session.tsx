import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, ApiError, setCsrfToken } from './api.ts';

export interface SessionUser {
  id: string;
  displayName: string;
  organisationId: string;
  organisationKind: string;
  roles: string[];
  municipalities: string[];
}

interface SessionState {
  user: SessionUser | null;
  permissions: string[];
  loading: boolean;
  login: (email: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
  can: (permission: string) => boolean;
}

const SessionContext = createContext<SessionState | null>(null);

interface SessionResponse {
  user: SessionUser | null;
  csrfToken: string | null;
  permissions: string[];
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<SessionUser | null>(null);
  const [permissions, setPermissions] = useState<string[]>([]);
  const [loading, setLoading] = useState(true);

  const apply = (s: SessionResponse | null) => {
    setUser(s?.user ?? null);
    setPermissions(s?.permissions ?? []);
    setCsrfToken(s?.csrfToken ?? null);
  };

  useEffect(() => {
    api<SessionResponse>('GET', '/session')
      .then(apply)
      .catch((e: unknown) => {
        if (!(e instanceof ApiError && e.problem.status === 401)) console.warn('sessie niet geladen');
        apply(null);
      })
      .finally(() => setLoading(false));
  }, []);

  const login = useCallback(async (email: string, password: string) => {
    apply(await api<SessionResponse>('POST', '/session', { email, password }));
  }, []);
  const logout = useCallback(async () => {
    await api('DELETE', '/session').catch(() => undefined);
    apply(null);
  }, []);
  const can = useCallback((permission: string) => permissions.includes(permission), [permissions]);

  return <SessionContext.Provider value={{ user, permissions, loading, login, logout, can }}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
