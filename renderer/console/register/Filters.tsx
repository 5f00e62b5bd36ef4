import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CATEGORIES, CHANNELS, SEVERITIES, STATUSES } from '../../../shared/complaints/model';
import { SelectField } from '../../ui/Field';
import { activeFilters, NO_FILTERS, type RegisterFilters } from './filters';

const DUE = ['overdue', 'soon', 'ok'] as const;
const YES_NO = ['true', 'false'] as const;
const OWNER = ['me'] as const;
const APPROVAL = ['pending'] as const;
const SORTS = ['registered', 'due'] as const;
/** Typing pauses this long before the search goes to HQ. */
const SEARCH_PAUSE_MS = 300;

/** The register's filters, search (the / key) and order. */
export function Filters({
  value,
  onChange,
  branches,
}: {
  value: RegisterFilters;
  onChange: (f: RegisterFilters) => void;
  branches: readonly string[];
}) {
  const { t } = useTranslation(['console', 'complaints', 'handling']);
  const [q, setQ] = useState(value.q);
  const search = useRef<HTMLInputElement>(null);
  const set = <K extends keyof RegisterFilters>(key: K, v: string) =>
    onChange({ ...value, [key]: v as RegisterFilters[K] });

  // The search box follows a search changed elsewhere (clear filters, a queue's link).
  const [seenQ, setSeenQ] = useState(value.q);
  if (value.q !== seenQ) {
    setSeenQ(value.q);
    setQ(value.q);
  }
  useEffect(() => {
    if (q === value.q) return;
    const timer = setTimeout(() => onChange({ ...value, q }), SEARCH_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [q, value, onChange]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (e.key !== '/' || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return;
      e.preventDefault();
      search.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <form
      className="console-filters"
      role="search"
      aria-label={t('console:register.filters')}
      onSubmit={(e) => {
        e.preventDefault();
        onChange({ ...value, q });
      }}
    >
      <div className="field console-search">
        <label htmlFor="register-search">{t('console:register.search')}</label>
        <input
          id="register-search"
          ref={search}
          type="search"
          maxLength={200}
          value={q}
          placeholder={t('console:register.searchPlaceholder')}
          aria-keyshortcuts="/"
          onChange={(e) => setQ(e.target.value)}
        />
      </div>
      <SelectField
        id="filter-branch"
        label={t('console:list.branch')}
        value={value.branch}
        options={branches}
        optionLabel={(b) => b}
        none={t('console:register.any')}
        onChange={(v) => set('branch', v)}
      />
      <SelectField
        id="filter-status"
        label={t('complaints:fields.status')}
        value={value.status}
        options={STATUSES}
        optionLabel={(s) => t(`complaints:status.${s}`)}
        none={t('console:register.any')}
        onChange={(v) => set('status', v)}
      />
      <SelectField
        id="filter-channel"
        label={t('complaints:fields.channel')}
        value={value.channel}
        options={CHANNELS}
        optionLabel={(c) => t(`complaints:channel.${c}`)}
        none={t('console:register.any')}
        onChange={(v) => set('channel', v)}
      />
      <SelectField
        id="filter-category"
        label={t('complaints:fields.category')}
        value={value.category}
        options={CATEGORIES}
        optionLabel={(c) => t(`complaints:category.${c}`)}
        none={t('console:register.any')}
        onChange={(v) => set('category', v)}
      />
      <SelectField
        id="filter-severity"
        label={t('complaints:fields.severity')}
        value={value.severity}
        options={SEVERITIES}
        optionLabel={(s) => t(`complaints:severity.${s}`)}
        none={t('console:register.any')}
        onChange={(v) => set('severity', v)}
      />
      <SelectField
        id="filter-due"
        label={t('console:list.due')}
        value={value.due}
        options={DUE}
        optionLabel={(d) => t(`console:due.${d}`)}
        none={t('console:register.any')}
        onChange={(v) => set('due', v)}
      />
      <SelectField
        id="filter-escalated"
        label={t('console:list.escalated')}
        value={value.escalated}
        options={YES_NO}
        optionLabel={(v) => t(`console:register.${v === 'true' ? 'yes' : 'no'}`)}
        none={t('console:register.any')}
        onChange={(v) => set('escalated', v)}
      />
      <SelectField
        id="filter-owner"
        label={t('console:list.owner')}
        value={value.owner}
        options={OWNER}
        optionLabel={() => t('console:register.ownerMe')}
        none={t('console:register.any')}
        onChange={(v) => set('owner', v)}
      />
      <SelectField
        id="filter-approval"
        label={t('console:register.approval')}
        value={value.approval}
        options={APPROVAL}
        optionLabel={() => t('handling:approval.pending')}
        none={t('console:register.any')}
        onChange={(v) => set('approval', v)}
      />
      <SelectField
        id="register-sort"
        label={t('console:register.sort')}
        value={value.sort}
        options={SORTS}
        optionLabel={(s) => t(`console:register.sortBy.${s}`)}
        onChange={(v) => set('sort', v)}
      />
      {activeFilters(value) + (value.q ? 1 : 0) > 0 && (
        <button
          type="button"
          className="console-clear"
          onClick={() => onChange({ ...NO_FILTERS, sort: value.sort })}
        >
          {t('console:register.clear')}
        </button>
      )}
    </form>
  );
}
