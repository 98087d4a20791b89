// The words, colours and icons of screening verdicts: always colour AND words, never colour alone.
import { CheckCircleOutlined, ExclamationCircleOutlined, QuestionCircleOutlined, StopOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RuleVerdict, Verdict } from './types.ts';

const VERDICT: Record<Verdict, { color: string; icon: ReactNode }> = {
  inadmissible: { color: 'red', icon: <StopOutlined /> },
  conditional: { color: 'orange', icon: <ExclamationCircleOutlined /> },
  admissible: { color: 'green', icon: <CheckCircleOutlined /> },
  manual_review: { color: 'blue', icon: <QuestionCircleOutlined /> },
};

const RULE_VERDICT: Record<RuleVerdict, string> = {
  prohibited: 'red',
  restricted: 'orange',
  special_study: 'blue',
  allowed: 'green',
};

export function VerdictTag({ verdict, large = false, testId }: { verdict: Verdict; large?: boolean; testId?: string }) {
  const { t } = useTranslation();
  const v = VERDICT[verdict] ?? VERDICT.manual_review;
  return (
    <Tag color={v.color} icon={v.icon} variant="solid" className={large ? 'qs-spatial-verdict-tag' : undefined} data-testid={testId} data-verdict={verdict}>
      {t(`spatial.verdict.${verdict}`)}
    </Tag>
  );
}

export function RuleVerdictTag({ verdict }: { verdict: RuleVerdict }) {
  const { t } = useTranslation();
  return (
    <Tag color={RULE_VERDICT[verdict] ?? 'default'} data-testid="rule-verdict" data-verdict={verdict}>
      {t(`spatial.ruleVerdict.${verdict}`)}
    </Tag>
  );
}
