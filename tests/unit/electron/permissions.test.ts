import type { Session } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { APP_ORIGIN } from '../../../electron/app-origin';
import type { Log } from '../../../electron/log';
import { installPermissionHandlers, isPermissionAllowed } from '../../../electron/permissions';

// Electron is mocked: its binary cannot exist on this machine. A fake session captures the handlers,
// which are then called with the arguments Electron passes.
vi.mock('electron', () => ({}));

const APP = 'app://otklik/index.html';
const EVIL = 'https://evil.example/';
const origins = [APP_ORIGIN];

describe('permission decision', () => {
  it.each([
    ['camera for the app page', 'media', [APP], true, ['video'], true],
    ['microphone', 'media', [APP], true, ['audio'], false],
    ['camera + microphone', 'media', [APP], true, ['video', 'audio'], false],
    ['media with no type', 'media', [APP], true, [], false],
    ['camera from a subframe', 'media', [APP], false, ['video'], false],
    ['camera from a foreign origin', 'media', [EVIL], true, ['video'], false],
    ['camera when one reported origin is foreign', 'media', [APP, EVIL], true, ['video'], false],
    ['camera with no origin at all', 'media', [], true, ['video'], false],
    ['screen capture', 'display-capture', [APP], true, ['video'], false],
    ['geolocation', 'geolocation', [APP], true, [], false],
    ['notifications', 'notifications', [APP], true, [], false],
    ['clipboard read', 'clipboard-read', [APP], true, [], false],
    ['openExternal', 'openExternal', [APP], true, [], false],
    ['persistent storage for the app', 'persistent-storage', [APP], true, [], true],
    ['persistent storage from a worker', 'persistent-storage', [APP], false, [], true],
    ['persistent storage for a foreign origin', 'persistent-storage', [EVIL], true, [], false],
    ['an unknown permission', 'unknown', [APP], true, [], false],
  ] as const)('%s → %s', (_name, permission, requesters, isMainFrame, mediaTypes, allowed) => {
    expect(isPermissionAllowed({ permission, requesters, isMainFrame, mediaTypes }, origins)).toBe(allowed);
  });

  it('allows the dev server only when it is an app origin', () => {
    const query = {
      permission: 'media',
      requesters: ['http://127.0.0.1:5173/'],
      isMainFrame: true,
      mediaTypes: ['video'],
    };
    expect(isPermissionAllowed(query, origins)).toBe(false);
    expect(isPermissionAllowed(query, [...origins, 'http://127.0.0.1:5173'])).toBe(true);
  });
});

type RequestHandler = Parameters<Session['setPermissionRequestHandler']>[0] & {};
type CheckHandler = Parameters<Session['setPermissionCheckHandler']>[0] & {};

function installed() {
  const handlers: { request?: RequestHandler; check?: CheckHandler; device?: () => boolean } = {};
  const session = {
    setPermissionRequestHandler: vi.fn((h: RequestHandler) => (handlers.request = h)),
    setPermissionCheckHandler: vi.fn((h: CheckHandler) => (handlers.check = h)),
    setDevicePermissionHandler: vi.fn((h: () => boolean) => (handlers.device = h)),
  };
  const log: Log = { warn: vi.fn(), error: vi.fn() };
  installPermissionHandlers(session as unknown as Session, origins, log);
  const { request, check, device } = handlers;
  if (!request || !check || !device) throw new Error('handlers not installed');
  const contents = {} as Electron.WebContents;
  return {
    log,
    device,
    request(permission: Parameters<RequestHandler>[1], details: Record<string, unknown>): boolean {
      const callback = vi.fn();
      request(contents, permission, callback, { isMainFrame: true, requestingUrl: APP, ...details } as never);
      expect(callback).toHaveBeenCalledTimes(1);
      return callback.mock.calls[0]?.[0] as boolean;
    },
    check(
      permission: Parameters<CheckHandler>[1],
      origin: string,
      details: Record<string, unknown>,
    ): boolean {
      return check(contents, permission, origin, { isMainFrame: true, ...details } as never);
    },
  };
}

describe('installed request handler', () => {
  it.each([
    ['camera', 'media', { mediaTypes: ['video'], securityOrigin: 'app://otklik/' }, true],
    ['microphone', 'media', { mediaTypes: ['audio'], securityOrigin: 'app://otklik/' }, false],
    ['camera + microphone', 'media', { mediaTypes: ['video', 'audio'] }, false],
    [
      'camera, foreign page',
      'media',
      { mediaTypes: ['video'], requestingUrl: EVIL, securityOrigin: EVIL },
      false,
    ],
    ['camera, foreign security origin', 'media', { mediaTypes: ['video'], securityOrigin: EVIL }, false],
    ['camera from a subframe', 'media', { mediaTypes: ['video'], isMainFrame: false }, false],
    ['geolocation', 'geolocation', {}, false],
    ['notifications', 'notifications', {}, false],
    ['navigator.storage.persist()', 'persistent-storage', {}, true],
  ] as const)('%s → %s', (_name, permission, details, allowed) => {
    const { request } = installed();
    expect(request(permission, details)).toBe(allowed);
  });

  it('logs a denial', () => {
    const { request, log } = installed();
    request('geolocation', {});
    expect(log.warn).toHaveBeenCalledWith(
      'Denied permission request',
      expect.objectContaining({ permission: 'geolocation' }),
    );
  });
});

describe('installed check handler', () => {
  it.each([
    [
      'camera (enumerateDevices labels)',
      'media',
      'app://otklik/',
      { mediaType: 'video', securityOrigin: 'app://otklik/' },
      true,
    ],
    ['microphone', 'media', 'app://otklik/', { mediaType: 'audio' }, false],
    ['media of unknown type', 'media', 'app://otklik/', { mediaType: 'unknown' }, false],
    ['camera for a foreign origin', 'media', EVIL, { mediaType: 'video' }, false],
    [
      'camera in a foreign embedder',
      'media',
      'app://otklik/',
      { mediaType: 'video', embeddingOrigin: EVIL },
      false,
    ],
    ['navigator.storage.persisted()', 'persistent-storage', 'app://otklik/', {}, true],
    ['notifications', 'notifications', 'app://otklik/', {}, false],
    ['geolocation', 'geolocation', 'app://otklik/', {}, false],
  ] as const)('%s → %s', (_name, permission, origin, details, allowed) => {
    const { check } = installed();
    expect(check(permission, origin, details)).toBe(allowed);
  });

  it('grants no HID/USB/serial device', () => {
    expect(installed().device()).toBe(false);
  });
});
