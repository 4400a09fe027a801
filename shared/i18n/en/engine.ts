/**
 * What the engine says, in English: each key is an EngineMessage's key (shared/engine-message.ts),
 * `{name}` a value the engine carries with it. The engine keeps these keys and values, never the
 * sentences; a surface renders them in its language.
 */
export const engine = {
  'waiting.approval': 'Waiting for your approval',
  'waiting.drain': 'Waiting for the Coder and the Reviewer to go IDLE',
  'waiting.snapshot': 'Saving the work to files',
  'waiting.swap': 'Waiting for the Planner swap to finish',
  'waiting.coder': 'Waiting for the Coder to go IDLE',
  'waiting.reviewer': 'Waiting for the Reviewer to go IDLE',
  'waiting.reviewAfterSwap': "Reviewed after the Planner swap (the Coder's answer is saved)",
  'waiting.router': 'Waiting for the Router to go IDLE',
  'waiting.fitCheck': 'Checking that the Planner fits in memory',
  'waiting.frontierPreparing': 'Preparing the frontier request',

  'engine.frontierNoKey':
    'No frontier API key is set: add one for {providers} in Settings or the environment, then re-route the task to frontier to ask again.',
  'engine.frontierNone': 'No frontier provider is connected in this app: re-route the task to local or planner.',
  'engine.frontierNoneChosen':
    'No frontier provider is connected in this app ({provider} was chosen): re-route the task to local or planner.',
  'engine.plannerDenied': 'Denied: nothing was unloaded. Re-route the task to the frontier model, or ask again later.',
  'engine.plannerExpired': 'The approval expired: nothing was unloaded. Re-route the task, or ask again.',
  'engine.memoryUnknown':
    'Memory could not be read, so whether the Planner fits is unknown. Deny is the default; to go ahead anyway, choose "Approve anyway" explicitly.',
  'engine.plannerStayCapped':
    'The Planner has kept the residents out for {minutes} minutes: it leaves after the request in progress. The other {left} request(s) wait for a later swap and a new approval.',
  'engine.plannerNoAnswer': 'No answer within {minutes} min: nothing was unloaded. Re-route the task, or ask again.',
  'engine.plannerNotStarted': 'Not started: {reason}',
  'engine.fitHeld':
    'The Planner does not fit in memory yet; checking again every 30 s. Numbers and what to do: {detail}',
  'engine.interrupted': 'Interrupted by a restart before anything was unloaded; the request is asked again.',
  'engine.swapFailed': 'The planner swap failed while {state}: {error}',
  'engine.frontierWithdrawn': 'Withdrawn: the task was cancelled or re-routed; nothing was sent.',
  'engine.frontierApproved': 'Approved: the request was sent.',
  'engine.frontierDenied':
    'Denied: nothing was sent. Re-route the task to local or planner, or to frontier to ask again.',
  'engine.frontierNoAnswer':
    'No answer within {minutes} min: nothing was sent. Re-route the task to frontier to ask again.',
  'engine.frontierExpired': 'The approval expired: nothing was sent. Re-route the task to frontier to ask again.',
  'engine.approvedNotSent': 'Approved, but not sent: {reason}',
  'engine.cancelled': 'Cancelled by you.',
  'engine.swapOver': 'The planner swap is over; the residents are back.',
  'engine.restoreFailed':
    'Could not bring the residents back after the failed swap: {error}. They are reloaded when work needs them.',
  'engine.residentLoadFailed': '{role} ({model}) could not be loaded: {error}',
  'engine.frontierInterrupted':
    'A restart interrupted the frontier call of {task}; it is asked again (the provider may have billed the first attempt).',
  'engine.frontierAnswered': 'Frontier answer for {task} from {provider} ({model}): {cost}, in {path}.',
  'engine.frontierFailed': 'The frontier call for {task} failed: {error}',
  'engine.schedulerStopped': 'The scheduler stopped on an error: {error}',
  'engine.swapStopped': 'The swap stopped on an error: {error}',
  'engine.hostUnknown': 'Could not ask the model host what is loaded: {error}',
  'engine.frontierCancelled': 'Cancelled by you: nothing was sent.',
  'engine.frontierCancelledStreaming':
    'Cancelled by you while the answer was coming in; the provider may bill the tokens it had generated.',
  'engine.reviewFailed': "The review failed: {error} (the Coder's answer is in {path}).",

  'planner.warning': 'WARNING: the 52B Planner must be summoned. The resident models will be unloaded. Approve?',

  'engine.hostSaid': '{text}',
  'engine.legacy': '{text}',
  'engine.plannerApproved': 'Approved.',
  'engine.frontierAsk': '[Frontier call: the text below will be sent to {provider} {model}, at most {cost}. Approve?]',
  'engine.budgetReachedDaily':
    'Daily frontier budget of {cap} reached ({spent} spent today): raise it in Settings or wait until tomorrow.',
  'engine.budgetReachedMonthly':
    'Monthly frontier budget of {cap} reached ({spent} spent this month): raise it in Settings or wait until next month.',
  'engine.budgetExceedsDaily':
    'This call could cost up to {estimate}, more than the {left} left of the daily frontier budget of {cap} ({spent} spent today): raise it in Settings, shorten the request, or wait until tomorrow.',
  'engine.budgetExceedsMonthly':
    'This call could cost up to {estimate}, more than the {left} left of the monthly frontier budget of {cap} ({spent} spent this month): raise it in Settings, shorten the request, or wait until next month.',
  'engine.ledgerUnreadableDaily':
    'The spend ledger cannot be read at {path} line {lines}, so the daily cap cannot be checked: fix or delete those lines, or remove the cap in Settings.',
  'engine.ledgerUnreadableMonthly':
    'The spend ledger cannot be read at {path} line {lines}, so the monthly cap cannot be checked: fix or delete those lines, or remove the cap in Settings.',
  'engine.ledgerLinesUnreadableDaily':
    'The spend ledger cannot be read at {path} lines {lines}, so the daily cap cannot be checked: fix or delete those lines, or remove the cap in Settings.',
  'engine.ledgerLinesUnreadableMonthly':
    'The spend ledger cannot be read at {path} lines {lines}, so the monthly cap cannot be checked: fix or delete those lines, or remove the cap in Settings.',
  'engine.correctionsProblem': 'Router corrections file ({path}): {problem}.',
  'engine.correctionNotKept': 'The Router could not keep this correction ({error}); the task itself is not affected.',
  'engine.journalTornTail':
    "The journal's last line was cut off by a crash; it was moved to {path} and the journal goes on from the record before it.",
} satisfies Record<string, string>;

export type EngineKey = keyof typeof engine;
