import type { Colour, TaskState } from '../colour.ts';

/** Words for exports (the web UI has its own message files). */
export const STATE_LABELS: Record<TaskState, string> = {
  not_started: '未启动',
  in_progress: '推进中',
  applied: '申请销号',
  accepted: '已销号',
  returned: '退回',
  rebounded: '反弹',
};

export const COLOUR_LABELS: Record<Colour, string> = { red: '红', yellow: '黄', green: '绿' };

/** ARGB fills for the colour cell. */
export const COLOUR_FILLS: Record<Colour, string> = { red: 'FFF4B6B6', yellow: 'FFFCE8A6', green: 'FFC8E6C9' };

/** 报送周期 as the template offers them, and the schedule each stands for. */
export const SCHEDULE_LABELS: Record<string, string> = {
  monthly: '每月',
  bimonthly: '双月',
  quarterly: '每季度',
  semiannual: '半年',
  yearly: '每年',
};

/** 验收方式 as the template offers them. */
export const ACCEPTANCE_LABELS: Record<'supervisor' | 'lead' | 'coordinator', string> = {
  supervisor: '督导单位验收',
  lead: '牵头单位验收',
  coordinator: '综合协调机构验收',
};

/** RFC 5987 / RFC 6266 Content-Disposition for a Chinese file name, with an ASCII fallback. */
export function attachment(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]+/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

/** A file name without characters file systems refuse. */
export function safeFileName(name: string): string {
  return name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').slice(0, 150);
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
