import { Component, type ReactNode } from 'react';
import { Translation } from 'react-i18next';

/**
 * A rendering bug must not look like data loss: at the branch everything saved stays in the local database
 * (`fatal.text`); in the HQ console it is at HQ (`fatal.textHq`).
 */
export class ErrorBoundary extends Component<
  { children: ReactNode; textKey?: 'fatal.text' | 'fatal.textHq' },
  { error: Error | null }
> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidCatch(error: Error) {
    console.error('Otklik UI error', error);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <Translation>
        {(t) => (
          <div className="fatal" role="alert">
            <h1>{t('fatal.title')}</h1>
            <p>{t(this.props.textKey ?? 'fatal.text')}</p>
            <pre>{this.state.error?.message}</pre>
            <button type="button" onClick={() => location.reload()}>
              {t('fatal.reload')}
            </button>
          </div>
        )}
      </Translation>
    );
  }
}
