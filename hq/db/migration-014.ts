/**
 * Migration 014 (issue 15 items 3 and 7, R4/R10): policies set at HQ per company and per branch.
 *
 * - `company_settings`: one row (id 1) — the company's name (the phone greeting names it) and the company
 *   policy layer (shared/settings/policy-layers: consideration policy, calendar extras, warning lead, office
 *   hours, approval thresholds, escalation delays, what a branch PC may override). '{}': nothing set, so
 *   HQ's configured defaults and each branch's own settings apply, as before this migration.
 * - `branches.policy`: the branch layer's fields other than the calendar and consideration policy, which
 *   stay in their issue-14 columns (extra_days_off … policy_id). NULL: nothing set.
 */
export const MIGRATION_014_SQL = `
CREATE TABLE company_settings (
  id int PRIMARY KEY CHECK (id = 1),
  name text NOT NULL DEFAULT '' CHECK (length(name) <= 120),
  policy jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(policy) = 'object'),
  updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO company_settings (id) VALUES (1);
ALTER TABLE branches ADD COLUMN policy jsonb CHECK (policy IS NULL OR jsonb_typeof(policy) = 'object');
`;
