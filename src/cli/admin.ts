import type { Command } from 'commander';
import { ROLES } from '../auth/roles.ts';
import { configFrom } from './options.ts';

// The actions load the database layer only when they run, so `--help` answers at once.
const actions = () => import('./admin-actions.ts');

export function registerAdminCommands(program: Command): void {
  const user = program.command('user').description('账号管理 / manage accounts');

  user
    .command('add <username>')
    .description('新建账号，打印一次性密码 / create an account and print its one-time password')
    .requiredOption('-n, --name <displayName>', '姓名 / display name')
    .requiredOption('-r, --role <role>', `角色 / role: ${ROLES.join(' | ')}`)
    .option('-o, --org <organisation>', '所属组织机构（名称、别名或标识）/ organisation name, alias or key')
    .action(async (username: string, options: { name: string; role: string; org?: string }, command: Command) =>
      (await actions()).addUser(configFrom(command), username, options),
    );

  user
    .command('passwd <username>')
    .description('重置为一次性密码（或用 --password-stdin 设定）/ reset to a one-time password')
    .option('--password-stdin', '从标准输入读取新密码（仍须首次登录修改）/ read the new password from stdin')
    .action(async (username: string, options: { passwordStdin?: boolean }, command: Command) =>
      (await actions()).changePassword(configFrom(command), username, options),
    );

  user
    .command('disable <username>')
    .description('停用账号并结束其会话 / disable an account and end its sessions')
    .action(async (username: string, _options, command: Command) => (await actions()).setUserActive(configFrom(command), username, false));

  user
    .command('enable <username>')
    .description('重新启用账号 / enable an account again')
    .action(async (username: string, _options, command: Command) => (await actions()).setUserActive(configFrom(command), username, true));

  program
    .command('backup <file>')
    .description('备份全部数据到一个文件（PGlite 与 PostgreSQL 通用）/ back up all data to one file')
    .action(async (file: string, _options, command: Command) => (await actions()).backupTo(configFrom(command), file));

  program
    .command('restore <file>')
    .description('从备份恢复；目标已有数据时须加 --force / restore a backup; --force to replace existing data')
    .option('--force', '覆盖已有数据 / replace existing data')
    .action(async (file: string, options: { force?: boolean }, command: Command) => (await actions()).restoreFrom(configFrom(command), file, options));

  program
    .command('audit')
    .description('审计日志 / audit trail')
    .command('verify')
    .description('校验审计日志哈希链 / verify the hash chain')
    .action(async (_options, command: Command) => (await actions()).auditVerify(configFrom(command)));
}
