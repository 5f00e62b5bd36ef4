import { Redirect, Route, Switch } from 'wouter';
import { AdminPage } from './admin/AdminPage';
import { ComplaintPage } from './complaint/ComplaintPage';
import { QueuesPage } from './queues/QueuesPage';
import { RegisterPage } from './register/RegisterPage';
import { RegisterFiltersProvider } from './register/state';
import { homeOf, sectionsFor } from './roles';
import { useSession } from './session';

/** The screens behind sign-in; a role is sent home from a section it does not have (HQ refuses it anyway). */
export function ConsoleRoutes() {
  const { user } = useSession();
  const allowed = new Set(sectionsFor(user.role).map((s) => s.path));
  const home = <Redirect to={homeOf(user.role)} replace />;
  return (
    <RegisterFiltersProvider>
      <Switch>
        <Route path="/queues">{allowed.has('/queues') ? <QueuesPage /> : home}</Route>
        <Route path="/register">{allowed.has('/register') ? <RegisterPage /> : home}</Route>
        <Route path="/complaints/:id">
          {(params) => (allowed.has('/register') ? <ComplaintPage key={params.id} id={params.id} /> : home)}
        </Route>
        <Route path="/admin/:section?">
          {(params) => (allowed.has('/admin') ? <AdminPage section={params.section} /> : home)}
        </Route>
        <Route>{home}</Route>
      </Switch>
    </RegisterFiltersProvider>
  );
}
