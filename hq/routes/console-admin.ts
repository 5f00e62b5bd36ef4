import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CONSOLE_PATHS, type ConflictReason } from '../../shared/console/protocol';
import {
  auditQuerySchema,
  branchCreateSchema,
  branchPatchSchema,
  employeeCreateSchema,
  employeePatchSchema,
  userCreateSchema,
  userPatchSchema,
  type AuditEntry,
  type ConsoleBranch,
  type ConsoleDevice,
  type ConsoleEmployee,
  type ConsoleUserListItem,
  type EnrollmentCode,
  type PasswordLink,
} from '../../shared/console/admin';
import { listAudit, type AuditContext } from '../audit/log';
import { updateDirectory } from '../branches/directory';
import { createEnrollment } from '../branches/enrollment';
import { consoleBranch, listConsoleBranches } from '../console/branches';
import { listDevices, revokeDevice } from '../devices/registry';
import { HqError } from '../errors';
import { createEmployee, listEmployees, updateEmployee } from '../people/employee-admin';
import { createUser, listUsers, reissuePasswordLink, updateUser, type IssuedLink } from '../people/users';

const codeParams = z.object({ code: z.string().min(1).max(16) });
const idParams = z.object({ id: z.uuid() });

/** The console's set-password page for a one-time link, on the HQ the admin is using. */
export function setPasswordLink(origin: string, token: string): string {
  return `${origin}/console/#/set-password/${token}`;
}

/**
 * Issue 14, administration: branches (with calendar extras and policy), enrollment codes (shown once),
 * devices and their revocation, HQ users and their set-password links, the audit. Changes are the admin's;
 * the auditor reads; the head of sales and managers see branches (a manager their own) and nothing else
 * here. Every change is audited by the domain that makes it.
 */
export async function consoleAdminRoutes(app: FastifyInstance) {
  const pool = () => app.hq.db.pool;
  const ctxOf = (request: FastifyRequest): AuditContext => {
    const { user } = app.consoleUser(request);
    return { actor: { kind: 'hq_user', id: user.id, name: user.name }, ip: request.ip };
  };
  /** The admin (changes), or the auditor too (reads). */
  const allow = (request: FastifyRequest, auditorToo: boolean) => {
    const principal = app.consoleUser(request);
    const role = principal.user.role;
    if (role !== 'admin' && !(auditorToo && role === 'auditor'))
      throw new HqError(403, 'forbidden', 'Only an administrator manages branches, devices and users.');
    return principal;
  };
  const linkOf = (request: FastifyRequest, issued: IssuedLink): PasswordLink => ({
    user: issued.user,
    link: setPasswordLink(`${request.protocol}://${request.host}`, issued.token),
    expiresAt: issued.expiresAt,
  });
  const branchCode = (params: unknown) => app.parse(codeParams, params).code.toUpperCase();

  app.get(CONSOLE_PATHS.branches, async (request): Promise<ConsoleBranch[]> =>
    listConsoleBranches(pool(), app.consoleUser(request)),
  );

  app.post(CONSOLE_PATHS.branches, async (request, reply): Promise<ConsoleBranch> => {
    const principal = allow(request, false);
    const body = app.parse(branchCreateSchema, request.body);
    const code = body.code.toUpperCase();
    if (await consoleBranch(pool(), principal, code))
      throw new HqError(409, 'conflict', `Branch ${code} exists already.`, {
        reason: 'branch_exists' satisfies ConflictReason,
      });
    await updateDirectory(pool(), { ...body, code }, ctxOf(request));
    reply.code(201);
    return (await consoleBranch(pool(), principal, code))!;
  });

  app.patch('/v1/console/branches/:code', async (request): Promise<ConsoleBranch> => {
    const principal = allow(request, false);
    const code = branchCode(request.params);
    const patch = app.parse(branchPatchSchema, request.body);
    if (!(await consoleBranch(pool(), principal, code)))
      throw new HqError(404, 'not_found', `No branch ${code}.`);
    await updateDirectory(pool(), { ...patch, code }, ctxOf(request));
    return (await consoleBranch(pool(), principal, code))!;
  });

  app.post('/v1/console/branches/:code/enrollment-codes', async (request, reply): Promise<EnrollmentCode> => {
    const principal = allow(request, false);
    const code = branchCode(request.params);
    if (!(await consoleBranch(pool(), principal, code)))
      throw new HqError(404, 'not_found', `No branch ${code}.`);
    const issued = await createEnrollment(pool(), { code }, new Date(), ctxOf(request));
    reply.code(201);
    return { branchCode: code, code: issued.code, expiresAt: issued.expiresAt };
  });

  app.get(CONSOLE_PATHS.devices, async (request): Promise<ConsoleDevice[]> => {
    allow(request, true);
    const { branch } = app.parse(z.object({ branch: z.string().max(16).optional() }), request.query);
    return listDevices(pool(), {
      tokenDays: app.hq.deviceTokenDays ?? 90,
      ...(branch ? { branch: branch.toUpperCase() } : {}),
    });
  });

  app.post('/v1/console/devices/:id/revoke', async (request): Promise<ConsoleDevice> => {
    allow(request, false);
    const { id } = app.parse(idParams, request.params);
    const device = await revokeDevice(pool(), id, app.hq.deviceTokenDays ?? 90, ctxOf(request));
    if (!device) throw new HqError(404, 'not_found', 'No such device.');
    app.deviceAuth.forgetDevice(id);
    return device;
  });

  app.get(CONSOLE_PATHS.employees, async (request): Promise<ConsoleEmployee[]> => {
    allow(request, true);
    const { branch } = app.parse(z.object({ branch: z.string().max(16).optional() }), request.query);
    return listEmployees(pool(), branch?.toUpperCase());
  });

  app.post(CONSOLE_PATHS.employees, async (request, reply): Promise<ConsoleEmployee> => {
    allow(request, false);
    const created = await createEmployee(
      pool(),
      app.parse(employeeCreateSchema, request.body),
      ctxOf(request),
    );
    reply.code(201);
    return created;
  });

  app.patch('/v1/console/employees/:id', async (request): Promise<ConsoleEmployee> => {
    allow(request, false);
    const { id } = app.parse(idParams, request.params);
    return updateEmployee(pool(), id, app.parse(employeePatchSchema, request.body), ctxOf(request));
  });

  app.get(CONSOLE_PATHS.users, async (request): Promise<ConsoleUserListItem[]> => {
    allow(request, true);
    return listUsers(pool());
  });

  app.post(CONSOLE_PATHS.users, async (request, reply): Promise<PasswordLink> => {
    allow(request, false);
    const body = app.parse(userCreateSchema, request.body);
    const issued = await createUser(pool(), body, ctxOf(request));
    reply.code(201);
    return linkOf(request, issued);
  });

  app.patch('/v1/console/users/:id', async (request): Promise<ConsoleUserListItem> => {
    allow(request, false);
    const { id } = app.parse(idParams, request.params);
    return updateUser(pool(), id, app.parse(userPatchSchema, request.body), ctxOf(request));
  });

  app.post('/v1/console/users/:id/password-link', async (request): Promise<PasswordLink> => {
    allow(request, false);
    const { id } = app.parse(idParams, request.params);
    return linkOf(request, await reissuePasswordLink(pool(), id, ctxOf(request)));
  });

  app.get(CONSOLE_PATHS.audit, async (request): Promise<{ items: AuditEntry[]; nextBefore?: number }> => {
    allow(request, true);
    const q = app.parse(auditQuerySchema, request.query);
    const items = await listAudit(pool(), {
      ...(q.since ? { since: q.since } : {}),
      ...(q.before ? { before: q.before } : {}),
      limit: q.limit,
    });
    return { items, ...(items.length === q.limit ? { nextBefore: items.at(-1)!.id } : {}) };
  });
}
