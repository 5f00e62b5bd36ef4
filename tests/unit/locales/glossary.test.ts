import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, type Language } from '../../../shared/settings/workstation';

// R25, issue 19: one term per concept in every language. The project glossary (GLOSSARY.md, kept beside the
// repository) names the term of each concept and the variants to avoid; the rows that can be checked by text
// are encoded here, so CI catches a wrong variant in any UI string, e-mail text or printed document.
// Values are checked with their {{variables}} removed; keys and variables are tests/unit/locales/keys.test.ts' job.

interface Rule {
  /** What the glossary says, shown when the rule fails. */
  rule: string;
  avoid: RegExp;
  /** A string with the variant (the rule must catch it) and one with the right term (it must pass). */
  bad: string;
  good: string;
}

// A bare "manager" (руководитель, керівник, vedoucí) beside the head of sales is ambiguous: the glossary's
// term is the full one («руководитель отделения»), the head of sales must not be shortened.
const RULES: Record<Language, Rule[]> = {
  ru: [
    {
      rule: 'branch: «отделение», not «филиал» (the company’s policies)',
      avoid: /филиал/iu,
      bad: 'руководителю филиала',
      good: 'руководителю отделения',
    },
    {
      rule: 'branch manager «руководитель отделения», head of sales «руководитель отдела продаж и обслуживания клиентов», never shortened',
      avoid: /руководител\p{L}*(?!\p{L})(?! отделения| отдела продаж и обслуживания клиентов)/iu,
      bad: 'копия — руководителю отдела продаж',
      good: 'E-mail руководителя отдела продаж и обслуживания клиентов',
    },
  ],
  uk: [
    {
      rule: 'branch: «відділення», not «філія»',
      avoid: /(?<!\p{L})філі/iu,
      bad: 'керівник філії',
      good: 'керівник відділення',
    },
    {
      rule: 'branch manager «керівник відділення», head of sales «керівник відділу продажів і обслуговування клієнтів», never shortened',
      avoid: /керівник\p{L}*(?!\p{L})(?! відділення| відділу продажів і обслуговування клієнтів)/iu,
      bad: 'Надіслати керівникові до',
      good: 'Надіслати керівникові відділення до',
    },
    {
      rule: "one apostrophe: ’ (U+2019), not '",
      avoid: /'/u,
      bad: "комп'ютер",
      good: 'комп’ютер',
    },
    {
      rule: 'no calques from Russian (issue 19): «строк спливає», «ЦО відхилив», «код недійсний», «постійне сховище»',
      avoid: /скоро строк|відхилено ЦО|код (?:підключення )?не підходить|сховище не закріплен/iu,
      bad: 'Скоро строк',
      good: 'Строк спливає',
    },
  ],
  en: [
    {
      rule: 'deadline: «deadline», not «term» (a calque of «срок»)',
      avoid: /\bterms?\b/iu,
      bad: 'Extend the term',
      good: 'Extend the deadline',
    },
    {
      rule: 'enrolment code: «enrolment», the British spelling',
      avoid: /enroll/iu,
      bad: 'a new enrollment code',
      good: 'a new enrolment code',
    },
    {
      rule: 'one spelling variety, British: «recognise», «-isation»',
      avoid: /\b(?!(?:si|sei|pri|capsi)z)\w+iz(?:e|es|ed|ing|ations?)\b/iu,
      bad: 'does not recognize this computer',
      good: 'does not recognise this computer; file sizes',
    },
    {
      rule: 'branch manager «branch manager», head of sales «head of sales and customer service», never shortened',
      avoid: /(?<!branch )\bmanager|head of sales(?! and customer service)/iu,
      bad: 'Send to the manager by',
      good: 'Send to the branch manager, cc the head of sales and customer service',
    },
    {
      rule: "one apostrophe: ’ (U+2019), not '",
      avoid: /'/u,
      bad: "customer's",
      good: 'customer’s',
    },
  ],
  cs: [
    {
      rule: 'complaint: «stížnost»; «reklamace» is only the consumer claim for defective goods',
      avoid: /reklamac/iu,
      bad: 'Centrála tuto reklamaci nemá.',
      good: 'Centrála tuto stížnost nemá.',
    },
    {
      rule: 'headquarters: «centrála», not «ústředí»',
      avoid: /ústředí/iu,
      bad: 'Nastaveno ústředím',
      good: 'Nastaveno centrálou',
    },
    {
      rule: 'an entry in the book: «zápis», not «záznam»',
      avoid: /záznam/iu,
      bad: 'byl zapsán záznam',
      good: 'je nový zápis',
    },
    {
      rule: 'enrolment code: «kód pro připojení», not «registrační kód»',
      avoid: /registrační kód/iu,
      bad: 'Registrační kód nefunguje.',
      good: 'Kód pro připojení je neplatný.',
    },
    {
      rule: 'photo: «fotografie», not «fotka» in formal text',
      avoid: /\bfot(?:ka|ky|ek|ku|ce|kou|kám|kami|kách)\b/iu,
      bad: 'E-mail s fotkami',
      good: 'E-mail s fotografiemi',
    },
    {
      rule: 'workstation: «pracovní stanice»',
      avoid: /pracovišt/iu,
      bad: 'Číslo pracoviště',
      good: 'Číslo pracovní stanice',
    },
    {
      rule: 'page: «strana»',
      avoid: /stránk/iu,
      bad: 'Vyfotit stránku',
      good: 'Vyfotit stranu',
    },
    {
      rule: 'deadline: «lhůta», not «termín»',
      avoid: /termín/iu,
      bad: 'PO TERMÍNU',
      good: 'po lhůtě',
    },
    {
      rule: 'branch manager «vedoucí pobočky», head of sales «vedoucí prodeje a péče o zákazníky», never shortened',
      avoid: /vedoucí\p{L}*(?!\p{L})(?! pobočky| prodeje a péče o zákazníky)/iu,
      bad: 'kopií vedoucímu prodeje',
      good: 'vedoucímu pobočky s kopií vedoucímu prodeje a péče o zákazníky',
    },
  ],
  ko: [
    {
      rule: 'complaint: «불만»; «민원» is a complaint to an authority',
      avoid: /민원/u,
      bad: '민원 번호',
      good: '불만 번호',
    },
    {
      rule: 'citizens’ appeal: «민원», not «청원» (petition)',
      avoid: /청원/u,
      bad: '시민 청원',
      good: '민원',
    },
    {
      rule: 'feedback book: «고객의 소리 기록부», not 장부 / 의견서 / 고객 의견 장부',
      avoid: /장부|의견서|고객의 소리(?! 기록부)/u,
      bad: '고객 의견서 기록',
      good: '고객의 소리 기록부 기록',
    },
    {
      rule: 'branch manager: «지점장», not «관리자» (reads as system administrator)',
      avoid: /관리자/u,
      bad: '지점 관리자',
      good: '지점장',
    },
    {
      rule: 'head of sales and customer service: «영업·고객서비스 책임자», never shortened',
      avoid: /(?<!영업·고객서비스 )책임자/u,
      bad: '영업 책임자에게 보고됨',
      good: '영업·고객서비스 책임자에게 보고됨',
    },
    {
      rule: 'workstation: «작업 PC», not «작업 공간» (workspace)',
      avoid: /작업 공간/u,
      bad: '작업 공간 번호',
      good: '작업 PC 번호',
    },
    {
      rule: 'working day: «영업일», not «근무일»',
      avoid: /근무일/u,
      bad: '추가 근무일',
      good: '추가 영업일',
    },
    {
      rule: 'page: «쪽», not «페이지»',
      avoid: /페이지/u,
      bad: '페이지 촬영',
      good: '쪽 촬영',
    },
  ],
};

/** Strings that legitimately use an avoided word, each with the reason. */
const EXCEPTIONS: Array<{ lng: Language; key: string; rule: RegExp; why: string }> = [
  {
    lng: 'cs',
    key: 'lifecycle:policy.name.cz_consumer_claim_30d',
    rule: RULES.cs[0]!.avoid,
    why: 'the Czech 30-day policy IS the consumer claim (reklamace) of the Civil Code',
  },
  {
    lng: 'ko',
    key: 'lifecycle:policy.name.ua_citizens_appeals',
    rule: RULES.ko[0]!.avoid,
    why: 'the Ukrainian citizens’-appeal law is what Korean calls 민원',
  },
];

const root = join(import.meta.dirname, '../../../locales');

function strings(lng: Language): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const walk = (node: unknown, key: string) => {
    if (typeof node === 'string') out.push([key, node]);
    else if (node && typeof node === 'object')
      for (const [k, v] of Object.entries(node)) walk(v, key.endsWith(':') ? `${key}${k}` : `${key}.${k}`);
  };
  for (const file of readdirSync(join(root, lng)).filter((f) => f.endsWith('.json')))
    walk(JSON.parse(readFileSync(join(root, lng, file), 'utf8')), `${file.replace(/\.json$/, '')}:`);
  return out;
}

const withoutVariables = (s: string) => s.replace(/\{\{[^}]*\}\}/g, '');
const excepted = (lng: Language, key: string, avoid: RegExp) =>
  EXCEPTIONS.some((e) => e.lng === lng && e.key === key && e.rule === avoid);

describe('glossary: one term per concept', () => {
  it.each(LANGUAGES)('%s: every rule catches its variant and passes the right term', (lng) => {
    for (const r of RULES[lng]) {
      expect(r.avoid.test(r.bad), `${r.rule}: should catch «${r.bad}»`).toBe(true);
      expect(r.avoid.test(r.good), `${r.rule}: should pass «${r.good}»`).toBe(false);
    }
  });

  it.each(LANGUAGES)('%s uses no variant the glossary says to avoid', (lng) => {
    const found = strings(lng).flatMap(([key, value]) =>
      RULES[lng]
        .filter((r) => !excepted(lng, key, r.avoid))
        .map((r) => ({ key, rule: r.rule, match: withoutVariables(value).match(r.avoid)?.[0] }))
        .filter((f) => f.match !== undefined),
    );
    expect(found).toEqual([]);
  });

  it('every exception is still needed: its string exists and uses the word', () => {
    for (const e of EXCEPTIONS) {
      const value = new Map(strings(e.lng)).get(e.key);
      expect(value, `${e.lng} ${e.key}`).toBeDefined();
      expect(e.rule.test(withoutVariables(value!)), `${e.lng} ${e.key}: ${e.why}`).toBe(true);
    }
  });
});
