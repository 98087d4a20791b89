/**
 * Why a packet was refused or what was odd about it, in words for the gateway page and the CLI (Chinese
 * first). The codes stay the machine-readable part; these sentences quote what the device sent.
 */
import type { PacketFault, PacketWarning } from './packet.ts';

export function describeFault(fault: PacketFault): string {
  switch (fault.code) {
    case 'length_not_digits': return `长度字段不是4位十进制数字（收到"${printable(fault.sent)}"）`;
    case 'length_over_limit': return `数据段长度 ${fault.length} 超过上限 ${fault.limit} 字节`;
    case 'line_shorter_than_length': return `长度字段为 ${fault.length}，但数据段在 ${fault.lineLength} 字节处已随 CRC 和回车换行结束`;
    case 'crc_not_hex': return `CRC 位置不是4位十六进制数字（收到"${printable(fault.sent)}"），长度字段可能有误`;
    case 'crc_mismatch': return `CRC 校验错误：收到 ${fault.sent}，按数据段计算应为 ${fault.computed}`;
    case 'missing_crlf': return 'CRC 之后缺少回车换行（CR LF）';
    case 'truncated': return `连接结束时数据包不完整：已收 ${fault.received} 字节${fault.length === null ? '' : `，长度字段为 ${fault.length}`}`;
    case 'no_packet': return '没有找到以 ## 开头的数据包';
    case 'more_than_one_packet': return `一行中有 ${fault.count} 个数据包，应为1个`;
    case 'bytes_outside_packet': return `数据包之外有 ${fault.count} 个多余字节`;
    case 'cp_missing': return '缺少指令参数 CP=&&…&&';
    case 'cp_not_closed': return '指令参数 CP 未以 && 结束';
    case 'field_without_equals': return `包头字段"${fault.text}"缺少"="`;
    case 'unknown_field': return `包头有标准未定义的字段 ${fault.name}`;
    case 'duplicate_field': return `包头字段 ${fault.name} 重复`;
    case 'missing_field': return `缺少字段 ${fault.name}`;
    case 'invalid_field': return `字段 ${fault.name} 的值"${fault.value}"${FIELD_RULES[fault.name]}`;
    case 'unknown_version': return `Flag=${fault.flag} 的版本号 ${fault.flag >> 2} 无法识别（应为 0 即2005版、1 即2017版或 2 即2025版）`;
    case 'split_without_parts': return `Flag=${fault.flag} 表示拆分包，但缺少 PNUM/PNO`;
    case 'parts_without_split': return `Flag=${fault.flag} 未标记拆分包，却带有 PNUM/PNO`;
    case 'part_out_of_range': return `包号 PNO=${fault.pno} 超出总包数 PNUM=${fault.pnum}（应为 1 至 PNUM）`;
    case 'cp_item_without_equals': return `指令参数中"${fault.text}"缺少"="`;
    case 'cp_bad_key': return `指令参数字段名"${fault.key}"含有非法字符`;
    case 'cp_info_not_closed': return `${fault.key} 的 // 文本未闭合`;
    case 'cp_text_after_info': return `${fault.key} 的 // 文本之后有多余内容"${fault.text}"`;
    case 'cp_bad_time': return `${fault.key} 的值"${fault.value}"不是14位时间 YYYYMMDDhhmmss`;
  }
}

const FIELD_RULES: Record<string, string> = {
  QN: '不是17位数字 YYYYMMDDhhmmsszzz',
  ST: '不是2至3位字母或数字',
  CN: '不是4位数字',
  PW: '不是1至24个可见字符',
  MN: '不是1至24位字母、数字、下划线或连字符',
  Flag: '不是0至255的整数',
  PNUM: '不是1至4位数字',
  PNO: '不是1至4位数字',
};

export function describeWarning(warning: PacketWarning): string {
  switch (warning.code) {
    case 'crc_lower_case': return 'CRC 使用小写十六进制（已接受）';
    case 'decoded_as_gb18030': return '数据段不是 UTF-8，已按 GB18030 解码';
    case 'flag_missing': return `缺少 Flag，按 ${warning.assumed} 版处理并应答`;
    case 'fields_out_of_order': return `包头字段顺序与标准不同：${warning.order.join(';')}`;
    case 'comma_between_fields': return '包头字段之间使用了","（已接受）';
    case 'no_separator_before_cp': return 'CP 之前缺少";"（已接受）';
    case 'unknown_st': return `系统编码 ST=${warning.st} 不在标准表中`;
    case 'unknown_cn': return `命令编码 CN=${warning.cn} 不是 ${warning.version} 版定义的命令`;
    case 'pw_longer_than_6': return `访问密码长 ${warning.length} 位，超过标准的6位`;
    case 'unknown_cp_key': return `指令参数含有非标准字段 ${warning.key}（原样保留）`;
  }
}

/** Binary bytes quoted as \xNN so a log line stays one readable line. */
function printable(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, (char) => `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
