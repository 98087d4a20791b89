/**
 * The code tables of HJ 212-2017 that a packet's header refers to: commands (CN, Table 9, 命令编码), systems
 * (ST, Table 5, 系统编码), request answers (QnRtn, Table 7) and execution results (ExeRtn, Table 6).
 * The 2025 changes come from one implementation, the text of HJ 212-2025 not having been seen: medium
 * confidence (spec §0).
 */
import type { ProtocolVersion } from './flag.ts';

export interface CommandInfo {
  name: string;
  /** Versions whose standard defines the command. 2005's own table is not modelled: its packets are not checked. */
  versions: readonly ProtocolVersion[];
  /** A device upload the platform acknowledges with 9014 when the device asks for an answer (§6, C.14–C.19). */
  upload?: true;
}

const BOTH: readonly ProtocolVersion[] = ['2017', '2025'];
const ONLY_2017: readonly ProtocolVersion[] = ['2017'];
/** Medium confidence: from caoyiliang/HJ212's 2025 implementation (spec §0). */
const ONLY_2025: readonly ProtocolVersion[] = ['2025'];

export const COMMANDS: Readonly<Record<string, CommandInfo>> = {
  '1000': { name: '设置超时时间及重发次数', versions: BOTH },
  '1001': { name: '上传数采仪硬件序号', versions: ONLY_2025 },
  '1002': { name: '设置数采仪MN编码', versions: ONLY_2025 },
  '1011': { name: '提取/上传现场机时间', versions: BOTH },
  '1012': { name: '设置现场机时间', versions: BOTH },
  '1013': { name: '现场机时间校准请求', versions: BOTH },
  '1014': { name: '获取/下发新密钥', versions: ONLY_2025 },
  '1061': { name: '提取/上传实时数据间隔', versions: BOTH },
  '1062': { name: '设置实时数据间隔', versions: BOTH },
  '1063': { name: '提取/上传分钟数据间隔', versions: BOTH },
  '1064': { name: '设置分钟数据间隔', versions: BOTH },
  '1072': { name: '设置现场机密码', versions: BOTH },
  '2011': { name: '污染物实时数据', versions: BOTH, upload: true },
  '2012': { name: '停止察看实时数据', versions: BOTH },
  '2013': { name: '原始监测数据', versions: ONLY_2025, upload: true },
  '2021': { name: '设备运行状态', versions: BOTH, upload: true },
  '2022': { name: '停止察看设备运行状态', versions: BOTH },
  '2031': { name: '日历史数据', versions: BOTH, upload: true },
  '2041': { name: '设备运行时间日历史数据', versions: BOTH, upload: true },
  '2051': { name: '分钟数据', versions: BOTH, upload: true },
  '2052': { name: '噪声单次测量数据', versions: ONLY_2025, upload: true },
  '2061': { name: '小时数据', versions: BOTH, upload: true },
  '2062': { name: '自动标样核查校准数据', versions: ONLY_2025, upload: true },
  '2081': { name: '数采仪开机时间', versions: BOTH, upload: true },
  '2111': { name: '炉膛温度5min均值', versions: ONLY_2025, upload: true },
  '3011': { name: '零点校准量程校准', versions: BOTH },
  '3012': { name: '即时采样', versions: BOTH },
  '3013': { name: '启动清洗/反吹', versions: BOTH },
  '3014': { name: '比对采样', versions: ONLY_2017 },
  '3015': { name: '超标留样', versions: ONLY_2017, upload: true },
  '3016': { name: '设置采样时间周期', versions: ONLY_2017 },
  '3017': { name: '提取/上传采样时间周期', versions: ONLY_2017 },
  '3018': { name: '提取/上传出样时间', versions: BOTH },
  '3019': { name: '提取/上传设备唯一标识', versions: BOTH, upload: true },
  '3020': { name: '提取/上传现场机信息', versions: BOTH, upload: true },
  '3021': { name: '设置现场机参数', versions: BOTH },
  '3022': { name: '下发即时留样任务', versions: ONLY_2025 },
  '3024': { name: '启动标样核查', versions: ONLY_2025 },
  '9011': { name: '请求应答', versions: BOTH },
  '9012': { name: '执行结果', versions: BOTH },
  '9013': { name: '通知应答', versions: BOTH },
  '9014': { name: '数据应答', versions: BOTH },
  '9015': { name: '心跳包', versions: ONLY_2025 },
};

/** The command as the device's version defines it; undefined when that version does not know it. */
export function commandOf(cn: string, version: ProtocolVersion): CommandInfo | undefined {
  const command = COMMANDS[cn];
  return command?.versions.includes(version) ? command : undefined;
}

export const SYSTEMS: Readonly<Record<string, string>> = {
  '21': '地表水质量', '22': '空气质量', '23': '声环境质量', '24': '地下水质量', '25': '土壤质量', '26': '海水质量',
  '27': '挥发性有机物', '31': '大气环境污染源', '32': '地表水体环境污染源', '33': '地下水体环境污染源',
  '34': '海洋环境污染源', '35': '土壤环境污染源', '36': '声环境污染源', '37': '振动环境污染源',
  '38': '放射性环境污染源', '39': '工地扬尘污染源', '41': '电磁环境污染源', '51': '烟气排放过程监控',
  '52': '污水排放过程监控', '91': '系统交互',
};

/** The ST of every reply (§6, C.14–C.19): not the device's own. */
export const SYSTEM_INTERACTION = '91';

/** QnRtn 请求应答结果 (Table 7). */
export const QN_RTN = {
  ready: 1, refused: 2, wrongPassword: 3, wrongMn: 4, wrongSt: 5, wrongFlag: 6, wrongQn: 7, wrongCn: 8,
  wrongCrc: 9, unknownError: 100,
} as const;
export type QnRtn = (typeof QN_RTN)[keyof typeof QN_RTN];

/** ExeRtn 执行结果 (Table 6). */
export const EXE_RTN = {
  succeeded: 1, failedUnknown: 2, conditionError: 3, timeout: 4, busy: 5, systemFault: 6, noData: 100,
} as const;
export type ExeRtn = (typeof EXE_RTN)[keyof typeof EXE_RTN];
