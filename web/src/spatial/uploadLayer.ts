// Sends a layer file with XMLHttpRequest rather than fetch, for the upload progress fetch cannot
// report; answers and failures come back the way api.ts gives them (ApiError from problem+json),
// with the import report a refused import carries.
import { api, ApiError, localiseServerText, normaliseField } from '../api.ts';
import i18n from '../i18n/index.ts';
import type { ImportReport, ImportedVersion } from './adminTypes.ts';

export interface LayerUploadForm {
  file: File;
  srid?: number;
  encoding?: string;
  note?: string;
  skipRefused: boolean;
}

/** A refused import: the problem, and the report when the file could be read. */
export class ImportRefused extends ApiError {
  readonly report: ImportReport | null;
  constructor(init: ConstructorParameters<typeof ApiError>[0], report: ImportReport | null) {
    super(init);
    this.report = report;
  }
}

function errorOf(status: number, text: string): ApiError {
  let p: Record<string, unknown> | null = null;
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object') p = parsed as Record<string, unknown>;
  } catch {
    p = null;
  }
  if (!p) return new ApiError({ status, title: i18n.t('errors.httpStatus', { status }) });
  const init: ConstructorParameters<typeof ApiError>[0] = {
    status,
    title: localiseServerText(typeof p.title === 'string' && p.title ? p.title : typeof p.message === 'string' ? p.message : i18n.t('errors.httpStatus', { status })),
  };
  if (typeof p.detail === 'string' && p.detail) init.detail = localiseServerText(p.detail);
  if (Array.isArray(p.errors)) {
    init.errors = p.errors
      .filter((e): e is Record<string, unknown> => !!e && typeof e === 'object')
      .map((e) => ({ field: normaliseField(String(e.field ?? '')), message: localiseServerText(String(e.message ?? '')) }));
  }
  const report = p.report && typeof p.report === 'object' ? (p.report as ImportReport) : null;
  return new ImportRefused(init, report);
}

export async function uploadLayerVersion(layer: string, form: LayerUploadForm, onProgress: (sent: number, total: number) => void): Promise<ImportedVersion> {
  // The CSRF token lives in api.ts; the session probe hands it out again.
  const session = await api.get<{ csrfToken?: string }>('/api/auth/me');
  const body = new FormData();
  if (form.srid !== undefined) body.append('srid', String(form.srid));
  if (form.encoding) body.append('encoding', form.encoding);
  if (form.note) body.append('note', form.note);
  body.append('skipRefused', form.skipRefused ? 'true' : 'false');
  body.append('file', form.file, form.file.name);

  return new Promise<ImportedVersion>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/spatial/layers/${encodeURIComponent(layer)}/versions`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json, application/problem+json');
    if (session.csrfToken) xhr.setRequestHeader('x-csrf-token', session.csrfToken);
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : form.file.size);
    xhr.onerror = () => reject(new ApiError({ status: 0, title: i18n.t('errors.network'), detail: i18n.t('errors.networkDetail') }));
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText) as ImportedVersion);
        } catch {
          reject(new ApiError({ status: xhr.status, title: i18n.t('errors.badResponse') }));
        }
      } else {
        reject(errorOf(xhr.status, xhr.responseText));
      }
    };
    xhr.send(body);
  });
}
