import {
  normalizeWorkstationSettings,
  validateWorkstationSettings,
  withSettingsDefaults,
  type Language,
  type SettingsError,
  type WorkstationSettings,
} from '../../shared/settings/workstation';
import { withHqDirectory } from '../../shared/settings/directory';
import type { OtklikDatabase } from './database';
import { hqLink } from './device';
import { refreshDueKeys } from './listKeys';

export class SettingsInvalid extends Error {
  constructor(readonly errors: SettingsError[]) {
    super(`Invalid settings: ${errors.map((e) => `${e.field}:${e.code}`).join(', ')}`);
  }
}

export async function loadWorkstationSettings(db: OtklikDatabase): Promise<WorkstationSettings | null> {
  const row = await db.settings.get('workstation');
  return row ? withSettingsDefaults(row.value) : null;
}

/**
 * Settings are this PC's configuration, not business records: they are not queued for HQ (HQ owns the
 * branch directory and sends it down). The directory fields HQ has set are re-applied in the same
 * transaction, so a form opened before HQ's directory arrived cannot overwrite it. The complaints' urgency
 * keys follow the calendar and policy in the same transaction too (R11: the counts never lag a change).
 */
export async function saveWorkstationSettings(
  db: OtklikDatabase,
  raw: WorkstationSettings,
): Promise<WorkstationSettings> {
  const errors = validateWorkstationSettings(raw);
  if (errors.length > 0) throw new SettingsInvalid(errors);
  return db.transaction('rw', db.settings, db.meta, db.complaints, async () => {
    const normalized = normalizeWorkstationSettings(raw);
    const link = await hqLink(db);
    const kept = (link && withHqDirectory(normalized, link.branch)) ?? normalized;
    await db.settings.put({ key: 'workstation', value: kept });
    await refreshDueKeys(db.complaints, withSettingsDefaults(kept));
    return kept;
  });
}

/** The language switcher's choice, in the saved profile when there is one. */
export async function saveLanguage(db: OtklikDatabase, language: Language): Promise<void> {
  await db.transaction('rw', db.settings, async () => {
    const row = await db.settings.get('workstation');
    if (row) await db.settings.put({ key: 'workstation', value: { ...row.value, language } });
  });
}
