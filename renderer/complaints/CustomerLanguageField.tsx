import { useTranslation } from 'react-i18next';
import type { ComplaintInput } from '../../shared/complaints/model';
import { customerLanguageOf } from '../../shared/documents/language';
import { isLanguage, LANGUAGES, type Language } from '../../shared/settings/workstation';
import { endonym } from '../i18n/format';
import { SelectField } from '../ui/Field';

/**
 * R9, R25 (issue 16): the language of the customer's documents and e-mail copies, chosen at registration —
 * the branch's language unless the customer asks for another. Languages are named in their own words.
 */
export function CustomerLanguageField({
  input,
  branchLanguage,
  update,
}: {
  input: ComplaintInput;
  branchLanguage: Language;
  update: (change: (input: ComplaintInput) => ComplaintInput) => void;
}) {
  const { t } = useTranslation('complaints');
  return (
    <div className="grid-2">
      <SelectField
        id="field-customerLanguage"
        label={t('fields.customerLanguage')}
        value={customerLanguageOf(input, branchLanguage)}
        options={LANGUAGES}
        optionLabel={endonym}
        onChange={(v) => {
          if (isLanguage(v)) update((d) => ({ ...d, customerLanguage: v }));
        }}
      />
      <p className="muted">{t('form.customerLanguageHint')}</p>
    </div>
  );
}
