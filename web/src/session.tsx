// Who is logged in: GET /api/session once at start, login, forced password change, logout.
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, ApiError, setAuthLostHandler, setCsrfToken } from './api.ts';

export interface SessionUser {
  personId: string;
  login: string;
  name: string;
  roles: string[];
  agencyId: string;
  agencyName: string;
  mustChangePassword: boolean;
}

interface SessionState {
  user: SessionUser | null;
  loading: boolean;
  login(login: string, password: string): Promise<void>;
  logout(): Promise<void>;
  changePassword(currentPassword: string, newPassword: string): Promise<void>;
  hasRole(...roles: string[]): boolean;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<SessionUser | null>(null);
  const [loading, setLoading] = useState(true);

  const refresh = useCallback(async () => {
    try {
      const s = await api<{ user: SessionUser; csrfToken: string }>('GET', '/api/session');
      setCsrfToken(s.csrfToken);
      setUser(s.user);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      setCsrfToken(null);
      setUser(null);
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    setAuthLostHandler(() => void refresh());
    void refresh();
  }, [refresh]);

  const value: SessionState = {
    user,
    loading,
    async login(login, password) {
      await api('POST', '/api/session', { login, password });
      await refresh();
    },
    async logout() {
      try {
        await api('DELETE', '/api/session');
      } finally {
        setCsrfToken(null);
        setUser(null);
      }
    },
    async changePassword(currentPassword, newPassword) {
      await api('POST', '/api/session/password', { currentPassword, newPassword });
      await refresh();
    },
    hasRole: (...roles) => Boolean(user && roles.some((r) => user.roles.includes(r))),
  };
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}
