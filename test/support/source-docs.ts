import { fileURLToPath } from 'node:url';

/**
 * The city's source documents: `../shared/seeds` beside the repository (as CI lays it out), or
 * QINGSHAN_SOURCE_DOCS. Never an absolute path of one machine.
 */
export const SOURCE_DOCS = process.env.QINGSHAN_SOURCE_DOCS ?? fileURLToPath(new URL('../../../shared/seeds', import.meta.url));
