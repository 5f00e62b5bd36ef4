// HQ's command line: `serve` (the default) runs the server; the other commands administer the database
// it is configured for (DATABASE_URL, or the embedded PGlite under DATA_DIR — through the running server
// when there is one). See the README, "HQ server".
import { parseArgs } from 'node:util';
import { auditCommand } from './audit/commands';
import { branchCommand } from './branches/commands';
import { policyCommand } from './branches/policy-commands';
import { transitionCommand } from './complaints/commands';
import { configFromEnv, type HqConfig } from './config';
import { adminConnection } from './db/admin-connection';
import { devicesCommand } from './devices/commands';
import { formatMailReport, unsentMailJobs } from './mail/status';
import { demoUsersCommand, userCommand } from './people/commands';

const USAGE = `Usage: npm run hq -- [command] [options]

  serve                      run HQ (default). Environment: PORT (4180), HOST (127.0.0.1),
                             DATABASE_URL (PostgreSQL; absent: embedded PGlite under DATA_DIR),
                             DATA_DIR (.otklik-data/hq: photos and the embedded database)
                             HQ_AUTH_CACHE_MS (5000: how long a checked device token is trusted),
                             TLS_CERT + TLS_KEY (PEM files: serve HTTPS), HQ_TRUST_PROXY, limits:
                             see the README, "Security"
  enroll --branch CODE       create or update a branch and print a one-time enrollment code
         [--name N] [--country RU|UA|CZ|KR] [--time-zone Z] [--language ru|uk|en|cs|ko]
         [--manager-name N] [--manager-email E] [--head-of-sales-name N] [--head-of-sales-email E]
         [--address A] [--phone P] [--hours H]   (printed on the branch's documents)
  transition --complaint NUMBER --to STATUS --actor NAME [--reason R]
                             change a complaint's status at HQ (the branch sees it after its next sync)
  directory --branch CODE [same field options as enroll]
                             update a branch's directory entry (manager, head of sales…) without
                             issuing a code; the branch receives it with its next sync
  policy show [--branch CODE] | policy set --company|--branch CODE --json '{…}'
                             the policies HQ sets (consideration policy, calendar extras, warning lead,
                             office hours, approval thresholds, escalation delays, what a branch may
                             override); set replaces that layer; branches get it with their next sync
  policy company-name --name N
                             the company's name, used in the phone greeting at every branch
  user add --email E --name N --role admin|head_of_sales|manager|auditor [--branches MSK-01,…]
                             create an HQ user and print their one-time set-password link (the first
                             admin is created this way); user list [--json]; user disable|enable|link
                             --user EMAIL|ID
  audit [--since DATE] [--limit N] [--json]
                             the append-only audit of HQ actions: who, when, what, before and after
  Every change above is audited; --actor NAME names who ran it (else the operating-system user).
  mail-worker                only the mail worker (R7): sends the mail queue, escalates overdue
                             entries. Any number may run beside the servers on PostgreSQL (DATABASE_URL);
                             the embedded database has one owner, and \`serve\` runs a worker itself.
                             Environment: SMTP_URL (absent: .eml files in DATA_DIR/mail), MAIL_FROM,
                             MAIL_POLL_MS (5000), MAIL_LEASE_MS (600000),
                             MAIL_RETRY_FIRST_MS (30000). \`serve\` runs one too.
  mail-status [--json]       list the mail jobs not sent yet: waiting for photos, no manager address,
                             retrying (with the last error) or failed for good (with the server's reason)
  devices [--branch CODE] [--json]
                             the enrolled workstations: branch, state, enrolled, last seen, revoked
  revoke --device ID         revoke a workstation's token at once (it must enroll again)
  migrate                    apply database migrations and exit

The embedded database (no DATABASE_URL) has one owner at a time: while \`serve\` runs, the other commands
go through it; a second \`serve\` or \`mail-worker\` on the same DATA_DIR is refused.
`;

/** While the embedded server runs, the CLI reaches its database through it (PGlite has one owner). */
const adminPool = (config: HqConfig, command: string) => adminConnection(config, command);

async function main(argv: string[]): Promise<void> {
  const [command = 'serve', ...rest] = argv[0]?.startsWith('-') ? ['serve', ...argv] : argv;
  const config = configFromEnv();
  if (command === 'help' || rest.includes('--help')) {
    console.log(USAGE);
    return;
  }
  // The server and the mail worker (hq/serve.ts) load only for these two commands.
  if (command === 'serve') return (await import('./serve')).serve(config);
  if (command === 'mail-worker') return (await import('./serve')).runMailWorker(config);
  if (command === 'mail-status') {
    const { values } = parseArgs({ args: rest, options: { json: { type: 'boolean' } } });
    const { pool, close } = await adminPool(config, command);
    try {
      const jobs = await unsentMailJobs(pool);
      console.log(values.json ? JSON.stringify(jobs, null, 2) : formatMailReport(jobs));
    } finally {
      await close();
    }
    return;
  }
  if (command === 'devices' || command === 'revoke') return devicesCommand(command, rest, config);
  if (command === 'migrate') {
    const { close } = await adminPool(config, command);
    await close();
    console.log('[hq] database is up to date');
    return;
  }
  if (command === 'enroll' || command === 'directory') return branchCommand(command, rest, config);
  if (command === 'policy') return policyCommand(rest, config);
  if (command === 'transition') return transitionCommand(rest, config);
  if (command === 'user') return userCommand(rest, config);
  if (command === 'demo-users') return demoUsersCommand(rest, config);
  if (command === 'audit') return auditCommand(rest, config);
  console.error(USAGE);
  process.exitCode = 2;
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`[hq] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
