import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useSearchParams } from 'react-router';

export interface AsyncState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/** Load data with `fn` whenever `deps` change; the latest call wins. */
export function useAsync<T>(fn: () => Promise<T>, deps: readonly unknown[]): AsyncState<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const seq = useRef(0);
  const fnRef = useRef(fn);
  fnRef.current = fn;
  const requested = useRef<readonly unknown[] | null>(null);
  const current = [...deps, tick];

  useEffect(() => {
    requested.current = current;
    const id = ++seq.current;
    setLoading(true);
    setError(null);
    fnRef.current().then(
      (d) => {
        if (id !== seq.current) return;
        setData(d);
        setLoading(false);
      },
      (e: unknown) => {
        if (id !== seq.current) return;
        setError(e);
        setLoading(false);
      },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, current);

  const reload = useCallback(() => setTick((x) => x + 1), []);
  // Between a change of `deps` and the effect that asks again, the state still says what the last
  // request gave: a page would show that render's "no data" (or the old data as if current) for a
  // moment. Until the new request starts, the answer is loading.
  const asked = requested.current;
  const stale = asked === null || asked.length !== current.length || current.some((d, i) => !Object.is(d, asked[i]));
  return { data, error, loading: loading || stale, reload };
}

/** A value that follows `value` after `ms` without changes. */
export function useDebounced<T>(value: T, ms = 300): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const h = setTimeout(() => setV(value), ms);
    return () => clearTimeout(h);
  }, [value, ms]);
  return v;
}

export type FilterChanges = Record<string, string | number | undefined>;

/**
 * A list page's filters, kept in the URL so a filtered list can be bookmarked and shared. `update`
 * sets some (undefined or '' removes one), and any change but paging starts again at page 1; `clear`
 * removes them all. Both replace the history entry: Back leaves the page rather than undoing a filter.
 */
export function useUrlFilters(): { params: URLSearchParams; update: (changes: FilterChanges) => void; clear: () => void } {
  const [params, setParams] = useSearchParams();
  const update = useCallback(
    (changes: FilterChanges) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(changes)) {
            if (v === undefined || v === '') next.delete(k);
            else next.set(k, String(v));
          }
          if (!('page' in changes)) next.delete('page');
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  const clear = useCallback(() => setParams(new URLSearchParams(), { replace: true }), [setParams]);
  return { params, update, clear };
}

const REDUCED_MOTION = '(prefers-reduced-motion: reduce)';

/** Whether the system asks for reduced motion, following a change while the page is open. */
export function usePrefersReducedMotion(): boolean {
  return useSyncExternalStore(
    (changed) => {
      const query = window.matchMedia(REDUCED_MOTION);
      query.addEventListener('change', changed);
      return () => query.removeEventListener('change', changed);
    },
    () => window.matchMedia(REDUCED_MOTION).matches,
  );
}
