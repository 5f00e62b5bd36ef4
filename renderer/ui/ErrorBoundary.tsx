import { Component, type ReactNode } from 'react';
import { Translation } from 'react-i18next';

/** A rendering bug must not look like data loss: everything saved stays in the local database. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
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
            <p>{t('fatal.text')}</p>
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
