/** The room server's public API: start it in-process, configure it, plug a media service (SFU) into it. */
export { startHostedServer } from './host';
export { startServer, defaultStaticDir, type RunningServer, type StartServerOptions } from './server';
export { serverConfigSchema, type ServerConfig, type ServerConfigInput } from './config';
export { systemClock, type Clock, type TimerHandle } from './clock';
export type {
  MediaHost,
  MediaService,
  MediaServiceFactory,
  SfuHandler,
  SfuHandlers,
  SfuMethodName,
} from './sfu/media-service';
export { SFU_METHODS } from './sfu/media-service';
