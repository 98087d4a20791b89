/**
 * Data-flag tables (数据标记, `xxxxxx-Flag`) per device vendor (spec §4). Most devices follow HJ 212
 * Table 8; some vendors use another table in which B and D mean the opposite, so a flag is read through
 * the table of the device's `flag_profile`. The raw flag is always stored beside the verdict.
 *
 * - 'hj212': Table 8 (data-flags.json): N valid; F M S D C T B invalid.
 * - 'vendor-phl': the table of flash520/hj212 `protocol/consts.go` and ringyee/fkhj212
 *   `packets/hjconst.go` (P 电源故障, B 仪器故障, D 采集通道关闭, H/L 超上/下限, `] ) [ (` user limits,
 *   lower-case twins). Confidence LOW (spec §11): two open-source parsers agree, no vendor manual was
 *   seen. Both write "低于…上限" for L and `[ (`; read here as 下限, the only sense that fits.
 */
import HJ212_TABLE from './data-flags.json' with { type: 'json' };
import VENDOR_PHL_TABLE from './flag-profile-vendor-phl.json' with { type: 'json' };

export interface FlagProfile {
  /** Written before the flag in a reason: "HJ 212 数据标记 D：仪器故障". */
  label: string;
  /** Flags whose values are valid. */
  valid: ReadonlySet<string>;
  meanings: Readonly<Record<string, string>>;
  /** Said of a flag the table does not list. */
  undefinedFlag: string;
}

export const DEFAULT_FLAG_PROFILE = 'hj212';

export const FLAG_PROFILES: Readonly<Record<string, FlagProfile>> = {
  hj212: { label: 'HJ 212', valid: new Set(['N']), meanings: HJ212_TABLE, undefinedFlag: '标准未定义' },
  'vendor-phl': { label: '厂商标记表 vendor-phl', valid: new Set(['N']), meanings: VENDOR_PHL_TABLE, undefinedFlag: '厂商标记表未列出' },
};

export interface FlagVerdict {
  valid: boolean;
  /** Why the value is invalid; null when valid. */
  reason: string | null;
}

/**
 * A value's validity from its flag under the device's profile. No flag (or an empty one) counts as valid,
 * as the flag is optional in the CP. An unknown profile name is read as HJ 212, and an invalid verdict
 * says so, so that a typo in a device's profile shows in the data it judged.
 */
export function flagVerdict(profileName: string, flag: string | null | undefined): FlagVerdict {
  if (flag === undefined || flag === null || flag === '') return { valid: true, reason: null };
  const known = Object.hasOwn(FLAG_PROFILES, profileName);
  const profile = FLAG_PROFILES[known ? profileName : DEFAULT_FLAG_PROFILE]!;
  if (profile.valid.has(flag)) return { valid: true, reason: null };
  const meaning = Object.hasOwn(profile.meanings, flag) ? profile.meanings[flag] : undefined;
  const reason = meaning ? `${profile.label} 数据标记 ${flag}：${meaning}` : `${profile.label} 数据标记 ${flag}（${profile.undefinedFlag}）`;
  return { valid: false, reason: known ? reason : `${reason}（未知标记表 ${profileName}，按 HJ 212 判定）` };
}
