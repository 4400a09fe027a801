import type { WindowOptions } from './facade';
import { defaultSize, minimumSize } from './window-state';

/** The dashboard window's settings: every Electron hardening switch on (docs/architecture.md). */
export function dashboardWindowOptions(
  preloadPath: string,
  bounds: { width: number; height: number; x?: number; y?: number } = defaultSize,
) {
  return {
    ...bounds,
    minWidth: minimumSize.width,
    minHeight: minimumSize.height,
    show: false,
    title: 'Frontier SOS',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
    },
  } as const satisfies WindowOptions;
}
