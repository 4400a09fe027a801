import { lazy, Suspense } from 'react';
import { Loading } from '../../components/Notes';
import { useT } from '../../i18n/store';
import { useRoute } from '../../state/route';
import { useStore } from '../../state/store';
import { AgentCards } from '../agents/AgentCards';
import { ApprovalHistory } from '../approvals/Approvals';
import { MemoryGauge } from '../memory/MemoryGauge';
import { NewTaskForm } from '../new-task/NewTaskForm';
import { QueueList } from '../queue/QueueList';
import { EscalationMeter } from '../spend/EscalationMeter';
import { RouterLearning } from '../spend/RouterLearning';
import { SpendPanel } from '../spend/SpendPanel';
import { SwapSteps } from '../swap/SwapSteps';
import { TaskPanel } from '../task/TaskPanel';

// The heavier views load their libraries only when opened (markdown, diff, chart).
const MemoryChart = lazy(() => import('../memory/MemoryChart'));
const SnapshotsView = lazy(() => import('../snapshots/SnapshotsView'));
const BlueprintView = lazy(() => import('../blueprint/BlueprintView'));
const SettingsView = lazy(() => import('../settings/SettingsView'));

function Overview() {
  // Whether a swap is on, not the swap itself: the overview (and the queue in it) need not render
  // again when the swap moves a step; SwapSteps follows it.
  const swap = useStore((s) => Boolean(s.state?.swap));
  return (
    <div className="grid overview">
      <div className="col-wide">
        <NewTaskForm />
        {swap ? <SwapSteps /> : null}
        <QueueList height={360} />
      </div>
      <div className="col-side">
        <AgentCards />
        <MemoryGauge />
        <EscalationMeter />
      </div>
    </div>
  );
}

export function Views() {
  const t = useT();
  const { view, taskId } = useRoute();
  const hasState = useStore((s) => s.state !== null);
  if (!hasState) return <Loading what={t('app.loading')} />;
  return (
    <div data-view={view} className="view">
      <h2 className="visually-hidden">{t(`nav.${view}`)}</h2>
      <Suspense fallback={<Loading />}>
        {view === 'overview' ? <Overview /> : null}
        {view === 'queue' ? <QueueList height={Math.max(400, window.innerHeight - 260)} /> : null}
        {view === 'task' ? <TaskPanel taskId={taskId} /> : null}
        {view === 'memory' ? (
          <>
            <MemoryGauge />
            <section className="panel" aria-label={t('memory.history')}>
              <h2>{t('memory.history')}</h2>
              <MemoryChart />
            </section>
          </>
        ) : null}
        {view === 'swap' ? (
          <>
            <SwapSteps />
            <ApprovalHistory />
          </>
        ) : null}
        {view === 'snapshots' ? <SnapshotsView /> : null}
        {view === 'blueprint' ? <BlueprintView /> : null}
        {view === 'spend' ? (
          <>
            <SpendPanel />
            <EscalationMeter />
            <RouterLearning />
          </>
        ) : null}
        {view === 'settings' ? <SettingsView /> : null}
      </Suspense>
    </div>
  );
}
