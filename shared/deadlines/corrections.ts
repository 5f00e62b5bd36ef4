/**
 * The correction layer over date-holidays 3.37.0: where its data for RU, UA, CZ and KR differs from the
 * official calendars, and what it does not model at all. Every entry names its source; the reasoning and the
 * checks behind each one are in CORRECTIONS.md beside this file. Dates are local dates of the country.
 */
import type { LocalDate } from '../time/local-date';

/** A date-holidays rule replaced by another (or removed when `set` is absent). */
export interface RulePatch {
  /** The rule exactly as date-holidays spells it (see `new Holidays(country).getRules()`). */
  unset: string;
  set?: { rule: string; name: string };
  source: string;
}

/** A date-holidays rule added (one the library does not know). */
export interface RuleAddition {
  rule: string;
  name: string;
  source: string;
}

/** Days of a multi-day library holiday to be shifted, because the library anchors the span on the wrong day. */
export interface SpanShift {
  rule: string;
  shiftDays: number;
  source: string;
}

export interface LibraryCorrections {
  patches: RulePatch[];
  additions: RuleAddition[];
  spanShifts: SpanShift[];
}

const RU_TK_112 = 'Трудовой кодекс РФ, ст. 112 (ч. 1: перечень; ч. 2: перенос выходного при совпадении)';
const UA_KZPP_73 =
  'КЗпП України, ст. 73 (ред. законів 2211-VIII, 3107-IX, 3248-IX) і ст. 67 ч. 3 (перенесення)';

export const LIBRARY_CORRECTIONS: Record<string, LibraryCorrections> = {
  RU: {
    // The library moves 8 March from a Sunday to Monday by itself; art. 112 moves holidays on either weekend
    // day, unless the government decree moves that weekend day elsewhere. Transfers are done in russia.ts.
    patches: [
      {
        unset: '03-08 and if sunday then next monday',
        set: { rule: '03-08', name: 'Международный женский день' },
        source: RU_TK_112,
      },
    ],
    additions: [],
    spanShifts: [],
  },
  UA: {
    // Art. 73 as in force since 2024: no 2 January, 8 May instead of 9 May, no 7 January. The library's own
    // weekend moves ("then next tuesday" left over from the abolished 2 January / 2 May) are dropped: art. 67
    // part 3 transfers are computed in ukraine.ts. All of this only applies with martial law off.
    patches: [
      {
        unset: '01-01 and if saturday, sunday then next tuesday',
        set: { rule: '01-01', name: 'Новий рік' },
        source: UA_KZPP_73,
      },
      { unset: '01-02 and if saturday, sunday then next monday', source: UA_KZPP_73 },
      {
        unset: 'julian 12-25 and if saturday, sunday then next monday prior to 2023',
        set: { rule: 'julian 12-25 prior to 2024', name: 'Різдво Христове (7 січня)' },
        source: 'Закон 3248-IX від 28.07.2023 (7 січня більше не святковий день)',
      },
      {
        unset: '03-08 and if saturday, sunday then next monday',
        set: { rule: '03-08', name: 'Міжнародний жіночий день' },
        source: UA_KZPP_73,
      },
      {
        unset: 'orthodox and if sunday then next monday since 2000',
        set: { rule: 'orthodox since 2000', name: 'Великдень' },
        source: UA_KZPP_73,
      },
      {
        unset: 'orthodox 49 and if sunday then next monday since 2000',
        set: { rule: 'orthodox 49 since 2000', name: 'Трійця' },
        source: UA_KZPP_73,
      },
      {
        unset: '05-01 and if saturday, sunday then next tuesday',
        set: { rule: '05-01', name: 'День праці' },
        source: UA_KZPP_73,
      },
      {
        unset: '05-09 and if saturday, sunday then next monday',
        set: { rule: '05-09 prior to 2024', name: 'День перемоги над нацизмом' },
        source: 'Закон 3107-IX від 29.05.2023 (8 травня замість 9 травня)',
      },
      {
        unset: '06-28 and if saturday, sunday then next monday',
        set: { rule: '06-28', name: 'День Конституції' },
        source: UA_KZPP_73,
      },
      {
        unset: '07-15 and if saturday, sunday then next monday since 2023',
        set: { rule: '07-15 since 2023', name: 'День Української Державності' },
        source: UA_KZPP_73,
      },
      {
        unset: '08-24 and if saturday, sunday then next monday',
        set: { rule: '08-24', name: 'День Незалежності' },
        source: UA_KZPP_73,
      },
      {
        unset: '10-01 and if saturday, sunday then next monday since 2023',
        set: { rule: '10-01 since 2023', name: 'День захисників і захисниць України' },
        source: UA_KZPP_73,
      },
      {
        unset: '12-25 and if saturday, sunday then next monday since 2017',
        set: { rule: '12-25 since 2017', name: 'Різдво Христове' },
        source: UA_KZPP_73,
      },
    ],
    additions: [
      {
        rule: '05-08 since 2024',
        name: "День пам'яті та перемоги над нацизмом у Другій світовій війні",
        source: 'Закон 3107-IX від 29.05.2023',
      },
    ],
    spanShifts: [],
  },
  KR: {
    patches: [],
    additions: [
      {
        // A paid day off for every employee under the Labour Standards Act (근로자의 날 → 노동절 제정에 관한
        // 법률, renamed 2025); not a 관공서 공휴일 (2026: designation as one was proposed, not verified).
        rule: '05-01',
        name: '노동절 (근로자의 날)',
        source: '노동절 제정에 관한 법률; 근로기준법 제55조',
      },
    ],
    spanShifts: [
      {
        // 설날 연휴 is 전날·당일·다음날 (관공서의 공휴일에 관한 규정 제2조 제5호); the library starts the 3-day span on
        // 당일 (lunar 1/1), one day late, every year (its own KR.yaml comment says so). Its Seollal substitute
        // entries are already anchored on the real dates.
        rule: 'korean 01-0-01 P3D',
        shiftDays: -1,
        source: '관공서의 공휴일에 관한 규정 제2조 제5호; 월력요항 2025/2026 (KASI / 우주항공청)',
      },
    ],
  },
  CZ: { patches: [], additions: [], spanShifts: [] },
};

/** A government day transfer: the weekend day `from` becomes a working day (unless it is a holiday) and `to` a day off. */
export interface DayTransfer {
  from: LocalDate;
  to: LocalDate;
}

export interface TransferDecree {
  decree: string;
  transfers: DayTransfer[];
}

/**
 * Russia: «О переносе выходных дней в YYYY году». Weekend days that coincide with 1–6 or 8 January move only
 * where the decree says; other coincidences follow art. 112 part 2 automatically unless the decree moves that
 * weekend day elsewhere (2025: 23 February → 8 May instead of the automatic 24 February).
 * 2027: no decree published in the sources available (see CORRECTIONS.md) — art. 112 only.
 */
export const RU_TRANSFER_DECREES: Record<number, TransferDecree> = {
  2024: {
    decree: 'Постановление Правительства РФ от 10.08.2023 № 1314',
    transfers: [
      { from: '2024-01-06', to: '2024-05-10' },
      { from: '2024-01-07', to: '2024-12-31' },
      { from: '2024-04-27', to: '2024-04-29' },
      { from: '2024-11-02', to: '2024-04-30' },
      { from: '2024-12-28', to: '2024-12-30' },
    ],
  },
  2025: {
    decree: 'Постановление Правительства РФ от 04.10.2024 № 1335',
    transfers: [
      { from: '2025-01-04', to: '2025-05-02' },
      { from: '2025-01-05', to: '2025-12-31' },
      { from: '2025-02-23', to: '2025-05-08' },
      { from: '2025-03-08', to: '2025-06-13' },
      { from: '2025-11-01', to: '2025-11-03' },
    ],
  },
  2026: {
    decree: 'Постановление Правительства РФ от 24.09.2025 № 1466',
    transfers: [
      { from: '2026-01-03', to: '2026-01-09' },
      { from: '2026-01-04', to: '2026-12-31' },
    ],
  },
};

/** A single designated date the library cannot know (elections, one-off government designations). */
export interface DesignatedDay {
  date: LocalDate;
  kind: 'day_off' | 'working_day';
  name: string;
  source: string;
}

export const DESIGNATED_DAYS: Record<string, DesignatedDay[]> = {
  KR: [
    {
      date: '2025-01-27',
      kind: 'day_off',
      name: '임시공휴일 (설 연휴)',
      source: '국무회의 의결 2025-01-14, 관보 공고 (인사혁신처)',
    },
    {
      date: '2025-06-03',
      kind: 'day_off',
      name: '제21대 대통령선거일 (임시공휴일)',
      source: '국무회의 의결 2025-04-08',
    },
    {
      date: '2026-06-03',
      kind: 'day_off',
      name: '제9회 전국동시지방선거일',
      source: '공직선거법 제34조; 관공서의 공휴일에 관한 규정 제2조 (임기만료 선거일)',
    },
  ],
};
