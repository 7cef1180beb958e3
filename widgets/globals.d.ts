// Types for TypeScript's checks of the site's scripts (`make lint`); nothing is built
// from this file. What the scripts share through globals, and the browser features
// they use that TypeScript's own declarations leave out.

/** The Network Information API's data-saver flag (Chromium); absent elsewhere. */
interface NetworkInformation {
  readonly saveData?: boolean;
}
interface Navigator {
  readonly connection?: NetworkInformation;
}
interface WorkerNavigator {
  readonly connection?: NetworkInformation;
}

/** Material for MkDocs' page-change observable (RxJS), set on instant-navigation sites. */
interface Window {
  document$?: { subscribe(next: () => void): unknown };
}

/** The worker early.js starts and what it said until the binder takes it over. */
declare var oreiEarlyWorker:
  | { worker?: Worker; said?: Array<MessageEvent | ErrorEvent>; taken?: boolean }
  | undefined;

/** search-later.js: why Material's search worker was let go, once it has been. */
declare var oreiSearchLater: { reason: string | null } | undefined;
