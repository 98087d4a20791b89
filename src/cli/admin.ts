import type { Command } from 'commander';
import { openStorage, type Storage } from '../db/connect.ts';
import { migrate } from '../db/migrate.ts';
import { backup, restore } from '../db/backup.ts';
import { verifyAudit, type Actor } from '../audit/store.ts';
import { ROLES } from '../auth/roles.ts';
import { allOrganisations } from '../orgs/store.ts';
import { buildUnitResolver } from '../orgs/resolve.ts';
import { createUser, resetPassword, setPassword, updateUser } from '../users/service.ts';
import { findUserByUsername } from '../users/store.ts';
import { StorageError } from '../db/connect.ts';
import { configFrom } from './options.ts';
import { userInfo } from 'node:os';

/** Changes made from the command line are audited under the operating-system user who ran them. */
function cliActor(): Actor {
  return { id: null, name: `cli:${userInfo().username}`, ip: null };
}

async function withStorage<T>(command: Command, work: (storage: Storage) => Promise<T>): Promise<T> {
  const storage = await openStorage(configFrom(command).storage, { create: false });
  try {
    await migrate(storage);
    return await work(storage);
  } finally {
    await storage.close();
  }
}

async function userId(storage: Storage, username: string): Promise<number> {
  const row = await findUserByUsername(storage.db, username);
  if (!row) throw new StorageError(`用户 ${username} 不存在 / no such user`);
  return row.id;
}

export function registerAdminCommands(program: Command): void {
  const user = program.command('user').description('账号管理 / manage accounts');

  user
    .command('add <username>')
    .description('新建账号，打印一次性密码 / create an account and print its one-time password')
    .requiredOption('-n, --name <displayName>', '姓名 / display name')
    .requiredOption('-r, --role <role>', `角色 / role: ${ROLES.join(' | ')}`)
    .option('-o, --org <organisation>', '所属组织机构（名称、别名或标识）/ organisation name, alias or key')
    .action(async (username: string, options: { name: string; role: string; org?: string }, command: Command) => {
      await withStorage(command, async (storage) => {
        let organisationId: number | null = null;
        if (options.org) {
          const organisations = await allOrganisations(storage.db);
          const key = organisations.some((o) => o.key === options.org)
            ? options.org
            : buildUnitResolver(organisations.map((o) => ({ ...o, fullName: o.fullName ?? undefined })))(options.org);
          const found = organisations.find((o) => o.key === key);
          if (!found) throw new StorageError(`组织机构「${options.org}」不存在 / no such organisation`);
          organisationId = found.id;
        }
        const { user: created, initialPassword } = await createUser(storage.db, cliActor(), {
          username,
          displayName: options.name,
          role: options.role,
          organisationId,
        });
        console.log(`已创建 / created: ${created.username} (${created.role}${created.organisationName ? `, ${created.organisationName}` : ''})`);
        console.log(`one-time password: ${initialPassword}`);
      });
    });

  user
    .command('passwd <username>')
    .description('重置为一次性密码（或用 --password-stdin 设定）/ reset to a one-time password')
    .option('--password-stdin', '从标准输入读取新密码（仍须首次登录修改）/ read the new password from stdin')
    .action(async (username: string, options: { passwordStdin?: boolean }, command: Command) => {
      await withStorage(command, async (storage) => {
        const id = await userId(storage, username);
        if (options.passwordStdin) {
          const chunks: Buffer[] = [];
          for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
          await setPassword(storage.db, cliActor(), id, Buffer.concat(chunks).toString('utf8').trim(), { mustChange: true });
          console.log(`已设置 ${username} 的密码，首次登录须修改 / password set; must be changed at next login`);
        } else {
          console.log(`one-time password: ${await resetPassword(storage.db, cliActor(), id)}`);
        }
      });
    });

  user
    .command('disable <username>')
    .description('停用账号并结束其会话 / disable an account and end its sessions')
    .action(async (username: string, _options, command: Command) => {
      await withStorage(command, async (storage) => {
        await updateUser(storage.db, cliActor(), await userId(storage, username), { active: false });
        console.log(`已停用 / disabled: ${username}`);
      });
    });

  user
    .command('enable <username>')
    .description('重新启用账号 / enable an account again')
    .action(async (username: string, _options, command: Command) => {
      await withStorage(command, async (storage) => {
        await updateUser(storage.db, cliActor(), await userId(storage, username), { active: true });
        console.log(`已启用 / enabled: ${username}`);
      });
    });

  program
    .command('backup <file>')
    .description('备份全部数据到一个文件（PGlite 与 PostgreSQL 通用）/ back up all data to one file')
    .action(async (file: string, _options, command: Command) => {
      await withStorage(command, async (storage) => {
        const result = await backup(storage, file);
        console.log(`已备份 / backed up: ${result.tables} tables, ${result.rows} rows → ${file}`);
      });
    });

  program
    .command('restore <file>')
    .description('从备份恢复；目标已有数据时须加 --force / restore a backup; --force to replace existing data')
    .option('--force', '覆盖已有数据 / replace existing data')
    .action(async (file: string, options: { force?: boolean }, command: Command) => {
      const storage = await openStorage(configFrom(command).storage, { create: true });
      try {
        await migrate(storage);
        const result = await restore(storage, file, { force: options.force ?? false });
        console.log(`已恢复 / restored: ${result.rows} rows from ${result.header.createdAt} (${result.header.storage})`);
      } finally {
        await storage.close();
      }
    });

  program
    .command('audit')
    .description('审计日志 / audit trail')
    .command('verify')
    .description('校验审计日志哈希链 / verify the hash chain')
    .action(async (_options, command: Command) => {
      await withStorage(command, async (storage) => {
        const result = await verifyAudit(storage.db);
        if (result.intact) {
          console.log(`审计日志完整 / audit trail intact: ${result.entries} entries`);
        } else {
          console.log(`审计日志被改动 / audit trail BROKEN at entry ${result.firstBroken!.id}: ${result.firstBroken!.reason}`);
          process.exitCode = 2;
        }
      });
    });
}
