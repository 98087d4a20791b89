// Session state: who is logged in, the CSRF token, and the actions that change them.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, isApiError, setCsrfToken, setUnauthorizedHandler } from './api.ts';
import { can as canDo, type Capability } from './permissions.ts';
import type { Session, User } from './types.ts';

interface AuthState {
  /** undefined while the initial /api/auth/me probe runs. */
  user: User | null | undefined;
  /** Permissions of the user's role as the server reports them (null until known). */
  permissions: string[] | null;
  /** Whether the user may do this (follows the server's permissions). */
  can: (capability: Capability) => boolean;
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
  const [permissions, setPermissions] = useState<string[] | null>(null);

  const clear = useCallback(() => {
    setCsrfToken(null);
    setPermissions(null);
    setUser(null);
  }, []);

  const reload = useCallback(async () => {
    setProbeError(null);
    try {
      const s = await api.get<Session & { permissions?: string[] }>('/api/auth/me', undefined, { skipAuthRedirect: true });
      if (s.csrfToken) setCsrfToken(s.csrfToken);
      setPermissions(Array.isArray(s.permissions) ? s.permissions : null);
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

  /** Login answers without permissions: ask /api/auth/me for them. */
  const refreshPermissions = useCallback(async () => {
    try {
      const s = await api.get<{ permissions?: string[] }>('/api/auth/me', undefined, { skipAuthRedirect: true });
      if (Array.isArray(s.permissions)) setPermissions(s.permissions);
    } catch {
      // keep the fallback table
    }
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    const s = await api.post<Session>('/api/auth/login', { username, password }, { skipAuthRedirect: true });
    setCsrfToken(s.csrfToken);
    setProbeError(null);
    setPermissions(null);
    setUser(s.user);
    void refreshPermissions();
    return s.user;
  }, [refreshPermissions]);

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

  const can = useCallback((capability: Capability) => canDo(user, capability, permissions), [user, permissions]);

  const value = useMemo<AuthState>(
    () => ({ user, permissions, can, probeError, login, logout, changePassword, reload, clear }),
    [user, permissions, can, probeError, login, logout, changePassword, reload, clear],
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
