import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { CHANNELS, type Channel } from '../../shared/complaints/model';

/** R2: every way a complaint can arrive, as one radio group; the chosen channel's radio takes `focusRef`. */
export function ChannelPicker(props: {
  value: Channel;
  onChange: (channel: Channel) => void;
  focusRef: Ref<HTMLInputElement>;
}) {
  const { t } = useTranslation('complaints');
  return (
    <fieldset className="channel-picker">
      <legend>{t('fields.channel')}</legend>
      <div className="channel-grid" role="radiogroup">
        {CHANNELS.map((c, i) => (
          <label key={c} className={`channel-option ${props.value === c ? 'selected' : ''}`}>
            <input
              ref={props.value === c ? props.focusRef : undefined}
              type="radio"
              name="channel"
              value={c}
              checked={props.value === c}
              onChange={() => props.onChange(c)}
            />
            <span>{t(`channel.${c}`)}</span>
            {c === 'internal' && <span className="tag">{t('form.confidential')}</span>}
            <span className="visually-hidden">{i + 1}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
