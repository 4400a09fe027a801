import type { ElectronFacade, NotificationLike, NotificationOptions } from './facade';

/** Native notifications; a click opens the dashboard. */
export class Notifier {
  // Kept referenced until closed: a collected notification loses its click handler.
  private readonly shown = new Set<NotificationLike>();

  constructor(
    private readonly electron: Pick<ElectronFacade, 'notificationsSupported' | 'createNotification'>,
    private readonly openDashboard: () => void,
  ) {}

  notify(options: NotificationOptions | null): void {
    if (!options || !this.electron.notificationsSupported()) return;
    const n = this.electron.createNotification(options);
    this.shown.add(n);
    n.on('click', () => this.openDashboard());
    n.on('close', () => this.shown.delete(n));
    n.show();
  }
}
