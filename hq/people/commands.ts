import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { HQ_ROLES, type HqRole } from '../../shared/people/model';
import { cliActor } from '../audit/log';
import type { HqConfig } from '../config';
import { adminConnection } from '../db/admin-connection';
import {
  createUser,
  findUser,
  listUsers,
  reissuePasswordLink,
  setPasswordWithLink,
  updateUser,
  type IssuedLink,
} from './users';

const USAGE = `npm run hq -- user add --email E --name N --role ${HQ_ROLES.join('|')} [--branches MSK-01,SPB-02]
npm run hq -- user list [--json]
npm run hq -- user disable --user EMAIL|ID        (every session of the user ends at once)
npm run hq -- user enable --user EMAIL|ID
npm run hq -- user link --user EMAIL|ID           (a new one-time set-password link)
Each change is audited; --actor NAME names who ran it (else the operating-system user).`;

/** The console's set-password page for a one-time link on this HQ (HQ_PUBLIC_URL, else its own address). */
export function passwordLinkUrl(config: HqConfig, token: string): string {
  return `${config.publicUrl}/console/#/set-password/${token}`;
}

function printLink(config: HqConfig, issued: IssuedLink) {
  const u = issued.user;
  console.log(`${u.name} <${u.email}> — ${u.role}${u.branches.length ? ` (${u.branches.join(', ')})` : ''}`);
  console.log(`One-time link to set the password (valid until ${issued.expiresAt}):`);
  console.log(`\n    ${passwordLinkUrl(config, issued.token)}\n`);
}

/** `npm run hq -- user …`: HQ users from the command line (the first admin is created this way). */
export async function userCommand(args: string[], config: HqConfig) {
  const [sub, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      branches: { type: 'string' },
      user: { type: 'string' },
      actor: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  const ctx = cliActor(values.actor);
  if (sub !== 'add' && sub !== 'list' && sub !== 'disable' && sub !== 'enable' && sub !== 'link')
    throw new Error(`Usage:\n${USAGE}`);
  if (sub === 'add') {
    if (!values.email || !values.name || !values.role)
      throw new Error(`user add needs --email, --name and --role\n${USAGE}`);
    if (!(HQ_ROLES as readonly string[]).includes(values.role))
      throw new Error(`--role must be one of ${HQ_ROLES.join(', ')}`);
  }
  if ((sub === 'disable' || sub === 'enable' || sub === 'link') && !values.user)
    throw new Error(`user ${sub} needs --user EMAIL or ID`);
  const { pool, close } = await adminConnection(config, `user ${sub}`);
  try {
    if (sub === 'add') {
      const branches = (values.branches ?? '')
        .split(',')
        .map((b) => b.trim())
        .filter(Boolean);
      const issued = await createUser(
        pool,
        { email: values.email!, name: values.name!, role: values.role as HqRole, branches },
        ctx,
      );
      printLink(config, issued);
      return;
    }
    if (sub === 'list') {
      const users = await listUsers(pool);
      if (values.json) console.log(JSON.stringify(users, null, 2));
      else if (users.length === 0)
        console.log('No HQ users yet: npm run hq -- user add --email … --role admin');
      else
        for (const u of users)
          console.log(
            `${u.id}  ${u.email}  ${u.name}  ${u.role}${u.branches.length ? ` [${u.branches.join(', ')}]` : ''}` +
              `${u.disabled ? '  DISABLED' : ''}${u.passwordSet ? '' : '  (no password yet)'}`,
          );
      return;
    }
    const user = await findUser(pool, values.user!);
    if (!user) throw new Error(`No HQ user ${values.user}; \`npm run hq -- user list\` lists them.`);
    if (sub === 'link') {
      printLink(config, await reissuePasswordLink(pool, user.id, ctx));
      return;
    }
    const after = await updateUser(pool, user.id, { disabled: sub === 'disable' }, ctx);
    console.log(`${after.email}: ${after.disabled ? 'disabled, signed out everywhere' : 'enabled'}.`);
  } finally {
    await close();
  }
}

/**
 * `npm start` only (scripts/start.mjs): one demo user per role, each with a new random password at every
 * start, printed beside the enrollment code. Never part of a real install: nothing else calls it, and the
 * passwords are random, not defaults.
 */
export async function demoUsersCommand(args: string[], config: HqConfig) {
  const { values } = parseArgs({ args, options: { branch: { type: 'string' } } });
  const branch = (values.branch ?? 'MSK-01').toUpperCase();
  const ctx = cliActor('npm start (demo)');
  const { pool, close } = await adminConnection(config, 'demo-users');
  try {
    for (const role of HQ_ROLES) {
      const email = `${role.replace(/_/g, '-')}@demo.otklik`;
      const password = randomBytes(9).toString('base64url');
      const existing = await findUser(pool, email);
      const issued = existing
        ? await reissuePasswordLink(pool, existing.id, ctx)
        : await createUser(
            pool,
            { email, name: `Demo ${role}`, role, branches: role === 'manager' ? [branch] : [] },
            ctx,
          );
      if (existing?.disabled) await updateUser(pool, existing.id, { disabled: false }, ctx);
      await setPasswordWithLink(pool, issued.token, password, undefined);
      console.log(`demo ${role.padEnd(13)} ${email.padEnd(28)} ${password}`);
    }
  } finally {
    await close();
  }
}
