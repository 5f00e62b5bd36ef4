import type { InputHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import type { BranchDirectory } from '../../shared/sync/protocol';
import type { DirectoryField } from '../../shared/settings/directory';
import { Field, describedBy } from '../ui/Field';

/** The settings typed as text; the directory ones may be HQ's. */
export type TextSettingField =
  | 'branchCode'
  | 'branchName'
  | 'hqUrl'
  | 'managerName'
  | 'managerEmail'
  | 'headOfSalesName'
  | 'headOfSalesEmail';

const REQUIRED: ReadonlySet<TextSettingField> = new Set(['branchCode', 'branchName']);

/**
 * One text setting. A directory field HQ has set is HQ's (issue 6, R7): shown read-only with HQ's current
 * value, marked "set by headquarters".
 */
export function TextSetting(props: {
  field: TextSettingField;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
  hint?: string;
  /** HQ's directory when it has set this field. */
  fromHq?: BranchDirectory;
  extra?: InputHTMLAttributes<HTMLInputElement>;
}) {
  const { t } = useTranslation('settings');
  const { field } = props;
  const id = `s-${field}`;
  if (props.fromHq) {
    return (
      <Field id={id} label={t(`fields.${field}`)} hint={t('hints.setByHq')}>
        <input
          {...describedBy(id, undefined, t('hints.setByHq'))}
          value={props.fromHq[field as DirectoryField]}
          readOnly
          data-testid={`${id}-from-hq`}
          {...props.extra}
        />
      </Field>
    );
  }
  return (
    <Field
      id={id}
      label={t(`fields.${field}`)}
      required={REQUIRED.has(field)}
      error={props.error}
      hint={props.hint}
    >
      <input
        {...describedBy(id, props.error, props.hint)}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        {...props.extra}
      />
    </Field>
  );
}
