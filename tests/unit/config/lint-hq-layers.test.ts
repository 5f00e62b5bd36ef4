import { describe, expect, it } from 'vitest';
import { ruleIds as rulesOf } from './eslint-rules';

// README "HQ layout": db, blobs < branches < complaints, book < mail < sync, routes < app, serve, main. Lint refuses
// an import that goes up, and keeps the process boundaries of hq/ in every layer.
/** As a module of its own (an import-only snippet is a script otherwise). */
const ruleIds = (filePath: string, code: string) => rulesOf(filePath, `${code}\nexport {};\n`);

describe('HQ layers', { timeout: 30_000 }, () => {
  it.each([
    ['hq/db/x.ts', "import { applyPush } from '../sync/push';"],
    ['hq/blobs/x.ts', "import { recordPhoto } from '../book/photos';"],
    ['hq/branches/x.ts', "import { appendEvents } from '../complaints/history';"],
    ['hq/branches/x.ts', "import { lockEntry } from '../book/entries';"],
    ['hq/complaints/x.ts', "import { enqueueBookMail } from '../mail/queue';"],
    ['hq/book/x.ts', "import { enqueueBookMail } from '../mail/queue';"],
    ['hq/book/x.ts', "import { applyOperation } from '../sync/dispatch';"],
    ['hq/mail/x.ts', "import { pullChanges } from '../sync/pull';"],
    ['hq/mail/x.ts', "import { photoRoutes } from '../routes/photos';"],
    ['hq/sync/x.ts', "import { buildApp } from '../app';"],
    ['hq/routes/x.ts', "import { buildApp } from '../app';"],
    ['hq/routes/x.ts', "import { serve } from '../serve';"],
    ['hq/mail/x.ts', "import { runMailWorker } from '../serve';"],
    // issue 14: audit at the bottom, people beside the domains, console above mail, below the routes
    ['hq/audit/x.ts', "import { signIn } from '../people/sessions';"],
    ['hq/db/x.ts', "import { actOnComplaint } from '../console/actions';"],
    ['hq/people/x.ts', "import { listComplaints } from '../console/list';"],
    ['hq/complaints/x.ts', "import { consoleAuthentication } from '../http/console-auth';"],
    ['hq/console/x.ts', "import { applyPush } from '../sync/push';"],
    ['hq/console/x.ts', "import { consoleAdminRoutes } from '../routes/console-admin';"],
    // the process boundaries still hold inside a layer
    ['hq/book/x.ts', "import { app } from 'electron';"],
    ['hq/mail/x.ts', "import { listComplaints } from '../../renderer/complaints/queries';"],
  ])('%s: %s is refused', async (file, code) => {
    expect(await ruleIds(file, code)).toContain('no-restricted-imports');
  });

  it.each([
    ['hq/mail/x.ts', "import { lockEntry } from '../book/entries';\nexport { lockEntry };"],
    [
      'hq/mail/x.ts',
      "import { bookMailContent } from '../../shared/mail/content';\nexport { bookMailContent };",
    ],
    ['hq/book/x.ts', "import { branchTx } from '../branches/versions';\nexport { branchTx };"],
    ['hq/complaints/x.ts', "import { inTransaction } from '../db/database';\nexport { inTransaction };"],
    ['hq/sync/x.ts', "import { enqueueBookMail } from '../mail/queue';\nexport { enqueueBookMail };"],
    ['hq/routes/x.ts', "import { applyPush } from '../sync/push';\nexport { applyPush };"],
    ['hq/app.ts', "import { syncRoutes } from './routes/sync';\nexport { syncRoutes };"],
    ['hq/branches/x.ts', "import { recordAudit } from '../audit/log';\nexport { recordAudit };"],
    ['hq/console/x.ts', "import { appendEvents } from '../complaints/history';\nexport { appendEvents };"],
    ['hq/console/x.ts', "import { retryMailJob } from '../mail/queue';\nexport { retryMailJob };"],
    ['hq/http/x.ts', "import { signIn } from '../people/sessions';\nexport { signIn };"],
    ['hq/routes/x.ts', "import { listComplaints } from '../console/list';\nexport { listComplaints };"],
  ])('%s may: %s', async (file, code) => {
    expect(await ruleIds(file, code)).toEqual([]);
  });
});
