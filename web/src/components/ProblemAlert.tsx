import { Alert } from 'antd';

/** What a form shows above its fields when the server refused it: title, detail, and errors that fit no field. */
export interface FormProblem {
  title: string;
  detail?: string;
  extra: string[];
}

export function ProblemAlert({ problem }: { problem: FormProblem | null }) {
  if (!problem) return null;
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      title={problem.title}
      description={
        problem.detail || problem.extra.length ? (
          <>
            {problem.detail && <div>{problem.detail}</div>}
            {problem.extra.map((x) => (
              <div key={x}>{x}</div>
            ))}
          </>
        ) : undefined
      }
    />
  );
}
