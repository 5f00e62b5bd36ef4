import type { Complaint, ComplaintEvent } from '../../../shared/complaints/model';
import type { WorkstationSettings } from '../../../shared/settings/workstation';
import { useHqPolicy } from '../../sync/hooks';
import { AttachmentsPanel } from './AttachmentsPanel';
import { CallbackPanel } from './CallbackPanel';
import { ChangesPanel } from './ChangesPanel';
import { CompensationPanel } from './CompensationPanel';
import { HandoffPanel } from './HandoffPanel';
import { MergePanel } from './MergePanel';
import { RecoursePanel } from './RecoursePanel';
import { TasksPanel } from './TasksPanel';

/**
 * Issue 15 on the complaint's page: everything between "registered" and "closed" beside the lifecycle
 * steps — callbacks (R4), compensation and its approval (R16), department tasks (R16), recourse (R17),
 * hand-offs and escalations (R11, R14), corrections, re-assessment and later information (R3, R5, R13),
 * attached files (R3, R5).
 */
export function HandlingSection(props: {
  complaint: Complaint;
  history: ComplaintEvent[];
  settings: WorkstationSettings;
}) {
  const { complaint, history, settings } = props;
  // R10: the approval thresholds HQ set (company, then branch; this PC's only stricter, where allowed).
  const policy = useHqPolicy(settings);
  return (
    <div className="handling" data-testid="handling">
      <div className="detail-grid">
        <CallbackPanel complaint={complaint} history={history} timeZone={settings.timeZone} />
        <CompensationPanel
          complaint={complaint}
          settings={settings}
          thresholds={policy.handling.approvalThresholds}
        />
      </div>
      <div className="detail-grid">
        <TasksPanel complaint={complaint} history={history} timeZone={settings.timeZone} />
        <RecoursePanel complaint={complaint} settings={settings} />
      </div>
      <div className="detail-grid">
        <HandoffPanel complaint={complaint} timeZone={settings.timeZone} />
        <ChangesPanel complaint={complaint} />
      </div>
      <AttachmentsPanel complaint={complaint} history={history} timeZone={settings.timeZone} />
      <MergePanel complaint={complaint} duplicates={policy.handling.duplicates} />
    </div>
  );
}
