import type { RouterLearning } from '../../../shared/domain';
import { redactSecrets } from '../../../shared/frontier/redact';
import type { Ports } from '../ports';
import {
  createRouter,
  decideRoute,
  feedbackPath,
  foldIn,
  maxCorrectionChars,
  parseFeedback,
  type Correction,
  type Router,
  type RouterConfigInput,
  type RouterJudge,
} from '../router/index';
import type { RouteTask } from './orchestrator';

/**
 * The Router as the engine runs it: facts and the classifier, the Router model for what they are
 * unsure of (asked only when the scheduler says it may be: RouterAccess), and the user's
 * corrections, recorded as they happen and folded into the classifier at start.
 */
export class RouterService {
  private router: Router;
  learning: RouterLearning | null = null;

  constructor(
    private readonly ports: Ports,
    config: RouterConfigInput = {},
    private readonly judge?: RouterJudge,
  ) {
    this.router = createRouter(config);
  }

  get current(): Router {
    return this.router;
  }

  readonly route: RouteTask = async (input, { modelAway }) => {
    const rules = this.router;
    const decision = await decideRoute(
      input,
      modelAway ? { rules, modelAway } : this.judge ? { rules, judge: this.judge } : { rules },
    );
    return { route: decision.route, rule: decision.rule, reason: decision.reason[decision.lang] };
  };

  /** Reads the corrections file and folds it in; bad lines are reported, never fatal. */
  async learn(): Promise<RouterLearning> {
    const content = (await this.ports.workspace.readText(feedbackPath)) ?? '';
    const { corrections, problems } = parseFeedback(content);
    const { router, learning } = foldIn(this.router, corrections);
    this.router = router;
    this.learning = { corrections: corrections.length, problems, ...learning };
    return this.learning;
  }

  /**
   * Keeps one correction as a labelled example. The text is redacted first: the file stays in the
   * workspace, where a user may commit it with the code.
   */
  async record(correction: Omit<Correction, 'text'> & { text: string }): Promise<void> {
    const text = redactSecrets(correction.text.slice(0, maxCorrectionChars)).text.slice(0, maxCorrectionChars);
    await this.ports.workspace.appendLine(feedbackPath, JSON.stringify({ ...correction, text }));
  }
}
