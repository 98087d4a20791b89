/**
 * The gateway's usual group commit on PostgreSQL, by COPY: the batch's receipts and its air-station hour
 * values go in as two COPYs of one message, so in one round trip and one implicit transaction. A COPY has
 * no ON CONFLICT, so this is only for a batch that conflicts with nothing: a resend, an hour stored
 * before or sent twice in the batch makes the server refuse the whole message, nothing of it is kept, and
 * the caller writes the batch the general way (writeUploads' statement), which settles each case.
 *
 * Why: against the general statement's INSERT … ON CONFLICT from unnest, the server spent about a
 * quarter less CPU per value, and the server's work is what each group commit waits for (docs/BENCHMARKS.md).
 */
import type { Db } from '../../db/connect.ts';
import { COPY_COLUMNS, copyLine, csvText } from '../../monitoring/data/bulk.ts';
import { acceptsCopyInOneTrip, copyInOneTrip } from '../../monitoring/data/copy.ts';
import { monitoringDataWritten } from '../../monitoring/data/version.ts';
import type { PreparedUpload, StoreOutcome } from './ingest.ts';

const RECEIPT_COLUMNS = 'gateway_receipt (mn, qn, cn, device_id, observed_at, values_written, segment)';
const VALUE_COLUMNS = `monitoring_air_hourly (${COPY_COLUMNS})`;

/** Air-station hour data whose every code the store takes: all they write is a receipt and values. */
function copiable(uploads: readonly PreparedUpload[]): boolean {
  return uploads.length > 0 && uploads.every((u) => u.monitoring !== null && u.readings.length === 0);
}

/** Integrity constraint violations (SQLSTATE class 23): what the general statement may settle or report itself. */
function refusedByConstraint(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('23');
}

/**
 * Writes the batch by COPY and returns its outcomes, or null when this way does not apply (PGlite, a
 * caller's transaction, readings to write) or the server refused the batch on a constraint (then nothing
 * of it was stored).
 */
export async function copyUploads(db: Db, uploads: readonly PreparedUpload[]): Promise<StoreOutcome[] | null> {
  if (db.isTransaction || !copiable(uploads) || !(await acceptsCopyInOneTrip(db))) return null;
  let receipts = '';
  let values = '';
  for (const u of uploads) {
    const { observations } = u.monitoring!;
    receipts += `${csvText(u.packet.mn)},${csvText(u.receiptQn)},${csvText(u.packet.cn)},${u.device.id},${new Date(u.periodEnd).toISOString()},${observations.length},${csvText(u.packet.segment)}\n`;
    for (const o of observations) values += copyLine(o, false);
  }
  monitoringDataWritten();
  try {
    await db.connection().execute((conn) =>
      copyInOneTrip(conn, `COPY ${RECEIPT_COLUMNS} FROM STDIN (FORMAT csv); COPY ${VALUE_COLUMNS} FROM STDIN (FORMAT csv)`, [receipts, values]),
    );
  } catch (error) {
    if (refusedByConstraint(error)) return null;
    throw error;
  }
  return uploads.map((u) => ({ kind: 'stored', readings: 0, periodEnd: u.periodEnd, monitoring: { written: u.monitoring!.observations.length, unmapped: u.monitoring!.unmapped } }));
}
