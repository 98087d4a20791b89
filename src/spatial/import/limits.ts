/** How much one import may hold, so that one upload cannot exhaust the server. */
export interface ReadLimits {
  /** The uploaded file itself. */
  uploadBytes: number;
  /** All files taken out of a zip together: a zip bomb stops here, before it is inflated. */
  unzippedBytes: number;
  /** Features in one file. */
  features: number;
}

export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;
export const MAX_UNZIPPED_BYTES = 1024 * 1024 * 1024;
export const MAX_FEATURES = 200_000;

export const READ_LIMITS: ReadLimits = { uploadBytes: MAX_UPLOAD_BYTES, unzippedBytes: MAX_UNZIPPED_BYTES, features: MAX_FEATURES };

export const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
