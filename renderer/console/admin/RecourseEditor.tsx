import { useTranslation } from 'react-i18next';
import {
  isShippedRecourse,
  RECOURSE_KINDS,
  RECOURSE_LIMITS,
  type RecourseConfig,
} from '../../../shared/documents/recourse';
import { COUNTRIES, LANGUAGES, type Country } from '../../../shared/settings/workstation';
import { languageName, regionName } from '../../i18n/format';
import { SelectField, TextField } from '../../ui/Field';
import {
  canAddRoute,
  moveRoute,
  newRoute,
  routesToStartFrom,
  type RecourseForm,
  type RouteForm,
} from './recourseForm';

/**
 * R17 (issue 15): the recourse routes one policy layer sets, per country, in the order the decision letter
 * lists them. A country not set here follows the layer below (the company's, then the shipped table);
 * setting one starts from the routes in force below (`below`: the company's layer, when editing a branch's).
 * `error(field)`: the form's words for a wrong route or list.
 */
export function RecourseEditor(props: {
  value: RecourseForm;
  below?: RecourseConfig | undefined;
  onChange: (value: RecourseForm) => void;
  error: (field: `recourse.${string}`) => string | undefined;
}) {
  const { t, i18n } = useTranslation(['console', 'documents']);
  const setCountry = (country: Country, routes: RouteForm[] | undefined) => {
    const next = { ...props.value };
    if (routes) next[country] = routes;
    else delete next[country];
    props.onChange(next);
  };
  return (
    <fieldset data-testid="recourse-editor">
      <legend>{t('console:admin.policies.recourse')}</legend>
      <p className="hint">{t('console:admin.policies.recourseHint')}</p>
      {COUNTRIES.map((country) => {
        const routes = props.value[country];
        const listError = props.error(`recourse.${country}`);
        return (
          <section key={country} className="recourse-country" data-testid={`recourse-${country}`}>
            <h4>{regionName(country, i18n.language)}</h4>
            {!routes ? (
              <>
                <p className="muted">
                  {t(
                    props.below
                      ? 'console:admin.policies.recourseNotSet'
                      : 'console:admin.policies.recourseNotSetCompany',
                  )}
                </p>
                <button
                  type="button"
                  onClick={() => setCountry(country, routesToStartFrom(country, props.below))}
                >
                  {t('console:admin.policies.recourseSet')}
                </button>
              </>
            ) : (
              <>
                {listError && (
                  <p className="error" role="alert">
                    {listError}
                  </p>
                )}
                <ol className="recourse-routes">
                  {routes.map((route, index) => (
                    <li key={route.uid} data-testid={`recourse-${country}-${index}`}>
                      <RouteFields
                        id={`recourse-${country}-${index}`}
                        n={index + 1}
                        last={index === routes.length - 1}
                        route={route}
                        error={props.error(`recourse.${country}.${index}`)}
                        onChange={(r) => setCountry(country, routes.with(index, r))}
                        onMove={(by) => setCountry(country, moveRoute(routes, index, by))}
                        onRemove={
                          routes.length > 1
                            ? () => setCountry(country, routes.toSpliced(index, 1))
                            : undefined
                        }
                      />
                    </li>
                  ))}
                </ol>
                <div className="form-actions">
                  <button
                    type="button"
                    disabled={!canAddRoute(routes)}
                    onClick={() => setCountry(country, [...routes, newRoute()])}
                  >
                    {t('console:admin.policies.recourseAdd')}
                  </button>
                  <button type="button" onClick={() => setCountry(country, undefined)}>
                    {t('console:admin.policies.recourseUnset')}
                  </button>
                </div>
              </>
            )}
          </section>
        );
      })}
    </fieldset>
  );
}

/** One route: a shipped one keeps its translated words unless words are typed here; the company's own needs them. */
function RouteFields(props: {
  id: string;
  /** The route's place in its country's list, from 1. */
  n: number;
  last: boolean;
  route: RouteForm;
  error: string | undefined;
  onChange: (route: RouteForm) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: (() => void) | undefined;
}) {
  const { t, i18n } = useTranslation(['console', 'documents']);
  const r = props.route;
  const set = <K extends keyof RouteForm>(key: K, value: RouteForm[K]) =>
    props.onChange({ ...r, [key]: value });
  const p = 'console:admin.policies.';
  return (
    <fieldset className="recourse-route">
      <legend>{t(`${p}recourseRoute`, { n: props.n })}</legend>
      <p className="muted">
        {isShippedRecourse(r.id)
          ? t(`${p}recourseShipped`, { words: t(`documents:recourse.${r.id}`) })
          : t(`${p}recourseOwn`)}
      </p>
      {props.error && (
        <p className="error" role="alert">
          {props.error}
        </p>
      )}
      <div className="grid-2">
        <TextField
          id={`${props.id}-id`}
          label={t(`${p}recourseId`)}
          value={r.id}
          maxLength={40}
          onChange={(v) => set('id', v)}
        />
        <SelectField
          id={`${props.id}-kind`}
          label={t(`${p}recourseKind`)}
          value={r.kind}
          options={RECOURSE_KINDS}
          optionLabel={(k) => t(`${p}recourseKinds.${k}`)}
          onChange={(v) => set('kind', v as RouteForm['kind'])}
        />
        <TextField
          id={`${props.id}-officialName`}
          label={t(`${p}recourseOfficialName`)}
          value={r.officialName}
          maxLength={RECOURSE_LIMITS.officialName}
          onChange={(v) => set('officialName', v)}
        />
        <TextField
          id={`${props.id}-website`}
          label={t(`${p}recourseWebsite`)}
          value={r.website}
          maxLength={RECOURSE_LIMITS.website}
          onChange={(v) => set('website', v)}
        />
        <TextField
          id={`${props.id}-phone`}
          label={t(`${p}recoursePhone`)}
          value={r.phone}
          maxLength={RECOURSE_LIMITS.phone}
          onChange={(v) => set('phone', v)}
        />
        {LANGUAGES.map((l) => (
          <TextField
            key={l}
            id={`${props.id}-text-${l}`}
            label={t(`${p}recourseWords`, { language: languageName(l, i18n.language) })}
            value={r.text[l]}
            maxLength={RECOURSE_LIMITS.text}
            onChange={(v) => set('text', { ...r.text, [l]: v })}
          />
        ))}
      </div>
      <div className="form-actions">
        <button type="button" disabled={props.n === 1} onClick={() => props.onMove(-1)}>
          {t(`${p}recourseUp`)}
        </button>
        <button type="button" disabled={props.last} onClick={() => props.onMove(1)}>
          {t(`${p}recourseDown`)}
        </button>
        {props.onRemove && (
          <button type="button" onClick={props.onRemove}>
            {t(`${p}recourseRemove`)}
          </button>
        )}
      </div>
    </fieldset>
  );
}
