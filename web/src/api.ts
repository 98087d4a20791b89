// Small fetch wrapper for the Qingshan API.
// - sends the session cookie (same-origin) and, on mutating requests, the CSRF header (uploads too:
//   a FormData body goes out as multipart/form-data);
// - turns problem+json (and any other failure) into a thrown ApiError;
// - on 401 calls the registered handler (which sends the user to the login page).
import { formatDateTime } from './format.ts';
import i18n from './i18n/index.ts';

export interface FieldError {
  field: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail?: string;
  readonly type?: string;
  readonly errors?: FieldError[];

  constructor(init: { status: number; title: string; detail?: string; type?: string; errors?: FieldError[] }) {
    super(init.detail ? `${init.title}: ${init.detail}` : init.title);
    this.name = 'ApiError';
    this.status = init.status;
    this.title = init.title;
    if (init.detail !== undefined) this.detail = init.detail;
    if (init.type !== undefined) this.type = init.type;
    if (init.errors !== undefined) this.errors = init.errors;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

let csrfToken: string | null = null;
let onUnauthorized: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: Query;
  /** Do not run the 401 handler (login form, initial session probe). */
  skipAuthRedirect?: boolean;
  signal?: AbortSignal;
}

export function buildUrl(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

const HAS_CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/** Field names may come as "username", "/username", "body.username" or "members.0.phone": the form field is the top-level property. */
export function normaliseField(field: string): string {
  const cleaned = field.replace(/^\/+/, '').replace(/^body[./]/, '');
  // A label such as "第5行 PM2.5" (an import's row and column) names no form field: keep it whole.
  if (/\s/.test(cleaned) || HAS_CJK.test(cleaned)) return cleaned;
  const parts = cleaned.split(/[./]/).filter(Boolean);
  return parts.length > 0 ? parts[0]! : cleaned;
}

/**
 * The server writes some texts in both languages as "<Chinese> / <English>": keep the part for the
 * current language.
 */
export function localiseServerText(raw: string, language: string = i18n.language): string {
  // Timestamps (e.g. "locked until 2026-01-01T08:00:00.000Z") read better in local time.
  const text = raw.replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z/g, (iso) => formatDateTime(iso));
  const i = text.lastIndexOf(' / ');
  if (i < 0) return text;
  const zh = text.slice(0, i).trim();
  const en = text.slice(i + 3).trim();
  if (!zh || !en || !HAS_CJK.test(zh) || HAS_CJK.test(en)) return text;
  return language === 'en' ? en : zh;
}

async function toApiError(res: Response): Promise<ApiError> {
  let payload: unknown = null;
  const text = await res.text().catch(() => '');
  if (text) {
    try {
      payload = JSON.parse(text);
    } catch {
      payload = null;
    }
  }
  if (payload && typeof payload === 'object') {
    const p = payload as Record<string, unknown>;
    const title =
      typeof p.title === 'string' && p.title
        ? p.title
        : typeof p.message === 'string' && p.message
          ? p.message
          : typeof p.error === 'string' && p.error
            ? p.error
            : i18n.t('errors.httpStatus', { status: res.status });
    const init: ConstructorParameters<typeof ApiError>[0] = { status: res.status, title: localiseServerText(title) };
    if (typeof p.detail === 'string' && p.detail) init.detail = localiseServerText(p.detail);
    else if (typeof p.message === 'string' && p.message && p.message !== title) init.detail = localiseServerText(p.message);
    if (typeof p.type === 'string') init.type = p.type;
    if (Array.isArray(p.errors)) {
      init.errors = p.errors
        .filter((e): e is Record<string, unknown> => !!e && typeof e === 'object')
        .map((e) => ({
          field: normaliseField(String(e.field ?? e.path ?? e.instancePath ?? '')),
          message: localiseServerText(String(e.message ?? '')),
        }));
    }
    return new ApiError(init);
  }
  return new ApiError({ status: res.status, title: i18n.t('errors.httpStatus', { status: res.status }) });
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  let body: string | FormData | undefined;
  if (options.body instanceof FormData) {
    // The browser sets multipart/form-data with its boundary itself.
    body = options.body;
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;

  let res: Response;
  try {
    const init: RequestInit = { method, headers, credentials: 'same-origin' };
    if (body !== undefined) init.body = body;
    if (options.signal) init.signal = options.signal;
    res = await fetch(buildUrl(path, options.query), init);
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError({ status: 0, title: i18n.t('errors.network'), detail: i18n.t('errors.networkDetail') });
  }

  if (!res.ok) {
    const err = await toApiError(res);
    if (res.status === 401 && !options.skipAuthRedirect && onUnauthorized) onUnauthorized();
    throw err;
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  if (!text) return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiError({ status: res.status, title: i18n.t('errors.badResponse') });
  }
}

export const api = {
  get: <T>(path: string, query?: Query, opts: Omit<RequestOptions, 'method' | 'query'> = {}) =>
    request<T>(path, { ...opts, method: 'GET', ...(query ? { query } : {}) }),
  post: <T>(path: string, body?: unknown, opts: Omit<RequestOptions, 'method' | 'body'> = {}) =>
    request<T>(path, { ...opts, method: 'POST', body }),
  patch: <T>(path: string, body?: unknown, opts: Omit<RequestOptions, 'method' | 'body'> = {}) =>
    request<T>(path, { ...opts, method: 'PATCH', body }),
  put: <T>(path: string, body?: unknown, opts: Omit<RequestOptions, 'method' | 'body'> = {}) =>
    request<T>(path, { ...opts, method: 'PUT', body }),
  del: <T>(path: string, opts: Omit<RequestOptions, 'method'> = {}) => request<T>(path, { ...opts, method: 'DELETE' }),
};
