/**
 * How a device's factor codes (污染物编码) become platform parameters: which parameter, and the factor
 * from the unit the device sends to the store's unit. HJ 212 Table B.2 gives SO2, NO2 and O3 in mg/m³
 * while the store keeps μg/m³ (GB 3095), and pressure in kPa against the store's hPa. Ambient stations
 * often send μg/m³ already (spec §5): the profile is per device and editable, never inferred.
 */
import airProfile from './air-profile.json' with { type: 'json' };

/** One factor code of a device and the parameter it carries (编码对照). */
export interface CodeMapping {
  factorCode: string;
  parameter: string;
  deviceUnit: string;
  /** Store value = sent value × scale, as a decimal string (exact). */
  scale: string;
}

/** The mapping a new air-station device starts with: Table B.2's units into the store's. */
export const AIR_STATION_PROFILE: readonly CodeMapping[] = airProfile;
