// Session state: who is logged in, the CSRF token, and the actions that change them.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, isApiError, setCsrfToken, setUnauthorizedHandler } from './api.ts';
import type { Session, User } from './types.ts';

interface AuthState {
  /** undefined while the initial /api/auth/me probe runs. */
  user: User | null | undefined;
  /** Set when the probe failed for another reason than 401 (server down). */
  probeError: unknown;
  login: (username: string, password: string) => Promise<User>;
  logout: () => Promise<void>;
  changePassword: (currentPassword: string, newPassword: string) => Promise<User>;
  reload: () => Promise<void>;
  /** Forget the session locally (after a 401). */
  clear: () => void;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [probeError, setProbeError] = useState<unknown>(null);

  const clear = useCallback(() => {
    setCsrfToken(null);
    setUser(null);
  }, []);

  const reload = useCallback(async () => {
    setProbeError(null);
    try {
      const s = await api.get<Session>('/api/auth/me', undefined, { skipAuthRedirect: true });
      setCsrfToken(s.csrfToken);
      setUser(s.user);
    } catch (e) {
      setCsrfToken(null);
      setUser(null);
      if (!isApiError(e) || e.status !== 401) setProbeError(e);
    }
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  useEffect(() => {
    setUnauthorizedHandler(() => clear());
    return () => setUnauthorizedHandler(null);
  }, [clear]);

  const login = useCallback(async (username: string, password: string) => {
    const s = await api.post<Session>('/api/auth/login', { username, password }, { skipAuthRedirect: true });
    setCsrfToken(s.csrfToken);
    setProbeError(null);
    setUser(s.user);
    return s.user;
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.post<void>('/api/auth/logout', undefined, { skipAuthRedirect: true });
    } finally {
      clear();
    }
  }, [clear]);

  const changePassword = useCallback(async (currentPassword: string, newPassword: string) => {
    const res = await api.post<{ user: User; csrfToken?: string }>('/api/auth/password', {
      currentPassword,
      newPassword,
    });
    if (res.csrfToken) setCsrfToken(res.csrfToken);
    setUser(res.user);
    return res.user;
  }, []);

  const value = useMemo<AuthState>(
    () => ({ user, probeError, login, logout, changePassword, reload, clear }),
    [user, probeError, login, logout, changePassword, reload, clear],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

/** The logged-in user; only use below RequireAuth. */
export function useCurrentUser(): User {
  const { user } = useAuth();
  if (!user) throw new Error('useCurrentUser without a session');
  return user;
}
