import { useTranslation } from 'react-i18next';
import { Redirect, Route, Router, Switch } from 'wouter';
import { useHashLocation } from 'wouter/use-hash-location';
import { useWorkstationSettings } from './db/context';
import { Shell } from './shell/Shell';
import { ComplaintDetailPage, ComplaintListPage, NewComplaintPage } from './complaints';
import { BookEntryPage, FeedbackBookPage } from './book';
import { SettingsPage } from './settings';
import { CounterGate, CounterProvider, EmployeesPage } from './people';
import { HqConnection } from './sync/HqConnection';
import { SyncPage } from './sync/SyncPage';

export function App() {
  const { t } = useTranslation();
  const settings = useWorkstationSettings();
  if (settings === undefined) return <p className="loading">{t('app.loading')}</p>;
  return (
    // Hash routes work the same under app:// in Electron and from any static server.
    <Router hook={useHashLocation}>
      {settings === null ? (
        <Shell settings={null}>
          <SettingsPage settings={null} />
        </Shell>
      ) : (
        // Issue 14: every screen of a set-up workstation is behind the sign-in of an employee.
        <CounterProvider settings={settings}>
          <Shell settings={settings}>
            <CounterGate>
              <Switch>
                <Route path="/complaints/new">
                  <NewComplaintPage settings={settings} />
                </Route>
                <Route path="/complaints/:id">
                  {(params) => <ComplaintDetailPage id={params.id} settings={settings} />}
                </Route>
                <Route path="/complaints">
                  <ComplaintListPage settings={settings} />
                </Route>
                <Route path="/book/:id">
                  {/* No key: /book/new becomes /book/<id> after the first page without losing the screen. */}
                  {(params) => (
                    <BookEntryPage id={params.id === 'new' ? null : params.id} settings={settings} />
                  )}
                </Route>
                <Route path="/book">
                  <FeedbackBookPage settings={settings} />
                </Route>
                <Route path="/settings">
                  <SettingsPage settings={settings} />
                  <HqConnection settings={settings} />
                </Route>
                <Route path="/sync">
                  <SyncPage />
                </Route>
                <Route path="/employees">
                  <EmployeesPage settings={settings} />
                </Route>
                <Route>
                  <Redirect to="/complaints" replace />
                </Route>
              </Switch>
            </CounterGate>
          </Shell>
        </CounterProvider>
      )}
    </Router>
  );
}
