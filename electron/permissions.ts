import type { Session } from 'electron';
import { isAppUrl, type AppOrigins } from './app-origin';
import type { Log } from './log';

/**
 * The app page may use the camera (feedback-book photos, SPEC R6) and nothing else that needs a
 * permission — no microphone, location, web notifications — and nothing is granted to other origins.
 *
 * "persistent-storage" is granted to the app page as well: Electron routes navigator.storage.persist()
 * to the request handler and persisted() to the check handler under that name, so denying it would make
 * the renderer's durability check report failure. (Electron already treats all storage as durable.)
 */
export interface PermissionQuery {
  readonly permission: string;
  /** Every URL/origin Electron reported for the requester; all must be the app's. */
  readonly requesters: readonly (string | undefined)[];
  readonly isMainFrame: boolean;
  /** For "media": "video" is the camera, "audio" the microphone. */
  readonly mediaTypes: readonly string[];
}

export function isPermissionAllowed(query: PermissionQuery, origins: AppOrigins): boolean {
  const requesters = query.requesters.filter((r): r is string => r !== undefined && r !== '');
  if (requesters.length === 0 || !requesters.every((r) => isAppUrl(r, origins))) return false;
  switch (query.permission) {
    case 'media':
      return query.isMainFrame && query.mediaTypes.length > 0 && query.mediaTypes.every((t) => t === 'video');
    case 'persistent-storage':
      return true;
    default:
      return false;
  }
}

type PermissionSession = Pick<
  Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'
>;

export function installPermissionHandlers(session: PermissionSession, origins: AppOrigins, log: Log): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const query: PermissionQuery = {
      permission,
      requesters: [details.requestingUrl, 'securityOrigin' in details ? details.securityOrigin : undefined],
      isMainFrame: details.isMainFrame,
      mediaTypes: ('mediaTypes' in details ? details.mediaTypes : undefined) ?? [],
    };
    const allowed = isPermissionAllowed(query, origins);
    if (!allowed) log.warn('Denied permission request', { ...query });
    callback(allowed);
  });

  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isPermissionAllowed(
      {
        permission,
        requesters: [
          requestingOrigin,
          details.securityOrigin,
          details.requestingUrl,
          details.embeddingOrigin,
        ],
        isMainFrame: details.isMainFrame,
        mediaTypes: details.mediaType === undefined ? [] : [details.mediaType],
      },
      origins,
    ),
  );

  // WebHID, WebUSB, Web Serial: no device is ever granted.
  session.setDevicePermissionHandler(() => false);
}
