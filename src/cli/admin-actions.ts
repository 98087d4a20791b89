import { userInfo } from 'node:os';
import { openStorage, type Storage } from '../db/connect.ts';
import { StorageError } from '../db/errors.ts';
import { migrate } from '../db/migrate.ts';
import { backup, restore } from '../db/backup.ts';
import { verifyAudit, type Actor } from '../audit/store.ts';
import { allOrganisations } from '../orgs/store.ts';
import { buildUnitResolver } from '../orgs/resolve.ts';
import { createUser, resetPassword, setPassword, updateUser } from '../users/service.ts';
import { findUserByUsername } from '../users/store.ts';
import type { Config } from '../config/index.ts';

/** Changes made from the command line are audited under the operating-system user who ran them. */
function cliActor(): Actor {
  return { id: null, name: `cli:${userInfo().username}`, ip: null };
}

async function withStorage<T>(config: Config, work: (storage: Storage) => Promise<T>): Promise<T> {
  const storage = await openStorage(config.storage, { create: false });
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

export function addUser(config: Config, username: string, options: { name: string; role: string; org?: string }): Promise<void> {
  return withStorage(config, async (storage) => {
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
    const { user, initialPassword } = await createUser(storage.db, cliActor(), {
      username,
      displayName: options.name,
      role: options.role,
      organisationId,
    });
    console.log(`已创建 / created: ${user.username} (${user.role}${user.organisationName ? `, ${user.organisationName}` : ''})`);
    console.log(`one-time password: ${initialPassword}`);
  });
}

export function changePassword(config: Config, username: string, options: { passwordStdin?: boolean }): Promise<void> {
  return withStorage(config, async (storage) => {
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
}

export function setUserActive(config: Config, username: string, active: boolean): Promise<void> {
  return withStorage(config, async (storage) => {
    await updateUser(storage.db, cliActor(), await userId(storage, username), { active });
    console.log(active ? `已启用 / enabled: ${username}` : `已停用 / disabled: ${username}`);
  });
}

export function backupTo(config: Config, file: string): Promise<void> {
  return withStorage(config, async (storage) => {
    const result = await backup(storage, file);
    console.log(`已备份 / backed up: ${result.tables} tables, ${result.rows} rows → ${file}`);
  });
}

export async function restoreFrom(config: Config, file: string, options: { force?: boolean }): Promise<void> {
  const storage = await openStorage(config.storage, { create: true });
  try {
    await migrate(storage);
    const result = await restore(storage, file, { force: options.force ?? false });
    console.log(`已恢复 / restored: ${result.rows} rows from ${result.header.createdAt} (${result.header.storage})`);
  } finally {
    await storage.close();
  }
}

export function auditVerify(config: Config): Promise<void> {
  return withStorage(config, async (storage) => {
    const result = await verifyAudit(storage.db);
    if (result.intact) {
      console.log(`审计日志完整 / audit trail intact: ${result.entries} entries`);
    } else {
      console.log(`审计日志被改动 / audit trail BROKEN at entry ${result.firstBroken!.id}: ${result.firstBroken!.reason}`);
      process.exitCode = 2;
    }
  });
}
