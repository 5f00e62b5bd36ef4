import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Router, Switch } from 'wouter';
import { useHashLocation } from 'wouter/use-hash-location';
import type { ConsoleUser } from '../../shared/console/protocol';
import type { ConsoleApi } from './api/client';
import { ErrorBanner } from './ErrorBanner';
import { Frame } from './Frame';
import { ConsoleRoutes } from './ConsoleRoutes';
import { SessionProvider } from './session';
import { SetPasswordPage } from './signin/SetPasswordPage';
import { SignInPage, type SignInNotice } from './signin/SignInPage';

/**
 * The console's top: asks HQ for the session at start, shows sign-in without one (with why: signed out,
 * session expired), the set-password page of a one-time link at any time, and the screens behind sign-in.
 */
export function ConsoleApp({ api }: { api: ConsoleApi }) {
  const { t } = useTranslation('console');
  const [user, setUser] = useState<ConsoleUser | null | undefined>(undefined);
  const [notice, setNotice] = useState<SignInNotice | null>(null);
  const [bootError, setBootError] = useState<unknown>(null);

  const load = useCallback(
    () =>
      api.session().then(
        (s) => setUser(s?.user ?? null),
        (error: unknown) => setBootError(error),
      ),
    [api],
  );

  useEffect(() => {
    void load();
    return api.onSessionEnded(() => {
      setUser(null);
      setNotice('expired');
    });
  }, [api, load]);

  const signOut = useCallback(async () => {
    try {
      await api.signOut();
    } finally {
      setUser(null);
      setNotice('signed_out');
    }
  }, [api]);

  let signedInPart;
  if (bootError)
    signedInPart = (
      <ErrorBanner
        error={bootError}
        onRetry={() => {
          setBootError(null);
          void load();
        }}
      />
    );
  else if (user === undefined) signedInPart = <p className="loading">{t('app.loading')}</p>;
  else if (user === null)
    signedInPart = (
      <SignInPage
        api={api}
        notice={notice}
        onSignedIn={(u) => {
          setNotice(null);
          setUser(u);
        }}
      />
    );
  else
    signedInPart = (
      <SessionProvider value={{ api, user, signOut }}>
        <Frame>
          <ConsoleRoutes />
        </Frame>
      </SessionProvider>
    );

  return (
    // Hash routes: every address under /console/ is the same page, and a one-time link needs no server route.
    <Router hook={useHashLocation}>
      <Switch>
        <Route path="/set-password/:token">
          {(params) => <SetPasswordPage api={api} token={params.token} />}
        </Route>
        <Route>{signedInPart}</Route>
      </Switch>
    </Router>
  );
}
