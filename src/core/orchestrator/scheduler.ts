import type { Role } from '../../../shared/domain';
import { say } from '../../../shared/engine-message';
import type { Swap } from '../../../shared/swap';
import type { Context } from './context';
import type { FrontierRunner } from './frontier-runner';
import { startReview, startWork } from './local-runner';
import { advanceSwap } from './swap-runner';
import { queuedTasks } from '../state';

const residents = ['router', 'coder', 'reviewer'] as const satisfies readonly Role[];
/**
 * A planner request joins the swap only while it drains: before the snapshot is taken and the
 * user is asked. Later ones wait for a later swap, so an approval covers exactly what it showed.
 */
const joinable = ['draining'];

/**
 * Decides what runs next. Passes never overlap: a kick during a pass makes the pass run again.
 * Work itself runs in the background and kicks when it frees an agent.
 */
export class Scheduler {
  private passing = false;
  private again = false;
  private advancing: Promise<void> | null = null;
  private idleWaiters: Array<() => void> = [];
  paused = false;

  constructor(
    private readonly ctx: Context,
    private readonly frontier?: FrontierRunner,
  ) {}

  kick = (): void => {
    if (this.passing) {
      this.again = true;
      return;
    }
    this.passing = true;
    void this.loop();
  };

  /** Resolves when no pass, swap step or local work is under way (tests and shutdown wait on it). */
  whenIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private isIdle(): boolean {
    return (
      !this.passing &&
      !this.advancing &&
      this.ctx.running.size === 0 &&
      this.ctx.judging === 0 &&
      Object.values(this.ctx.state.agents).every((a) => a.lock === 'IDLE')
    );
  }

  private async loop(): Promise<void> {
    try {
      do {
        this.again = false;
        await this.pass();
      } while (this.again);
    } catch (error) {
      this.ctx.events.emit('notice', {
        level: 'error',
        said: say('engine.schedulerStopped', {
          error: error instanceof Error ? error.message : String(error),
        }),
      });
    } finally {
      this.passing = false;
      this.settle();
    }
  }

  private settle(): void {
    if (!this.isIdle()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    waiters.forEach((w) => w());
  }

  private async pass(): Promise<void> {
    const { ctx } = this;
    const { policy } = ctx.options;
    const plannerQueue = [...queuedTasks(ctx.state, 'planner')];
    const swap = ctx.state.swap;
    const onDone = () => this.kick();

    // Frontier calls hold no agent and no local memory: they start whatever the residents and the
    // Planner are doing, and never make local work wait.
    if (this.frontier && !this.paused) {
      for (const task of [...queuedTasks(ctx.state, 'frontier')]) await this.frontier.start(task, onDone);
    }

    if (swap && policy.batch && joinable.includes(swap.state) && plannerQueue.length) {
      const joined: Swap = { ...swap, taskIds: [...swap.taskIds, ...plannerQueue.map((t) => t.id)] };
      await ctx.commit({ type: 'swap.updated', data: { swap: joined } });
    } else if (!swap && plannerQueue.length && !this.paused) {
      const evict = policy.evict === 'all' ? [...residents] : (ctx.plan.plannerSwapEvicts ?? [...residents]);
      const taskIds = (policy.batch ? plannerQueue : plannerQueue.slice(0, 1)).map((t) => t.id);
      const id = ctx.newId('swap');
      const started: Swap = {
        id,
        state: 'draining',
        taskIds,
        evict,
        approvalId: ctx.newSecretId('approval'),
        unloading: null,
        snapshotVersion: null,
        startedAt: ctx.ports.clock.now(),
        enteredAt: { draining: ctx.ports.clock.now() },
        error: null,
        progress: null,
      };
      await ctx.commit({ type: 'swap.updated', data: { swap: started } });
    }

    if (ctx.state.swap) {
      if (!this.advancing) {
        this.advancing = advanceSwap(ctx)
          .then((moved) => {
            this.advancing = null;
            if (moved) this.kick();
            else this.settle();
          })
          .catch((error: unknown) => {
            this.advancing = null;
            ctx.events.emit('notice', {
              level: 'error',
              said: say('engine.swapStopped', {
                error: error instanceof Error ? error.message : String(error),
              }),
            });
          });
      }
      return; // drain: no new local work while a planner request waits
    }
    if (this.paused) return;

    if (ctx.state.agents.reviewer.lock === 'IDLE') {
      // Reviews in the order the Coder finished them (the stage map keeps insertion order).
      const reviewId = [...ctx.state.stages].find(([, stage]) => stage === 'review_pending')?.[0];
      const review = reviewId ? ctx.state.tasks.get(reviewId) : undefined;
      if (review) await startReview(ctx, review, onDone);
    }
    // Each resident takes the next local task addressed to it (the Coder by default).
    for (const role of residents) {
      if (ctx.state.agents[role].lock !== 'IDLE') continue;
      const next = queuedTasks(ctx.state, 'local', role).next().value;
      if (next) await startWork(ctx, next, role, onDone);
    }
  }
}
