/** The settings feature (R7, R9–R11, R25): the workstation's setup and the branch's calendar and terms. */
export { SettingsPage } from './SettingsPage';
