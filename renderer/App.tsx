import { useTranslation } from 'react-i18next';
import { Redirect, Route, Router, Switch } from 'wouter';
import { useHashLocation } from 'wouter/use-hash-location';
import { useWorkstationSettings } from './db/context';
import { Shell } from './shell/Shell';
import { ComplaintDetailPage, ComplaintListPage, NewComplaintPage } from './complaints';
import { BookEntryPage, FeedbackBookPage } from './book';
import { SettingsPage } from './settings';
import { HqConnection } from './sync/HqConnection';
import { SyncPage } from './sync/SyncPage';

export function App() {
  const { t } = useTranslation();
  const settings = useWorkstationSettings();
  if (settings === undefined) return <p className="loading">{t('app.loading')}</p>;
  return (
    // Hash routes work the same under app:// in Electron and from any static server.
    <Router hook={useHashLocation}>
      <Shell settings={settings}>
        {settings === null ? (
          <SettingsPage settings={null} />
        ) : (
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
              {(params) => <BookEntryPage id={params.id === 'new' ? null : params.id} settings={settings} />}
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
            <Route>
              <Redirect to="/complaints" replace />
            </Route>
          </Switch>
        )}
      </Shell>
    </Router>
  );
}
