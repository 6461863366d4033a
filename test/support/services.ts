import { EventHub } from '../../src-main/ipc/event-hub.ts';
import { AppServices, type HostInfo } from '../../src-main/services/app-services.ts';
import { tempDir } from './temp-dir.ts';

/** Real services over a temporary user data folder. */
export async function makeServices(
  extra: Partial<HostInfo> = {},
): Promise<{ services: AppServices; userDataDir: string; remove: () => Promise<void> }> {
  const { dir, remove } = await tempDir();
  const services = new AppServices(
    { host: 'browser', version: '0.0.0-test', electron: null, userDataDir: dir, ...extra },
    new EventHub(),
  );
  await services.start();
  return { services, userDataDir: dir, remove };
}
