import type { Session } from 'electron';

/**
 * The renderer is granted no permission: it needs none. Audio devices are opened on the main side, the
 * clipboard is read from paste events, and nothing else (camera, microphone, notifications, geolocation,
 * HID, serial, USB...) has a use in the app. Both the request handler (prompts) and the check handler
 * (synchronous queries such as `navigator.permissions`) deny, as does the device handler.
 */
export function denyAllPermissions(
  session: Pick<
    Session,
    'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'
  >,
): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
