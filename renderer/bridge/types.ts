/**
 * The data types the renderer exchanges with its bridge. They are the IPC contract's own (common/ipc), so the
 * Electron preload, the browser bridge and main agree by construction.
 */
export type {
  CaptureSource,
  LaunchIntent,
  PickerChoice,
  PickerRequest,
  SecretName,
  SecretResult,
  Settings,
} from '../../common/ipc/types';
