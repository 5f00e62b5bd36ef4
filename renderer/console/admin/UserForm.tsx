import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS, isValidEmail } from '../../../shared/complaints/validation';
import type { UserCreate } from '../../../shared/console/admin';
import { HQ_ROLES, type HqRole } from '../../../shared/people/model';
import { SelectField, TextField } from '../../ui/Field';

/** A new HQ user: e-mail, name, role, and for a manager the branches they handle. */
export function UserForm(props: {
  branches: readonly string[];
  busy: boolean;
  onSubmit: (user: UserCreate) => void;
}) {
  const { t } = useTranslation(['console', 'validation']);
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<HqRole>('manager');
  const [branches, setBranches] = useState<string[]>([]);
  const [shown, setShown] = useState(false);
  const problems = {
    email: !isValidEmail(email.trim()) ? 'invalid_email' : undefined,
    name: !name.trim() ? 'required' : undefined,
    branches: role === 'manager' && branches.length === 0 ? 'required' : undefined,
  } as const;
  const error = (k: keyof typeof problems) =>
    shown && problems[k] ? t(`validation:${problems[k]}`) : undefined;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setShown(true);
    if (Object.values(problems).some(Boolean)) return;
    props.onSubmit({
      email: email.trim(),
      name: name.trim(),
      role,
      branches: role === 'manager' ? branches : [],
    });
  };

  return (
    <form
      className="console-form"
      onSubmit={submit}
      noValidate
      aria-labelledby="user-form-title"
      data-testid="user-form"
    >
      <h2 id="user-form-title">{t('console:admin.users.add')}</h2>
      <div className="grid-2">
        <TextField
          id="user-email"
          label={t('console:signIn.email')}
          type="email"
          value={email}
          maxLength={LIMITS.email}
          required
          onChange={setEmail}
          error={error('email')}
        />
        <TextField
          id="user-name"
          label={t('console:admin.users.name')}
          value={name}
          maxLength={LIMITS.person}
          required
          onChange={setName}
          error={error('name')}
        />
        <SelectField
          id="user-role"
          label={t('console:admin.users.role')}
          value={role}
          options={HQ_ROLES}
          optionLabel={(r) => t(`console:role.${r}`)}
          onChange={(r) => setRole(r as HqRole)}
        />
      </div>
      {role === 'manager' && (
        <fieldset aria-describedby={error('branches') ? 'user-branches-error' : undefined}>
          <legend>{t('console:admin.users.branches')}</legend>
          <div className="checkbox-row">
            {props.branches.map((code) => (
              <label key={code}>
                <input
                  type="checkbox"
                  checked={branches.includes(code)}
                  onChange={(e) =>
                    setBranches((b) => (e.target.checked ? [...b, code] : b.filter((x) => x !== code)))
                  }
                />
                {code}
              </label>
            ))}
          </div>
          {error('branches') && (
            <p className="error" id="user-branches-error" role="alert">
              {error('branches')}
            </p>
          )}
        </fieldset>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={props.busy}>
          {t('console:admin.users.create')}
        </button>
      </div>
    </form>
  );
}
