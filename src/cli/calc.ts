import type { Command } from 'commander';

const DESCRIPTIONS = {
  aqi: 'AQI（HJ 633-2012/2026）：每行一组浓度 / one set of concentrations per line',
  'air-annual': '环境空气年评价（HJ 663）：每行一个点位一年 / one site-year per line',
  'water-class': '地表水水质类别（GB 3838）：每行一个样品 / one sample per line',
} as const;

export function registerCalculatorCommands(program: Command): void {
  const calc = program
    .command('calc')
    .description('按国家标准计算：标准输入每行一个 JSON，标准输出每行一个结果 / compute by the national standards: JSON lines in, JSON lines out');
  for (const [name, description] of Object.entries(DESCRIPTIONS) as [keyof typeof DESCRIPTIONS, string][]) {
    calc
      .command(name)
      .description(description)
      .action(async () => {
        const { answerLines } = await import('../monitoring/calculators/json-lines.ts');
        const failed = await answerLines(name, process.stdin, process.stdout);
        // A refused line is an answer, not a crash: the exit code stays 0 and the count goes to stderr.
        if (failed > 0) console.error(`${failed} 行输入无效 / ${failed} line(s) refused`);
      });
  }
}
